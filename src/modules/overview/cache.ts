import type { Db } from '../../platform/db.ts';
import { offerPointsForMap, overviewFigures, type OfferPoint, type OverviewFigures, type OverviewScope } from './queries.ts';

/*
 * The figures of one scope, and the offers of one network's map, are kept for a minute. The overview
 * is read far more often than it changes, a council report does not need the last minute, and the
 * map's offers are a scan of every published offer of the network (a few hundred milliseconds at
 * 100,000). Each process keeps its own entries (nothing to share or invalidate across processes);
 * a WeakMap per database handle keeps test databases apart.
 */

export const FIGURES_TTL_MS = 60_000;
const MAX_ENTRIES = 500;

interface Entry {
  at: number;
  value: Promise<unknown>;
}

const caches = new WeakMap<object, Map<string, Entry>>();

/** `compute()`'s result for `key`, at most FIGURES_TTL_MS old; concurrent requests for one key share one computation. */
function kept<T>(db: Db, key: string, now: number, compute: () => Promise<T>): Promise<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(key);
  if (hit && now - hit.at < FIGURES_TTL_MS) return hit.value as Promise<T>;
  const value = compute();
  cache.set(key, { at: now, value });
  // A failed computation is not kept.
  value.catch(() => cache.delete(key));
  if (cache.size > MAX_ENTRIES) {
    for (const [k, entry] of cache) if (now - entry.at >= FIGURES_TTL_MS || cache.size > MAX_ENTRIES) cache.delete(k);
  }
  return value;
}

/** The figures of a scope, at most FIGURES_TTL_MS old. */
export function cachedOverviewFigures(db: Db, scope: OverviewScope, now = Date.now()): Promise<OverviewFigures> {
  const key = JSON.stringify(['figures', scope.networkIds, scope.municipalityId, scope.period.from, scope.period.to]);
  return kept(db, key, now, () => overviewFigures(db, scope));
}

/** The published offers of a network's map, at most FIGURES_TTL_MS old. */
export function cachedOfferPoints(db: Db, networkId: string, now = Date.now()): Promise<OfferPoint[]> {
  return kept(db, JSON.stringify(['map', networkId]), now, () => offerPointsForMap(db, networkId));
}

/** Forgets every kept figure of this database (for measurements of the uncached page). */
export function forgetCachedFigures(db: Db): void {
  caches.delete(db);
}
