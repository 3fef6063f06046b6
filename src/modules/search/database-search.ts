import { sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Db } from '../../platform/db.ts';
import { FACET_GROUPS, type FacetGroup, type Sort } from './params.ts';
import { COVERAGE, FILLER, PREFIX } from './german.ts';
import type { ResolvedSearch, TextQuery, TextWord } from './resolve.ts';
import type { Facets } from './results.ts';
import { arrayLiteral, rows } from './sql.ts';

type TextMode = 'fulltext' | 'similar';

export function distanceSql(position: { lat: number; lng: number }): SQL {
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

/**
 * The tsquery for one word: its stems as prefixes (a related word's: the lexemes it matches, listed), and
 * the compounds that have one as a later part.
 */
export function wordTsquery(word: TextWord): string {
  const prefixes = word.prefixes ?? word.terms.map((t) => t.stem);
  const terms = [...new Set([...prefixes.map(quotePrefix), ...(word.parts ?? []).map(quoteExact)])];
  return terms.length === 1 ? terms[0]! : `(${terms.join(' | ')})`;
}

function quotePrefix(stem: string): string {
  return `${quoteExact(stem)}:*`;
}

function quoteExact(lexeme: string): string {
  return `'${lexeme.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;
}

/** Whether the offer matches one word: its full text, or (mode `similar`) a title word resembling it. */
function wordMatches(word: TextWord, mode: TextMode): SQL {
  const fulltext = sql`o.search @@ ${wordTsquery(word)}::tsquery`;
  // pg_trgm's <% operator, which the title's trigram index answers (the plain % misbehaves on PGlite).
  return mode === 'similar' && word.word.length >= 3 ? sql`(${fulltext} or ${word.word} <% o.title)` : fulltext;
}

/** How many of the meaningful words the offer matches, as an SQL number. */
export function coverageSql(text: TextQuery, mode: TextMode): SQL {
  const counted = text.words.filter((w) => !w.filler);
  if (counted.length === 0) return sql`0`;
  return sql`(${sql.join(counted.map((w) => sql`(${wordMatches(w, mode)})::int`), sql` + `)})`;
}

/**
 * The words: an offer matches at least `required` of the meaningful words (german.ts): with one word,
 * that word; with several, any of them (what the full-text index answers) and enough of them counted.
 */
function textConditions(search: ResolvedSearch, mode: TextMode | undefined): SQL[] {
  const text = search.text;
  if (!text || !mode) return [];
  const counted = text.words.filter((w) => !w.filler);
  if (counted.length === 1 && text.required === 1) return [wordMatches(counted[0]!, mode)];
  const any = mode === 'fulltext' ? sql`o.search @@ ${counted.map(wordTsquery).join(' | ')}::tsquery` : sql`(${sql.join(counted.map((w) => wordMatches(w, mode)), sql` or `)})`;
  return [any, sql`${coverageSql(text, mode)} >= ${text.required}`];
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

/**
 * The rank: COVERAGE for each meaningful word matched (partial matches after full ones), plus per word
 * ts_rank_cd of the lexemes containing its stems, grouped by what a match counts (german.ts: whole
 * word, part, beginning; typed, part of the typed compound, related); fillers count less. Close to
 * the in-memory index's score, which weighs each lexeme alone.
 */
function rankSql(search: ResolvedSearch, mode: TextMode | undefined): SQL {
  if (!search.text || !mode) return sql`0::float8`;
  if (mode === 'fulltext') {
    const parts: SQL[] = [sql`${COVERAGE}::float8 * ${coverageSql(search.text, mode)}`];
    for (const word of search.text.words) {
      const scale = word.filler ? FILLER : 1;
      const byWeight = new Map<number, string[]>();
      for (const { lexeme, weight } of word.weighted ?? []) byWeight.set(weight, [...(byWeight.get(weight) ?? []), quoteExact(lexeme)]);
      for (const [weight, terms] of byWeight) parts.push(sql`${scale * weight}::float8 * ts_rank_cd(o.search, ${terms.join(' | ')}::tsquery)`);
      const factorOf = new Map(word.terms.map((t) => [t.stem, t.factor]));
      for (const stem of word.unweighted ?? []) parts.push(sql`${scale * (factorOf.get(stem) ?? 1) * PREFIX}::float8 * ts_rank_cd(o.search, ${quotePrefix(stem)}::tsquery)`);
    }
    return sql`(${sql.join(parts, sql` + `)})::float8`;
  }
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

export function allGroups(exact: boolean): Record<FacetGroup, boolean> {
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
export async function scan(
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

/**
 * Runs `work` in one transaction with settings for the search. With words, it prefers index scans: the
 * planner underrates the GIN indexes (full text and the trigram index for `word <% title`) and reads
 * every row instead, matching or computing word_similarity() for each: 2-6x slower at 10k offers, and
 * seconds at a million for trigrams. JIT compilation is off: PostgreSQL's estimates for the full-text
 * statements pass its threshold at 100k offers and more, and compiling took longer (100-150 ms) than
 * running them. set_config(..., true) ends with the transaction, so pooled connections stay clean.
 */
export async function inSearchTransaction<T>(db: Db, options: { indexScans: boolean }, work: (tx: Db) => Promise<T>): Promise<T> {
  return (db as NodePgDatabase).transaction(async (tx) => {
    await tx.execute(
      options.indexScans
        ? sql`select set_config('jit', 'off', true), set_config('enable_seqscan', 'off', true)`
        : sql`select set_config('jit', 'off', true)`,
    );
    return work(tx as unknown as Db);
  });
}
