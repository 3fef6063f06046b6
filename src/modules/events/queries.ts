import { and, asc, count, desc, eq, gte, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { municipalities, networks } from '../../platform/networks/schema.ts';
import type { Field } from '../../platform/vocabulary.ts';
import { organisationMembers, organisations } from '../organisations/index.ts';
import { eventRegistrations, events, type Event, type EventKind, type EventRegistration } from './schema.ts';

export interface EventListItem {
  id: string;
  networkId: string;
  networkSlug: string;
  networkName: string;
  kind: EventKind;
  status: Event['status'];
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  mode: Event['mode'];
  place: string;
  municipalityId: string | null;
  municipalityName: string | null;
  organiserName: string | null;
  capacity: number | null;
  seatsTaken: number;
  lat: number | null;
  lng: number | null;
}

export interface EventFilters {
  networkId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  kind?: EventKind | undefined;
  municipalityId?: string | undefined;
  field?: Field | undefined;
  online?: boolean | undefined;
  /** Also drafts and events in review of these organisations (and all when `all`). */
  include?: { organisationIds: readonly string[]; all: boolean } | undefined;
}

function where(filters: EventFilters): SQL {
  const parts: Array<SQL | undefined> = [];
  const visible = or(eq(events.status, 'published'), eq(events.status, 'cancelled'));
  if (filters.include?.all) parts.push(undefined);
  else if (filters.include && filters.include.organisationIds.length > 0) {
    parts.push(or(visible, inArray(events.organisationId, [...filters.include.organisationIds])));
  } else parts.push(visible);
  if (filters.networkId) parts.push(eq(events.networkId, filters.networkId));
  if (filters.from) parts.push(gte(events.endsAt, filters.from));
  if (filters.to) parts.push(lt(events.startsAt, filters.to));
  if (filters.kind) parts.push(eq(events.kind, filters.kind));
  if (filters.municipalityId) parts.push(eq(events.municipalityId, filters.municipalityId));
  if (filters.field) parts.push(sql`${events.fields} @> array[${filters.field}]::text[]`);
  if (filters.online !== undefined) parts.push(eq(events.mode, filters.online ? 'online' : 'onsite'));
  return and(...parts.filter((p): p is SQL => p !== undefined)) ?? sql`true`;
}

const LIST_COLUMNS = {
  id: events.id,
  networkId: events.networkId,
  networkSlug: networks.slug,
  networkName: networks.name,
  kind: events.kind,
  status: events.status,
  title: events.title,
  description: events.description,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  mode: events.mode,
  place: events.place,
  municipalityId: events.municipalityId,
  municipalityName: municipalities.name,
  organiserName: organisations.name,
  capacity: events.capacity,
  seatsTaken: events.seatsTaken,
  lat: events.lat,
  lng: events.lng,
};

/** Whether a municipality with this id exists (in the network, when one is given). */
export async function municipalityExists(db: Db, id: string, networkId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: municipalities.id })
    .from(municipalities)
    .where(and(eq(municipalities.id, id), networkId ? eq(municipalities.networkId, networkId) : undefined));
  return row !== undefined;
}

