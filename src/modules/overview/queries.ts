import { sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Db } from '../../platform/db.ts';
import { FIELDS, type Field } from '../../platform/vocabulary.ts';
import { PLACEMENT_STATUSES, type PlacementStatus, medianOf, responseMinutes } from '../placements/index.ts';
import { addMonths, monthsBetween, TREND_MONTHS, type Period } from './params.ts';

/** What one overview covers: some networks (null: all of them), maybe one municipality, a period. */
export interface OverviewScope {
  networkIds: string[] | null;
  municipalityId: string | null;
  period: Period;
}

/**
 * A need counts as unmet when no published offer of the same field is "in reach": in the need's
 * municipality, or within this many kilometres of the need's coordinates (great-circle distance).
 * Offers of every network count, since helpers cross network borders; remote offers count only
 * through the same two rules, because most needs (a ride, a visit) are help on site.
 */
export const UNMET_REACH_KM = 15;

export interface MunicipalityFigures {
  id: string;
  name: string;
  networkSlug: string;
  networkName: string;
  inhabitants: number | null;
  publishedOffers: number;
  /** Published offers per 1,000 inhabitants; null without a known number of inhabitants. */
  offersPer1000: number | null;
  lat: number | null;
  lng: number | null;
  outline: unknown;
}

export interface MonthFigures {
  month: string;
  /** Offers first published in the month. */
  newOffers: number;
  /** Inquiries (placements) opened in the month. */
  newPlacements: number;
  /** Of the inquiries opened in the month, those that led to a placement (now placed or ended). */
  placed: number;
}

/** Every figure of the overview, exact. What the public sees is derived from it by present.ts. */
export interface OverviewFigures {
  publishedOffers: number;
  verifiedOrganisations: number;
  volunteers: number;
  openNeeds: number;
  /** Placements opened in the period, by their current status. */
  placementsByStatus: Record<PlacementStatus, number>;
  placementsTotal: number;
  response: {
    /** Median of firstResponseAt − createdAt (to the minute) over placements opened in the period and answered, in hours. */
    medianHours: number | null;
    answered: number;
  };
  unmetNeeds: Array<{ field: Field; open: number; unmet: number }>;
  municipalities: MunicipalityFigures[];
  trend: MonthFigures[];
}

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

