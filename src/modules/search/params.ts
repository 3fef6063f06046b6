import { withoutGender } from './german.ts';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { COMMITMENTS, FIELDS, SUITABILITY, TARGET_GROUPS, TIMES_OF_DAY, type Commitment, type Field, type Suitability, type TargetGroup, type TimeOfDay } from '../../platform/vocabulary.ts';

export const SORTS = ['relevanz', 'neu', 'entfernung'] as const;
export type Sort = (typeof SORTS)[number];

export const PER_PAGE = 20;
export const MAX_PAGE = 500;
export const RADIUS_CHOICES = [5, 10, 25, 50, 100] as const;

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

function oneOf<T extends readonly string[]>(values: T) {
  return Type.Union(values.map((v) => Type.Literal(v)));
}

/**
 * The search's query parameters, German as in the address bar, shared by the page, the JSON API and
 * saved searches. Repeated parameters (feld=a&feld=b) are arrays; a single one is coerced to an array.
 */
export const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'German full text' })),
    netzwerk: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,60}$', description: 'network slug' })),
    feld: Type.Optional(Type.Array(oneOf(FIELDS), { maxItems: FIELDS.length })),
    zielgruppe: Type.Optional(Type.Array(oneOf(TARGET_GROUPS), { maxItems: TARGET_GROUPS.length })),
    kommune: Type.Optional(Type.Array(Type.String({ pattern: UUID }), { maxItems: 50, description: 'municipality ids' })),
    ort: Type.Optional(Type.String({ maxLength: 100, description: 'municipality name or German postcode' })),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    umkreis: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'radius in km' })),
    einsatz: Type.Optional(Type.Array(oneOf(COMMITMENTS), { maxItems: COMMITMENTS.length })),
    wochentag: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { maxItems: 7 })),
    tageszeit: Type.Optional(Type.Array(oneOf(TIMES_OF_DAY), { maxItems: TIMES_OF_DAY.length })),
    geeignet: Type.Optional(Type.Array(oneOf(SUITABILITY), { maxItems: SUITABILITY.length })),
    remote: Type.Optional(Type.Boolean()),
    sort: Type.Optional(oneOf(SORTS)),
    seite: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

/** The filters that have counts beside their values. */
export const FACET_GROUPS = ['netzwerk', 'feld', 'zielgruppe', 'kommune', 'einsatz', 'wochentag', 'tageszeit', 'geeignet', 'remote'] as const;
export type FacetGroup = (typeof FACET_GROUPS)[number];

/** A search as the queries understand it: words split, arrays always present, the page a number. */
export interface SearchParams {
  text: string;
  words: string[];
  network: string | undefined;
  fields: Field[];
  targetGroups: TargetGroup[];
  municipalityIds: string[];
  place: string | undefined;
  position: { lat: number; lng: number } | undefined;
  /** Only one of lat and lng was given. */
  positionIncomplete: boolean;
  radiusKm: number | undefined;
  commitments: Commitment[];
  weekdays: number[];
  timesOfDay: TimeOfDay[];
  suitability: Suitability[];
  remoteOnly: boolean;
  sort: Sort | undefined;
  page: number;
}

export const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 40;

/**
 * The words a person typed, lower-cased, without punctuation. Anything that is not a letter or digit
 * separates words, so no input can reach the tsquery syntax.
 */
export function wordsOf(text: string): string[] {
  // Gender forms ("Trainer:in", "TrainerIn") read as the base word before the case is lost (german.ts).
  const found = withoutGender(text.normalize('NFC')).toLocaleLowerCase('de-DE').match(/[\p{L}\p{N}]+/gu) ?? [];
  const words: string[] = [];
  for (const word of found) {
    if (word.length < 2) continue;
    const cut = word.slice(0, MAX_WORD_LENGTH);
    if (!words.includes(cut)) words.push(cut);
    if (words.length === MAX_WORDS) break;
  }
  return words;
}

function unique<T>(values: readonly T[] | undefined): T[] {
  return [...new Set(values ?? [])];
}

