import { distanceKm } from '../../platform/geo.ts';
import { compareIds } from './ids.ts';
import { FACET_GROUPS, type FacetGroup, type Sort } from './params.ts';

/**
 * The walk over a search's matches (memory.ts): each offer tested against the filters, the filter
 * values counted, the page picked. It reads only typed arrays over shared memory and plain numbers, so
 * that a second thread can walk part of the matches (walk-pool.ts) with the very same code.
 */

/*
 * What every search reads and writes, 32 bytes per offer in one array (`hot`): at a million offers a
 * search is bound by reading these records from memory. At HOT * d + H_SMALL the bits below; H_KIND
 * network (bits 0–15), field (16–23), commitment (24–31); H_GROUPS the target groups, a bit each;
 * H_MUNICIPALITY the municipality's number + 1 (0: none); then H_EXPIRES, H_PUBLISHED, H_SCORE (a
 * float32 through a Float32Array over the same memory). Slot 7 is free.
 */
export const HOT = 8;
/** Weekdays (bits 0–7), times of day (8–15), suitability (16–23), published and current (24), remote (25), expires (26). */
export const H_SMALL = 0;
export const H_KIND = 1;
export const H_GROUPS = 2;
export const H_MUNICIPALITY = 3;
/** Seconds, rounded up; NEVER when it does not expire. */
export const H_EXPIRES = 4;
export const NEVER = 0xffffffff;
/** Seconds, rounded down; 0 without a publication date (the exact moment is in `published`). */
export const H_PUBLISHED = 5;
/** Scratch of the current search: the relevance (float32). */
export const H_SCORE = 6;
export const ALIVE = 1 << 24;
export const REMOTE = 1 << 25;
export const EXPIRES = 1 << 26;

const GROUP_BIT = Object.fromEntries(FACET_GROUPS.map((g, i) => [g, 1 << i])) as Record<FacetGroup, number>;
const BIT_NETZWERK = GROUP_BIT.netzwerk;
const BIT_FELD = GROUP_BIT.feld;
const BIT_ZIELGRUPPE = GROUP_BIT.zielgruppe;
const BIT_KOMMUNE = GROUP_BIT.kommune;
const BIT_EINSATZ = GROUP_BIT.einsatz;
const BIT_WOCHENTAG = GROUP_BIT.wochentag;
const BIT_TAGESZEIT = GROUP_BIT.tageszeit;
const BIT_GEEIGNET = GROUP_BIT.geeignet;
const BIT_REMOTE = GROUP_BIT.remote;

const KM_PER_DEGREE = 111.195;

/** The index's columns the walk reads (and the scratch it writes: scores in `hot`, `distance`). */
export interface Columns {
  hot: Uint32Array;
  lat: Float64Array;
  lng: Float64Array;
  /** Milliseconds; -Infinity without a publication date. */
  published: Float64Array;
  /** Scratch: the distance in km of the offers that may make the page (sorted by distance). */
  distance: Float64Array;
  /** The offers' ids, four words each (ids.ts), for the last tie-break. */
  idWords: Uint32Array;
}

/** A search's filters and order, as numbers; undefined where the search does not filter. */
export interface WalkPlan {
  /** Lengths of the count arrays (the dictionaries' sizes). */
  sizes: { networks: number; fields: number; municipalities: number; commitments: number };
  networkAllowed: Uint8Array | undefined;
  fieldAllowed: Uint8Array | undefined;
  /** By municipality number + 1 (0: offers without one). */
  municipalityAllowed: Uint8Array | undefined;
  commitmentAllowed: Uint8Array | undefined;
  groupMask: number | undefined;
  weekdayMask: number | undefined;
  timeMask: number | undefined;
  /** Every value asked for must be there; `complete` false when one is unknown (nothing matches). */
  suitability: { mask: number; complete: boolean } | undefined;
  remoteOnly: boolean;
  box: { south: number; north: number; west: number; east: number } | undefined;
  centre: { lat: number; lng: number };
  radiusKm: number;
  now: number;
  publishedAfter: number | undefined;
  sort: Sort;
  byDistance: boolean;
  /** offset + limit: how many of the best the heap keeps. */
  wanted: number;
  /** Stop after the piece in which this many were found (counts then incomplete); undefined: walk all. */
  enough?: number;
}

