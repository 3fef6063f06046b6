import type { MessageKey } from '../../platform/i18n/index.ts';
import { type Commitment, type Field, type Suitability, type TargetGroup, type TimeOfDay } from '../../platform/vocabulary.ts';
import { decodeEntities, descriptionPlainText, type OfferStatus } from '../offers/index.ts';

/*
 * What every import (FreiNet XML, CSV) hands to the one command that stores offers: a record with
 * only the fields its source knows, plus where it came from so every problem can name it.
 */

/** Documented limits (docs/import.md); the database columns are the same size or larger. */
export const IMPORT_LIMITS = {
  externalId: 64,
  title: 200,
  summary: 500,
  /** Characters of readable text in a description, after sanitising. */
  description: 10_000,
  organisation: 200,
  street: 200,
  place: 120,
  district: 120,
  listItem: 60,
  listItems: 20,
  hoursPerWeek: 80,
  peopleWanted: 9999,
  contactName: 120,
  contactEmail: 254,
  contactPhone: 50,
} as const;

/** A message key and its parameters; turned into words in the reader's language at the edge. */
export interface Problem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** Where a record is in its file: FreiNet counts offers (and knows the angebotsId), CSV counts lines. */
export interface Where {
  /** 1-based position of the offer element in a FreiNet file. */
  index?: number;
  line?: number;
  externalId?: string;
}

/** The offer's fields an import may set; a field a source does not know stays as it is on update. */
export interface OfferValues {
  title: string;
  summary: string;
  description: string;
  field: Field;
  targetGroups: TargetGroup[];
  skills: string[];
  tags: string[];
  commitment: Commitment;
  hoursPerWeek: number | null;
  weekdays: number[];
  timesOfDay: TimeOfDay[];
  suitability: Suitability[];
  remote: boolean;
  street: string;
  postcode: string;
  place: string;
  district: string;
  lat: number | null;
  lng: number | null;
  startsOn: string | null;
  endsOn: string | null;
  peopleWanted: number | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

export interface ImportRecord {
  where: Where;
  externalId: string;
  organisation: { externalId: string | null; name: string };
  /** What names the municipality: an explicit name (CSV "Kommune") and/or the place and district; absent: not given. */
  municipality?: { name: string; place: string; district: string };
  values: Partial<OfferValues> & { title: string };
  /** Omitted: publish (FreiNet). Given: the status the spreadsheet says. */
  status?: OfferStatus;
  /** FreiNet "erstellt": kept as the offer's creation time when it is new. */
  createdAt?: Date | null;
  /** FreiNet "bearbeitet" (or "erstellt"): when the offer was last current. */
  publishedAt?: Date | null;
  warnings: Problem[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: Problem };

/**
 * Text that should be plain: HTML entities decoded; if it carries markup, only its readable text.
 * Whatever remains is stored as text and escaped on every page, so it can never act as markup.
 */
export function plainText(value: string): string {
  const text = /<[a-zA-Z/!]/.test(value) ? descriptionPlainText(value) : decodeEntities(value);
  return text.replace(/\s+/g, ' ').trim();
}

/** "51.5256", "51,5256" → a number; empty → null; FreiNet writes 0.000000 for "unknown". */
export function parseCoordinate(raw: string, kind: 'lat' | 'lng'): Parsed<number | null> {
  const value = raw.trim();
  if (value === '') return { ok: true, value: null };
  const normalised = value.replace(',', '.');
  if (!/^[-+]?\d{1,3}(\.\d+)?$/.test(normalised)) return { ok: false, problem: coordinateProblem(kind, value) };
  const number = Number(normalised);
  const limit = kind === 'lat' ? 90 : 180;
  if (!Number.isFinite(number) || Math.abs(number) > limit) return { ok: false, problem: coordinateProblem(kind, value) };
  return { ok: true, value: number };
}

function coordinateProblem(kind: 'lat' | 'lng', value: string): Problem {
  return { key: kind === 'lat' ? 'imports.reason.lat' : 'imports.reason.lng', params: { value: value.slice(0, 40) } };
}

/** Both coordinates or neither; 0/0 (or one of them 0) is how exports say "not known". */
export function parseCoordinates(lat: string, lng: string): Parsed<{ lat: number; lng: number } | null> {
  const la = parseCoordinate(lat, 'lat');
  if (!la.ok) return la;
  const lo = parseCoordinate(lng, 'lng');
  if (!lo.ok) return lo;
  if (la.value === null && lo.value === null) return { ok: true, value: null };
  if (la.value === 0 || lo.value === 0) return { ok: true, value: null };
  if (la.value === null || lo.value === null) return { ok: false, problem: { key: 'imports.reason.coordinatesPair' } };
  return { ok: true, value: { lat: la.value, lng: lo.value } };
}

/** A text over its documented limit is a reason to skip the record, never to cut it silently. */
export function tooLong(value: string, max: number, column: string): Problem | null {
  return [...value].length > max ? { key: 'imports.reason.tooLong', params: { column, max, length: [...value].length } } : null;
}

/** German postcodes have five digits; anything else is dropped with a warning rather than stored wrong. */
export function isPostcode(value: string): boolean {
  return /^\d{5}$/.test(value);
}
