import { and, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { AppModule } from '../../platform/module.ts';
import { seedEventsDemo } from './demo.ts';
import { eventFigures } from './figures.ts';
import { de, en } from './messages.ts';
import { eventsPersonalData, eventsRetention } from './personal-data.ts';
import { REMINDER_QUEUE, sendReminders } from './reminders.ts';
import { routes } from './routes.tsx';
import { eventRegistrations, events } from './schema.ts';
import { eventsSiteSearch } from './site-search.ts';

/**
 * The events a person was marked present at (attendance taken, seat confirmed) that ended in [from, to]:
 * what the recognition module proposes as hours. Read-only; the organiser is the organisation, or the
 * network office where organisationId is null.
 */
export async function attendedEventsOf(
  db: Db,
  userId: string,
  range: { from: Date; to: Date },
): Promise<Array<{ eventId: string; networkId: string; organisationId: string | null; title: string; startsAt: Date; endsAt: Date }>> {
  return db
    .select({ eventId: events.id, networkId: events.networkId, organisationId: events.organisationId, title: events.title, startsAt: events.startsAt, endsAt: events.endsAt })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(
      and(
        eq(eventRegistrations.userId, userId),
        eq(eventRegistrations.status, 'confirmed'),
        eq(eventRegistrations.attended, true),
        gte(events.endsAt, range.from),
        lte(events.endsAt, range.to),
      ),
    );
}

// For the widget (issue 14: events in the widget): upcoming events without personal data or online links.
export { upcomingEvents, type EventListItem } from './queries.ts';
export { EVENT_KINDS, type EventKind } from './schema.ts';
// A participation certificate's code (HMAC, see certificate.ts), for a verification page outside events.
export { verifyEventCertificate, type VerifiedCertificate } from './certificate.ts';

/** Events and qualification (capability D): calendar, registration with waiting list, attendance, certificates. */
export const eventsModule: AppModule = {
  name: 'events',
  messages: { de, en },
  routes,
  siteSearch: eventsSiteSearch,
  figures: eventFigures,
  personalData: eventsPersonalData,
  retention: eventsRetention,
  demo: { order: 50, seed: (db, now) => seedEventsDemo(db, now) },
  navigation: [
    {
      area: 'main',
      label: 'events.nav',
      href: (scope) => (scope.networkSlug ? `/netzwerk/${scope.networkSlug}/veranstaltungen` : '/veranstaltungen'),
      order: 30,
    },
  ],
  queues: [REMINDER_QUEUE],
  // Every morning: tomorrow's events remind their seat holders (Europe/Berlin, see runtime.ts).
  schedules: [{ queue: REMINDER_QUEUE, cron: '0 8 * * *' }],
  async workers(deps) {
    await deps.jobs.work(REMINDER_QUEUE, async () => {
      await sendReminders(deps, deps.clock());
    });
  },
};