/** What a walk over (part of) the matches found. Multi-value groups are counted by 8-bit mask. */
export interface Walked {
  counts: Record<FacetGroup, Uint32Array>;
  total: number;
  /** The best `wanted` offers, as a heap with the worst on top. */
  heap: number[];
  /** How many matches this walk took. */
  visited: number;
}

/** The matches to walk: offer numbers with their scores, or (no `docs`) every offer below `n`. */
export interface Matches {
  docs: Uint32Array | undefined;
  scores: Float32Array | undefined;
  n: number;
  /** Handed out in pieces of this many (PIECE; tests use smaller ones). */
  piece: number;
}

function emptyCounts(plan: WalkPlan): Record<FacetGroup, Uint32Array> {
  return {
    netzwerk: new Uint32Array(plan.sizes.networks),
    feld: new Uint32Array(plan.sizes.fields),
    zielgruppe: new Uint32Array(32),
    kommune: new Uint32Array(plan.sizes.municipalities + 1),
    einsatz: new Uint32Array(plan.sizes.commitments),
    wochentag: new Uint32Array(256),
    tageszeit: new Uint32Array(256),
    geeignet: new Uint32Array(256),
    remote: new Uint32Array(1),
  };
}

/** Matches are handed out in pieces of this many, so that two threads share the work evenly. */
export const PIECE = 4096;

/**
 * Walks the matches from `next()` on, a piece at a time, until it gives -1: tests each offer,
 * counts the filter values, keeps the best offers in a bounded heap.
 */
export function walk(columns: Columns, plan: WalkPlan, matches: Matches, next: () => number): Walked {
  const counts = emptyCounts(plan);
  const heap: number[] = [];
  const { total, visited, remote } = walkLoop(loopOf(columns, plan, matches, counts, heap), next);
  counts.remote[0] = remote;
  return { counts, total, heap, visited };
}

/**
 * Everything the walk's loop reads, as one object of one shape: every field always set, each to one kind
 * of value (an empty array and a flag rather than undefined). The plans and matches handed to `walk`
 * come in several shapes (a page's search, a count, a plan copied to the worker thread); the loop
 * compiled for one shape was thrown away on meeting another ("wrong map"), and the searches after ran
 * the uncompiled loop, three to four times slower, until it was compiled again (tens of milliseconds
 * of a core, shared with the other search thread). Read through this one shape, it is compiled once.
 */
interface Loop {
  hot: Uint32Array;
  hotFloat: Float32Array;
  lats: Float64Array;
  lngs: Float64Array;
  published: Float64Array;
  distances: Float64Array;
  /** The matches' offer numbers (`hasDocs`), else every offer below `n`; their scores (read when `byRelevance`). */
  hasDocs: boolean;
  docs: Uint32Array;
  scores: Float32Array;
  n: number;
  piece: number;
  byNetwork: Uint32Array;
  byField: Uint32Array;
  byGroup: Uint32Array;
  byMunicipality: Uint32Array;
  byCommitment: Uint32Array;
  byWeekdays: Uint32Array;
  byTimes: Uint32Array;
  bySuitability: Uint32Array;
  /** A filter's allowed values (empty and not tested when its flag is false). */
  filterNetwork: boolean;
  networkAllowed: Uint8Array;
  filterField: boolean;
  fieldAllowed: Uint8Array;
  filterMunicipality: boolean;
  municipalityAllowed: Uint8Array;
  filterCommitment: boolean;
  commitmentAllowed: Uint8Array;
  filterGroups: boolean;
  groupMask: number;
  filterWeekdays: boolean;
  weekdayMask: number;
  filterTimes: boolean;
  timeMask: number;
  /** Suitability narrows; `suitabilityMask` -1 when a value asked for is unknown (nothing matches). */
  filterSuitability: boolean;
  suitabilityMask: number;
  remoteOnly: boolean;
  filterPublished: boolean;
  publishedAfter: number;
  hasBox: boolean;
  south: number;
  north: number;
  west: number;
  east: number;
  centreLat: number;
  centreLng: number;
  radius: number;
  now: number;
  byRelevance: boolean;
  byDistance: boolean;
  wanted: number;
  enough: number;
  heap: number[];
  compare: (a: number, b: number) => number;
}

const NO_VALUES = new Uint8Array(0);
const NO_DOCS = new Uint32Array(0);
const NO_SCORES = new Float32Array(0);

