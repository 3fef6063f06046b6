import { Type, type Static } from 'typebox';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { ORGANISATION_TYPES, type OrganisationType } from './schema.ts';

/** Field name → message key; turned into words at the edge. */
export type FieldProblems = Record<string, MessageKey>;

const OPTIONAL_NUMBER = '^$|^-?\\d{1,3}([.,]\\d{1,10})?$';

export const idempotencyKeyField = Type.String({ format: 'uuid' });

/** The organisation form as sent by the browser; what the rules below cannot express is checked in the parser. */
export const OrganisationFormSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  type: Type.Enum([...ORGANISATION_TYPES]),
  municipalityId: Type.String({ minLength: 1, maxLength: 36 }),
  street: Type.String({ maxLength: 200 }),
  postcode: Type.String({ maxLength: 10, pattern: '^$|^\\d{5}$' }),
  place: Type.String({ maxLength: 120 }),
  /** Only the network office sees these: a position set by hand instead of the one derived from the address. */
  lat: Type.Optional(Type.String({ maxLength: 20, pattern: OPTIONAL_NUMBER })),
  lng: Type.Optional(Type.String({ maxLength: 20, pattern: OPTIONAL_NUMBER })),
  website: Type.String({ maxLength: 300 }),
  email: Type.String({ maxLength: 254 }),
  phone: Type.String({ maxLength: 50, pattern: '^[0-9 +/()\\-.]*$' }),
  description: Type.String({ maxLength: 5000 }),
  idempotencyKey: Type.Optional(idempotencyKeyField),
});
export type OrganisationForm = Static<typeof OrganisationFormSchema>;

export interface OrganisationInput {
  name: string;
  type: OrganisationType;
  municipalityId: string;
  street: string;
  postcode: string;
  place: string;
  /** A position the network office set by hand; null: derived from the address (position.ts). */
  correction: { lat: number; lng: number } | null;
  website: string;
  email: string;
  phone: string;
  description: string;
}

/** "51,52" or "51.52" → 51.52; empty → null. */
export function parseDecimal(value: string): number | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const number = Number(trimmed.replace(',', '.'));
  return Number.isFinite(number) ? number : null;
}

/** Latitude and longitude come together and must lie on the globe. */
export function parseCoordinates(lat: string, lng: string): { ok: true; value: { lat: number; lng: number } | null } | { ok: false; problems: FieldProblems } {
  const la = parseDecimal(lat);
  const lo = parseDecimal(lng);
  const problems: FieldProblems = {};
  if (la === null && lo === null && lat.trim() === '' && lng.trim() === '') return { ok: true, value: null };
  if (la === null || la < -90 || la > 90) problems.lat = 'organisations.error.lat';
  if (lo === null || lo < -180 || lo > 180) problems.lng = 'organisations.error.lng';
  if (Object.keys(problems).length > 0 || la === null || lo === null) return { ok: false, problems };
  return { ok: true, value: { lat: la, lng: lo } };
}

/**
 * A web address as the organisation typed it, if a browser can open it as a web page:
 * "www.verein.de" is fine (shown as typed, linked with https://), "javascript:…" is not.
 */
export function websiteHref(website: string): string | null {
  const trimmed = website.trim();
  if (trimmed === '') return null;
  const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? null : `https://${trimmed}`;
  if (!withScheme) return null;
  try {
    const url = new URL(withScheme);
    if (!['http:', 'https:'].includes(url.protocol) || !url.hostname.includes('.') || /\s/.test(trimmed)) return null;
    return url.toString();
  } catch {
    return null;
  }
}

/** `mayCorrectPosition`: whether the sender may set the position by hand (the office); otherwise lat/lng are ignored. */
export function organisationInputFromForm(
  form: OrganisationForm,
  options: { mayCorrectPosition: boolean },
): { ok: true; value: OrganisationInput } | { ok: false; problems: FieldProblems } {
  const problems: FieldProblems = {};
  const coordinates = options.mayCorrectPosition ? parseCoordinates(form.lat ?? '', form.lng ?? '') : ({ ok: true, value: null } as const);
  if (!coordinates.ok) Object.assign(problems, coordinates.problems);
  if (form.website.trim() !== '' && !websiteHref(form.website)) problems.website = 'organisations.error.website';
  if (form.email.trim() !== '' && !isEmail(form.email.trim())) problems.email = 'form.email';
  if (Object.keys(problems).length > 0 || !coordinates.ok) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name: form.name.trim(),
      type: form.type,
      municipalityId: form.municipalityId,
      street: form.street.trim(),
      postcode: form.postcode.trim(),
      place: form.place.trim(),
      correction: coordinates.value,
      website: form.website.trim(),
      email: form.email.trim().toLowerCase(),
      phone: form.phone.trim(),
      description: form.description.replace(/\r\n?/g, '\n').trim(),
    },
  };
}

/** The shape of an address people type; whether it exists only a mail can tell. */
export function isEmail(value: string): boolean {
  return /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/.test(value) && value.length <= 254;
}
