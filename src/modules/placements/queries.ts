import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { hashSecret } from '../../platform/auth/tokens.ts';
import { users } from '../../platform/auth/schema.ts';
import { tokens } from '../accounts/index.ts';
import { membershipMunicipalities, memberships } from '../../platform/roles/schema.ts';
import { municipalities, networks } from '../../platform/networks/schema.ts';
import { officeNoticeSettings } from '../moderation/index.ts';
import { needs } from '../needs/index.ts';
import { offers } from '../offers/index.ts';
import { organisationMembers, organisations } from '../organisations/index.ts';
import { volunteerProfiles } from '../volunteers/index.ts';
import { placementEvents, placementMessages, placements, type PlacementStatus } from './schema.ts';
import { medianOf, responseMinutes } from './response-time.ts';

/** Token kinds inside the shared tokens table (purpose 'placement'), told apart by data.kind. */
export const CONFIRM_KIND = 'placement_confirm';
export const ACCESS_KIND = 'placement_access';

/** A published offer with what an inquiry needs to know about it. */
export interface InquiryOffer {
  id: string;
  title: string;
  summary: string;
  networkId: string;
  networkSlug: string;
  networkName: string;
  organisationId: string;
  organisationName: string;
  municipalityId: string | null;
  municipalityName: string | null;
}

export async function findPublishedOffer(db: Db, offerId: string): Promise<InquiryOffer | undefined> {
  const [row] = await db
    .select({
      id: offers.id,
      title: offers.title,
      summary: offers.summary,
      networkId: offers.networkId,
      networkSlug: networks.slug,
      networkName: networks.name,
      organisationId: offers.organisationId,
      organisationName: organisations.name,
      municipalityId: sql<string | null>`coalesce(${offers.municipalityId}, ${organisations.municipalityId})`,
      municipalityName: municipalities.name,
    })
    .from(offers)
    .innerJoin(networks, eq(networks.id, offers.networkId))
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .leftJoin(
      municipalities,
      eq(municipalities.id, sql`coalesce(${offers.municipalityId}, ${organisations.municipalityId})`),
    )
    .where(and(eq(offers.id, offerId), eq(offers.status, 'published')));
  return row;
}

/** A placement with everything its page and its mails show. */
export interface PlacementDetail {
  id: string;
  networkId: string;
  networkSlug: string;
  networkName: string;
  networkContactEmail: string;
  offerId: string | null;
  offerTitle: string | null;
  offerContactEmail: string | null;
  needId: string | null;
  needTitle: string | null;
  needDescription: string | null;
  organisationId: string | null;
  organisationName: string | null;
  organisationEmail: string | null;
  municipalityId: string | null;
  municipalityName: string | null;
  volunteerId: string | null;
  volunteerName: string;
  volunteerEmail: string;
  volunteerLocale: string;
  message: string;
  status: PlacementStatus;
  createdAt: Date;
  /** When the inquiry counts as made: at once with an account, on confirmation without one. */
  requestedAt: Date | null;
  firstResponseAt: Date | null;
  volunteerSharesContact: Date | null;
  organisationSharesContact: Date | null;
}

const placementMunicipality = sql<string | null>`coalesce(${offers.municipalityId}, ${needs.municipalityId}, ${organisations.municipalityId})`;
const placementOrganisation = sql<string | null>`coalesce(${offers.organisationId}, ${needs.organisationId})`;

export async function findPlacement(db: Db, id: string): Promise<PlacementDetail | undefined> {
  const [row] = await db
    .select({
      id: placements.id,
      networkId: placements.networkId,
      networkSlug: networks.slug,
      networkName: networks.name,
      networkContactEmail: networks.contactEmail,
      offerId: placements.offerId,
      offerTitle: offers.title,
      offerContactEmail: offers.contactEmail,
      needId: placements.needId,
      needTitle: needs.title,
      needDescription: needs.description,
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationEmail: organisations.email,
      municipalityId: placementMunicipality,
      municipalityName: municipalities.name,
      volunteerId: placements.volunteerId,
      volunteerName: sql<string>`coalesce(nullif(${users.name}, ''), ${placements.volunteerName})`,
      volunteerEmail: sql<string>`coalesce(${users.email}, ${placements.volunteerEmail})`,
      volunteerLocale: sql<string>`coalesce(${users.locale}, 'de')`,
      message: placements.message,
      status: placements.status,
      createdAt: placements.createdAt,
      requestedAt: placements.emailConfirmedAt,
      firstResponseAt: placements.firstResponseAt,
      volunteerSharesContact: placements.volunteerSharesContact,
      organisationSharesContact: placements.organisationSharesContact,
    })
    .from(placements)
    .innerJoin(networks, eq(networks.id, placements.networkId))
    .leftJoin(offers, eq(offers.id, placements.offerId))
    .leftJoin(needs, eq(needs.id, placements.needId))
    .leftJoin(organisations, eq(organisations.id, sql`coalesce(${offers.organisationId}, ${needs.organisationId})`))
    .leftJoin(municipalities, eq(municipalities.id, placementMunicipality))
    .leftJoin(users, eq(users.id, placements.volunteerId))
    .where(eq(placements.id, id));
  return row;
}

