import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { municipalities } from '../../platform/networks/schema.ts';
import { offers, type Offer } from '../offers/index.ts';
import { organisations } from '../organisations/index.ts';

export type ExportedOffer = Offer & { organisationName: string; municipalityName: string | null };

/** Where the last page ended. The timestamp stays text: a JavaScript date drops the database's microseconds. */
interface Cursor {
  createdAt: string;
  id: string;
}

async function exportPage(db: Db, networkId: string, cursor: Cursor | null, pageSize: number) {
  return db
    .select({
      offer: offers,
      organisationName: organisations.name,
      municipalityName: municipalities.name,
      cursor: sql<string>`${offers.createdAt}::text`,
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .leftJoin(municipalities, eq(municipalities.id, offers.municipalityId))
    .where(
      and(
        eq(offers.networkId, networkId),
        cursor
          ? or(
              sql`${offers.createdAt} > ${cursor.createdAt}::timestamptz`,
              and(sql`${offers.createdAt} = ${cursor.createdAt}::timestamptz`, gt(offers.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(offers.createdAt), asc(offers.id))
    .limit(pageSize);
}

/**
 * Every offer of a network with its organisation's and municipality's names, oldest first, in
 * pages: an export of any size is written without holding the whole network in memory.
 */
export async function* offersForExport(db: Db, networkId: string, pageSize = 500): AsyncGenerator<ExportedOffer> {
  let cursor: Cursor | null = null;
  for (;;) {
    const rows = await exportPage(db, networkId, cursor, pageSize);
    for (const row of rows) yield { ...row.offer, organisationName: row.organisationName, municipalityName: row.municipalityName };
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    cursor = { createdAt: last.cursor, id: last.offer.id };
  }
}

export async function countOffers(db: Db, networkId: string): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(offers).where(eq(offers.networkId, networkId));
  return row?.count ?? 0;
}
