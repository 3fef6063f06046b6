import crypto from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { savedSearches } from '../offers/index.ts';
import { parseQueryString, toQuery, toSearchParams } from './params.ts';
import { countSavedSearches } from './queries.ts';

export const MAX_SAVED_SEARCHES = 50;

export type SaveSearchResult =
  | { ok: true; id: string }
  | { ok: false; code: 'search.too_many' | 'search.query_invalid' };

/** Saves the search given as a query string (as in the address bar), without its page number. */
export async function saveSearch(
  db: Db,
  input: { userId: string; name: string; queryString: string; now: Date },
): Promise<SaveSearchResult> {
  const parsed = parseQueryString(input.queryString);
  if (!parsed) return { ok: false, code: 'search.query_invalid' };
  if ((await countSavedSearches(db, input.userId)) >= MAX_SAVED_SEARCHES) return { ok: false, code: 'search.too_many' };
  const query = toQuery({ ...toSearchParams(parsed), page: 1 });
  const [row] = await db
    .insert(savedSearches)
    .values({ userId: input.userId, name: input.name.trim().slice(0, 120), query, alerts: 'daily', createdAt: input.now })
    .returning();
  if (!row) throw new Error('saved search not inserted');
  return { ok: true, id: row.id };
}

export async function deleteSavedSearch(db: Db, id: string): Promise<void> {
  await db.delete(savedSearches).where(eq(savedSearches.id, id));
}

export async function setSavedSearchAlerts(db: Db, id: string, alerts: 'daily' | 'none', now: Date): Promise<void> {
  // Turning alerts back on starts from now, so the next mail does not repeat what was published meanwhile.
  await db
    .update(savedSearches)
    .set(alerts === 'daily' ? { alerts, lastNotifiedAt: now } : { alerts })
    .where(eq(savedSearches.id, id));
}

/**
 * Marks a saved search as notified, only if no other process did so since `previous` was read:
 * two workers running the digest at once send one mail, not two.
 */
export async function claimSavedSearchNotification(db: Db, id: string, previous: Date | null, now: Date): Promise<boolean> {
  const claimed = await db
    .update(savedSearches)
    .set({ lastNotifiedAt: now })
    .where(
      and(
        eq(savedSearches.id, id),
        eq(savedSearches.alerts, 'daily'),
        previous
          ? sql`date_trunc('milliseconds', ${savedSearches.lastNotifiedAt}) = ${previous.toISOString()}::timestamptz`
          : isNull(savedSearches.lastNotifiedAt),
      ),
    )
    .returning();
  return claimed.length === 1;
}

/** The secret part of an unsubscribe link: an HMAC of the saved search's id, so links need no table. */
export function unsubscribeToken(secret: string, savedSearchId: string): string {
  return crypto.createHmac('sha256', secret).update(`saved-search-alert:${savedSearchId}`).digest('base64url');
}

export function isUnsubscribeToken(secret: string, savedSearchId: string, token: string): boolean {
  const expected = Buffer.from(unsubscribeToken(secret, savedSearchId));
  const given = Buffer.from(token);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