export async function isOrganisationMember(db: Db, organisationId: string | null, userId: string | null): Promise<boolean> {
  if (!organisationId || !userId) return false;
  const [row] = await db
    .select({ userId: organisationMembers.userId })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)));
  return row !== undefined;
}

/**
 * Whether `secret` is a live private link of the volunteer for this placement. Unlike confirmation
 * links these are reusable until they expire, so `used_at` is not looked at.
 */
export async function hasVolunteerAccess(db: Db, placementId: string, secret: string | undefined, now: Date): Promise<boolean> {
  if (!secret || secret.length > 100) return false;
  const [row] = await db
    .select({ id: tokens.id })
    .from(tokens)
    .where(
      and(
        eq(tokens.id, hashSecret(secret)),
        eq(tokens.purpose, 'placement'),
        sql`${tokens.data}->>'kind' = ${ACCESS_KIND}`,
        sql`${tokens.data}->>'placementId' = ${placementId}`,
        gt(tokens.expiresAt, now),
      ),
    );
  return row !== undefined;
}

export interface ConfirmTokenView {
  placementId: string;
  offerTitle: string | null;
  used: boolean;
}

/** The confirmation link's placement, if the link is still good (or was already used). */
export async function findConfirmToken(db: Db, secret: string, now: Date): Promise<ConfirmTokenView | undefined> {
  const [row] = await db
    .select({
      placementId: sql<string>`${tokens.data}->>'placementId'`,
      usedAt: tokens.usedAt,
      expiresAt: tokens.expiresAt,
    })
    .from(tokens)
    .where(and(eq(tokens.id, hashSecret(secret)), eq(tokens.purpose, 'placement'), sql`${tokens.data}->>'kind' = ${CONFIRM_KIND}`));
  if (!row || row.expiresAt <= now) return undefined;
  const [placement] = await db
    .select({ offerTitle: offers.title })
    .from(placements)
    .leftJoin(offers, eq(offers.id, placements.offerId))
    .where(eq(placements.id, row.placementId));
  if (!placement) return undefined;
  return { placementId: row.placementId, offerTitle: placement.offerTitle, used: row.usedAt !== null };
}

export interface HistoryEntry {
  at: Date;
  fromStatus: PlacementStatus | null;
  toStatus: PlacementStatus;
  actorName: string | null;
  /** Who made the change: the volunteer (also without an account), a named person, or the reminder job. */
  actorKind: 'volunteer' | 'organisation' | 'person' | 'system' | 'unknown';
  note: string;
}

export async function listHistory(db: Db, placementId: string): Promise<HistoryEntry[]> {
  return db
    .select({
      at: placementEvents.at,
      fromStatus: placementEvents.fromStatus,
      toStatus: placementEvents.toStatus,
      actorName: users.name,
      // Events without an actor come from the reminder job (no_answer) or from a volunteer without an account.
      actorKind: sql<HistoryEntry['actorKind']>`case
        when ${placementEvents.actorId} is not null and ${placementEvents.actorId} = ${placements.volunteerId} then 'volunteer'
        when ${placementEvents.actorId} is not null then 'person'
        when ${placementEvents.toStatus} = 'no_answer' then 'system'
        when ${placementEvents.side} = 'organisation' then 'organisation'
        when ${placements.volunteerId} is null then 'volunteer'
        else 'unknown' end`,
      note: placementEvents.note,
    })
    .from(placementEvents)
    .innerJoin(placements, eq(placements.id, placementEvents.placementId))
    .leftJoin(users, eq(users.id, placementEvents.actorId))
    .where(eq(placementEvents.placementId, placementId))
    .orderBy(asc(placementEvents.at), asc(placementEvents.id));
}

export interface MessageEntry {
  id: number;
  at: Date;
  side: 'volunteer' | 'organisation' | 'office';
  authorName: string | null;
  body: string;
}

