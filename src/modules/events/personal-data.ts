import { and, eq, gt, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { PersonalDataPart, RetentionRule } from '../../platform/privacy.ts';
import { cancelRegistration } from './commands.ts';
import { eventRegistrations, events } from './schema.ts';

/*
 * Registrations are the person's own (also without an account: found by the address). Erasure cancels
 * registrations for events still to come (the seat goes to the waiting list) and anonymises the rest,
 * so the organiser's counts of registrations and attendance stay right without the person.
 */

function mine(subject: { userId: string; email: string }) {
  return or(eq(eventRegistrations.userId, subject.userId), eq(eventRegistrations.email, subject.email.toLowerCase()));
}

export const eventsPersonalData: PersonalDataPart[] = [
  {
    name: 'veranstaltungen-anmeldungen',
    label: 'events.privacy.registrations',
    tables: [{ table: 'event_registrations', columns: ['user_id', 'name', 'email', 'answers', 'attended', 'checked_in_at'] }],
    async export(db, subject) {
      return db
        .select({
          event: events.title,
          startsAt: events.startsAt,
          name: eventRegistrations.name,
          email: eventRegistrations.email,
          status: eventRegistrations.status,
          answers: eventRegistrations.answers,
          attended: eventRegistrations.attended,
          checkedInAt: eventRegistrations.checkedInAt,
          registeredAt: eventRegistrations.createdAt,
        })
        .from(eventRegistrations)
        .innerJoin(events, eq(events.id, eventRegistrations.eventId))
        .where(mine(subject));
    },
    async erase(db, subject, deps) {
      const now = deps.clock();
      const upcoming = await db
        .select({ id: eventRegistrations.id })
        .from(eventRegistrations)
        .innerJoin(events, eq(events.id, eventRegistrations.eventId))
        .where(and(mine(subject), ne(eventRegistrations.status, 'cancelled'), gt(events.startsAt, now)));
      for (const r of upcoming) await cancelRegistration(db, r.id, now);
      await db
        .update(eventRegistrations)
        .set({ userId: null, name: '', email: sql`'erased-' || ${eventRegistrations.id} || '@invalid'`, answers: {} })
        .where(mine(subject));
    },
  },
  {
    name: 'veranstaltungen-angelegt',
    label: 'events.privacy.created',
    tables: [{ table: 'events', columns: ['created_by'] }],
    async export(db, subject) {
      return db.select({ title: events.title, startsAt: events.startsAt, createdAt: events.createdAt }).from(events).where(eq(events.createdBy, subject.userId));
    },
    async erase(db, subject) {
      // The event belongs to the office or organisation; only who typed it in goes.
      await db.update(events).set({ createdBy: null }).where(eq(events.createdBy, subject.userId));
    },
  },
];

/** Names and addresses of past events' registrations are anonymised after the network's period. */
export const eventsRetention: RetentionRule[] = [
  {
    key: 'events.registrations',
    label: 'events.retention.registrations',
    defaultMonths: 24,
    minMonths: 3,
    maxMonths: 120,
    async purge(db, scope) {
      const old = db.select({ id: events.id }).from(events).where(and(eq(events.networkId, scope.networkId), lt(events.endsAt, scope.before)));
      const changed = await db
        .update(eventRegistrations)
        .set({ userId: null, name: '', email: sql`'erased-' || ${eventRegistrations.id} || '@invalid'`, answers: {} })
        .where(and(inArray(eventRegistrations.eventId, old), ne(eventRegistrations.name, '')))
        .returning();
      return changed.length;
    },
  },
];
