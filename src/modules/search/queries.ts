import { asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Db } from '../../platform/db.ts';
import { savedSearches } from '../offers/schema.ts';
import type { Commitment, Field } from '../offers/vocabulary.ts';
import { MAX_PAGE, PER_PAGE, type FacetGroup, type SearchParams, type Sort } from './params.ts';
import { findDemoPostcode, isPostcode } from './postcodes.ts';
import { decodeEntities, MARK_START, MARK_STOP, plain, similarity } from './text.ts';

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

/** Stems the words with the German snowball stemmer; stop words drop out. */
export async function prepareText(db: Db, words: string[]): Promise<TextQuery | undefined> {
  if (words.length === 0) return undefined;
  const all = [...new Set(words.flatMap(spellings))];
  const stems = await rows<{ word: string; lexemes: string[] | null }>(
    db,
    sql`select w as word, ts_lexize('german_stem', w) as lexemes from unnest(${arrayLiteral(all)}::text[]) as w`,
  );
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

export interface SearchResult {
  total: number;
  page: number;
  perPage: number;
  items: OfferHit[];
  facets: Facets;
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

/** Conditions every search has: published, not expired, the text and the radius. */
function coreConditions(search: ResolvedSearch, now: Date, mode: TextMode | undefined): SQL[] {
  const conditions: SQL[] = [
    sql`o.status = 'published'`,
    sql`(o.expires_at is null or o.expires_at > ${now.toISOString()}::timestamptz)`,
  ];
  if (search.publishedAfter) {
    conditions.push(sql`o.published_at > ${search.publishedAfter.toISOString()}::timestamptz`);
    conditions.push(sql`o.published_at <= ${now.toISOString()}::timestamptz`);
  }
  if (search.text && mode === 'fulltext') conditions.push(sql`o.search @@ ${search.text.tsquery}::tsquery`);
  if (search.text && mode === 'similar') {
    // Each word either matches the full text or resembles a word of the title (pg_trgm's <% operator,
    // which the title's trigram index answers; the plain % operator misbehaves on PGlite).
    for (const { word, term } of search.text.words) {
      conditions.push(
        word.length >= 3
          ? sql`(o.search @@ ${term}::tsquery or ${word} <% o.title)`
          : sql`o.search @@ ${term}::tsquery`,
      );
    }
  }
  if (search.position && search.radiusKm !== undefined) {
    const { lat, lng } = search.position;
    const r = search.radiusKm;
    const dLat = r / 111.2;
    const cosLat = Math.cos((lat * Math.PI) / 180);
    const dLng = cosLat > 0.01 ? r / (111.2 * cosLat) : 360;
    // The bounding box lets the (lat, lng) index discard most rows before the exact distance.
    conditions.push(sql`(o.remote or (
        o.lat between ${lat - dLat}::float8 and ${lat + dLat}::float8
        and o.lng between ${lng - dLng}::float8 and ${lng + dLng}::float8
        and ${distanceSql(search.position)} <= ${r}::float8))`);
  }
  return conditions;
}

/** One condition per filter group in use, so facet counts can leave their own group out. */
function filterConditions(search: ResolvedSearch): Partial<Record<FacetGroup, SQL>> {
  const p = search.params;
  const filters: Partial<Record<FacetGroup, SQL>> = {};
  if (search.networkId) filters.netzwerk = sql`o.network_id = ${search.networkId}::uuid`;
  if (p.fields.length) filters.feld = sql`o.field = any(${arrayLiteral(p.fields)}::text[])`;
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
 * One scan for everything but the texts of the hits: the offers matching words and radius are read once
 * (a materialised CTE), then counted per filter value with the other filters applied (faceting), counted
 * in total, and ordered for the requested page, of which only the ids come back.
 */
async function scan(
  db: Db,
  search: ResolvedSearch,
  now: Date,
  mode: TextMode | undefined,
  page: { limit: number; offset: number },
): Promise<{ total: number; facets: Facets; ids: string[] }> {
  const core = coreConditions(search, now, mode);
  const filters = filterConditions(search);
  const active = Object.keys(filters) as FacetGroup[];
  const flags = active.map((g) => sql`${filters[g]} as ${sql.raw(`"f_${g}"`)}`);
  const others = (group: FacetGroup | null): SQL => {
    const list = active.filter((g) => g !== group).map((g) => sql.raw(`"f_${g}"`));
    return list.length ? sql.join(list, sql` and `) : sql`true`;
  };
  const suitable = search.params.suitability.length ? sql` and suitability @> ${arrayLiteral(search.params.suitability)}::text[]` : sql``;
  const distance = search.position && search.sort === 'entfernung' ? distanceSql(search.position) : sql`null::float8`;
  // Ranking reads each offer's whole tsvector: only rows that pass every filter are ranked, not the
  // rows kept for the counts of other filter values.
  const filterList = Object.values(filters);
  const rank =
    search.sort !== 'relevanz'
      ? sql`0::float8`
      : filterList.length
        ? sql`case when ${sql.join(filterList, sql` and `)} then ${rankSql(search, mode)} end`
        : rankSql(search, mode);
  const found = await rows<{ g: string; v: string | null; c: number }>(
    db,
    sql`with base as materialized (
          select o.id, o.published_at, o.network_id, o.field, o.target_groups, o.municipality_id, o.commitment,
            o.weekdays, o.times_of_day, o.suitability, o.remote, ${rank} as rank, ${distance} as distance
            ${flags.length ? sql`, ${sql.join(flags, sql`, `)}` : sql``}
          from offers o
          where ${sql.join(core, sql` and `)}
        )
        select 'hit' as g, id::text as v, (row_number() over (order by ${orderSql(search.sort)}))::int as c
          from (select * from base where ${others(null)} order by ${orderSql(search.sort)} limit ${page.limit} offset ${page.offset}) as hits
        union all select 'total', null::text, count(*)::int from base where ${others(null)}
        union all select 'netzwerk', network_id::text, count(*)::int from base where ${others('netzwerk')} group by 2
        union all select 'feld', field::text, count(*)::int from base where ${others('feld')} group by 2
        union all select 'zielgruppe', x, count(*)::int from base cross join lateral unnest(target_groups) as x
          where ${others('zielgruppe')} group by 2
        union all select 'kommune', municipality_id::text, count(*)::int from base
          where municipality_id is not null and ${others('kommune')} group by 2
        union all select 'einsatz', commitment::text, count(*)::int from base where ${others('einsatz')} group by 2
        union all select 'wochentag', x::text, count(*)::int from base cross join lateral unnest(weekdays) as x
          where ${others('wochentag')} group by 2
        union all select 'tageszeit', x, count(*)::int from base cross join lateral unnest(times_of_day) as x
          where ${others('tageszeit')} group by 2
        union all select 'geeignet', x, count(*)::int from base cross join lateral unnest(suitability) as x
          where ${others('geeignet')}${suitable} group by 2
        union all select 'remote', 'true', count(*)::int from base where remote and ${others('remote')}`,
  );
  const facets: Facets = {
    netzwerk: [],
    feld: [],
    zielgruppe: [],
    kommune: [],
    einsatz: [],
    wochentag: [],
    tageszeit: [],
    geeignet: [],
    remote: [],
  };
  let total = 0;
  const hits: Array<{ id: string; order: number }> = [];
  for (const row of found) {
    if (row.g === 'total') total = Number(row.c);
    else if (row.g === 'hit' && row.v) hits.push({ id: row.v, order: Number(row.c) });
    else if (row.v !== null && row.g in facets) facets[row.g as FacetGroup].push({ value: row.v, count: Number(row.c) });
  }
  return { total, facets, ids: hits.sort((a, b) => a.order - b.order).map((h) => h.id) };
}

/** The texts of one page of hits, by id, in the given order; the snippet highlights the words searched. */
async function loadHits(db: Db, search: ResolvedSearch, ids: string[]): Promise<OfferHit[]> {
  if (ids.length === 0) return [];
  const distance = search.position ? distanceSql(search.position) : sql`null::float8`;
  const found = await rows<{
    id: string;
    title: string;
    body: string;
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
    sql`select h.*
        from (
          select o.id, o.title, o.field, o.commitment, o.remote, o.place,
            o.organisation_id as "organisationId", org.name as "organisationName",
            n.slug as "networkSlug", n.name as "networkName",
            o.municipality_id as "municipalityId", m.name as "municipalityName",
            round(extract(epoch from o.published_at) * 1000)::float8 as "publishedMs",
            ${distance} as "distanceKm",
            translate(o.summary || ' ' || regexp_replace(left(o.description, 3000), '<[^>]*>', ' ', 'g'), ${`${MARK_START}${MARK_STOP}`}, '  ') as body
          from offers o
          join organisations org on org.id = o.organisation_id
          join networks n on n.id = o.network_id
          left join municipalities m on m.id = o.municipality_id
          where o.id = any(${arrayLiteral(ids)}::uuid[])
        ) h`,
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
        snippet: snippetOf(r.body, search.text),
        publishedAt: r.publishedMs === null ? null : new Date(Number(r.publishedMs)),
      },
    ];
  });
}

