import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { municipalities, networks, type Municipality } from '../../platform/networks/schema.ts';
import { type Field } from '../../platform/vocabulary.ts';
import { offers } from '../offers/index.ts';
import { organisations } from '../organisations/index.ts';

/**
 * A municipality of the network by the name people type ("krostitz", "Löbnitz", "Loebnitz"): feeds and
 * the widget are configured by hand on other websites, where names are friendlier than ids.
 */
export async function findMunicipalityByName(db: Db, networkId: string, name: string): Promise<Municipality | undefined> {
  const wanted = foldName(name);
  if (!wanted) return undefined;
  const candidates = await db.select().from(municipalities).where(eq(municipalities.networkId, networkId));
  return candidates.find((m) => foldName(m.name) === wanted);
}

/** Lower case, umlauts and ß spelled out, accents and spaces ignored. */
export function foldName(name: string): string {
  return name
    .trim()
    .toLocaleLowerCase('de-DE')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\s./-]+/g, '');
}

export interface FeedOffer {
  id: string;
  title: string;
  summary: string;
  description: string;
  field: Field;
  remote: boolean;
  place: string;
  organisationName: string;
  municipalityName: string | null;
  publishedAt: Date;
  updatedAt: Date;
}

export const FEED_LIMIT = 50;

/** The newest published offers of a network, optionally of one municipality and one field. */
export async function listNewOffers(
  db: Db,
  filter: { networkId: string; municipalityId?: string | undefined; field?: Field | undefined; limit?: number },
): Promise<FeedOffer[]> {
  const rows = await db
    .select({
      id: offers.id,
      title: offers.title,
      summary: offers.summary,
      description: offers.description,
      field: offers.field,
      remote: offers.remote,
      place: offers.place,
      organisationName: organisations.name,
      municipalityName: municipalities.name,
      publishedAt: offers.publishedAt,
      updatedAt: offers.updatedAt,
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .leftJoin(municipalities, eq(municipalities.id, offers.municipalityId))
    .where(
      and(
        eq(offers.networkId, filter.networkId),
        eq(offers.status, 'published'),
        filter.municipalityId ? eq(offers.municipalityId, filter.municipalityId) : undefined,
        filter.field ? eq(offers.field, filter.field) : undefined,
      ),
    )
    .orderBy(desc(offers.publishedAt), desc(offers.id))
    .limit(filter.limit ?? FEED_LIMIT);
  return rows.map((row) => ({ ...row, publishedAt: row.publishedAt ?? row.updatedAt }));
}

export interface SitemapNetwork {
  slug: string;
  updatedAt: Date;
}

export async function listSitemapNetworks(db: Db): Promise<SitemapNetwork[]> {
  return db.select({ slug: networks.slug, updatedAt: networks.updatedAt }).from(networks).orderBy(asc(networks.slug));
}

export interface SitemapEntry {
  path: string;
  lastModified: Date;
}

/** Public records with a page of their own: published offers, then verified organisations. */
export async function countSitemapRecords(db: Db): Promise<number> {
  const result = (await db.execute(
    sql`select (select count(*) from offers where status = 'published') + (select count(*) from organisations where status = 'verified') as n`,
  )) as unknown as { rows: Array<{ n: string | number }> };
  return Number(result.rows[0]?.n ?? 0);
}

export async function listSitemapRecords(db: Db, offset: number, limit: number): Promise<SitemapEntry[]> {
  const result = (await db.execute(sql`
    select path, last_modified from (
      select '/angebote/' || id::text as path, updated_at as last_modified, 1 as kind, id as key from offers where status = 'published'
      union all
      select '/organisationen/' || id::text, updated_at, 2, id from organisations where status = 'verified'
    ) records
    order by kind, key
    offset ${offset} limit ${limit}
  `)) as unknown as { rows: Array<{ path: string; last_modified: Date | string }> };
  return result.rows.map((row) => ({ path: row.path, lastModified: new Date(row.last_modified) }));
}
