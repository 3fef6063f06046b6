import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { users } from '../../platform/auth/schema.ts';
import { municipalities, networks } from '../../platform/networks/schema.ts';
import { organisationMembers, organisations } from '../organisations/index.ts';
import type { CountedHours } from './rules/engine.ts';
import {
  acceptancePoints,
  cardApplications,
  cards,
  engagementCertificates,
  hoursEntries,
  type AcceptancePoint,
  type Card,
  type CardApplication,
  type EngagementCertificate,
  type HoursSource,
} from './schema.ts';

/** Confirmed hours per day, as the rule engine counts them. */
export async function confirmedHoursOf(db: Db, userId: string): Promise<CountedHours[]> {
  const rows = await db
    .select({ day: hoursEntries.day, hours: sql<number>`sum(${hoursEntries.hours})::float8` })
    .from(hoursEntries)
    .where(and(eq(hoursEntries.userId, userId), eq(hoursEntries.status, 'confirmed')))
    .groupBy(hoursEntries.day);
  return rows.map((row) => ({ date: row.day, hours: Number(row.hours) }));
}

/** What the volunteer's log and the organisation's list both show of an entry. */
const hoursColumns = {
  id: hoursEntries.id,
  day: hoursEntries.day,
  hours: hoursEntries.hours,
  activity: hoursEntries.activity,
  status: hoursEntries.status,
  reason: hoursEntries.reason,
  // Hours at an event of the network office have no organisation: the network stands in.
  organisation: sql<string>`coalesce(${organisations.name}, ${networks.name})`,
  source: hoursEntries.source,
};

export interface HoursRow {
  id: string;
  day: string;
  hours: number;
  activity: string;
  status: 'pending' | 'confirmed' | 'rejected';
  reason: string | null;
  organisation: string;
  source: HoursSource;
}

export async function hoursOfUser(db: Db, userId: string): Promise<HoursRow[]> {
  return db
    .select(hoursColumns)
    .from(hoursEntries)
    .innerJoin(networks, eq(networks.id, hoursEntries.networkId))
    .leftJoin(organisations, eq(organisations.id, hoursEntries.organisationId))
    .where(eq(hoursEntries.userId, userId))
    .orderBy(desc(hoursEntries.day), desc(hoursEntries.createdAt));
}

/** Confirmed and pending hours per month and per year, newest first. */
export function totalsOf(rows: readonly HoursRow[]): {
  months: Array<{ month: string; confirmed: number; pending: number }>;
  years: Array<{ year: string; confirmed: number; pending: number }>;
} {
  const months = new Map<string, { confirmed: number; pending: number }>();
  const years = new Map<string, { confirmed: number; pending: number }>();
  for (const row of rows) {
    if (row.status === 'rejected') continue;
    for (const [map, key] of [
      [months, row.day.slice(0, 7)],
      [years, row.day.slice(0, 4)],
    ] as const) {
      const total = map.get(key) ?? { confirmed: 0, pending: 0 };
      total[row.status === 'confirmed' ? 'confirmed' : 'pending'] += row.hours;
      map.set(key, total);
    }
  }
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    months: [...months].sort(([a], [b]) => b.localeCompare(a)).map(([month, t]) => ({ month, confirmed: round(t.confirmed), pending: round(t.pending) })),
    years: [...years].sort(([a], [b]) => b.localeCompare(a)).map(([year, t]) => ({ year, confirmed: round(t.confirmed), pending: round(t.pending) })),
  };
}

/** Verified organisations a volunteer can log hours at: those of the networks they know, by name. */
export async function organisationsForHours(db: Db): Promise<Array<{ id: string; name: string; network: string }>> {
  return db
    .select({ id: organisations.id, name: organisations.name, network: networks.name })
    .from(organisations)
    .innerJoin(networks, eq(networks.id, organisations.networkId))
    .where(eq(organisations.status, 'verified'))
    .orderBy(asc(networks.name), asc(organisations.name));
}

export async function organisationRoleOf(db: Db, organisationId: string, userId: string | null): Promise<'admin' | 'member' | null> {
  if (!userId) return null;
  const [row] = await db
    .select({ role: organisationMembers.role })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)));
  return row?.role ?? null;
}

