import type { Db } from '../../platform/db.ts';
import { overviewFigures, type OverviewFigures, type OverviewScope } from './queries.ts';

/*
 * The figures of one scope are kept for a minute. Counting a million placements takes a few hundred
 * milliseconds, the overview is read far more often than it changes, and a council report does not
 * need the last minute. Each process keeps its own entries (nothing to share or invalidate across
 * processes); a WeakMap per database handle keeps test databases apart.
 */

export const FIGURES_TTL_MS = 60_000;
const MAX_ENTRIES = 500;

interface Entry {
  at: number;
  figures: Promise<OverviewFigures>;
}

const caches = new WeakMap<object, Map<string, Entry>>();

function keyOf(scope: OverviewScope): string {
  return JSON.stringify([scope.networkIds, scope.municipalityId, scope.period.from, scope.period.to]);
}

/** The figures of a scope, at most FIGURES_TTL_MS old; concurrent requests for one scope share one computation. */
export function cachedOverviewFigures(db: Db, scope: OverviewScope, now = Date.now()): Promise<OverviewFigures> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const key = keyOf(scope);
  const hit = cache.get(key);
  if (hit && now - hit.at < FIGURES_TTL_MS) return hit.figures;
  const figures = overviewFigures(db, scope);
  cache.set(key, { at: now, figures });
  // A failed computation is not kept.
  figures.catch(() => cache.delete(key));
  if (cache.size > MAX_ENTRIES) {
    for (const [k, entry] of cache) if (now - entry.at >= FIGURES_TTL_MS || cache.size > MAX_ENTRIES) cache.delete(k);
  }
  return figures;
}
