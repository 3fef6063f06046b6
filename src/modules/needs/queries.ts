import { and, asc, desc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { municipalities, networks } from '../../platform/networks/schema.ts';
import { type Field } from '../../platform/vocabulary.ts';
import { offers } from '../offers/index.ts';
import { organisationMembers, organisations } from '../organisations/index.ts';
import { boundingBox } from '../../platform/geo.ts';
import { CANDIDATE_LIMIT } from '../volunteers/index.ts';
import { needs, type Need, type NeedStatus } from './schema.ts';

export type NeedWithPlace = Need & { municipalityName: string | null; organisationName: string | null };

export async function findNeed(db: Db, networkId: string, id: string): Promise<NeedWithPlace | undefined> {
  const [row] = await db
    .select({ need: needs, municipalityName: municipalities.name, organisationName: organisations.name })
    .from(needs)
    .leftJoin(municipalities, eq(municipalities.id, needs.municipalityId))
    .leftJoin(organisations, eq(organisations.id, needs.organisationId))
    .where(and(eq(needs.networkId, networkId), eq(needs.id, id)));
  return row ? { ...row.need, municipalityName: row.municipalityName, organisationName: row.organisationName } : undefined;
}

export interface NeedFilters {
  status?: NeedStatus | undefined;
  municipalityId?: string | undefined;
  field?: Field | undefined;
  /** Only these municipalities (a guide's); undefined means all of the network. */
  scope?: readonly string[] | undefined;
}

export interface NeedListRow {
  id: string;
  title: string;
  field: Field;
  status: NeedStatus;
  isPublic: boolean;
  municipalityName: string | null;
  createdAt: Date;
}

export const LIST_LIMIT = 200;

export async function listNeeds(db: Db, networkId: string, filters: NeedFilters): Promise<NeedListRow[]> {
  const conditions: Array<SQL | undefined> = [eq(needs.networkId, networkId)];
  if (filters.status) conditions.push(eq(needs.status, filters.status));
  if (filters.municipalityId) conditions.push(eq(needs.municipalityId, filters.municipalityId));
  if (filters.field) conditions.push(eq(needs.field, filters.field));
  if (filters.scope) {
    if (filters.scope.length === 0) return [];
    conditions.push(inArray(needs.municipalityId, [...filters.scope]));
  }
  return db
    .select({
      id: needs.id,
      title: needs.title,
      field: needs.field,
      status: needs.status,
      isPublic: needs.isPublic,
      municipalityName: municipalities.name,
      createdAt: needs.createdAt,
    })
    .from(needs)
    .leftJoin(municipalities, eq(municipalities.id, needs.municipalityId))
    .where(and(...conditions))
    .orderBy(desc(needs.createdAt), asc(needs.id))
    .limit(LIST_LIMIT);
}

/** What the public may see of a need, and nothing more: the requester's columns are never selected. */
export interface PublicNeed {
  id: string;
  title: string;
  description: string;
  field: Field;
  status: NeedStatus;
  municipalityName: string | null;
  createdAt: Date;
}

const publicColumns = {
  id: needs.id,
  title: needs.title,
  description: needs.description,
  field: needs.field,
  status: needs.status,
  municipalityName: municipalities.name,
  createdAt: needs.createdAt,
};

/** Public needs still looking for help. */
export async function listPublicNeeds(db: Db, networkId: string): Promise<PublicNeed[]> {
  return db
    .select(publicColumns)
    .from(needs)
    .leftJoin(municipalities, eq(municipalities.id, needs.municipalityId))
    .where(and(eq(needs.networkId, networkId), eq(needs.isPublic, true), inArray(needs.status, ['open', 'in_progress'])))
    .orderBy(desc(needs.createdAt), asc(needs.id))
    .limit(LIST_LIMIT);
}

export async function findPublicNeed(db: Db, networkId: string, id: string): Promise<PublicNeed | undefined> {
  const [row] = await db
    .select(publicColumns)
    .from(needs)
    .leftJoin(municipalities, eq(municipalities.id, needs.municipalityId))
    .where(and(eq(needs.networkId, networkId), eq(needs.id, id), eq(needs.isPublic, true)));
  return row;
}

/** Organisations of this network a person acts for (may file needs in their name). */
export async function organisationsOf(db: Db, userId: string, networkId: string): Promise<Array<{ id: string; name: string }>> {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(and(eq(organisationMembers.userId, userId), eq(organisations.networkId, networkId)))
    .orderBy(asc(organisations.name));
}

export async function isMemberOf(db: Db, userId: string | null, organisationId: string | null): Promise<boolean> {
  if (!userId || !organisationId) return false;
  const [row] = await db
    .select({ userId: organisationMembers.userId })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)));
  return row !== undefined;
}