export async function listMessages(db: Db, placementId: string): Promise<MessageEntry[]> {
  return db
    .select({
      id: placementMessages.id,
      at: placementMessages.at,
      side: placementMessages.side,
      authorName: users.name,
      body: placementMessages.body,
    })
    .from(placementMessages)
    .leftJoin(users, eq(users.id, placementMessages.authorId))
    .where(eq(placementMessages.placementId, placementId))
    .orderBy(asc(placementMessages.at), asc(placementMessages.id));
}

/** A placement already opened with this idempotency key by the same person for the same offer or need. */
export async function findByRequestKey(
  db: Db,
  key: { requestKey: string; offerId: string | null; needId?: string | null; volunteerId: string | null; email?: string },
): Promise<{ id: string; emailConfirmedAt: Date | null } | undefined> {
  const conditions: SQL[] = [eq(placements.requestKey, key.requestKey)];
  conditions.push(key.offerId ? eq(placements.offerId, key.offerId) : isNull(placements.offerId));
  if (key.needId !== undefined) conditions.push(key.needId ? eq(placements.needId, key.needId) : isNull(placements.needId));
  if (key.volunteerId) conditions.push(eq(placements.volunteerId, key.volunteerId));
  else conditions.push(isNull(placements.volunteerId), eq(placements.volunteerEmail, key.email ?? ''));
  const [row] = await db
    .select({ id: placements.id, emailConfirmedAt: placements.emailConfirmedAt })
    .from(placements)
    .where(and(...conditions));
  return row;
}

/** A placement of this volunteer for this offer that is still going on, so the form can point to it. */
export async function findOpenInquiry(db: Db, offerId: string, userId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: placements.id })
    .from(placements)
    .where(
      and(
        eq(placements.offerId, offerId),
        eq(placements.volunteerId, userId),
        inArray(placements.status, ['requested', 'in_contact', 'first_meeting', 'placed']),
      ),
    )
    .orderBy(desc(placements.createdAt))
    .limit(1);
  return row?.id;
}

export interface Recipient {
  email: string;
  locale: string;
  /** This recipient's own link to the placement (a private one, for people without an account). */
  link?: string;
}

export async function organisationRecipients(db: Db, organisationId: string): Promise<Recipient[]> {
  return db
    .select({ email: users.email, locale: users.locale })
    .from(organisationMembers)
    .innerJoin(users, eq(users.id, organisationMembers.userId))
    .where(eq(organisationMembers.organisationId, organisationId));
}

export async function guideRecipients(db: Db, networkId: string, municipalityId: string | null): Promise<Recipient[]> {
  if (!municipalityId) return [];
  return db
    .selectDistinct({ email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(membershipMunicipalities, eq(membershipMunicipalities.membershipId, memberships.id))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.networkId, networkId),
        eq(memberships.role, 'guide'),
        eq(membershipMunicipalities.municipalityId, municipalityId),
      ),
    );
}

/**
 * The people of the network office; the network's contact address when nobody holds the role. A notice
 * (an escalation) skips those who chose "no mails" for what waits; mediation, where the office answers
 * in the organisation's place, reaches everyone.
 */
export async function officeRecipients(db: Db, networkId: string, purpose: 'mediation' | 'notice' = 'mediation'): Promise<Recipient[]> {
  const people = await db
    .selectDistinct({ email: users.email, locale: users.locale, mode: officeNoticeSettings.mode })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(officeNoticeSettings, and(eq(officeNoticeSettings.networkId, memberships.networkId), eq(officeNoticeSettings.userId, users.id)))
    .where(and(eq(memberships.networkId, networkId), eq(memberships.role, 'network_office')));
  if (people.length > 0) {
    return people.filter((p) => purpose === 'mediation' || p.mode !== 'off').map(({ email, locale }) => ({ email, locale }));
  }
  const [network] = await db.select({ email: networks.contactEmail }).from(networks).where(eq(networks.id, networkId));
  return network?.email ? [{ email: network.email, locale: 'de' }] : [];
}

/** One row of a placement list. */
export interface PlacementRow {
  id: string;
  status: PlacementStatus;
  offerTitle: string | null;
  needTitle: string | null;
  organisationName: string | null;
  municipalityName: string | null;
  requestedAt: Date;
  firstResponseAt: Date | null;
  lastActivityAt: Date;
}

