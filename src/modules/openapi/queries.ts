import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { municipalities, networks } from '../../platform/networks/schema.ts';
import { offers } from '../offers/index.ts';
import { isUuid } from '../../platform/http/ids.ts';
import { organisations } from '../organisations/index.ts';
import { apiTokens, type ApiScope } from './schema.ts';

/** What a request learns about the token it carries; never the token or its hash beyond the rate-limit key. */
export interface ApiTokenRef {
  id: string;
  organisationId: string;
  networkId: string;
  scopes: ApiScope[];
  lastUsedAt: Date | null;
}

/** The live (not revoked) token with this hash, with its organisation's network. */
export async function findActiveToken(db: Db, tokenHash: string): Promise<ApiTokenRef | undefined> {
  const [row] = await db
    .select({
      id: apiTokens.id,
      organisationId: apiTokens.organisationId,
      networkId: organisations.networkId,
      scopes: apiTokens.scopes,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .innerJoin(organisations, eq(organisations.id, apiTokens.organisationId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  return row;
}

export interface ApiTokenListItem {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: Date;
  createdByName: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The organisation's tokens for its settings page: live ones first, newest first. */
export async function listApiTokens(db: Db, organisationId: string): Promise<ApiTokenListItem[]> {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      createdByName: sql<string | null>`(select u.name from users u where u.id = api_tokens.created_by)`,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.organisationId, organisationId))
    .orderBy(sql`${apiTokens.revokedAt} is not null`, desc(apiTokens.createdAt));
}

// ---- Public reads --------------------------------------------------------------------------------

export interface PublicNetwork {
  id: string;
  slug: string;
  name: string;
  kind: string;
  region: string;
  description: string;
  updatedAt: Date;
  municipalityCount: number;
}

export async function listPublicNetworks(db: Db): Promise<PublicNetwork[]> {
  return db
    .select({
      id: networks.id,
      slug: networks.slug,
      name: networks.name,
      kind: networks.kind,
      region: networks.region,
      description: networks.description,
      updatedAt: networks.updatedAt,
      municipalityCount: sql<number>`(select count(*)::int from municipalities m where m.network_id = networks.id)`,
    })
    .from(networks)
    .orderBy(asc(networks.name));
}

export async function findNetworkIdBySlug(db: Db, slug: string): Promise<string | undefined> {
  const [row] = await db.select({ id: networks.id }).from(networks).where(eq(networks.slug, slug));
  return row?.id;
}

export interface PublicMunicipality {
  id: string;
  name: string;
  type: string;
  ags: string | null;
  lat: number | null;
  lng: number | null;
  inhabitants: number | null;
  network: { slug: string; name: string };
  publishedOffers: number;
}

/** Municipalities with their number of published offers, optionally of one network. */
export async function listPublicMunicipalities(db: Db, networkId?: string): Promise<PublicMunicipality[]> {
  return db
    .select({
      id: municipalities.id,
      name: municipalities.name,
      type: municipalities.type,
      ags: municipalities.ags,
      lat: municipalities.lat,
      lng: municipalities.lng,
      inhabitants: municipalities.inhabitants,
      network: { slug: networks.slug, name: networks.name },
      publishedOffers: sql<number>`(select count(*)::int from offers o where o.municipality_id = municipalities.id and o.status = 'published')`,
    })
    .from(municipalities)
    .innerJoin(networks, eq(networks.id, municipalities.networkId))
    .where(networkId ? eq(municipalities.networkId, networkId) : undefined)
    .orderBy(asc(networks.name), asc(municipalities.name));
}

export interface PublicOrganisation {
  id: string;
  name: string;
  type: string;
  description: string;
  street: string;
  postcode: string;
  place: string;
  lat: number | null;
  lng: number | null;
  website: string;
  email: string;
  phone: string;
  municipality: { id: string; name: string } | null;
  network: { slug: string; name: string };
  updatedAt: Date;
}

const organisationColumns = {
  id: organisations.id,
  name: organisations.name,
  type: organisations.type,
  description: organisations.description,
  street: organisations.street,
  postcode: organisations.postcode,
  place: organisations.place,
  lat: organisations.lat,
  lng: organisations.lng,
  website: organisations.website,
  email: organisations.email,
  phone: organisations.phone,
  municipalityId: municipalities.id,
  municipalityName: municipalities.name,
  network: { slug: networks.slug, name: networks.name },
  updatedAt: organisations.updatedAt,
};

type OrganisationRow = {
  municipalityId: string | null;
  municipalityName: string | null;
} & Omit<PublicOrganisation, 'municipality'>;

function toPublicOrganisation({ municipalityId, municipalityName, ...rest }: OrganisationRow): PublicOrganisation {
  return { ...rest, municipality: municipalityId && municipalityName ? { id: municipalityId, name: municipalityName } : null };
}

export const ORGANISATIONS_PER_PAGE = 50;

/** Verified organisations (the only public ones), by name, a page at a time. */
export async function listPublicOrganisations(
  db: Db,
  filter: { networkId?: string | undefined; municipalityId?: string | undefined; page: number },
): Promise<{ total: number; items: PublicOrganisation[] }> {
  const where = and(
    eq(organisations.status, 'verified'),
    filter.networkId ? eq(organisations.networkId, filter.networkId) : undefined,
    filter.municipalityId ? eq(organisations.municipalityId, filter.municipalityId) : undefined,
  );
  const [total] = await db.select({ n: count() }).from(organisations).where(where);
  const rows = await db
    .select(organisationColumns)
    .from(organisations)
    .innerJoin(networks, eq(networks.id, organisations.networkId))
    .leftJoin(municipalities, eq(municipalities.id, organisations.municipalityId))
    .where(where)
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(ORGANISATIONS_PER_PAGE)
    .offset((filter.page - 1) * ORGANISATIONS_PER_PAGE);
  return { total: total?.n ?? 0, items: rows.map(toPublicOrganisation) };
}

export async function getPublicOrganisation(db: Db, id: string): Promise<PublicOrganisation | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select(organisationColumns)
    .from(organisations)
    .innerJoin(networks, eq(networks.id, organisations.networkId))
    .leftJoin(municipalities, eq(municipalities.id, organisations.municipalityId))
    .where(and(eq(organisations.id, id), eq(organisations.status, 'verified')));
  return row ? toPublicOrganisation(row) : undefined;
}

export async function listPublishedOfferLinks(db: Db, organisationId: string): Promise<Array<{ id: string; title: string; publishedAt: Date | null }>> {
  return db
    .select({ id: offers.id, title: offers.title, publishedAt: offers.publishedAt })
    .from(offers)
    .where(and(eq(offers.organisationId, organisationId), eq(offers.status, 'published')))
    .orderBy(desc(offers.publishedAt));
}

/** Whether the municipality exists (in the network, when one is given). */
export async function municipalityExists(db: Db, id: string, networkId?: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const [row] = await db
    .select({ id: municipalities.id })
    .from(municipalities)
    .where(and(eq(municipalities.id, id), networkId ? eq(municipalities.networkId, networkId) : undefined));
  return Boolean(row);
}