function idList(ids: readonly string[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
}

/** `network_id` and `municipality_id` of a table alias inside the scope. */
function inScope(scope: OverviewScope, networkColumn: SQL, municipalityColumn: SQL): SQL {
  const parts: SQL[] = [];
  if (scope.networkIds) parts.push(scope.networkIds.length ? sql`${networkColumn} in (${idList(scope.networkIds)})` : sql`false`);
  if (scope.municipalityId) parts.push(sql`${municipalityColumn} = ${scope.municipalityId}::uuid`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

const berlinClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

/**
 * The moment a month starts in Germany (local midnight on the 1st). Computed here rather than per row
 * in SQL: a time-zone conversion for each of a million rows cost seconds. Clocks change on the last
 * Sunday of March and October at night, so midnight on the 1st is always UTC+1 or UTC+2.
 */
export function berlinMonthStart(month: string): Date {
  const [year = 2000, m = 1] = month.split('-').map(Number);
  for (const offset of [1, 2]) {
    const candidate = new Date(Date.UTC(year, m - 1, 1, -offset));
    const parts = Object.fromEntries(berlinClock.formatToParts(candidate).map((part) => [part.type, part.value]));
    if (Number(parts.year) === year && Number(parts.month) === m && parts.day === '01' && parts.hour === '00') return candidate;
  }
  return new Date(Date.UTC(year, m - 1, 1));
}

function at(month: string): SQL {
  return sql`${berlinMonthStart(month).toISOString()}::timestamptz`;
}

/** Month starts as a sorted timestamptz array for width_bucket: bucket i is months[i - 1]. */
function monthBounds(months: readonly string[], end: string): SQL {
  const list = [...months, end].map((m) => berlinMonthStart(m).toISOString());
  return sql`${`{${list.join(',')}}`}::timestamptz[]`;
}

export function trendMonths(period: Period): string[] {
  return monthsBetween(addMonths(period.to, -(TREND_MONTHS - 1)), period.to);
}

/**
 * Degrees of latitude that surely cover the reach (111.0 km per degree is a little less than the
 * sphere's 111.19): a box around the need that the offers' (lat, lng) index can scan; the exact
 * distance decides after. Needs met in their own municipality are found first, by a hash join, so
 * only the rest pay for the box.
 */
const LAT_REACH = UNMET_REACH_KM / 111.0;

// The median of response minutes is the placements module's, so that the placements list and the overview agree.
export { medianOf };

function histogramMedian(histogram: ReadonlyArray<{ minutes: number; count: number }>): { median: number | null; answered: number } {
  return {
    median: medianOf(histogram.map((h) => ({ value: Number(h.minutes), count: h.count }))),
    answered: histogram.reduce((sum, h) => sum + h.count, 0),
  };
}

/**
 * The same median as medianOf over minutes, from counts per whole hour (floor(minutes / 60)) and the
 * minute counts of only the one or two hours the middle values lie in, fetched by `minutesOf`.
 */
export async function medianByHours(
  hours: ReadonlyArray<{ value: number; count: number }>,
  minutesOf: (hours: number[]) => Promise<Array<{ value: number; count: number }>>,
): Promise<{ median: number | null; answered: number }> {
  const sorted = [...hours].filter((h) => h.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, h) => sum + h.count, 0);
  if (total === 0) return { median: null, answered: 0 };
  const ranks = total % 2 === 1 ? [(total - 1) / 2] : [total / 2 - 1, total / 2];
  // For each middle rank: the hour it lies in and how many values come before that hour.
  const located = ranks.map((rank) => {
    let before = 0;
    for (const h of sorted) {
      if (rank < before + h.count) return { rank, hour: h.value, before };
      before += h.count;
    }
    throw new Error('median rank beyond the histogram');
  });
  const minutes = await minutesOf([...new Set(located.map((l) => l.hour))]);
  const valueAt = ({ rank, hour, before }: { rank: number; hour: number; before: number }) => {
    const inHour = minutes.filter((m) => Math.floor(m.value / 60) === hour).sort((a, b) => a.value - b.value);
    let seen = before;
    for (const m of inHour) {
      seen += m.count;
      if (rank < seen) return m.value;
    }
    throw new Error('the hour and minute counts disagree');
  };
  const values = located.map(valueAt);
  return { median: values.reduce((a, b) => a + b, 0) / values.length, answered: total };
}

/** Where the counts of placements and offers come from: the trigger-kept monthly tables, or the rows. */
export type FiguresSource = 'tables' | 'rows';

const monthlyTablesPresent = new WeakMap<object, Promise<boolean>>();

/**
 * Whether this database has the overview's monthly tables (overview_placement_months and its
 * siblings, kept up to date by triggers). Asked once per database handle.
 */
export function hasMonthlyTables(db: Db): Promise<boolean> {
  let present = monthlyTablesPresent.get(db);
  if (!present) {
    present = rows<{ present: boolean }>(db, sql`select to_regclass('overview_placement_months') is not null as present`).then(
      (r) => r[0]?.present === true,
    );
    present.catch(() => monthlyTablesPresent.delete(db));
    monthlyTablesPresent.set(db, present);
  }
  return present;
}

/** Makes everything asked through `db` count the rows although the tables exist: for benchmarks comparing the two. */
export function countRowsInstead(db: Db): void {
  monthlyTablesPresent.set(db, Promise.resolve(false));
}

/**
 * Runs `work` in a transaction with JIT compilation off. The planner prices the unmet-needs query by
 * a box search for every open need (most are met in their own municipality and never search), so
 * its estimate passes the JIT threshold at a few thousand needs, and compiling took 35-40 ms of the
 * 50. set_config(..., true) ends with the transaction, so pooled connections stay clean.
 */
async function withoutJit<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return (db as NodePgDatabase).transaction(async (tx) => {
    await tx.execute(sql`select set_config('jit', 'off', true)`);
    return work(tx as unknown as Db);
  });
}

/** A month as the monthly tables key it: its first day. */
function day(month: string): SQL {
  return sql`${`${month}-01`}::date`;
}

/**
 * All figures of one overview. The queries run side by side (on PostgreSQL over several connections).
 * With the monthly tables (the default where they exist) the placements and offers are read as a
 * few thousand counts per network; from the rows (the reference, and the fallback) a million
 * placements are scanned. Response times are counted to the minute and the median taken from those
 * counts: no sort of a million values.
 */
export async function overviewFigures(db: Db, scope: OverviewScope, options: { source?: FiguresSource } = {}): Promise<OverviewFigures> {
  const source = options.source ?? ((await hasMonthlyTables(db)) ? 'tables' : 'rows');
  const months = trendMonths(scope.period);
  const firstMonth = months[0] ?? scope.period.from;
  const windowMonths = monthsBetween(firstMonth < scope.period.from ? firstMonth : scope.period.from, scope.period.to);
  const windowStart = windowMonths[0] ?? scope.period.from;
  const windowEnd = addMonths(scope.period.to, 1);
  const periodFrom = at(scope.period.from);
  const offerScope = inScope(scope, sql`o.network_id`, sql`o.municipality_id`);
  const networkScope = { ...scope, municipalityId: null };
  // A placement belongs to the municipality of its offer or, for a need, of the need; the joins are
  // needed only when the overview is about one municipality.
  const placementSource = scope.municipalityId
    ? sql`placements p left join offers o on o.id = p.offer_id left join needs n on n.id = p.need_id`
    : sql`placements p`;
  const placementScope = inScope(scope, sql`p.network_id`, sql`coalesce(o.municipality_id, n.municipality_id)`);
  const tables = source === 'tables';

  const publishedOffers = tables
    ? sql`(select coalesce(sum(c.published), 0)::int from overview_offer_counts c where ${inScope(scope, sql`c.network_id`, sql`c.municipality_id`)})`
    : sql`(select count(*)::int from offers o where o.status = 'published' and ${offerScope})`;
  // Published offers of every network count for a need: helpers cross network borders.
  const publishedHere = tables
    ? sql`exists (select 1 from overview_offer_counts c where c.field = n.field and c.municipality_id = n.municipality_id and c.published > 0)`
    : sql`exists (select 1 from offers o where o.status = 'published' and o.field = n.field and o.municipality_id = n.municipality_id)`;
  const offersPerPlace = tables
    ? sql`select c.municipality_id, sum(c.published)::int as offers from overview_offer_counts c
          where ${inScope(networkScope, sql`c.network_id`, sql`c.municipality_id`)} group by c.municipality_id`
    : sql`select o.municipality_id, count(*)::int as offers from offers o
          where o.status = 'published' and ${inScope(networkScope, sql`o.network_id`, sql`o.municipality_id`)} group by o.municipality_id`;
  // Two plain aggregates rather than one with grouping sets: each is a hash aggregate over one scan
  // (PostgreSQL may split it over parallel workers); grouping sets sorted a million rows on disk.
  const placementMonths = !tables
    ? sql`select width_bucket(p.created_at, ${monthBounds(windowMonths, windowEnd)}) as bucket, p.status, count(*)::int as count
        from ${placementSource}
        where p.created_at >= ${at(windowStart)} and p.created_at < ${at(windowEnd)} and ${placementScope}
        group by 1, 2`
    : scope.municipalityId
      ? sql`select to_char(m.month, 'YYYY-MM') as month, m.status, m.count from (
            select m.month, m.status, sum(m.placements)::int as count from overview_placement_months m
            where m.month >= ${day(windowStart)} and m.month < ${day(windowEnd)} and ${inScope(scope, sql`m.network_id`, sql`m.municipality_id`)}
            group by 1, 2) m`
      : sql`select to_char(m.month, 'YYYY-MM') as month, m.status, m.count from (
            select m.month, m.status, sum(m.placements)::int as count from overview_network_placement_months m
            where m.month >= ${day(windowStart)} and m.month < ${day(windowEnd)} and ${inScope(scope, sql`m.network_id`, sql`null`)}
            group by 1, 2) m`;
  const answeredIn = sql`r.month >= ${day(scope.period.from)} and r.month < ${day(windowEnd)}`;
  // One municipality's minutes are kept per municipality and read at once (a few thousand rows); a
  // network's in two steps: the hour of the median, then the minutes of that hour.
  const response: Promise<{ median: number | null; answered: number }> = !tables
    ? rows<{ minutes: number; count: number }>(
        db,
        sql`select ${responseMinutes(sql`p`)} as minutes, count(*)::int as count
          from ${placementSource}
          where p.first_response_at is not null and p.created_at >= ${periodFrom} and p.created_at < ${at(windowEnd)} and ${placementScope}
          group by 1`,
      ).then(histogramMedian)
    : scope.municipalityId
      ? rows<{ minutes: number; count: number }>(
          db,
          sql`select r.minutes, sum(r.answered)::int as count from overview_response_minutes r
            where ${answeredIn} and ${inScope(scope, sql`r.network_id`, sql`r.municipality_id`)}
            group by 1`,
        ).then(histogramMedian)
      : rows<{ hours: number; count: number }>(
          db,
          sql`select r.hours, sum(r.answered)::int as count from overview_network_response_hours r
            where ${answeredIn} and ${inScope(scope, sql`r.network_id`, sql`null`)}
            group by 1`,
        ).then((hours) =>
          medianByHours(
            hours.map((h) => ({ value: Number(h.hours), count: h.count })),
            (wanted) =>
              rows<{ minutes: number; count: number }>(
                db,
                sql`select r.minutes, sum(r.answered)::int as count from overview_network_response_minutes r
                  where ${answeredIn} and ${inScope(scope, sql`r.network_id`, sql`null`)}
                    and (${sql.join(
                      wanted.map((h) => sql`(r.minutes >= ${h * 60} and r.minutes < ${(h + 1) * 60})`),
                      sql` or `,
                    )})
                  group by 1`,
              ).then((found) => found.map((m) => ({ value: Number(m.minutes), count: m.count }))),
          ),
        );
  const offerMonths = tables
    ? sql`select to_char(m.month, 'YYYY-MM') as month, sum(m.offers)::int as count
        from overview_offer_months m
        where m.month >= ${day(firstMonth)} and m.month < ${day(windowEnd)} and ${inScope(scope, sql`m.network_id`, sql`m.municipality_id`)}
        group by 1`
    : sql`select width_bucket(o.published_at, ${monthBounds(months, windowEnd)}) as bucket, count(*)::int as count
        from offers o
        where o.published_at >= ${at(firstMonth)} and o.published_at < ${at(windowEnd)} and ${offerScope}
        group by 1`;

  const [counts, placementGroups, responseFigures, unmet, places, offerGroups] = await Promise.all([
    rows<{ offers: number; organisations: number; volunteers: number; needs: number }>(
      db,
      sql`select
        ${publishedOffers} as offers,
        (select count(*)::int from organisations g where g.status = 'verified' and ${inScope(scope, sql`g.network_id`, sql`g.municipality_id`)}) as organisations,
        (select count(*)::int from volunteer_profiles v join municipalities m on m.id = v.home_municipality_id
          where ${inScope(scope, sql`m.network_id`, sql`m.id`)}) as volunteers,
        (select count(*)::int from needs n where n.status = 'open' and ${inScope(scope, sql`n.network_id`, sql`n.municipality_id`)}) as needs`,
    ),
    rows<{ month?: string; bucket?: number; status: PlacementStatus; count: number }>(db, placementMonths),
    response,
    withoutJit(db, (tx) =>
      rows<{ field: Field; open: number; unmet: number }>(
        tx,
        sql`with open_needs as materialized (
          select n.id, n.field, n.municipality_id, n.lat, n.lng from needs n
          where n.status = 'open' and ${inScope(scope, sql`n.network_id`, sql`n.municipality_id`)}
        ),
        same_place as (
          select n.id from open_needs n where ${publishedHere}
        )
        select n.field, count(*)::int as open,
          count(*) filter (where s.id is null and not (n.lat is not null and n.lng is not null and exists (
            select 1 from offers o
            where o.lat between n.lat - ${LAT_REACH}::float8 and n.lat + ${LAT_REACH}::float8
              and o.lng between n.lng - ${UNMET_REACH_KM}::float8 / (111.0 * greatest(0.01, cos(radians(least(90.0, abs(n.lat) + ${LAT_REACH}::float8)))))
                            and n.lng + ${UNMET_REACH_KM}::float8 / (111.0 * greatest(0.01, cos(radians(least(90.0, abs(n.lat) + ${LAT_REACH}::float8)))))
              and o.status = 'published' and o.field = n.field
              and 2 * 6371 * asin(least(1.0, sqrt(
                power(sin(radians(o.lat - n.lat) / 2), 2)
                + cos(radians(n.lat)) * cos(radians(o.lat)) * power(sin(radians(o.lng - n.lng) / 2), 2)))) <= ${UNMET_REACH_KM}
          )))::int as unmet
        from open_needs n left join same_place s on s.id = n.id
        group by n.field`,
      ),
    ),
    rows<{ id: string; name: string; slug: string; network_name: string; inhabitants: number | null; lat: number | null; lng: number | null; outline: unknown; offers: number }>(
      db,
      sql`select m.id, m.name, net.slug, net.name as network_name, m.inhabitants, m.lat, m.lng, m.outline,
          coalesce(c.offers, 0)::int as offers
        from municipalities m
        join networks net on net.id = m.network_id
        left join (${offersPerPlace}) c on c.municipality_id = m.id
        where ${inScope(networkScope, sql`m.network_id`, sql`m.id`)}
        order by net.name, m.name`,
    ),
    rows<{ month?: string; bucket?: number; count: number }>(db, offerMonths),
  ]);
  const offerMonthRows = offerGroups.map((r) => ({ month: r.month ?? months[Number(r.bucket) - 1] ?? '', count: r.count }));

  const placementsByStatus = Object.fromEntries(PLACEMENT_STATUSES.map((s) => [s, 0])) as Record<PlacementStatus, number>;
  const newPlacements = new Map<string, number>();
  const placed = new Map<string, number>();
  for (const row of placementGroups) {
    const month = row.month ?? windowMonths[Number(row.bucket) - 1];
    if (!month) continue;
    if (month >= scope.period.from) placementsByStatus[row.status] += row.count;
    newPlacements.set(month, (newPlacements.get(month) ?? 0) + row.count);
    if (row.status === 'placed' || row.status === 'ended') placed.set(month, (placed.get(month) ?? 0) + row.count);
  }
  const newOffers = new Map(offerMonthRows.map((r) => [r.month, r.count]));
  const unmetByField = new Map(unmet.map((r) => [r.field, r]));
  const [totals] = counts;
  const medianMinutes = responseFigures.median;

  return {
    publishedOffers: totals?.offers ?? 0,
    verifiedOrganisations: totals?.organisations ?? 0,
    volunteers: totals?.volunteers ?? 0,
    openNeeds: totals?.needs ?? 0,
    placementsByStatus,
    placementsTotal: Object.values(placementsByStatus).reduce((a, b) => a + b, 0),
    response: { medianHours: medianMinutes === null ? null : medianMinutes / 60, answered: responseFigures.answered },
    unmetNeeds: FIELDS.filter((f) => unmetByField.has(f)).map((field) => {
      const row = unmetByField.get(field);
      return { field, open: row?.open ?? 0, unmet: row?.unmet ?? 0 };
    }),
    municipalities: places.map((m) => ({
      id: m.id,
      name: m.name,
      networkSlug: m.slug,
      networkName: m.network_name,
      inhabitants: m.inhabitants,
      publishedOffers: m.offers,
      offersPer1000: m.inhabitants && m.inhabitants > 0 ? (m.offers * 1000) / m.inhabitants : null,
      lat: m.lat,
      lng: m.lng,
      outline: m.outline,
    })),
    trend: months.map((month) => ({
      month,
      newOffers: newOffers.get(month) ?? 0,
      newPlacements: newPlacements.get(month) ?? 0,
      placed: placed.get(month) ?? 0,
    })),
  };
}

export interface MunicipalityChoice {
  id: string;
  name: string;
  networkId: string;
  networkSlug: string;
  networkName: string;
}

/** The municipalities the filter offers: of one network, or of all. */
export async function municipalityChoices(db: Db, networkId: string | null): Promise<MunicipalityChoice[]> {
  return rows<MunicipalityChoice>(
    db,
    sql`select m.id, m.name, m.network_id as "networkId", net.slug as "networkSlug", net.name as "networkName"
      from municipalities m join networks net on net.id = m.network_id
      where ${networkId ? sql`m.network_id = ${networkId}::uuid` : sql`true`}
      order by net.name, m.name`,
  );
}

/** One row of the per-offer export: public facts of the offer, never contact details. */
export interface OfferExportRow {
  id: string;
  title: string;
  organisation: string;
  municipality: string;
  network: string;
  field: Field;
  commitment: string;
  status: string;
  publishedAt: Date | null;
}

/** One row of the per-placement export: no names or addresses, only what the figures are made of. */
export interface PlacementExportRow {
  id: string;
  createdAt: Date;
  status: PlacementStatus;
  responseHours: number | null;
  municipality: string;
  field: string;
  network: string;
}

/** Rows per round trip of the streaming exports: big enough to be fast, small enough to keep memory flat. */
export const EXPORT_BATCH = 2000;

/**
 * Offers in scope, in batches by id (keyset pagination): memory stays flat however many rows there
 * are, and no cursor holds a connection between batches. The public list holds published offers only.
 */
export async function* offerRowsForExport(
  db: Db,
  scope: OverviewScope,
  options: { publishedOnly: boolean; batchSize?: number },
): AsyncGenerator<OfferExportRow[]> {
  const size = options.batchSize ?? EXPORT_BATCH;
  let after: string | null = null;
  for (;;) {
    const batch: OfferExportRow[] = await rows<OfferExportRow>(
      db,
      sql`select o.id, o.title, g.name as organisation, coalesce(m.name, '') as municipality, net.name as network,
          o.field, o.commitment, o.status, o.published_at as "publishedAt"
        from offers o
        join organisations g on g.id = o.organisation_id
        join networks net on net.id = o.network_id
        left join municipalities m on m.id = o.municipality_id
        where ${inScope(scope, sql`o.network_id`, sql`o.municipality_id`)}
          ${options.publishedOnly ? sql`and o.status = 'published'` : sql``}
          ${after ? sql`and o.id > ${after}::uuid` : sql``}
        order by o.id
        limit ${size}`,
    );
    if (batch.length === 0) return;
    yield batch;
    if (batch.length < size) return;
    after = batch[batch.length - 1]?.id ?? null;
  }
}

/** Placements opened in the period, in batches by id, like offerRowsForExport. */
export async function* placementRowsForExport(db: Db, scope: OverviewScope, batchSize = EXPORT_BATCH): AsyncGenerator<PlacementExportRow[]> {
  const size = batchSize;
  let after: string | null = null;
  for (;;) {
    const batch: PlacementExportRow[] = await rows<PlacementExportRow>(
      db,
      sql`select p.id, p.created_at as "createdAt", p.status,
          extract(epoch from (p.first_response_at - p.created_at))::float8 / 3600 as "responseHours",
          coalesce(m.name, '') as municipality, coalesce(o.field, n.field, '') as field, net.name as network
        from placements p
        left join offers o on o.id = p.offer_id
        left join needs n on n.id = p.need_id
        left join municipalities m on m.id = coalesce(o.municipality_id, n.municipality_id)
        join networks net on net.id = p.network_id
        where p.created_at >= ${at(scope.period.from)} and p.created_at < ${at(addMonths(scope.period.to, 1))}
          and ${inScope(scope, sql`p.network_id`, sql`coalesce(o.municipality_id, n.municipality_id)`)}
          ${after ? sql`and p.id > ${after}::uuid` : sql``}
        order by p.id
        limit ${size}`,
    );
    if (batch.length === 0) return;
    yield batch;
    if (batch.length < size) return;
    after = batch[batch.length - 1]?.id ?? null;
  }
}

/** Published offers with a place, counted per cell of about a kilometre, for the interactive map. */
export interface OfferPoint {
  lat: number;
  lng: number;
  count: number;
  /** The offer, when the cell holds only one. */
  id: string | null;
  title: string | null;
}

export const MAX_MAP_CELLS = 20_000;

export async function offerPointsForMap(db: Db, networkId: string): Promise<OfferPoint[]> {
  const points = await rows<{ lat: number; lng: number; count: number; id: string; title: string }>(
    db,
    // Rounded as floats and compared bytewise (collate "C"): rounding through numeric and comparing
    // titles by the German collation took half of the time at 100,000 offers.
    sql`select round(o.lat * 100) / 100 as lat, round(o.lng * 100) / 100 as lng, count(*)::int as count,
        min(o.id::text collate "C") as id, min(o.title collate "C") as title
      from offers o
      where o.network_id = ${networkId}::uuid and o.status = 'published' and not o.remote and o.lat is not null and o.lng is not null
      group by 1, 2
      order by 3 desc
      limit ${MAX_MAP_CELLS}`,
  );
  return points.map((p) => ({
    lat: Number(p.lat),
    lng: Number(p.lng),
    count: p.count,
    id: p.count === 1 ? p.id : null,
    title: p.count === 1 ? p.title : null,
  }));
}