export async function getOrganisation(db: Db, id: string) {
  const [row] = await db
    .select({ id: organisations.id, name: organisations.name, networkId: organisations.networkId, status: organisations.status })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row;
}

export interface OrganisationHoursRow extends HoursRow {
  person: string;
}

/** Entries logged at an organisation, pending first, with the volunteer's name. */
export async function hoursAtOrganisation(db: Db, organisationId: string): Promise<OrganisationHoursRow[]> {
  return db
    .select({ ...hoursColumns, person: sql<string>`coalesce(${users.name}, '')` })
    .from(hoursEntries)
    .innerJoin(networks, eq(networks.id, hoursEntries.networkId))
    .leftJoin(organisations, eq(organisations.id, hoursEntries.organisationId))
    .leftJoin(users, eq(users.id, hoursEntries.userId))
    .where(eq(hoursEntries.organisationId, organisationId))
    .orderBy(sql`case ${hoursEntries.status} when 'pending' then 0 else 1 end`, desc(hoursEntries.day))
    .limit(500);
}

/** Entries at the network office's own events (no organisation), pending first: the office confirms them. */
export async function officeHoursOfNetwork(db: Db, networkId: string): Promise<OrganisationHoursRow[]> {
  return db
    .select({ ...hoursColumns, person: sql<string>`coalesce(${users.name}, '')` })
    .from(hoursEntries)
    .innerJoin(networks, eq(networks.id, hoursEntries.networkId))
    .leftJoin(organisations, eq(organisations.id, hoursEntries.organisationId))
    .leftJoin(users, eq(users.id, hoursEntries.userId))
    .where(and(eq(hoursEntries.networkId, networkId), isNull(hoursEntries.organisationId)))
    .orderBy(sql`case ${hoursEntries.status} when 'pending' then 0 else 1 end`, desc(hoursEntries.day))
    .limit(500);
}

/**
 * Confirmed hours per person in [from, to] (days), at one organisation or in a whole network (its
 * organisations and the office's events). Names only come out through `totalsWithConsent`.
 */
export async function confirmedPerPerson(
  db: Db,
  scope: { organisationId: string } | { networkId: string },
  period: { from: string; to: string },
): Promise<Array<{ userId: string; person: string; hours: number }>> {
  const rows = await db
    .select({ userId: users.id, person: users.name, hours: sql<number>`sum(${hoursEntries.hours})::float8` })
    .from(hoursEntries)
    .innerJoin(users, eq(users.id, hoursEntries.userId))
    .where(
      and(
        'organisationId' in scope ? eq(hoursEntries.organisationId, scope.organisationId) : eq(hoursEntries.networkId, scope.networkId),
        eq(hoursEntries.status, 'confirmed'),
        gte(hoursEntries.day, period.from),
        lte(hoursEntries.day, period.to),
      ),
    )
    .groupBy(users.id, users.name)
    .orderBy(asc(users.name));
  return rows.map((row) => ({ ...row, hours: Number(row.hours) }));
}

/** Totals per person at an organisation (confirmed, pending). */
export async function totalsPerPerson(db: Db, organisationId: string): Promise<Array<{ userId: string; person: string; confirmed: number; pending: number }>> {
  const rows = await db
    .select({
      userId: hoursEntries.userId,
      person: users.name,
      confirmed: sql<number>`coalesce(sum(${hoursEntries.hours}) filter (where ${hoursEntries.status} = 'confirmed'), 0)::float8`,
      pending: sql<number>`coalesce(sum(${hoursEntries.hours}) filter (where ${hoursEntries.status} = 'pending'), 0)::float8`,
    })
    .from(hoursEntries)
    .innerJoin(users, eq(users.id, hoursEntries.userId))
    .where(eq(hoursEntries.organisationId, organisationId))
    .groupBy(hoursEntries.userId, users.name)
    .orderBy(asc(users.name));
  return rows.map((row) => ({ userId: row.userId!, person: row.person, confirmed: Number(row.confirmed), pending: Number(row.pending) }));
}

export async function applicationsOfUser(db: Db, userId: string): Promise<CardApplication[]> {
  return db.select().from(cardApplications).where(eq(cardApplications.userId, userId)).orderBy(desc(cardApplications.createdAt));
}

export async function cardsOfUser(db: Db, userId: string): Promise<Card[]> {
  return db.select().from(cards).where(eq(cards.userId, userId)).orderBy(desc(cards.createdAt));
}

