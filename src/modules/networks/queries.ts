import { and, desc, eq } from 'drizzle-orm';
import { type Field } from '../../platform/vocabulary.ts';
import { offers } from '../offers/index.ts';
import { organisations } from '../organisations/index.ts';
import type { Db } from '../../platform/db.ts';
import { municipalities } from './schema.ts';

export interface RecentOffer {
  id: string;
  title: string;
  summary: string;
  field: Field;
  organisationName: string;
  municipalityName: string | null;
  publishedAt: Date | null;
}

/** The newest published offers of a network, for its home page. */
export async function listRecentOffers(db: Db, networkId: string, limit = 6): Promise<RecentOffer[]> {
  return db
    .select({
      id: offers.id,
      title: offers.title,
      summary: offers.summary,
      field: offers.field,
      organisationName: organisations.name,
      municipalityName: municipalities.name,
      publishedAt: offers.publishedAt,
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .leftJoin(municipalities, eq(municipalities.id, offers.municipalityId))
    .where(and(eq(offers.networkId, networkId), eq(offers.status, 'published')))
    .orderBy(desc(offers.publishedAt))
    .limit(limit);
}
