import type { Db } from '../../platform/db.ts';
import { offerPointsForMap, overviewFigures, type OfferPoint, type OverviewFigures, type OverviewScope } from './queries.ts';

/*
 * The figures of one scope, and the offers of one network's map, are kept for a minute (and answered
 * from the old count for up to ten minutes while a new one runs). The overview
 * is read far more often than it changes, a council report does not need the last minute, and the
 * map's offers are a scan of every published offer of the network (a few hundred milliseconds at
 * 100,000). Each process keeps its own entries (nothing to share or invalidate across processes);
 * a WeakMap per database handle keeps test databases apart.
 */

export const FIGURES_TTL_MS = 60_000;
/**
 * An entry older than the TTL but younger than this is still answered at once, while one new count
 * runs in the background for the next visitor: once a scope has been counted, nobody waits for the
 * count again unless it went unvisited for ten minutes.
 */
export const FIGURES_STALE_MS = 10 * 60_000;
const MAX_ENTRIES = 500;

interface Entry {
  at: number;
  value: Promise<unknown>;
  /** A background count for this entry is running. */
  refreshing: boolean;
}

const caches = new WeakMap<object, Map<string, Entry>>();

/**
 * `compute()`'s result for `key`, at most FIGURES_TTL_MS old, or at most FIGURES_STALE_MS old while a
 * new count runs; concurrent requests for one key share one computation.
 */
function kept<T>(db: Db, key: string, now: number, compute: () => Promise<T>): Promise<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const store = cache;
  const hit = store.get(key);
  if (hit && now - hit.at < FIGURES_TTL_MS) return hit.value as Promise<T>;
  if (hit && now - hit.at < FIGURES_STALE_MS) {
    if (!hit.refreshing) {
      hit.refreshing = true;
      const next = compute();
      next.then(
        () => store.set(key, { at: now, value: next, refreshing: false }),
        () => {
          hit.refreshing = false;
        },
      );
    }
    return hit.value as Promise<T>;
  }
  const value = compute();
  store.set(key, { at: now, value, refreshing: false });
  // A failed computation is not kept.
  value.catch(() => {
    if (store.get(key)?.value === value) store.delete(key);
  });
  if (store.size > MAX_ENTRIES) {
    for (const [k, entry] of store) if (now - entry.at >= FIGURES_STALE_MS || store.size > MAX_ENTRIES) store.delete(k);
  }
  return value;
}

/** The figures of a scope, at most FIGURES_TTL_MS old (FIGURES_STALE_MS while a new count runs). */
export function cachedOverviewFigures(db: Db, scope: OverviewScope, now = Date.now()): Promise<OverviewFigures> {
  const key = JSON.stringify(['figures', scope.networkIds, scope.municipalityId, scope.period.from, scope.period.to]);
  return kept(db, key, now, () => overviewFigures(db, scope));
}

/** The published offers of a network's map, kept like the figures. */
export function cachedOfferPoints(db: Db, networkId: string, now = Date.now()): Promise<OfferPoint[]> {
  return kept(db, JSON.stringify(['map', networkId]), now, () => offerPointsForMap(db, networkId));
}

/** Forgets every kept figure of this database (for measurements of the uncached page). */
export function forgetCachedFigures(db: Db): void {
  caches.delete(db);
}
