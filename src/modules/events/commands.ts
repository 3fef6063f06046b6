import crypto from 'node:crypto';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { hashSecret } from '../../platform/auth/tokens.ts';
import type { Db } from '../../platform/db.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { events, eventRegistrations, type Event, type EventRegistration, type EventStatus } from './schema.ts';

/** What an organiser fills in; validated by form.ts before it gets here. */
export type EventContent = Pick<
  Event,
  | "kind" | "title" | "description" | "startsAt" | "endsAt" | "mode" | "place" | "accessibility" | "municipalityId"
  | "onlineUrl" | "audience" | "fields" | "capacity" | "registrationOpensAt" | "registrationClosesAt" | "registrationEnabled"
  | "questions" | "costs" | "checkinQr" | "lat" | "lng"
>;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface NewEvent {
  networkId: string;
  organisationId: string | null;
  createdBy: string | null;
  status: EventStatus;
  content: EventContent;
  /** Further dates of the same event, each `weeks` apart. */
  repeat?: { count: number; weeks: number };
}

const WEEK = 7 * 86_400_000;

/** Creates the event (and its repetitions as one series); returns the first event's id. */
export async function createEvent(db: Db, input: NewEvent, now: Date): Promise<string> {
  const count = input.repeat?.count ?? 0;
  const seriesId = count > 0 ? crypto.randomUUID() : null;
  const rows = Array.from({ length: count + 1 }, (_, i) => {
    const shift = i * (input.repeat?.weeks ?? 1) * WEEK;
    const move = (d: Date | null) => (d ? new Date(d.getTime() + shift) : null);
    return {
      ...input.content,
      networkId: input.networkId,
      organisationId: input.organisationId,
      createdBy: input.createdBy,
      status: input.status,
      seriesId,
      startsAt: move(input.content.startsAt)!,
      endsAt: move(input.content.endsAt)!,
      registrationOpensAt: move(input.content.registrationOpensAt),
      registrationClosesAt: move(input.content.registrationClosesAt),
      createdAt: now,
      updatedAt: now,
    };
  });
  const inserted = await db.insert(events).values(rows).returning();
  inserted.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return inserted[0]!.id;
}

/** What changed that registered people must hear about. */
export function noticeableChange(before: Event, after: EventContent): boolean {
  return (
    before.startsAt.getTime() !== after.startsAt.getTime() ||
    before.endsAt.getTime() !== after.endsAt.getTime() ||
    before.place !== after.place ||
    before.mode !== after.mode ||
    before.onlineUrl !== after.onlineUrl
  );
}

/** Saves the organiser's changes; a larger capacity moves people up from the waiting list. */
export async function updateEvent(db: Db, event: Event, content: EventContent, now: Date): Promise<EventRegistration[]> {
  return db.transaction(async (tx) => {
    await lockEvent(tx, event.id);
    await tx.update(events).set({ ...content, updatedAt: now }).where(eq(events.id, event.id));
    return fillSeats(tx, event.id, now);
  });
}

export async function setEventStatus(db: Db, eventId: string, status: EventStatus, now: Date): Promise<void> {
  await db.update(events).set({ status, updatedAt: now }).where(eq(events.id, eventId));
}

// ---- Registration ----

export type RegisterError = 'closed' | 'not_open' | 'duplicate' | 'not_published' | 'disabled';

export interface RegisterInput {
  name: string;
  email: string;
  userId: string | null;
  answers: Record<string, string>;
  /** The address is known to be the person's (an account's confirmed address): a seat is given at once. */
  emailConfirmed: boolean;
  /** The language of every mail about this registration. */
  locale: Locale;
}

/**
 * The secret of a registration's personal link, derived from its id with the platform's secret: every
 * mail can carry the link again, while the database keeps only its hash, as for any other token.
 */
export function personalToken(secret: string, registrationId: string): string {
  const key = crypto.hkdfSync('sha256', secret, 'mitmachnetz', 'event-registration-link-v1', 32);
  return crypto.createHmac('sha256', Buffer.from(key)).update(registrationId).digest('base64url');
}

export type RegisterResult =
  | { ok: true; registration: EventRegistration; token: string }
  | { ok: false; error: RegisterError };

/** Whether the event takes registrations at `now`. */
export function registrationState(event: Event, now: Date): 'open' | RegisterError {
  if (event.status !== 'published') return 'not_published';
  if (!event.registrationEnabled) return 'disabled';
  if (event.registrationOpensAt && now < event.registrationOpensAt) return 'not_open';
  const closes = event.registrationClosesAt ?? event.startsAt;
  if (now >= closes) return 'closed';
  return 'open';
}

/**
 * Registers a person. The event's row is locked first, so concurrent registrations queue there: the
 * seat count is read and raised by one registration at a time, and the arrival counter gives the
 * waiting list its order. The partial unique index refuses a second live registration per address.
 */