function loopOf(columns: Columns, plan: WalkPlan, matches: Matches, counts: Record<FacetGroup, Uint32Array>, heap: number[]): Loop {
  const { hot } = columns;
  const box = plan.box;
  const suitability = plan.suitability;
  return {
    hot,
    hotFloat: new Float32Array(hot.buffer, hot.byteOffset, hot.length),
    lats: columns.lat,
    lngs: columns.lng,
    published: columns.published,
    distances: columns.distance,
    hasDocs: matches.docs !== undefined,
    docs: matches.docs ?? NO_DOCS,
    scores: matches.scores ?? NO_SCORES,
    n: matches.n,
    piece: matches.piece,
    byNetwork: counts.netzwerk,
    byField: counts.feld,
    byGroup: counts.zielgruppe,
    byMunicipality: counts.kommune,
    byCommitment: counts.einsatz,
    byWeekdays: counts.wochentag,
    byTimes: counts.tageszeit,
    bySuitability: counts.geeignet,
    filterNetwork: plan.networkAllowed !== undefined,
    networkAllowed: plan.networkAllowed ?? NO_VALUES,
    filterField: plan.fieldAllowed !== undefined,
    fieldAllowed: plan.fieldAllowed ?? NO_VALUES,
    filterMunicipality: plan.municipalityAllowed !== undefined,
    municipalityAllowed: plan.municipalityAllowed ?? NO_VALUES,
    filterCommitment: plan.commitmentAllowed !== undefined,
    commitmentAllowed: plan.commitmentAllowed ?? NO_VALUES,
    filterGroups: plan.groupMask !== undefined,
    groupMask: plan.groupMask ?? 0,
    filterWeekdays: plan.weekdayMask !== undefined,
    weekdayMask: plan.weekdayMask ?? 0,
    filterTimes: plan.timeMask !== undefined,
    timeMask: plan.timeMask ?? 0,
    filterSuitability: suitability !== undefined,
    suitabilityMask: suitability === undefined ? 0 : suitability.complete ? suitability.mask : -1,
    remoteOnly: plan.remoteOnly,
    filterPublished: plan.publishedAfter !== undefined,
    publishedAfter: plan.publishedAfter ?? 0,
    hasBox: box !== undefined,
    south: box?.south ?? 0,
    north: box?.north ?? 0,
    west: box?.west ?? 0,
    east: box?.east ?? 0,
    centreLat: plan.centre.lat,
    centreLng: plan.centre.lng,
    radius: plan.radiusKm,
    now: plan.now,
    byRelevance: plan.sort === 'relevanz' && matches.scores !== undefined,
    byDistance: plan.byDistance,
    wanted: plan.wanted,
    enough: plan.enough ?? Infinity,
    heap,
    compare: comparator(columns, plan),
  };
}

