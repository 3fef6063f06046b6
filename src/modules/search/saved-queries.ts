import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { savedSearches } from '../offers/index.ts';
import { rows } from './sql.ts';

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