/** Events in time order (past ones newest first when `past`). */
export async function listEvents(
  db: Db,
  filters: EventFilters,
  page: { limit: number; offset: number; past?: boolean } = { limit: 50, offset: 0 },
): Promise<{ items: EventListItem[]; total: number }> {
  const condition = where(filters);
  const [items, totals] = await Promise.all([
    db
      .select(LIST_COLUMNS)
      .from(events)
      .innerJoin(networks, eq(networks.id, events.networkId))
      .leftJoin(municipalities, eq(municipalities.id, events.municipalityId))
      .leftJoin(organisations, eq(organisations.id, events.organisationId))
      .where(condition)
      .orderBy(page.past ? desc(events.startsAt) : asc(events.startsAt), asc(events.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(events).where(condition),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

/** Published and cancelled events that have not ended, by start: for the widget (no personal data in them). */
export async function upcomingEvents(
  db: Db,
  filters: { networkId: string; municipalityId?: string | undefined; kind?: EventKind | undefined },
  now: Date,
  limit: number,
): Promise<EventListItem[]> {
  return (await listEvents(db, { ...filters, from: now }, { limit, offset: 0 })).items;
}

export interface EventDetail extends Event {
  networkSlug: string;
  networkName: string;
  municipalityName: string | null;
  organiserName: string | null;
  waitlisted: number;
}

export async function findEvent(db: Db, id: string, networkId?: string): Promise<EventDetail | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db
    .select({
      event: events,
      networkSlug: networks.slug,
      networkName: networks.name,
      municipalityName: municipalities.name,
      organiserName: organisations.name,
      waitlisted: sql<number>`(select count(*)::int from ${eventRegistrations} r where r.event_id = ${events.id} and r.status = 'waitlisted')`,
    })
    .from(events)
    .innerJoin(networks, eq(networks.id, events.networkId))
    .leftJoin(municipalities, eq(municipalities.id, events.municipalityId))
    .leftJoin(organisations, eq(organisations.id, events.organisationId))
    .where(networkId ? and(eq(events.id, id), eq(events.networkId, networkId)) : eq(events.id, id));
  if (!row) return undefined;
  return {
    ...row.event,
    networkSlug: row.networkSlug,
    networkName: row.networkName,
    municipalityName: row.municipalityName,
    organiserName: row.organiserName,
    waitlisted: Number(row.waitlisted),
  };
}

/** Other dates of the event's series. */
export async function seriesDates(db: Db, event: Pick<Event, 'id' | 'seriesId'>): Promise<Array<{ id: string; startsAt: Date; status: Event['status'] }>> {
  if (!event.seriesId) return [];
  return db
    .select({ id: events.id, startsAt: events.startsAt, status: events.status })
    .from(events)
    .where(and(eq(events.seriesId, event.seriesId), ne(events.id, event.id)))
    .orderBy(asc(events.startsAt));
}

/** The organisations of the network the person acts for (they may run events for them). */
export async function organisationsOfUser(db: Db, userId: string | null, networkId: string): Promise<Array<{ id: string; name: string }>> {
  if (!userId) return [];
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(and(eq(organisationMembers.userId, userId), eq(organisations.networkId, networkId)))
    .orderBy(asc(organisations.name));
}

/** Registrations of an event for the organiser: seats first, then the waiting list, each in order of arrival. */
export async function listRegistrations(db: Db, eventId: string): Promise<EventRegistration[]> {
  return db
    .select()
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, eventId))
    .orderBy(
      sql`case ${eventRegistrations.status} when 'confirmed' then 0 when 'waitlisted' then 1 when 'pending' then 2 else 3 end`,
      asc(eventRegistrations.position),
      asc(eventRegistrations.createdAt),
    );
}

/** The signed-in person's live registration for the event, if any. */
export async function registrationOfUser(db: Db, eventId: string, userId: string | null, email: string | null): Promise<EventRegistration | undefined> {
  if (!userId) return undefined;
  const [row] = await db
    .select()
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        ne(eventRegistrations.status, 'cancelled'),
        or(eq(eventRegistrations.userId, userId), email ? eq(eventRegistrations.email, email.toLowerCase()) : undefined),
      ),
    );
  return row;
}

/** Events to remind about: published, starting within [from, to), with seat holders not yet reminded. */
export async function remindersDue(db: Db, from: Date, to: Date): Promise<Array<{ registration: EventRegistration; event: Event }>> {
  const rows = await db
    .select({ registration: eventRegistrations, event: events })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(
      and(
        eq(events.status, 'published'),
        gte(events.startsAt, from),
        lt(events.startsAt, to),
        eq(eventRegistrations.status, 'confirmed'),
        isNull(eventRegistrations.reminderSentAt),
      ),
    );
  return rows;
}

/** Events in review, for the office. */
export async function eventsInReview(db: Db, networkId: string): Promise<EventListItem[]> {
  return (await listEvents(db, { networkId, include: { organisationIds: [], all: true } }, { limit: 200, offset: 0 })).items.filter(
    (e) => e.status === 'review',
  );
}