/** The walk itself (see `walk`): what it found besides the counts and the heap it filled. */
function walkLoop(loop: Loop, next: () => number): { total: number; visited: number; remote: number } {
  // The loop below runs once per match (up to a million times): what it reads is in local constants.
  const { byNetwork, byField, byGroup, byMunicipality, byCommitment, byWeekdays, byTimes, bySuitability } = loop;
  const { filterNetwork, networkAllowed, filterField, fieldAllowed, filterMunicipality, municipalityAllowed, filterCommitment, commitmentAllowed } = loop;
  const { filterGroups, groupMask, filterWeekdays, weekdayMask, filterTimes, timeMask, filterSuitability, suitabilityMask } = loop;
  const { remoteOnly, filterPublished, publishedAfter: after, hasBox, byRelevance, byDistance, wanted, now, heap, compare } = loop;
  const { hot, hotFloat, lats, lngs, published, distances, hasDocs, docs: candidates, scores: candidateScores, n, piece } = loop;
  let remoteCount = 0;
  // Suitability narrows: its values are counted over the offers passing every filter, its own too.
  const geeignetAlone = filterSuitability ? 0 : BIT_GEEIGNET;
  // An offer expiring within the current second counts as expired (expiry is kept in whole seconds).
  const nowSeconds = Math.floor(now / 1000);
  const { radius, centreLat, centreLng, south, north, west, east } = loop;
  const centre = { lat: centreLat, lng: centreLng };
  const cosCentre = Math.cos((centreLat * Math.PI) / 180);
  // The flat measure (the centre's scale east-west) is within 3 % of the great circle up to 200 km at
  // Germany's latitudes; beyond 5 % either way it decides alone.
  const inner = (radius * 0.95) ** 2;
  const outer = (radius * 1.05) ** 2;
  // Once the heap is full, an offer scoring below its worst (or, newest first, published before it)
  // cannot enter: most matches are turned away by this one comparison.
  let floor = -Infinity;
  let total = 0;
  let visited = 0;
  const enough = loop.enough;
  for (let start = next(); start >= 0 && total < enough; start = next()) {
    const end = Math.min(n, start + piece);
    visited += end - start;
    for (let i = start; i < end; i++) {
      const d = hasDocs ? candidates[i]! : i;
      const h = d * HOT;
      const small = hot[h + H_SMALL]!;
      if (!(small & ALIVE)) continue;
      if (small & EXPIRES && hot[h + H_EXPIRES]! <= nowSeconds) continue;
      if (filterPublished && !(published[d]! > after && published[d]! <= now)) continue;
      // Within the radius: a flat-earth measure decides all but the offers near the circle's edge,
      // where the exact distance does. The distance itself is measured only for the page.
      let within = false;
      if (hasBox) {
        const lat = lats[d]!;
        const lng = lngs[d]!;
        if (lat >= south && lat <= north && lng >= west && lng <= east) {
          const dy = (lat - centreLat) * KM_PER_DEGREE;
          const dx = (lng - centreLng) * KM_PER_DEGREE * cosCentre;
          const flat = dy * dy + dx * dx;
          within = flat <= inner ? true : flat >= outer ? false : distanceKm(centre, { lat, lng }) <= radius;
        }
        if (!within && !(small & REMOTE)) continue;
      }
      const kind = hot[h + H_KIND]!;
      const network = kind & 0xffff;
      const field = (kind >>> 16) & 0xff;
      const commitment = kind >>> 24;
      const municipality = hot[h + H_MUNICIPALITY]!;
      const groups = hot[h + H_GROUPS]!;
      const weekdays = small & 0xff;
      const times = (small >>> 8) & 0xff;
      const suitable = (small >>> 16) & 0xff;
      let fails = 0;
      if (filterNetwork && !networkAllowed[network]) fails |= BIT_NETZWERK;
      if (filterField && !fieldAllowed[field]) fails |= BIT_FELD;
      if (filterGroups && (groups & groupMask) === 0) fails |= BIT_ZIELGRUPPE;
      if (filterMunicipality && !municipalityAllowed[municipality]) fails |= BIT_KOMMUNE;
      if (filterCommitment && !commitmentAllowed[commitment]) fails |= BIT_EINSATZ;
      if (filterWeekdays && (weekdays & weekdayMask) === 0) fails |= BIT_WOCHENTAG;
      if (filterTimes && (times & timeMask) === 0) fails |= BIT_TAGESZEIT;
      if (filterSuitability && (suitabilityMask === -1 || (suitable & suitabilityMask) !== suitabilityMask)) fails |= BIT_GEEIGNET;
      if (remoteOnly && !(small & REMOTE)) fails |= BIT_REMOTE;
      // Each group is counted over the offers passing the other groups' filters (faceting).
      if (fails === 0) {
        byNetwork[network]!++;
        byField[field]!++;
        if (groups) countBits(byGroup, groups);
        byMunicipality[municipality]!++;
        byCommitment[commitment]!++;
        byWeekdays[weekdays]!++;
        byTimes[times]!++;
        bySuitability[suitable]!++;
        if (small & REMOTE) remoteCount++;
        total++;
        // The page is chosen while the offer's data is at hand: a bounded heap of the first offset + limit.
        if (wanted === 0) continue;
        const full = heap.length === wanted;
        if (byRelevance) {
          const score = candidateScores[i]!;
          if (full && score < floor) continue;
          hotFloat[h + H_SCORE] = score;
        } else if (byDistance) {
          const lat = lats[d]!;
          const lng = lngs[d]!;
          distances[d] = (!hasBox || within) && lat === lat && lng === lng ? distanceKm(centre, { lat, lng }) : Infinity;
        } else if (full && hot[h + H_PUBLISHED]! < floor) continue;
        if (!offer(heap, d, wanted, compare)) continue;
        if (heap.length === wanted) floor = byRelevance ? hotFloat[heap[0]! * HOT + H_SCORE]! : hot[heap[0]! * HOT + H_PUBLISHED]!;
        continue;
      }
      if ((fails & (fails - 1)) !== 0) continue;
      switch (fails) {
        case BIT_NETZWERK: byNetwork[network]!++; break;
        case BIT_FELD: byField[field]!++; break;
        case BIT_ZIELGRUPPE: countBits(byGroup, groups); break;
        case BIT_KOMMUNE: byMunicipality[municipality]!++; break;
        case BIT_EINSATZ: byCommitment[commitment]!++; break;
        case BIT_WOCHENTAG: byWeekdays[weekdays]!++; break;
        case BIT_TAGESZEIT: byTimes[times]!++; break;
        case geeignetAlone: bySuitability[suitable]!++; break;
        case BIT_REMOTE: if (small & REMOTE) remoteCount++; break;
      }
    }
  }
  return { total, visited, remote: remoteCount };
}

