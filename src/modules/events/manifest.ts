import type { AppModule } from '../../platform/module.ts';
import { seedEventsDemo } from './demo.ts';
import { eventFigures } from './figures.ts';
import { de, en } from './messages.ts';
import { eventsPersonalData, eventsRetention } from './personal-data.ts';
import { REMINDER_QUEUE, sendReminders } from './reminders.ts';
import { routes } from './routes.tsx';
import { eventsSiteSearch } from './site-search.ts';

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
