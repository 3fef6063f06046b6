import { asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Db } from '../../platform/db.ts';
import { savedSearches } from '../offers/schema.ts';
import type { Commitment, Field } from '../offers/vocabulary.ts';
import { FACET_GROUPS, MAX_PAGE, PER_PAGE, type FacetGroup, type SearchParams, type Sort } from './params.ts';
import { findDemoPostcode, isPostcode } from './postcodes.ts';
import { decodeEntities, MARK_START, MARK_STOP, plain, similarity } from './text.ts';
import type { IndexAnswer, IndexQuery, OfferIndex } from './memory.ts';
import { liveOfferIndex } from './memory-sync.ts';

/** A search whose names are turned into ids and coordinates, ready for SQL. */
export interface ResolvedSearch {
  params: SearchParams;
  networkId: string | undefined;
  municipalityIds: string[];
  position: { lat: number; lng: number; label: string } | undefined;
  /** Only with a position. */
  radiusKm: number | undefined;
  /** Stemmed words with prefix matching; undefined when nothing searchable was typed. */
  text: TextQuery | undefined;
  sort: Sort;
  /** Only offers published after this moment (the saved-search digest). */
  publishedAfter?: Date | undefined;
}

export interface TextQuery {
  /** Per word: the word as typed (lower case) and its tsquery term (stem with prefix matching). */
  words: Array<{ word: string; term: string; lexemes: string[] }>;
  /** All terms joined with AND. */
  tsquery: string;
}

export type SearchProblemCode =
  | 'search.network_unknown'
  | 'search.municipality_unknown'
  | 'search.place_unknown'
  | 'search.postcode_unknown'
  | 'search.position_incomplete'
  | 'search.radius_needs_place'
  | 'search.sort_needs_place';

/** Something in the request that could not be used; the search runs without it. */
export interface SearchProblem {
  field: string;
  code: SearchProblemCode;
}

type Row = Record<string, unknown>;