/** Adds what another walk found (over other matches of the same search) to `into`. */
export function combine(into: Walked, other: Walked, columns: Columns, plan: WalkPlan): void {
  for (const group of FACET_GROUPS) {
    const target = into.counts[group];
    const source = other.counts[group];
    for (let k = 0; k < target.length; k++) target[k]! += source[k]!;
  }
  into.total += other.total;
  into.visited += other.visited;
  const compare = comparator(columns, plan);
  for (const d of other.heap) offer(into.heap, d, plan.wanted, compare);
}

/** The counts of the multi-value groups by value instead of by mask. */
export function byValue(counts: Record<FacetGroup, Uint32Array>): Record<FacetGroup, Uint32Array> {
  const result = { ...counts };
  for (const group of ['wochentag', 'tageszeit', 'geeignet'] as const) {
    const byMask = counts[group];
    const values = new Uint32Array(8);
    for (let mask = 1; mask < 256; mask++) if (byMask[mask]) for (let bit = 0; bit < 8; bit++) if (mask & (1 << bit)) values[bit]! += byMask[mask]!;
    result[group] = values;
  }
  return result;
}

/**
 * The search's order: by relevance (the score in `hot`), distance (in `distance`) or newest; ties by
 * newest, then id, as in the database. Negative when a comes first.
 */
export function comparator(columns: Columns, plan: WalkPlan): (a: number, b: number) => number {
  const { hot, distance, published, idWords } = columns;
  const hotFloat = new Float32Array(hot.buffer, hot.byteOffset, hot.length);
  const relevance = plan.sort === 'relevanz';
  const byDistance = plan.byDistance;
  return (a, b) => {
    const ha = a * HOT;
    const hb = b * HOT;
    if (relevance) {
      const sa = hotFloat[ha + H_SCORE]!;
      const sb = hotFloat[hb + H_SCORE]!;
      if (sa !== sb) return sa > sb ? -1 : 1;
    } else if (byDistance) {
      const da = distance[a]!;
      const db = distance[b]!;
      if (da !== db) return da < db ? -1 : 1;
    }
    const pa = hot[ha + H_PUBLISHED]!;
    const pb = hot[hb + H_PUBLISHED]!;
    if (pa !== pb) return pa > pb ? -1 : 1;
    const qa = published[a]!;
    const qb = published[b]!;
    if (qa !== qb) return qa > qb ? -1 : 1;
    return compareIds(idWords, a, b);
  };
}

/** Offers d to a heap of at most `wanted` (the worst on top); whether it was taken. */
function offer(heap: number[], d: number, wanted: number, compare: (a: number, b: number) => number): boolean {
  if (heap.length < wanted) {
    heap.push(d);
    siftUp(heap, heap.length - 1, compare);
    return true;
  }
  if (wanted === 0 || compare(d, heap[0]!) >= 0) return false;
  heap[0] = d;
  siftDown(heap, 0, compare);
  return true;
}

function countBits(counts: Uint32Array, mask: number): void {
  while (mask) {
    const bit = 31 - Math.clz32(mask);
    counts[bit]!++;
    mask &= ~(1 << bit);
  }
}

function siftUp(heap: number[], i: number, compare: (a: number, b: number) => number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (compare(heap[i]!, heap[parent]!) <= 0) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function siftDown(heap: number[], i: number, compare: (a: number, b: number) => number): void {
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let top = i;
    if (left < heap.length && compare(heap[left]!, heap[top]!) > 0) top = left;
    if (right < heap.length && compare(heap[right]!, heap[top]!) > 0) top = right;
    if (top === i) return;
    [heap[i], heap[top]] = [heap[top]!, heap[i]!];
    i = top;
  }
}
