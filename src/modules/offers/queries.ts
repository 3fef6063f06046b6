import { and, asc, desc, eq, gt, inArray, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { users } from '../../platform/auth/schema.ts';
import { municipalities, networks, type Network } from '../../platform/networks/schema.ts';
import { isUuid } from '../../platform/http/ids.ts';
import { organisationMembers, organisations, type Organisation } from '../organisations/index.ts';
import { offers, type Offer, type OfferStatus } from './schema.ts';

/** An offer with what every page about it shows: its organisation, municipality and network. */
export interface OfferDetails extends Offer {
  organisationName: string;
  organisationStatus: Organisation['status'];
  municipalityName: string | null;
  network: Pick<Network, 'id' | 'slug' | 'name' | 'moderation' | 'offerLifetimeDays'>;
}

function detailsQuery(db: Db) {
  return db
    .select({
      offer: offers,
      organisationName: organisations.name,
      organisationStatus: organisations.status,
      municipalityName: municipalities.name,
      network: {
        id: networks.id,
        slug: networks.slug,
        name: networks.name,
        moderation: networks.moderation,
        offerLifetimeDays: networks.offerLifetimeDays,
      },
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .innerJoin(networks, eq(networks.id, offers.networkId))
    .leftJoin(municipalities, eq(municipalities.id, offers.municipalityId));
}

type DetailsRow = Awaited<ReturnType<ReturnType<typeof detailsQuery>['execute']>>[number];

function toDetails(row: DetailsRow): OfferDetails {
  return {
    ...row.offer,
    organisationName: row.organisationName,
    organisationStatus: row.organisationStatus,
    municipalityName: row.municipalityName,
    network: row.network,
  };
}

/** Any offer, whatever its status; who may see it is the policy's question. */
export async function getOffer(db: Db, id: string): Promise<OfferDetails | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await detailsQuery(db).where(eq(offers.id, id));
  return row ? toDetails(row) : undefined;
}

/**
 * A published offer as the public sees it, or undefined (unknown, not published, or not a valid id).
 * Other modules (placements, search) call this to check an offer before they act on it.
 */
export async function getPublishedOffer(db: Db, id: string): Promise<OfferDetails | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await detailsQuery(db).where(and(eq(offers.id, id), eq(offers.status, 'published')));
  return row ? toDetails(row) : undefined;
}

export interface OfferListItem {
  id: string;
  organisationId: string;
  title: string;
  summary: string;
  status: OfferStatus;
  statusReason: string;
  municipalityName: string | null;
  publishedAt: Date | null;
  expiresAt: Date | null;
  updatedAt: Date;
}

const listColumns = {
  id: offers.id,
  organisationId: offers.organisationId,
  title: offers.title,
  summary: offers.summary,
  status: offers.status,
  statusReason: offers.statusReason,
  municipalityName: municipalities.name,
  publishedAt: offers.publishedAt,
  expiresAt: offers.expiresAt,
  updatedAt: offers.updatedAt,
};

export async function listPublishedOffersOfOrganisation(db: Db, organisationId: string): Promise<OfferListItem[]> {
  return db
    .select(listColumns)
    .from(offers)
    .leftJoin(municipalities, eq(municipalities.id, offers.municipalityId))
    .where(and(eq(offers.organisationId, organisationId), eq(offers.status, 'published')))
    .orderBy(desc(offers.publishedAt));
}

/** Every offer of these organisations, for the "my organisations" dashboard. */
export async function listOffersOfOrganisations(db: Db, organisationIds: string[]): Promise<OfferListItem[]> {
  if (organisationIds.length === 0) return [];
  return db
    .select(listColumns)
    .from(offers)
    .leftJoin(municipalities, eq(municipalities.id, offers.municipalityId))
    .where(inArray(offers.organisationId, organisationIds))
    .orderBy(desc(offers.updatedAt));
}

export interface OfferInReview extends OfferListItem {
  organisationName: string;
  organisationStatus: Organisation['status'];
}

export async function listOffersInReview(db: Db, networkId: string): Promise<OfferInReview[]> {
  return db
    .select({ ...listColumns, organisationName: organisations.name, organisationStatus: organisations.status })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .leftJoin(municipalities, eq(municipalities.id, offers.municipalityId))
    .where(and(eq(offers.networkId, networkId), eq(offers.status, 'in_review')))
    .orderBy(asc(offers.updatedAt));
}

/** Published offers whose end is near and whose organisation has not been reminded yet. */
export async function listOffersDueForReminder(db: Db, now: Date, before: Date): Promise<Array<{ id: string }>> {
  return db
    .select({ id: offers.id })
    .from(offers)
    .where(
      and(
        eq(offers.status, 'published'),
        gt(offers.expiresAt, now),
        lte(offers.expiresAt, before),
        isNull(offers.expiryReminderSentAt),
      ),
    );
}

/** The people to write to about an offer: the organisation's members with their language, or the organisation's address. */
export async function offerRecipients(db: Db, organisationId: string): Promise<Array<{ email: string; locale: string }>> {
  const members = await db
    .select({ email: users.email, locale: users.locale })
    .from(organisationMembers)
    .innerJoin(users, eq(users.id, organisationMembers.userId))
    .where(eq(organisationMembers.organisationId, organisationId));
  if (members.length > 0) return members;
  const [organisation] = await db.select({ email: organisations.email }).from(organisations).where(eq(organisations.id, organisationId));
  return organisation?.email ? [{ email: organisation.email, locale: 'de' }] : [];
}