export async function register(db: Db, secret: string, event: Event, input: RegisterInput, now: Date): Promise<RegisterResult> {
  const state = registrationState(event, now);
  if (state !== 'open') return { ok: false, error: state };
  const id = crypto.randomUUID();
  const token = personalToken(secret, id);
  const email = input.email.trim().toLowerCase();
  const registration = await db.transaction(async (tx) => {
    const locked = await lockEvent(tx, event.id);
    if (!locked || locked.status !== 'published') return undefined;
    const [row] = await tx
      .insert(eventRegistrations)
      .values({
        id,
        eventId: event.id,
        userId: input.userId,
        name: input.name.trim(),
        email,
        answers: input.answers,
        status: 'pending',
        tokenHash: hashSecret(token),
        locale: input.locale,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return null;
    if (!input.emailConfirmed) return row;
    return allocate(tx, locked, row.id, now);
  });
  if (registration === undefined) return { ok: false, error: 'not_published' };
  if (registration === null) return { ok: false, error: 'duplicate' };
  return { ok: true, registration, token };
}

/** The registration behind a personal link. */
export async function registrationByToken(db: Db, token: string): Promise<EventRegistration | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const [row] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.tokenHash, hashSecret(token)));
  return row;
}

/** The person confirmed their address through the link: now they get a seat or a waiting place. */
export async function confirmRegistration(db: Db, registrationId: string, now: Date): Promise<EventRegistration | undefined> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, registrationId));
    if (!current) return undefined;
    const locked = await lockEvent(tx, current.eventId);
    const [fresh] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, registrationId));
    if (!locked || !fresh || fresh.status !== 'pending') return fresh;
    return allocate(tx, locked, fresh.id, now);
  });
}

/**
 * Cancels a registration (the person through the link, or the organiser). A freed seat goes to the
 * first on the waiting list; the people moved up are returned so they can be told.
 */
export async function cancelRegistration(
  db: Db,
  registrationId: string,
  now: Date,
): Promise<{ cancelled: EventRegistration | undefined; promoted: EventRegistration[] }> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, registrationId));
    if (!current) return { cancelled: undefined, promoted: [] };
    const locked = await lockEvent(tx, current.eventId);
    const [fresh] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, registrationId));
    if (!locked || !fresh || fresh.status === 'cancelled') return { cancelled: undefined, promoted: [] };
    const [cancelled] = await tx
      .update(eventRegistrations)
      .set({ status: 'cancelled', cancelledAt: now })
      .where(eq(eventRegistrations.id, fresh.id))
      .returning();
    if (fresh.status === 'confirmed') {
      await tx.update(events).set({ seatsTaken: sql`${events.seatsTaken} - 1` }).where(eq(events.id, locked.id));
    }
    const promoted = locked.status === 'published' ? await fillSeats(tx, locked.id, now) : [];
    return { cancelled, promoted };
  });
}

/** Marks who came; everyone else with a seat counts as a no-show. */
export async function recordAttendance(db: Db, eventId: string, present: readonly string[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(eventRegistrations)
      .set({ attended: false })
      .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'confirmed')));
    if (present.length > 0) {
      await tx
        .update(eventRegistrations)
        .set({ attended: true })
        .where(
          and(
            eq(eventRegistrations.eventId, eventId),
            eq(eventRegistrations.status, 'confirmed'),
            inArray(eventRegistrations.id, [...present]),
          ),
        );
    }
  });
}

// ---- Inside the event's lock ----

async function lockEvent(tx: Tx, eventId: string): Promise<Event | undefined> {
  const [row] = await tx.select().from(events).where(eq(events.id, eventId)).for('update');
  return row;
}

/** Gives the registration the next arrival number and a seat if one is free, else a waiting place. */
async function allocate(tx: Tx, event: Event, registrationId: string, now: Date): Promise<EventRegistration> {
  const [counters] = await tx
    .select({ seatsTaken: events.seatsTaken, arrivals: events.arrivals })
    .from(events)
    .where(eq(events.id, event.id));
  const seatsTaken = counters?.seatsTaken ?? 0;
  const arrival = (counters?.arrivals ?? 0) + 1;
  const seat = event.capacity === null || seatsTaken < event.capacity;
  await tx
    .update(events)
    .set({ arrivals: arrival, seatsTaken: seat ? seatsTaken + 1 : seatsTaken })
    .where(eq(events.id, event.id));
  const [row] = await tx
    .update(eventRegistrations)
    .set({ status: seat ? 'confirmed' : 'waitlisted', position: arrival, confirmedAt: now })
    .where(eq(eventRegistrations.id, registrationId))
    .returning();
  return row!;
}

/** Moves people up from the waiting list, first come first served, while seats are free. */
async function fillSeats(tx: Tx, eventId: string, now: Date): Promise<EventRegistration[]> {
  const [event] = await tx.select().from(events).where(eq(events.id, eventId));
  if (!event) return [];
  const free = event.capacity === null ? Number.MAX_SAFE_INTEGER : event.capacity - event.seatsTaken;
  if (free <= 0) return [];
  const waiting = await tx
    .select({ id: eventRegistrations.id })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'waitlisted')))
    .orderBy(asc(eventRegistrations.position))
    .limit(Math.min(free, 10_000));
  if (waiting.length === 0) return [];
  const promoted = await tx
    .update(eventRegistrations)
    .set({ status: 'confirmed', confirmedAt: now })
    .where(inArray(eventRegistrations.id, waiting.map((w) => w.id)))
    .returning();
  await tx
    .update(events)
    .set({ seatsTaken: sql`${events.seatsTaken} + ${promoted.length}` })
    .where(eq(events.id, eventId));
  return promoted.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
}

/** Everyone still registered (seat or waiting list), for mails about changes and cancellation. */
export async function liveRegistrations(db: Db, eventId: string): Promise<EventRegistration[]> {
  return db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), ne(eventRegistrations.status, 'cancelled'), ne(eventRegistrations.status, 'pending')));
}