function listSelection() {
  return {
    id: placements.id,
    status: placements.status,
    offerTitle: offers.title,
    needTitle: needs.title,
    organisationName: organisations.name,
    municipalityName: municipalities.name,
    requestedAt: sql<Date>`${placements.emailConfirmedAt}`.mapWith(placements.emailConfirmedAt),
    firstResponseAt: placements.firstResponseAt,
    lastActivityAt: placements.lastActivityAt,
  };
}

function listFrom(db: Db) {
  return db
    .select(listSelection())
    .from(placements)
    .leftJoin(offers, eq(offers.id, placements.offerId))
    .leftJoin(needs, eq(needs.id, placements.needId))
    .leftJoin(organisations, eq(organisations.id, placementOrganisation))
    .leftJoin(municipalities, eq(municipalities.id, placementMunicipality));
}

/** The inquiries a person made as a volunteer. */
export async function listVolunteerPlacements(db: Db, userId: string): Promise<PlacementRow[]> {
  return listFrom(db)
    .where(and(eq(placements.volunteerId, userId), isNotNull(placements.emailConfirmedAt)))
    .orderBy(desc(placements.lastActivityAt))
    .limit(500);
}

/** The inquiries to every organisation a person is a member of. */
export async function listOrganisationPlacements(db: Db, userId: string): Promise<PlacementRow[]> {
  const mine = db
    .select({ id: organisationMembers.organisationId })
    .from(organisationMembers)
    .where(eq(organisationMembers.userId, userId));
  return listFrom(db)
    .where(and(isNotNull(placements.emailConfirmedAt), inArray(placementOrganisation, mine)))
    .orderBy(desc(placements.lastActivityAt))
    .limit(500);
}

export interface NetworkListFilter {
  networkId: string;
  /** undefined: every status. */
  statuses?: readonly PlacementStatus[] | undefined;
  /** Only this municipality. */
  municipalityId?: string | undefined;
  /** Restricts to these municipalities (guides); undefined means no restriction. */
  withinMunicipalities?: readonly string[] | undefined;
}

function networkConditions(filter: NetworkListFilter): SQL[] {
  const conditions: SQL[] = [eq(placements.networkId, filter.networkId), isNotNull(placements.emailConfirmedAt)];
  if (filter.statuses) conditions.push(inArray(placements.status, [...filter.statuses]));
  if (filter.municipalityId) conditions.push(sql`${placementMunicipality} = ${filter.municipalityId}`);
  if (filter.withinMunicipalities) {
    conditions.push(
      filter.withinMunicipalities.length === 0
        ? sql`false`
        : sql`${placementMunicipality} in (${sql.join(
            filter.withinMunicipalities.map((m) => sql`${m}`),
            sql`, `,
          )})`,
    );
  }
  return conditions;
}

export interface NetworkPlacementList {
  rows: PlacementRow[];
  total: number;
  /** Median response time (response-time.ts) over the selection's answered placements, in seconds; null without any. */
  medianResponseSeconds: number | null;
  answered: number;
}

export const LIST_LIMIT = 500;

export async function listNetworkPlacements(db: Db, filter: NetworkListFilter): Promise<NetworkPlacementList> {
  const conditions = and(...networkConditions(filter));
  const rows = await listFrom(db).where(conditions).orderBy(asc(placements.emailConfirmedAt)).limit(LIST_LIMIT);
  // Response minutes counted per value, the median taken as the overview takes it (response-time.ts).
  const minutes = responseMinutes(sql`${placements}`);
  const histogram = await db
    .select({ minutes: sql<number | null>`${minutes}`, count: sql<number>`count(*)::int` })
    .from(placements)
    .leftJoin(offers, eq(offers.id, placements.offerId))
    .leftJoin(needs, eq(needs.id, placements.needId))
    .leftJoin(organisations, eq(organisations.id, placementOrganisation))
    .where(conditions)
    .groupBy(sql`1`);
  const answered = histogram.filter((h) => h.minutes !== null).map((h) => ({ value: Number(h.minutes), count: h.count }));
  const medianMinutes = medianOf(answered);
  return {
    rows,
    total: histogram.reduce((sum, h) => sum + h.count, 0),
    answered: answered.reduce((sum, h) => sum + h.count, 0),
    medianResponseSeconds: medianMinutes === null ? null : medianMinutes * 60,
  };
}

export async function listNetworkMunicipalities(db: Db, networkId: string): Promise<Array<{ id: string; name: string }>> {
  return db
    .select({ id: municipalities.id, name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.networkId, networkId))
    .orderBy(asc(municipalities.name));
}