export function toSearchParams(query: SearchQuery): SearchParams {
  const text = (query.q ?? '').trim();
  return {
    text,
    words: wordsOf(text),
    network: query.netzwerk,
    fields: unique(query.feld),
    targetGroups: unique(query.zielgruppe),
    municipalityIds: unique(query.kommune?.map((id) => id.toLowerCase())),
    place: query.ort?.trim() || undefined,
    position: query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : undefined,
    positionIncomplete: (query.lat === undefined) !== (query.lng === undefined),
    radiusKm: query.umkreis,
    commitments: unique(query.einsatz),
    weekdays: unique(query.wochentag).sort(),
    timesOfDay: unique(query.tageszeit),
    suitability: unique(query.geeignet),
    remoteOnly: query.remote === true,
    sort: query.sort,
    page: query.seite ?? 1,
  };
}

/** Back to query parameters, for links (pagination, suggestions, filters) and saved searches. */
export function toQuery(params: SearchParams, changes: Partial<SearchParams> = {}): Record<string, string | string[]> {
  const p = { ...params, ...changes };
  const query: Record<string, string | string[]> = {};
  if (p.text) query.q = p.text;
  if (p.network) query.netzwerk = p.network;
  if (p.fields.length) query.feld = p.fields;
  if (p.targetGroups.length) query.zielgruppe = p.targetGroups;
  if (p.municipalityIds.length) query.kommune = p.municipalityIds;
  if (p.place) query.ort = p.place;
  if (p.position && !p.place) {
    query.lat = String(p.position.lat);
    query.lng = String(p.position.lng);
  }
  if (p.radiusKm !== undefined) query.umkreis = String(p.radiusKm);
  if (p.commitments.length) query.einsatz = p.commitments;
  if (p.weekdays.length) query.wochentag = p.weekdays.map(String);
  if (p.timesOfDay.length) query.tageszeit = p.timesOfDay;
  if (p.suitability.length) query.geeignet = p.suitability;
  if (p.remoteOnly) query.remote = 'true';
  if (p.sort) query.sort = p.sort;
  if (p.page > 1) query.seite = String(p.page);
  return query;
}

export function toQueryString(query: Record<string, string | string[]>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
  }
  return search.toString();
}

/**
 * Empty form fields mean "no filter": a GET form sends `umkreis=&ort=` when nothing is chosen.
 * Dropping them before validation keeps the no-JavaScript form valid.
 */
export function withoutEmptyValues(raw: unknown): Record<string, string | string[]> {
  const clean: Record<string, string | string[]> = {};
  if (!raw || typeof raw !== 'object') return clean;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === 'string') {
      if (value.trim() !== '') clean[key] = value;
    } else if (Array.isArray(value)) {
      const kept = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
      if (kept.length) clean[key] = kept;
    }
  }
  return clean;
}

/**
 * Checks stored or posted parameters (saved searches) against the same schema the routes use,
 * with the same coercions the HTTP layer applies (strings to numbers, single values to arrays).
 */
export function parseSearchQuery(raw: unknown): SearchQuery | undefined {
  const clean: Record<string, unknown> = withoutEmptyValues(raw);
  for (const [key, value] of Object.entries(clean)) {
    const schema = SearchQuery.properties[key as keyof typeof SearchQuery.properties];
    if (!schema) {
      delete clean[key];
      continue;
    }
    const isArray = 'type' in schema && schema.type === 'array';
    if (isArray && !Array.isArray(value)) clean[key] = [value];
    if (!isArray && Array.isArray(value)) clean[key] = value.length === 1 ? value[0] : value;
  }
  const converted = Value.Convert(SearchQuery, clean);
  return Value.Check(SearchQuery, converted) ? (converted as SearchQuery) : undefined;
}

/** Parameters from a query string such as `q=Garten&feld=umwelt` (the hidden field of the save form). */
export function parseQueryString(text: string): SearchQuery | undefined {
  const raw: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = raw[key];
    raw[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return parseSearchQuery(raw);
}