export async function getCard(db: Db, id: string): Promise<Card | undefined> {
  const [row] = await db.select().from(cards).where(eq(cards.id, id));
  return row;
}

export async function cardByNumber(db: Db, number: string): Promise<Card | undefined> {
  const [row] = await db.select().from(cards).where(eq(cards.number, number));
  return row;
}

export async function certificateByNumber(db: Db, number: string): Promise<EngagementCertificate | undefined> {
  const [row] = await db.select().from(engagementCertificates).where(eq(engagementCertificates.number, number));
  return row;
}

export async function getCertificate(db: Db, id: string): Promise<EngagementCertificate | undefined> {
  const [row] = await db.select().from(engagementCertificates).where(eq(engagementCertificates.id, id));
  return row;
}

export async function certificatesOfUser(db: Db, userId: string): Promise<EngagementCertificate[]> {
  return db.select().from(engagementCertificates).where(eq(engagementCertificates.userId, userId)).orderBy(desc(engagementCertificates.createdAt));
}

export interface ApplicationRow extends CardApplication {
  municipality: string | null;
  email: string | null;
  cardId: string | null;
  cardNumber: string | null;
  cardStatus: string | null;
  /** The number of the card this application renews. */
  renewalNumber: string | null;
}

/** Applications of a network, open ones first; limited to some municipalities for their contacts. */
export async function applicationsOfNetwork(db: Db, networkId: string, municipalityIds: string[] | null): Promise<ApplicationRow[]> {
  if (municipalityIds && municipalityIds.length === 0) return [];
  const rows = await db
    .select({
      application: cardApplications,
      municipality: municipalities.name,
      email: users.email,
      cardId: cards.id,
      cardNumber: cards.number,
      cardStatus: cards.status,
      renewalNumber: sql<string | null>`(select renewed.number from ${cards} renewed where renewed.id = ${cardApplications.renewalOf})`,
    })
    .from(cardApplications)
    .leftJoin(municipalities, eq(municipalities.id, cardApplications.municipalityId))
    .leftJoin(users, eq(users.id, cardApplications.userId))
    .leftJoin(cards, eq(cards.applicationId, cardApplications.id))
    .where(and(eq(cardApplications.networkId, networkId), municipalityIds ? inArray(cardApplications.municipalityId, municipalityIds) : undefined))
    .orderBy(sql`case ${cardApplications.status} when 'submitted' then 0 else 1 end`, desc(cardApplications.createdAt))
    .limit(500);
  return rows.map((row) => ({ ...row.application, municipality: row.municipality, email: row.email, cardId: row.cardId, cardNumber: row.cardNumber, cardStatus: row.cardStatus, renewalNumber: row.renewalNumber }));
}

export async function getApplication(db: Db, id: string): Promise<CardApplication | undefined> {
  const [row] = await db.select().from(cardApplications).where(eq(cardApplications.id, id));
  return row;
}

/** The network a volunteer last logged hours in: the one their card page opens with. */
export async function lastNetworkOfHours(db: Db, userId: string): Promise<string | undefined> {
  const [row] = await db.select({ networkId: hoursEntries.networkId }).from(hoursEntries).where(eq(hoursEntries.userId, userId)).orderBy(desc(hoursEntries.createdAt)).limit(1);
  return row?.networkId;
}

export interface AcceptanceFilter {
  category?: string | undefined;
  municipalityId?: string | undefined;
}

export async function acceptancePointsOf(db: Db, networkId: string, filter: AcceptanceFilter): Promise<Array<AcceptancePoint & { municipality: string | null }>> {
  const rows = await db
    .select({ point: acceptancePoints, municipality: municipalities.name })
    .from(acceptancePoints)
    .leftJoin(municipalities, eq(municipalities.id, acceptancePoints.municipalityId))
    .where(
      and(
        eq(acceptancePoints.networkId, networkId),
        filter.category ? eq(acceptancePoints.category, filter.category) : undefined,
        filter.municipalityId ? eq(acceptancePoints.municipalityId, filter.municipalityId) : undefined,
      ),
    )
    .orderBy(asc(acceptancePoints.name));
  return rows.map((row) => ({ ...row.point, municipality: row.municipality }));
}