/** A need or offer of one network, as the office's "open a placement" form shows it. */
export interface PlacementSubject {
  id: string;
  title: string;
  municipalityId: string | null;
  organisationId: string | null;
}

export async function findNeedInNetwork(db: Db, networkId: string, needId: string): Promise<PlacementSubject | undefined> {
  const [row] = await db
    .select({ id: needs.id, title: needs.title, municipalityId: needs.municipalityId, organisationId: needs.organisationId })
    .from(needs)
    .where(and(eq(needs.id, needId), eq(needs.networkId, networkId)));
  return row;
}

export async function findPublishedOfferInNetwork(
  db: Db,
  networkId: string,
  offerId: string,
): Promise<PlacementSubject | undefined> {
  const offer = await findPublishedOffer(db, offerId);
  if (!offer || offer.networkId !== networkId) return undefined;
  return { id: offer.id, title: offer.title, municipalityId: offer.municipalityId, organisationId: offer.organisationId };
}

export interface ContactableVolunteer {
  userId: string;
  name: string;
}

/**
 * Volunteers who agreed to be contacted and belong to this network: through their home municipality
 * or through a role in it.
 */
export async function listContactableVolunteers(db: Db, networkId: string): Promise<ContactableVolunteer[]> {
  return db
    .select({ userId: users.id, name: users.name })
    .from(volunteerProfiles)
    .innerJoin(users, eq(users.id, volunteerProfiles.userId))
    .leftJoin(municipalities, eq(municipalities.id, volunteerProfiles.homeMunicipalityId))
    .where(
      and(
        eq(volunteerProfiles.contactable, true),
        sql`(${municipalities.networkId} = ${networkId} or exists (select 1 from ${memberships} where ${memberships.userId} = ${users.id} and ${memberships.networkId} = ${networkId}))`,
      ),
    )
    .orderBy(asc(users.name))
    .limit(1000);
}

export async function findContactableVolunteer(db: Db, userId: string): Promise<ContactableVolunteer | undefined> {
  const [row] = await db
    .select({ userId: users.id, name: users.name })
    .from(volunteerProfiles)
    .innerJoin(users, eq(users.id, volunteerProfiles.userId))
    .where(and(eq(volunteerProfiles.userId, userId), eq(volunteerProfiles.contactable, true)));
  return row;
}

/** Placements still waiting for a first answer, with their network's reminder period. */
export async function listUnanswered(db: Db): Promise<
  Array<{ id: string; networkId: string; requestedAt: Date; reminderDays: number; remindedAt: Date | null; escalatedAt: Date | null }>
> {
  return db
    .select({
      id: placements.id,
      networkId: placements.networkId,
      requestedAt: sql<Date>`${placements.emailConfirmedAt}`.mapWith(placements.emailConfirmedAt),
      reminderDays: networks.placementReminderDays,
      remindedAt: placements.remindedAt,
      escalatedAt: placements.escalatedAt,
    })
    .from(placements)
    .innerJoin(networks, eq(networks.id, placements.networkId))
    .where(
      and(eq(placements.status, 'requested'), isNull(placements.firstResponseAt), isNotNull(placements.emailConfirmedAt)),
    );
}

/**
 * Whether the network office and the municipality's guides answer for this offer: nobody has claimed
 * its organisation and neither the offer nor the organisation has a contact address (common in imports).
 */
export async function isMediated(db: Db, offerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: offers.id })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .where(
      and(
        eq(offers.id, offerId),
        eq(offers.contactEmail, ''),
        eq(organisations.email, ''),
        sql`not exists (select 1 from ${organisationMembers} where ${organisationMembers.organisationId} = ${organisations.id})`,
      ),
    );
  return row !== undefined;
}

/**
 * A volunteer's placements with an offer that came about (placed) or have ended after that: what the
 * recognition module proposes as hours at the offer's organisation. Read-only.
 */
export async function engagementsOfVolunteer(
  db: Db,
  userId: string,
): Promise<Array<{ placementId: string; networkId: string; organisationId: string; offerTitle: string; status: PlacementStatus; since: Date }>> {
  return db
    .select({ placementId: placements.id, networkId: placements.networkId, organisationId: offers.organisationId, offerTitle: offers.title, status: placements.status, since: placements.createdAt })
    .from(placements)
    .innerJoin(offers, eq(offers.id, placements.offerId))
    .where(and(eq(placements.volunteerId, userId), inArray(placements.status, ['placed', 'ended'])))
    .orderBy(desc(placements.createdAt));
}