export async function findNetworkMunicipality(
  db: Db,
  networkId: string,
  id: string,
): Promise<{ id: string; lat: number | null; lng: number | null } | undefined> {
  const [row] = await db
    .select({ id: municipalities.id, lat: municipalities.lat, lng: municipalities.lng })
    .from(municipalities)
    .where(and(eq(municipalities.networkId, networkId), eq(municipalities.id, id)));
  return row;
}

/** A repeat of the same need by the same person a moment ago: a double click, not a second request. */
export async function findRecentDuplicate(
  db: Db,
  values: { networkId: string; createdBy: string; title: string; description: string },
  since: Date,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: needs.id })
    .from(needs)
    .where(
      and(
        eq(needs.networkId, values.networkId),
        eq(needs.createdBy, values.createdBy),
        eq(needs.title, values.title),
        eq(needs.description, values.description),
        gt(needs.createdAt, since),
      ),
    )
    .limit(1);
  return row?.id;
}

export interface OfferForNeed {
  id: string;
  networkSlug: string;
  title: string;
  summary: string;
  field: Field;
  skills: string[];
  weekdays: number[];
  timesOfDay: Need['timesOfDay'];
  suitability: Array<'youth' | 'seniors' | 'families' | 'little_german' | 'wheelchair'>;
  remote: boolean;
  lat: number | null;
  lng: number | null;
  organisationName: string;
  municipalityName: string | null;
  /** Full-text rank of the need's words in the offer; 0 when none of them occurs. */
  rank: number;
}

/**
 * Published offers that could answer a need: the words of its title and skills (stored lexemes, each
 * as a prefix, any of them) found in the offer's search vector, or the same field, inside the radius.
 * Without a place on the need, the search stays in its network.
 */
export async function offerCandidatesForNeed(
  db: Db,
  need: Pick<Need, 'id' | 'networkId' | 'field' | 'lat' | 'lng'>,
  radiusKm: number,
  now: Date,
): Promise<OfferForNeed[]> {
  // Only the title and skills (weights A and B) speak for what is needed; the description names
  // places and people that would match every offer of a local organisation. The lexemes are already
  // stemmed by the 'german' configuration, so the 'simple' one takes them as they are; very short
  // stems would match half the dictionary as prefixes.
  const query = sql`(select to_tsquery('simple', coalesce(string_agg(quote_literal(l.lexeme) || ':*', ' | '), ''))
      from needs n, unnest(tsvector_to_array(ts_filter(n.search, '{a,b}'))) as l(lexeme)
      where n.id = ${need.id} and length(l.lexeme) >= 3)`;
  const textMatch = sql`${offers.search} @@ ${query}`;
  const conditions: Array<SQL | undefined> = [
    eq(offers.status, 'published'),
    or(isNull(offers.expiresAt), gt(offers.expiresAt, now)),
    or(textMatch, eq(offers.field, need.field)),
  ];
  if (need.lat !== null && need.lng !== null) {
    const box = boundingBox({ lat: need.lat, lng: need.lng }, radiusKm);
    conditions.push(
      sql`${offers.lat} between ${box.minLat} and ${box.maxLat}`,
      sql`${offers.lng} between ${box.minLng} and ${box.maxLng}`,
    );
  } else {
    conditions.push(eq(offers.networkId, need.networkId));
  }
  const rank = sql<number>`(case when ${textMatch} then ts_rank(${offers.search}, ${query}) else 0 end)::float8`;
  return db
    .select({
      id: offers.id,
      networkSlug: networks.slug,
      title: offers.title,
      summary: offers.summary,
      field: offers.field,
      skills: offers.skills,
      weekdays: offers.weekdays,
      timesOfDay: offers.timesOfDay,
      suitability: offers.suitability,
      remote: offers.remote,
      lat: offers.lat,
      lng: offers.lng,
      organisationName: organisations.name,
      municipalityName: municipalities.name,
      rank,
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .innerJoin(networks, eq(networks.id, offers.networkId))
    .leftJoin(municipalities, eq(municipalities.id, offers.municipalityId))
    .where(and(...conditions))
    .orderBy(desc(rank), desc(offers.publishedAt), asc(offers.id))
    .limit(CANDIDATE_LIMIT);
}
