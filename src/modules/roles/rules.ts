import type { Role } from './schema.ts';

/*
 * The rules of this module as plain functions over plain values: used by the commands (which
 * decide) and by the routes (which show every problem of a form at once).
 */

/** A problem with one form field: a message key of this module and its parameters. */
export interface Problem {
  key: ProblemKey;
  params?: Record<string, string | number>;
}
export type Problems = Record<string, Problem>;

export type ProblemKey =
  | 'roles.error.municipalityRequired'
  | 'roles.error.unknownMunicipality'
  | 'roles.error.alreadyMember'
  | 'roles.error.invitationOpen'
  | 'roles.error.colourFormat'
  | 'roles.error.colourContrast'
  | 'roles.error.ags'
  | 'roles.error.agsTaken'
  | 'roles.error.latitude'
  | 'roles.error.longitude'
  | 'roles.error.inhabitants'
  | 'roles.error.municipalityNameTaken';

/** Invitation links stay valid this long. */
export const INVITATION_DAYS = 14;

/** Guides and municipality contacts act for particular municipalities, so they must have at least one. */
export const ROLES_WITH_MUNICIPALITIES: readonly Role[] = ['guide', 'municipality_contact'];

export function needsMunicipalities(role: Role): boolean {
  return ROLES_WITH_MUNICIPALITIES.includes(role);
}

// ---- colours -------------------------------------------------------------------------------

export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** White text sits on the network colours (header, buttons): WCAG 2.1 1.4.3 asks 4.5:1 for it. */
export const MIN_CONTRAST_TO_WHITE = 4.5;

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance as WCAG 2.1 defines it, for a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** What is wrong with a network colour, if anything. */
export function colourProblem(value: string): Problem | undefined {
  if (!HEX_COLOUR.test(value)) return { key: 'roles.error.colourFormat' };
  const ratio = contrastRatio(value, '#ffffff');
  if (ratio < MIN_CONTRAST_TO_WHITE) {
    // Rounded down, so the message never claims a passing ratio for a failing colour.
    return { key: 'roles.error.colourContrast', params: { colour: value.toLowerCase(), ratio: Math.floor(ratio * 10) / 10 } };
  }
  return undefined;
}

/**
 * A colour field comes as a text box and a colour picker (so it works for keyboards, screen
 * readers and mice alike). The picker wins only when the person moved it away from what it showed.
 */
export function chosenColour(text: string | undefined, picker: string | undefined, pickerShown: string | undefined): string {
  if (picker && HEX_COLOUR.test(picker) && pickerShown !== undefined && picker.toLowerCase() !== pickerShown.toLowerCase()) {
    return picker.toLowerCase();
  }
  const typed = (text ?? '').trim();
  return HEX_COLOUR.test(typed) ? typed.toLowerCase() : typed;
}

// ---- municipalities ------------------------------------------------------------------------

export interface MunicipalityInput {
  name: string;
  type: string;
  ags: string;
  lat: string;
  lng: string;
  inhabitants: string;
}

export interface MunicipalityValues {
  name: string;
  type: string;
  ags: string | null;
  lat: number | null;
  lng: number | null;
  inhabitants: number | null;
}

/** German forms write decimals with a comma; both are accepted. */
function decimal(value: string): number | undefined {
  if (!/^[+-]?\d{1,3}(?:[.,]\d{1,12})?$/.test(value)) return undefined;
  return Number(value.replace(',', '.'));
}

/** Turns the typed strings into stored values; empty optional fields become null. */
export function parseMunicipality(input: MunicipalityInput): { ok: true; values: MunicipalityValues } | { ok: false; problems: Problems } {
  const problems: Problems = {};
  const ags = input.ags.trim();
  if (ags && !/^\d{8}$/.test(ags)) problems.ags = { key: 'roles.error.ags' };

  const coordinate = (raw: string, limit: number, field: 'lat' | 'lng'): number | null => {
    const text = raw.trim();
    if (!text) return null;
    const value = decimal(text);
    if (value === undefined || value < -limit || value > limit) {
      problems[field] = { key: field === 'lat' ? 'roles.error.latitude' : 'roles.error.longitude' };
      return null;
    }
    return value;
  };
  const lat = coordinate(input.lat, 90, 'lat');
  const lng = coordinate(input.lng, 180, 'lng');

  let inhabitants: number | null = null;
  const people = input.inhabitants.trim();
  if (people) {
    // Whole numbers, optionally with German thousands dots (12.345).
    if (!/^(?:\d{1,9}|\d{1,3}(?:\.\d{3}){1,2})$/.test(people)) problems.inhabitants = { key: 'roles.error.inhabitants' };
    else inhabitants = Number(people.replace(/\./g, ''));
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, values: { name: input.name.trim(), type: input.type.trim(), ags: ags || null, lat, lng, inhabitants } };
}