const SNIPPET_LENGTH = 220;

/**
 * A short passage of the offer's text around the first word that matched, with the matches marked.
 * Done here rather than with ts_headline(), which stems every word of every text and cost more than
 * the whole search. A word matches when it starts with the stem of a searched word, as in the index.
 */
export function snippetOf(body: string, text: TextQuery | undefined): string {
  const clean = decodeEntities(body).replace(/\s+/g, ' ').trim();
  const stems = (text?.words ?? []).flatMap((w) => w.lexemes).map(plain);
  const matches: Array<{ start: number; end: number }> = [];
  if (stems.length) {
    for (const found of clean.matchAll(/[\p{L}\p{N}]+/gu)) {
      const word = plain(found[0]);
      if (stems.some((stem) => word.startsWith(stem))) matches.push({ start: found.index, end: found.index + found[0].length });
    }
  }
  let from = 0;
  if (matches[0] && matches[0].end > SNIPPET_LENGTH - 40) {
    from = clean.lastIndexOf(' ', Math.max(0, matches[0].start - 60)) + 1;
  }
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
async function suggest(db: Db, search: ResolvedSearch, now: Date): Promise<string | undefined> {
  if (!search.text) return undefined;
  const candidates = search.text.words.filter((w) => w.word.length >= 3).map((w) => w.word);
  if (candidates.length === 0) return undefined;
  const titles = await rows<{ word: string; title: string }>(
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
 * Runs `work` in a transaction that prefers index scans. The planner underrates the GIN indexes (full
 * text and the trigram index for `word <% title`) and reads every row instead, matching or computing
 * word_similarity() for each: 2-6x slower at 10k offers, and seconds at a million for trigrams.
 * set_config(..., true) ends with the transaction, so pooled connections stay clean.
 */
async function withIndexScans<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return (db as NodePgDatabase).transaction(async (tx) => {
    await tx.execute(sql`select set_config('enable_seqscan', 'off', true)`);
    return work(tx as unknown as Db);
  });
}

/** Few enough hits that a "did you mean" is worth showing. */
const FEW = 3;

/**
 * Runs a resolved search: counts and facets, then one page of hits. When the words match nothing, it
 * looks again by title similarity (unless `similar` is false, as for e-mail alerts, which must be exact).
 */
export async function runSearch(
  db: Db,
  search: ResolvedSearch,
  now: Date,
  options: { similar?: boolean } = {},
): Promise<SearchResult> {
  const similar = options.similar ?? true;
  const page = Math.min(Math.max(1, search.params.page), MAX_PAGE);
  const slice = { limit: PER_PAGE, offset: (page - 1) * PER_PAGE };
  let mode: SearchResult['mode'] = search.text ? 'fulltext' : 'all';
  // With words, the GIN indexes are the way in; the planner tends to read every row of smaller tables.
  const scanText = (textMode: TextMode | undefined) =>
    search.text ? withIndexScans(db, (tx) => scan(tx, search, now, textMode, slice)) : scan(db, search, now, textMode, slice);
  let scanned = await scanText(search.text ? 'fulltext' : undefined);
  const exactMatches = scanned.total;
  if (search.text && scanned.total === 0 && similar) {
    mode = 'similar';
    scanned = await scanText('similar');
  }
  const items = await loadHits(db, search, scanned.ids);
  const suggestion = similar && search.text && exactMatches < FEW ? await withIndexScans(db, (tx) => suggest(tx, search, now)) : undefined;
  return {
    total: scanned.total,
    page,
    perPage: PER_PAGE,
    items,
    facets: scanned.facets,
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
  const networks = await rows<{ id: string; slug: string; name: string }>(db, sql`select id, slug, name from networks order by name`);
  const found = municipalityIds.length
    ? await rows<{ id: string; name: string }>(
        db,
        sql`select id, name from municipalities where id = any(${arrayLiteral(municipalityIds)}::uuid[])`,
      )
    : [];
  return { municipalities: new Map(found.map((m) => [m.id, m.name])), networks };
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