async function rows<T extends Row>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** A PostgreSQL array literal, passed as one parameter (drizzle spreads JS arrays into lists). */
function arrayLiteral(values: readonly (string | number)[]): string {
  return `{${values.map((v) => `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** The word as typed, and with "ae/oe/ue" read as umlauts (older stemmers, e.g. PostgreSQL 15's, keep them apart). */
function spellings(word: string): string[] {
  const umlauts = word.replace(/ae/g, 'ä').replace(/oe/g, 'ö').replace(/ue/g, 'ü');
  return umlauts === word ? [word] : [word, umlauts];
}

function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/'/g, "''").replace(/\\/g, '\\\\')}':*`;
}

/** Stems already asked for, per database handle: the stemmer's answers never change. */
const stemCache = new WeakMap<object, Map<string, string[] | null>>();
const STEM_CACHE_SIZE = 10_000;

/** The German snowball stemmer's lexemes for each word (null for a stop word), from the cache or the database. */
async function stemsOf(db: Db, words: string[]): Promise<Array<{ word: string; lexemes: string[] | null }>> {
  let cache = stemCache.get(db);
  if (!cache) stemCache.set(db, (cache = new Map()));
  const missing = words.filter((w) => !cache.has(w));
  if (missing.length) {
    const found = await rows<{ word: string; lexemes: string[] | null }>(
      db,
      sql`select w as word, ts_lexize('german_stem', w) as lexemes from unnest(${arrayLiteral(missing)}::text[]) as w`,
    );
    if (cache.size + found.length > STEM_CACHE_SIZE) cache.clear();
    for (const f of found) cache.set(f.word, f.lexemes);
  }
  return words.map((word) => ({ word, lexemes: cache.get(word) ?? null }));
}

/** Stems the words with the German snowball stemmer; stop words drop out. */
export async function prepareText(db: Db, words: string[]): Promise<TextQuery | undefined> {
  if (words.length === 0) return undefined;
  const all = [...new Set(words.flatMap(spellings))];
  const stems = await stemsOf(db, all);
  const prepared: TextQuery['words'] = [];
  for (const word of words) {
    // Words with digits are indexed unstemmed (the parser's numword/uint go to the simple dictionary).
    const lexemes = /\d/.test(word)
      ? [word]
      : [...new Set(spellings(word).map((w) => stems.find((s) => s.word === w)?.lexemes?.[0]).filter((l): l is string => !!l))];
    if (lexemes.length === 0) continue;
    const terms = lexemes.map(quoteLexeme);
    prepared.push({ word, lexemes, term: terms.length === 1 ? terms[0]! : `(${terms.join(' | ')})` });
  }
  if (prepared.length === 0) return undefined;
  return { words: prepared, tsquery: prepared.map((w) => w.term).join(' & ') };
}

export interface ResolvedPlace {
  label: string;
  lat: number;
  lng: number;
}

/**
 * A place typed by a person: a German postcode (demo table, else the average position of organisations
 * and offers with that postcode) or a municipality's name, with or without umlauts ("Loebnitz", "Lobnitz").
 */
export async function resolvePlace(
  db: Db,
  text: string,
): Promise<{ ok: true; place: ResolvedPlace } | { ok: false; code: 'search.place_unknown' | 'search.postcode_unknown' }> {
  const input = text.trim();
  if (isPostcode(input)) {
    const known = findDemoPostcode(input);
    if (known) return { ok: true, place: { label: `${input} ${known.places[0] ?? ''}`.trim(), lat: known.lat, lng: known.lng } };
    const [found] = await rows<{ lat: number | null; lng: number | null }>(
      db,
      sql`select avg(lat)::float8 as lat, avg(lng)::float8 as lng from (
            select lat, lng from organisations where postcode = ${input} and lat is not null and lng is not null
            union all
            select lat, lng from offers where postcode = ${input} and lat is not null and lng is not null
          ) p`,
    );
    if (found?.lat != null && found.lng != null) return { ok: true, place: { label: input, lat: found.lat, lng: found.lng } };
    return { ok: false, code: 'search.postcode_unknown' };
  }
  const typed = plain(input);
  // "oe" for "ö" as on keyboards without umlauts; unaccent() on the stored names removes the dots.
  const variants = [...new Set([typed, typed.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u')])].filter(Boolean);
  if (variants.length === 0) return { ok: false, code: 'search.place_unknown' };
  const likes = variants.map((v) => `${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [match] = await rows<{ name: string; lat: number; lng: number }>(
    db,
    sql`select name, lat, lng from municipalities
        where lat is not null and lng is not null
          and (lower(unaccent(name)) = any(${arrayLiteral(variants)}::text[])
               or lower(unaccent(name)) like any(${arrayLiteral(likes)}::text[]))
        order by (lower(unaccent(name)) = any(${arrayLiteral(variants)}::text[])) desc, length(name), name
        limit 1`,
  );
  if (!match) return { ok: false, code: 'search.place_unknown' };
  return { ok: true, place: { label: match.name, lat: match.lat, lng: match.lng } };
}

/** Turns names into ids and coordinates; whatever cannot be used is reported and left out. */
export async function resolveSearch(
  db: Db,
  params: SearchParams,
): Promise<{ search: ResolvedSearch; problems: SearchProblem[] }> {
  const problems: SearchProblem[] = [];
  let networkId: string | undefined;
  if (params.network) {
    const [network] = await rows<{ id: string }>(db, sql`select id from networks where slug = ${params.network}`);
    if (network) networkId = network.id;
    else problems.push({ field: 'netzwerk', code: 'search.network_unknown' });
  }
  let municipalityIds: string[] = [];
  if (params.municipalityIds.length) {
    const found = await rows<{ id: string }>(
      db,
      sql`select id from municipalities where id = any(${arrayLiteral(params.municipalityIds)}::uuid[])`,
    );
    municipalityIds = found.map((m) => m.id);
    if (municipalityIds.length < params.municipalityIds.length) problems.push({ field: 'kommune', code: 'search.municipality_unknown' });
  }
  let position: ResolvedSearch['position'];
  if (params.place) {
    const place = await resolvePlace(db, params.place);
    if (place.ok) position = place.place;
    else problems.push({ field: 'ort', code: place.code });
  } else if (params.position) {
    position = { ...params.position, label: '' };
  }
  if (!params.place && params.positionIncomplete) problems.push({ field: 'lat', code: 'search.position_incomplete' });
  let radiusKm = params.radiusKm;
  if (radiusKm !== undefined && !position) {
    radiusKm = undefined;
    if (!params.place) problems.push({ field: 'umkreis', code: 'search.radius_needs_place' });
  }
  const text = await prepareText(db, params.words);
  let sort: Sort = params.sort ?? (text ? 'relevanz' : position ? 'entfernung' : 'neu');
  if (sort === 'entfernung' && !position) {
    sort = text ? 'relevanz' : 'neu';
    if (!params.place) problems.push({ field: 'sort', code: 'search.sort_needs_place' });
  }
  return { search: { params, networkId, municipalityIds, position, radiusKm, text, sort }, problems };
}

export interface OfferHit {
  id: string;
  title: string;
  organisation: { id: string; name: string };
  network: { slug: string; name: string };
  municipality: { id: string; name: string } | null;
  place: string;
  field: Field;
  commitment: Commitment;
  remote: boolean;
  distanceKm: number | null;
  /** Plain text with MARK_START/MARK_STOP around the words that matched. */
  snippet: string;
  publishedAt: Date | null;
}

export interface FacetValue {
  value: string;
  count: number;
}

export type Facets = Record<FacetGroup, FacetValue[]>;

/**
 * Counts are exact up to this many matching offers. Beyond it a search reads only this many (plus one,
 * to know there are more): the nearest ones around a place, else the newest; the total then reads
 * "more than 1,000", pages end there, and a filter group's counts are shown only where they are complete.
 */
export const COUNT_LIMIT = 1000;

export interface SearchResult {
  /** Exact from the in-memory index; from the database at most COUNT_LIMIT, with `totalExact` false when more offers match. */
  total: number;
  totalExact: boolean;
  page: number;
  perPage: number;
  items: OfferHit[];
  /** Counts per filter value; empty for a group whose `facetsExact` is false (too many offers to count). */
  facets: Facets;
  facetsExact: Record<FacetGroup, boolean>;
  /** fulltext: the words were found; similar: nothing was, these are offers with similar titles. */
  mode: 'all' | 'fulltext' | 'similar';
  /** A corrected query text when few or no offers matched ("Meinten Sie …?"). */
  suggestion: string | undefined;
  sort: Sort;
  position: ResolvedSearch['position'];
  radiusKm: number | undefined;
}

type TextMode = 'fulltext' | 'similar';

function distanceSql(position: { lat: number; lng: number }): SQL {
  const { lat, lng } = position;
  // Haversine on a sphere of the earth's mean radius; least() keeps asin in its domain despite rounding.
  return sql`(case when o.lat is null or o.lng is null then null else 12742.0176 * asin(least(1.0, sqrt(
      power(sin(radians(o.lat - ${lat}::float8) / 2), 2) +
      cos(radians(${lat}::float8)) * cos(radians(o.lat)) * power(sin(radians(o.lng - ${lng}::float8) / 2), 2)))) end)`;
}

/** Conditions every search has: published, not expired (and the digest's time window). */
function coreConditions(search: ResolvedSearch, now: Date): SQL[] {
  const conditions: SQL[] = [
    sql`o.status = 'published'`,
    sql`(o.expires_at is null or o.expires_at > ${now.toISOString()}::timestamptz)`,
  ];
  if (search.publishedAfter) {
    conditions.push(sql`o.published_at > ${search.publishedAfter.toISOString()}::timestamptz`);
    conditions.push(sql`o.published_at <= ${now.toISOString()}::timestamptz`);
  }
  return conditions;
}

/** The words: full text, or (mode `similar`) full text or a title that resembles each word. */
function textConditions(search: ResolvedSearch, mode: TextMode | undefined): SQL[] {
  if (!search.text || !mode) return [];
  if (mode === 'fulltext') return [sql`o.search @@ ${search.text.tsquery}::tsquery`];
  // Each word either matches the full text or resembles a word of the title (pg_trgm's <% operator,
  // which the title's trigram index answers; the plain % operator misbehaves on PGlite).
  return search.text.words.map(({ word, term }) =>
    word.length >= 3 ? sql`(o.search @@ ${term}::tsquery or ${word} <% o.title)` : sql`o.search @@ ${term}::tsquery`,
  );
}

/**
 * Located within `km` of the position: the box lets the GiST index on point(lng, lat) find the
 * candidates, the exact distance decides. Null when the offer has no coordinates.
 */
function withinSql(position: { lat: number; lng: number }, km: number): SQL {
  return sql`(${inBoxSql(position, km)} and ${distanceSql(position)} <= ${km}::float8)`;
}

/** Within the box around a circle of `km`: what the GiST index on point(lng, lat) answers. */
function inBoxSql(position: { lat: number; lng: number }, km: number): SQL {
  const { lat, lng } = position;
  const dLat = km / 111.2;
  const cosLat = Math.cos((lat * Math.PI) / 180);
  const dLng = cosLat > 0.01 ? km / (111.2 * cosLat) : 360;
  return sql`point(o.lng, o.lat) <@ box(point(${lng - dLng}::float8, ${lat - dLat}::float8), point(${lng + dLng}::float8, ${lat + dLat}::float8))`;
}

/**
 * The offers to read from, as `o`. With words, the word conditions (and `narrowing`: the place, or
 * "remote") sit in a subquery the planner cannot merge (OFFSET 0), so that only the full-text index and
 * the index for the narrowing are candidates. Otherwise it walks an index on published offers and
 * tests the words on every row (8,000 rows at 10k offers): it overrates the cost of prefix words in the
 * full-text index.
 */
function offersSource(scope: Scope, narrowing: SQL[] = []): SQL {
  const text = textConditions(scope.search, scope.mode);
  if (text.length === 0) return narrowing.length ? sql`(select * from offers o where ${sql.join(narrowing, sql` and `)}) as o` : sql`offers o`;
  return sql`(select * from offers o where ${sql.join([...text, ...narrowing], sql` and `)} offset 0) as o`;
}

/** One condition per filter group in use, so facet counts can leave their own group out. */
function filterConditions(search: ResolvedSearch): Partial<Record<FacetGroup, SQL>> {
  const p = search.params;
  const filters: Partial<Record<FacetGroup, SQL>> = {};
  if (search.networkId) filters.netzwerk = sql`o.network_id = ${search.networkId}::uuid`;
  // One field as a plain equality, so that the index on (field, published_at) lists it newest first.
  if (p.fields.length === 1) filters.feld = sql`o.field = ${p.fields[0]}`;
  else if (p.fields.length) filters.feld = sql`o.field = any(${arrayLiteral(p.fields)}::text[])`;
  if (p.targetGroups.length) filters.zielgruppe = sql`o.target_groups && ${arrayLiteral(p.targetGroups)}::text[]`;
  if (search.municipalityIds.length) filters.kommune = sql`o.municipality_id = any(${arrayLiteral(search.municipalityIds)}::uuid[])`;
  if (p.commitments.length) filters.einsatz = sql`o.commitment = any(${arrayLiteral(p.commitments)}::text[])`;
  if (p.weekdays.length) filters.wochentag = sql`o.weekdays && ${arrayLiteral(p.weekdays)}::smallint[]`;
  if (p.timesOfDay.length) filters.tageszeit = sql`o.times_of_day && ${arrayLiteral(p.timesOfDay)}::text[]`;
  // Suitability narrows: an offer must suit every need ticked (wheelchair AND little German).
  if (p.suitability.length) filters.geeignet = sql`o.suitability @> ${arrayLiteral(p.suitability)}::text[]`;
  if (p.remoteOnly) filters.remote = sql`o.remote`;
  return filters;
}

function rankSql(search: ResolvedSearch, mode: TextMode | undefined): SQL {
  if (!search.text || !mode) return sql`0::float8`;
  if (mode === 'fulltext') return sql`ts_rank_cd(o.search, ${search.text.tsquery}::tsquery)::float8`;
  const parts = search.text.words.map(({ word }) => sql`word_similarity(${word}, o.title)`);
  return sql`(${sql.join(parts, sql` + `)})::float8`;
}

function orderSql(sort: Sort): SQL {
  switch (sort) {
    case 'relevanz':
      return sql`rank desc, published_at desc nulls last, id`;
    case 'entfernung':
      return sql`distance asc nulls last, published_at desc nulls last, id`;
    case 'neu':
      return sql`published_at desc nulls last, id`;
  }
}

/**
 * Which offers a search reads when more than COUNT_LIMIT match. `found`: the first ones found (words
 * without a place: ordering all matches first would read every one of them). `newest`: the newest ones.
 * `near`: the nearest ones within `ringKm` (everywhere when undefined), sorted by distance; with
 * `remote`, remote offers outside the radius follow, newest first (only when fewer than the limit are
 * near, so that they cannot crowd out the offers nearby).
 */
type Sampling =
  | { kind: 'found' }
  | { kind: 'newest' }
  | { kind: 'near'; position: { lat: number; lng: number }; ringKm: number | undefined; remote: boolean; placeFirst: boolean };

interface Scope {
  search: ResolvedSearch;
  now: Date;
  mode: TextMode | undefined;
  /** COUNT_LIMIT, smaller in tests. */
  limit: number;
}

/**
 * The offers matching words and `conditions` in the order of `sampling`, with `columns` and `distance`:
 * at most the limit + 1, or all of them (`unbounded`). `order` restates the order over those columns.
 */
function sampleSql(scope: Scope, conditions: SQL[], sampling: Sampling, columns: SQL, unbounded: boolean): { select: SQL; order: SQL | undefined } {
  const limit = unbounded ? sql`` : sql` limit ${scope.limit + 1}`;
  const where = (extra: SQL[]) => sql.join([...coreConditions(scope.search, scope.now), ...conditions, ...extra], sql` and `);
  const from = offersSource(scope);
  const newest = sql`published_at desc nulls last, id`;
  const byDistance = sql`distance asc nulls last, published_at desc nulls last, id`;
  if (sampling.kind === 'found') {
    return { select: sql`select ${columns}, null::float8 as distance from ${from} where ${where([])}${limit}`, order: undefined };
  }
  if (sampling.kind === 'newest') {
    return { select: sql`select ${columns}, null::float8 as distance from ${from} where ${where([])} order by ${newest}${limit}`, order: newest };
  }
  const { position, ringKm } = sampling;
  const distance = distanceSql(position);
  if (ringKm === undefined) {
    return { select: sql`select ${columns}, ${distance} as distance from ${from} where ${where([])} order by ${byDistance}${limit}`, order: byDistance };
  }
  const within = withinSql(position, ringKm);
  // Remote offers match every place; they carry no distance, so that "by distance" lists them last.
  if (scope.search.text && !sampling.placeFirst) {
    // Every match of the words is read: one pass decides near or remote.
    const place = sampling.remote ? sql`(${within} or o.remote)` : within;
    return {
      select: sql`select ${columns}, case when ${within} then ${distance} end as distance from ${from}
        where ${where([place])} order by ${byDistance}${limit}`,
      order: byDistance,
    };
  }
  const near = sql`select ${columns}, ${distance} as distance from ${offersSource(scope, [within])} where ${where([])} order by ${byDistance}${limit}`;
  if (!sampling.remote) return { select: near, order: byDistance };
  // Apart, so that the remote offers (5 % of all in the generated data) are read only up to the limit.
  const remote = sql`select ${columns}, null::float8 as distance from ${offersSource(scope, [sql`o.remote`])}
      where ${where([sql`not coalesce(${within}, false)`])} order by ${newest}${limit}`;
  return {
    select: sql`select * from ((${near}) union all (${remote})) as both_parts order by ${byDistance}${limit}`,
    order: byDistance,
  };
}

/** How many published offers match `conditions` (words left out), counted up to `limit` + 1. */
async function countUpTo(db: Db, scope: Scope, conditions: SQL[], limit: number): Promise<number> {
  const where = [...coreConditions(scope.search, scope.now), ...conditions];
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from offers o where ${sql.join(where, sql` and `)} limit ${limit + 1}) as upto`,
  );
  return Number(row?.n ?? 0);
}

/** Words and a place: the place is the way in at least when its box is expected to hold at most this many times the limit. */
const PLACE_FIRST = 4;

/**
 * How many offers the planner expects the words to match (from the full-text column's statistics) and
 * how many lie in the box (from the histograms of lat and lng): one planning, nothing read.
 */
async function estimateWordsAndBox(db: Db, scope: Scope, position: { lat: number; lng: number }, km: number): Promise<{ words: number; box: number }> {
  const { lat, lng } = position;
  const dLat = km / 111.2;
  const cosLat = Math.cos((lat * Math.PI) / 180);
  const dLng = cosLat > 0.01 ? km / (111.2 * cosLat) : 360;
  const [row] = await rows<{ 'QUERY PLAN': unknown }>(
    db,
    sql`explain (format json) select 1 from ${offersSource(scope)}
        union all select 1 from offers o where o.lat between ${lat - dLat}::float8 and ${lat + dLat}::float8
          and o.lng between ${lng - dLng}::float8 and ${lng + dLng}::float8`,
  );
  const raw = row?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan?: { Plans?: Array<{ 'Plan Rows'?: number }> } }> | undefined;
  const [words, box] = (plan?.[0]?.Plan?.Plans ?? []).map((p) => Number(p['Plan Rows'] ?? NaN));
  return { words: Number.isFinite(words) ? words! : Infinity, box: Number.isFinite(box) ? box! : Infinity };
}

/**
 * Around a place the offers read are the nearest ones. Without words, when more than the limit lie
 * within the radius, a smaller circle that still holds more than the limit is looked for (an eighth, a
 * quarter, half the radius), so that sorting by distance reads a few thousand offers, not every one
 * within 50 km; each count stops at the limit. With filters (`wide`) the whole radius: counting in rings
 * would read more than it saves. With words the whole radius too, read through the box index when the
 * box is expected to hold fewer offers than the words match, else through the full-text index (the
 * planner cannot tell by itself: it takes every box for a thousandth of the table).
 */
async function chooseSampling(db: Db, scope: Scope, conditions: SQL[], wide: boolean): Promise<Sampling> {
  const { position, radiusKm, sort, text } = scope.search;
  if (!position || (radiusKm === undefined && sort !== 'entfernung')) return text && sort !== 'neu' ? { kind: 'found' } : { kind: 'newest' };
  const whole = { kind: 'near' as const, position, ringKm: radiusKm, remote: radiusKm !== undefined, placeFirst: false };
  if (text) {
    if (radiusKm === undefined) return whole;
    // The place first when its box is expected to hold fewer offers than the words match.
    const expected = await estimateWordsAndBox(db, scope, position, radiusKm);
    return { ...whole, placeFirst: expected.box <= Math.max(PLACE_FIRST * scope.limit, expected.words) };
  }
  if (wide) return whole;
  if ((await countUpTo(db, scope, [...conditions, ...(radiusKm === undefined ? [] : [withinSql(position, radiusKm)])], scope.limit)) <= scope.limit) return whole;
  const rings = radiusKm !== undefined ? [radiusKm / 8, radiusKm / 4, radiusKm / 2] : [2, 8, 32, 128, 512, 2048];
  for (const ringKm of rings) {
    if ((await countUpTo(db, scope, [...conditions, withinSql(position, ringKm)], scope.limit)) > scope.limit) return { ...whole, ringKm, remote: false };
  }
  return { ...whole, remote: false };
}

interface Scanned {
  /** Offers read that match words and place (at most the limit + 1). */
  read: number;
  /** Of the offers read, those passing every filter (at most the limit + 1). */
  passing: number;
  /** The same, as reported: at most the limit. */
  total: number;
  facets: Facets;
  ids: string[];
}

function emptyFacets(): Facets {
  return { netzwerk: [], feld: [], zielgruppe: [], kommune: [], einsatz: [], wochentag: [], tageszeit: [], geeignet: [], remote: [] };
}

/**
 * One statement for everything but the texts of the hits. The offers matching words and place (see
 * `sampleSql`) are materialised once, numbered in their order, with every filter as a flag. Of them,
 * `base` is the first limit + 1, `passing` the first limit + 1 that pass every filter. The hits of the
 * page are ordered from the first `limit` of `passing` (pages end there), of which only the ids come back. Counts per filter value (with the
 * other filters applied: faceting) come from `base` when it holds every match; otherwise, for the
 * groups without a filter, from `passing` when that holds every match; else none.
 * `unbounded` reads every match, so that `passing` is complete even when `base` is not.
 */
async function scanSample(
  db: Db,
  scope: Scope,
  conditions: SQL[],
  flagged: Partial<Record<FacetGroup, SQL>>,
  sampling: Sampling,
  page: { limit: number; offset: number },
  unbounded: boolean,
): Promise<Scanned> {
  const { search, mode, limit } = scope;
  const active = Object.keys(flagged) as FacetGroup[];
  const flags = active.map((g) => sql`${flagged[g]} as ${sql.raw(`"f_${g}"`)}`);
  const all = active.length ? sql.join(active.map((g) => sql.raw(`"f_${g}"`)), sql` and `) : sql`true`;
  // The rows counted for a group: those passing the other groups' filters. A group with a filter is
  // counted only when every match was read.
  const counting = (group: FacetGroup, extra?: SQL): SQL => {
    const parts = active.filter((g) => g !== group).map((g) => sql.raw(`"f_${g}"`));
    if (active.includes(group)) parts.push(sql`(select read from counted) <= ${limit}`);
    if (extra) parts.push(extra);
    return parts.length ? sql.join(parts, sql` and `) : sql`true`;
  };
  const suitable = search.params.suitability.length ? sql`suitability @> ${arrayLiteral(search.params.suitability)}::text[]` : undefined;
  // Ranking reads each offer's whole tsvector: only rows that pass every filter are ranked, not the
  // rows kept for the counts of other filter values.
  const flagList = Object.values(flagged);
  const rank =
    search.sort !== 'relevanz'
      ? sql`0::float8`
      : flagList.length
        ? sql`case when ${sql.join(flagList, sql` and `)} then ${rankSql(search, mode)} end`
        : rankSql(search, mode);
  const columns = sql`o.id, o.published_at, o.network_id, o.field, o.target_groups, o.municipality_id, o.commitment,
            o.weekdays, o.times_of_day, o.suitability, o.remote, ${rank} as rank${flags.length ? sql`, ${sql.join(flags, sql`, `)}` : sql``}`;
  const sample = sampleSql(scope, conditions, sampling, columns, unbounded);
  const order = orderSql(search.sort);
  const found = await rows<{ g: string; v: string | null; c: number }>(
    db,
    sql`with everything as materialized (select *, row_number() over (${sample.order ? sql`order by ${sample.order}` : sql``}) as seq from (${sample.select}) as s),
        base as materialized (select * from everything where seq <= ${limit + 1}),
        counted as materialized (select count(*)::int as read from base),
        passing as materialized (select * from everything where ${all} order by seq limit ${limit + 1}),
        passed as materialized (select count(*)::int as n from passing),
        -- Facets only over a complete set: counts over a part would mislead, and they cost most of the
        -- statement (1-3 ms per group and thousand offers on PGlite).
        facet_rows as (
          select * from base where (select read from counted) <= ${limit}
          union all select * from passing where (select read from counted) > ${limit} and (select n from passed) <= ${limit})
        select 'hit' as g, id::text as v, (row_number() over (order by ${order}))::int as c
          from (select * from (select * from passing order by seq limit ${limit}) as shown
                order by ${order} limit ${page.limit} offset ${page.offset}) as hits
        union all select 'read', null::text, read from counted
        union all select 'passing', null::text, n from passed
        union all select 'netzwerk', network_id::text, count(*)::int from facet_rows where ${counting('netzwerk')} group by 2
        union all select 'feld', field::text, count(*)::int from facet_rows where ${counting('feld')} group by 2
        union all select 'zielgruppe', x, count(*)::int from facet_rows cross join lateral unnest(target_groups) as x
          where ${counting('zielgruppe')} group by 2
        union all select 'kommune', municipality_id::text, count(*)::int from facet_rows
          where ${counting('kommune', sql`municipality_id is not null`)} group by 2
        union all select 'einsatz', commitment::text, count(*)::int from facet_rows where ${counting('einsatz')} group by 2
        union all select 'wochentag', x::text, count(*)::int from facet_rows cross join lateral unnest(weekdays) as x
          where ${counting('wochentag')} group by 2
        union all select 'tageszeit', x, count(*)::int from facet_rows cross join lateral unnest(times_of_day) as x
          where ${counting('tageszeit')} group by 2
        union all select 'geeignet', x, count(*)::int from facet_rows cross join lateral unnest(suitability) as x
          where ${counting('geeignet', suitable)} group by 2
        union all select 'remote', 'true', count(*)::int from facet_rows where ${counting('remote', sql`remote`)} having count(*) > 0`,
  );
  const facets = emptyFacets();
  let read = 0;
  let passing = 0;
  const hits: Array<{ id: string; order: number }> = [];
  for (const row of found) {
    if (row.g === 'read') read = Number(row.c);
    else if (row.g === 'passing') passing = Number(row.c);
    else if (row.g === 'hit' && row.v) hits.push({ id: row.v, order: Number(row.c) });
    else if (row.v !== null && row.g in facets) facets[row.g as FacetGroup].push({ value: row.v, count: Number(row.c) });
  }
  return { read, passing, total: Math.min(passing, limit), facets, ids: hits.sort((a, b) => a.order - b.order).map((h) => h.id) };
}

function allGroups(exact: boolean): Record<FacetGroup, boolean> {
  return Object.fromEntries(FACET_GROUPS.map((g) => [g, exact])) as Record<FacetGroup, boolean>;
}

/**
 * Counts, facets and the ids of one page. The offers matching words and place are read with every
 * filter as a flag, which gives exact counts for every group when at most the limit match. When more
 * match: with words and an order (place, newest), every match is read anyway, and the first
 * limit + 1 passing all filters are the result; otherwise, with filters in use, the offers passing
 * them are read (without words, a count that stops at the limit finds this out before the first
 * reading). Either way their total, and the counts of the groups without a filter, are exact when
 * within the limit. Groups whose counts would be incomplete come back empty and marked as not exact.
 */
async function scan(
  db: Db,
  scope: Scope,
  page: { limit: number; offset: number },
): Promise<{ total: number; totalExact: boolean; facets: Facets; facetsExact: Record<FacetGroup, boolean>; ids: string[] }> {
  const { search, limit } = scope;
  const filters = filterConditions(search);
  const active = Object.keys(filters) as FacetGroup[];
  const filtered = Object.values(filters);
  const passingOnly = () => chooseSampling(db, scope, filtered, true).then((s) => scanSample(db, scope, filtered, {}, s, page, false));
  // Without words but with filters, a count that stops at the limit tells whether the first reading
  // (exact counts for every group) can succeed; when it cannot, only the offers passing the filters are read.
  if (!search.text && active.length > 0) {
    const { position, radiusKm } = search;
    const around = position && radiusKm !== undefined ? [withinSql(position, radiusKm)] : [];
    if ((await countUpTo(db, scope, around, limit)) > limit) return partly(await passingOnly(), active, limit);
  }
  const sampling = await chooseSampling(db, scope, [], active.length > 0);
  // With words and an order (place, newest), every match is read to sort them anyway: the offers
  // passing the filters come from the same reading.
  const unbounded = Boolean(search.text) && sampling.kind !== 'found';
  const first = await scanSample(db, scope, [], filters, sampling, page, unbounded);
  if (first.read <= limit) {
    return { total: first.total, totalExact: true, facets: first.facets, facetsExact: allGroups(true), ids: first.ids };
  }
  if (active.length === 0) {
    return { total: limit, totalExact: false, facets: emptyFacets(), facetsExact: allGroups(false), ids: first.ids };
  }
  return partly(unbounded ? first : await passingOnly(), active, limit);
}

/** The result when more than the limit match words and place: the offers passing the filters, counted where complete. */
function partly(
  result: Scanned,
  active: FacetGroup[],
  limit: number,
): { total: number; totalExact: boolean; facets: Facets; facetsExact: Record<FacetGroup, boolean>; ids: string[] } {
  const exact = result.passing <= limit;
  const facets = emptyFacets();
  const facetsExact = allGroups(false);
  for (const group of FACET_GROUPS) {
    if (!exact || active.includes(group)) continue;
    facets[group] = result.facets[group];
    facetsExact[group] = true;
  }
  return { total: result.total, totalExact: exact, facets, facetsExact, ids: result.ids };
}

/** The texts of one page of hits, by id, in the given order; the snippet highlights the words searched. */
async function loadHits(db: Db, search: ResolvedSearch, ids: string[]): Promise<OfferHit[]> {
  if (ids.length === 0) return [];
  const distance = search.position ? distanceSql(search.position) : sql`null::float8`;
  const found = await rows<{
    id: string;
    title: string;
    summary: string;
    description: string;
    field: Field;
    commitment: Commitment;
    remote: boolean;
    place: string;
    distanceKm: number | null;
    publishedMs: number | null;
    organisationId: string;
    organisationName: string;
    networkSlug: string;
    networkName: string;
    municipalityId: string | null;
    municipalityName: string | null;
  }>(
    db,
    // The texts are cleaned in TypeScript: regular expressions in PGlite's WebAssembly cost more than the query.
    // Names by subselect rather than joins: 20 rows, and PGlite plans a four-table join slower than it runs it.
    sql`select o.id, o.title, o.summary, left(o.description, 3000) as description, o.field, o.commitment, o.remote, o.place,
          o.organisation_id as "organisationId", (select org.name from organisations org where org.id = o.organisation_id) as "organisationName",
          n.slug as "networkSlug", n.name as "networkName",
          o.municipality_id as "municipalityId", (select m.name from municipalities m where m.id = o.municipality_id) as "municipalityName",
          round(extract(epoch from o.published_at) * 1000)::float8 as "publishedMs",
          ${distance} as "distanceKm"
        from offers o
        cross join lateral (select n.slug, n.name from networks n where n.id = o.network_id) as n
        where o.id = any(${arrayLiteral(ids)}::uuid[])`,
  );
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        title: r.title,
        organisation: { id: r.organisationId, name: r.organisationName },
        network: { slug: r.networkSlug, name: r.networkName },
        municipality: r.municipalityId && r.municipalityName ? { id: r.municipalityId, name: r.municipalityName } : null,
        place: r.place,
        field: r.field,
        commitment: r.commitment,
        remote: r.remote,
        distanceKm: r.distanceKm === null ? null : Number(r.distanceKm),
        snippet: snippetOf(bodyText(r.summary, r.description), search.text),
        publishedAt: r.publishedMs === null ? null : new Date(Number(r.publishedMs)),
      },
    ];
  });
}

/** Summary and description as one plain text, tags removed, without the characters that mark matches. */
function bodyText(summary: string, description: string): string {
  return `${summary} ${description.replace(/<[^>]*>/g, ' ')}`.replaceAll(MARK_START, ' ').replaceAll(MARK_STOP, ' ');
}

const SNIPPET_LENGTH = 220;

/** Letters seen at the start of words, with the first letter of their plain form (`plain`). */
const plainFirstLetters = new Map<string, string>();

/** The first letter of `plain(word)`, from the word's first letter alone. */
function plainFirst(word: string): string {
  const letter = String.fromCodePoint(word.codePointAt(0)!);
  let first = plainFirstLetters.get(letter);
  if (first === undefined) {
    first = plain(letter)[0] ?? '';
    if (plainFirstLetters.size < 10_000) plainFirstLetters.set(letter, first);
  }
  return first;
}

/**
 * A short passage of the offer's text around the first word that matched, with the matches marked.
 * Done here rather than with ts_headline(), which stems every word of every text and cost more than
 * the whole search. A word matches when it starts with the stem of a searched word, as in the index.
 */
export function snippetOf(body: string, text: TextQuery | undefined): string {
  const clean = decodeEntities(body).replace(/\s+/g, ' ').trim();
  const stems = (text?.words ?? []).flatMap((w) => w.lexemes).map(plain).filter(Boolean);
  const matches: Array<{ start: number; end: number }> = [];
  // The window: from the start, or from shortly before a first match far into the text.
  const windowStart = (first: { start: number; end: number }) =>
    first.end > SNIPPET_LENGTH - 40 ? clean.lastIndexOf(' ', Math.max(0, first.start - 60)) + 1 : 0;
  // A text without any stem in it (the word was in the title) is not gone through word by word.
  const folded = stems.length ? plain(clean) : '';
  if (stems.some((stem) => folded.includes(stem))) {
    // Only words whose first letter begins some stem are folded whole; none past the window is looked at.
    const firsts = new Set(stems.map((stem) => stem[0]));
    let end = Infinity;
    for (const found of clean.matchAll(/[\p{L}\p{N}]+/gu)) {
      if (found.index >= end) break;
      if (!firsts.has(plainFirst(found[0]))) continue;
      const word = plain(found[0]);
      if (!stems.some((stem) => word.startsWith(stem))) continue;
      matches.push({ start: found.index, end: found.index + found[0].length });
      if (matches.length === 1) end = windowStart(matches[0]!) + SNIPPET_LENGTH;
    }
  }
  const from = matches[0] ? windowStart(matches[0]) : 0;
  let to = Math.min(clean.length, from + SNIPPET_LENGTH);
  if (to < clean.length) to = Math.max(clean.lastIndexOf(' ', to), matches.find((m) => m.start >= from)?.end ?? from);
  let snippet = '';
  let at = from;
  for (const m of matches) {
    if (m.start < from || m.end > to) continue;
    snippet += clean.slice(at, m.start) + MARK_START + clean.slice(m.start, m.end) + MARK_STOP;
    at = m.end;
  }
  snippet += clean.slice(at, to);
  return `${from > 0 ? '… ' : ''}${snippet.trim()}${to < clean.length ? ' …' : ''}`;
}

/**
 * Looks for words like the ones typed in the titles of published offers ("Hausaufgabn" →
 * "Hausaufgabenhilfe"), for "Meinten Sie …?". Returns the corrected text, or undefined.
 */
async function suggest(db: Db, search: ResolvedSearch, now: Date, similarTitles?: string[]): Promise<string | undefined> {
  if (!search.text) return undefined;
  const candidates = search.text.words.filter((w) => w.word.length >= 3).map((w) => w.word);
  if (candidates.length === 0) return undefined;
  // After a search by title similarity, its best hits are the titles to look in.
  const titles = similarTitles
    ? candidates.flatMap((word) => similarTitles.map((title) => ({ word, title })))
    : await rows<{ word: string; title: string }>(
        db,
        sql`select w.word, t.title from unnest(${arrayLiteral(candidates)}::text[]) as w(word)
            cross join lateral (
              select o.title from offers o
              where o.status = 'published' and (o.expires_at is null or o.expires_at > ${now.toISOString()}::timestamptz)
                and w.word <% o.title
              limit 30
            ) t`,
      );
  let changed = false;
  const corrected = search.params.words.map((word) => {
    let best: { word: string; score: number } | undefined;
    for (const { title } of titles.filter((t) => t.word === word)) {
      for (const candidate of title.match(/[\p{L}\p{N}]+/gu) ?? []) {
        const lower = candidate.toLocaleLowerCase('de-DE');
        if (lower.length < 3 || plain(lower).startsWith(plain(word))) continue;
        const score = similarity(word, lower);
        if (score >= 0.3 && (!best || score > best.score)) best = { word: candidate, score };
      }
    }
    if (!best) return word;
    changed = true;
    return best.word;
  });
  return changed ? corrected.join(' ') : undefined;
}

/**
 * Runs `work` in one transaction with settings for the search. With words, it prefers index scans: the
 * planner underrates the GIN indexes (full text and the trigram index for `word <% title`) and reads
 * every row instead, matching or computing word_similarity() for each: 2-6x slower at 10k offers, and
 * seconds at a million for trigrams. JIT compilation is off: PostgreSQL's estimates for the full-text
 * statements pass its threshold at 100k offers and more, and compiling took longer (100-150 ms) than
 * running them. set_config(..., true) ends with the transaction, so pooled connections stay clean.
 */
async function inSearchTransaction<T>(db: Db, options: { indexScans: boolean }, work: (tx: Db) => Promise<T>): Promise<T> {
  return (db as NodePgDatabase).transaction(async (tx) => {
    await tx.execute(
      options.indexScans
        ? sql`select set_config('jit', 'off', true), set_config('enable_seqscan', 'off', true)`
        : sql`select set_config('jit', 'off', true)`,
    );
    return work(tx as unknown as Db);
  });
}

/** Few enough hits that a "did you mean" is worth showing. */
const FEW = 3;

export interface SearchOptions {
  /** Look again by title similarity when the words match nothing (default true; false for e-mail alerts, which must be exact). */
  similar?: boolean;
  /** COUNT_LIMIT, smaller in tests (database only). */
  countLimit?: number;
  /** Search the offers in the process's memory (memory.ts) when its index is loaded; else the database. */
  memory?: boolean;
}

/** How long a search waits for the in-memory index's first load before it asks the database instead. */
const INDEX_WAIT_MS = 2_000;

/**
 * Runs a resolved search: counts and facets, then one page of hits. When the words match nothing, it
 * looks again by title similarity (unless `similar` is false, as for e-mail alerts, which must be exact).
 */
export async function runSearch(db: Db, search: ResolvedSearch, now: Date, options: SearchOptions = {}): Promise<SearchResult> {
  if (options.memory) {
    const live = liveOfferIndex(db);
    const index = await live.loaded(db, INDEX_WAIT_MS);
    if (index) {
      const refreshing = live.refresh(db);
      // A look at the changes that failed leaves the index behind: this search asks the database.
      const failed = refreshing.then(
        () => false,
        () => true,
      );
      const answer = await runIndexed(db, index, failed, search, now, options.similar ?? true);
      if (answer) return answer;
    }
  }
  return runInDatabase(db, search, now, options);
}

function pageOf(search: ResolvedSearch): number {
  return Math.min(Math.max(1, search.params.page), MAX_PAGE);
}

/** What the in-memory index is asked for a resolved search (its page of PER_PAGE hits). */
export function indexQuery(search: ResolvedSearch, now: Date, mode: IndexQuery['mode']): IndexQuery {
  const p = search.params;
  return {
    words: search.text?.words.map(({ word, lexemes }) => ({ word, lexemes })),
    mode,
    networkId: search.networkId,
    fields: p.fields,
    targetGroups: p.targetGroups,
    municipalityIds: search.municipalityIds,
    commitments: p.commitments,
    weekdays: p.weekdays,
    timesOfDay: p.timesOfDay,
    suitability: p.suitability,
    remoteOnly: p.remoteOnly,
    position: search.position,
    radiusKm: search.radiusKm,
    sort: search.sort,
    now: now.getTime(),
    publishedAfter: search.publishedAfter?.getTime(),
    offset: (pageOf(search) - 1) * PER_PAGE,
    limit: PER_PAGE,
  };
}

/**
 * The search over the in-memory index: every count exact; the texts of the page's hits from the
 * database. Undefined when the look at the changes failed: the caller asks the database instead.
 */
async function runIndexed(
  db: Db,
  index: OfferIndex,
  refreshFailed: Promise<boolean>,
  search: ResolvedSearch,
  now: Date,
  similar: boolean,
): Promise<SearchResult | undefined> {
  const page = pageOf(search);
  const query = (mode: IndexQuery['mode']) => indexQuery(search, now, mode);
  // The look at the changes since the last search goes to the database first; the index is searched
  // while it travels, and once more in the rare case that it brought changes.
  await new Promise((resolve) => setImmediate(resolve));
  const version = index.version;
  const searched = (): { found: IndexAnswer; mode: SearchResult['mode']; exact: number } => {
    const found = index.search(query('fulltext'));
    if (search.text && found.total === 0 && similar) return { found: index.search(query('similar')), mode: 'similar', exact: 0 };
    return { found, mode: search.text ? 'fulltext' : 'all', exact: found.total };
  };
  let answer = searched();
  if (await refreshFailed) return undefined;
  if (index.version !== version) answer = searched();
  const { found, mode, exact } = answer;
  const items = await loadHits(db, search, found.ids);
  const similarTitles = mode === 'similar' && found.total > 0 ? items.map((i) => i.title) : undefined;
  const suggestion =
    similar && search.text && exact < FEW
      ? await inSearchTransaction(db, { indexScans: true }, (tx) => suggest(tx, search, now, similarTitles))
      : undefined;
  return {
    total: found.total,
    totalExact: true,
    page,
    perPage: PER_PAGE,
    items,
    facets: found.facets,
    facetsExact: allGroups(true),
    mode,
    suggestion,
    sort: search.sort,
    position: search.position,
    radiusKm: search.radiusKm,
  };
}

/** The search in the database: counts exact up to the limit (see COUNT_LIMIT). */
async function runInDatabase(db: Db, search: ResolvedSearch, now: Date, options: SearchOptions): Promise<SearchResult> {
  const similar = options.similar ?? true;
  const limit = options.countLimit ?? COUNT_LIMIT;
  const page = pageOf(search);
  const slice = { limit: PER_PAGE, offset: (page - 1) * PER_PAGE };
  let mode: SearchResult['mode'] = search.text ? 'fulltext' : 'all';
  // One transaction for the readings of a search: fewer round trips, which count on PGlite.
  const { scanned, items, suggestion } = await inSearchTransaction(db, { indexScans: Boolean(search.text) }, async (tx) => {
    let found = await scan(tx, { search, now, mode: search.text ? 'fulltext' : undefined, limit }, slice);
    const exact = found.total;
    if (search.text && found.total === 0 && similar) {
      mode = 'similar';
      found = await scan(tx, { search, now, mode: 'similar', limit }, slice);
    }
    const items = await loadHits(tx, search, found.ids);
    const similarTitles = mode === 'similar' && found.total > 0 ? items.map((i) => i.title) : undefined;
    return { scanned: found, items, suggestion: similar && search.text && exact < FEW ? await suggest(tx, search, now, similarTitles) : undefined };
  });
  return {
    total: scanned.total,
    totalExact: scanned.totalExact,
    page,
    perPage: PER_PAGE,
    items,
    facets: scanned.facets,
    facetsExact: scanned.facetsExact,
    mode,
    suggestion,
    sort: search.sort,
    position: search.position,
    radiusKm: search.radiusKm,
  };
}

/** Names for the municipality and network facets and filters. */
export async function labelsFor(
  db: Db,
  municipalityIds: string[],
): Promise<{ municipalities: Map<string, string>; networks: Array<{ id: string; slug: string; name: string }> }> {
  // One round trip for both: every search page and API answer asks.
  const found = await rows<{ kind: 'network' | 'municipality'; id: string; slug: string | null; name: string; position: number }>(
    db,
    sql`select 'network' as kind, id, slug, name, (row_number() over (order by name))::int as position from networks
        union all
        select 'municipality', id, null, name, 0 from municipalities where id = any(${arrayLiteral(municipalityIds)}::uuid[])`,
  );
  const networks = found
    .filter((r) => r.kind === 'network')
    .sort((a, b) => a.position - b.position)
    .map((r) => ({ id: r.id, slug: r.slug!, name: r.name }));
  const municipalities = new Map(found.flatMap((r) => (r.kind === 'municipality' ? [[r.id, r.name] as const] : [])));
  return { municipalities, networks };
}

export type SavedSearch = typeof savedSearches.$inferSelect;

export async function listSavedSearches(db: Db, userId: string): Promise<SavedSearch[]> {
  return db.select().from(savedSearches).where(eq(savedSearches.userId, userId)).orderBy(desc(savedSearches.createdAt), asc(savedSearches.name));
}

export async function findSavedSearch(db: Db, id: string): Promise<SavedSearch | undefined> {
  const [found] = await db.select().from(savedSearches).where(eq(savedSearches.id, id));
  return found;
}

export async function countSavedSearches(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(savedSearches).where(eq(savedSearches.userId, userId));
  return Number(row?.count ?? 0);
}

/** Saved searches with daily alerts, with their owner's address and language, for the digest job. */
export async function listAlertingSearches(db: Db): Promise<Array<SavedSearch & { email: string; locale: string; userName: string }>> {
  const found = await rows<{
    id: string;
    userId: string;
    name: string;
    query: Record<string, string | string[]> | string;
    alerts: 'none' | 'daily';
    lastNotifiedMs: number | null;
    createdMs: number;
    email: string;
    locale: string;
    userName: string;
  }>(
    db,
    sql`select s.id, s.user_id as "userId", s.name, s.query, s.alerts,
          round(extract(epoch from s.last_notified_at) * 1000)::float8 as "lastNotifiedMs",
          round(extract(epoch from s.created_at) * 1000)::float8 as "createdMs",
          u.email, u.locale, u.name as "userName"
        from saved_searches s join users u on u.id = s.user_id
        where s.alerts = 'daily' and u.email_verified_at is not null
        order by s.created_at`,
  );
  return found.map((r) => ({
    id: r.id,
    userId: r.userId,
    name: r.name,
    query: typeof r.query === 'string' ? (JSON.parse(r.query) as Record<string, string | string[]>) : r.query,
    alerts: r.alerts,
    lastNotifiedAt: r.lastNotifiedMs === null ? null : new Date(Number(r.lastNotifiedMs)),
    createdAt: new Date(Number(r.createdMs)),
    email: r.email,
    locale: r.locale,
    userName: r.userName,
  }));
}
