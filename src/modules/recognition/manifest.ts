import type { AppModule } from '../../platform/module.ts';
import { seedRecognitionDemo } from './demo.ts';
import { recognitionFigures, recognitionRetention } from './figures.ts';
import { de, en } from './messages.ts';
import { recognitionPersonalData } from './personal-data.ts';
import { CARD_REMINDER_QUEUE, sendCardReminders } from './reminders.ts';
import { routes } from './routes.tsx';

/**
 * Recognition (Wertschätzung): the hours log that organisations confirm, the Engagementnachweis, the
 * Ehrenamtskarte worked out from confirmed hours under the state's rules, its signed QR code, and the
 * acceptance points. See docs/recognition.md.
 */
export const recognitionModule: AppModule = {
  name: 'recognition',
  messages: { de, en },
  routes,
  navigation: [
    { area: 'network-admin', label: 'recognition.nav.officeHours', href: (scope) => (scope.networkSlug ? `/netzwerk/${scope.networkSlug}/verwaltung/stunden` : null), order: 59 },
    { area: 'account', label: 'recognition.nav.hours', href: () => '/konto/stunden', order: 40 },
    { area: 'account', label: 'recognition.nav.card', href: () => '/konto/ehrenamtskarte', order: 41 },
    { area: 'network-admin', label: 'recognition.nav.applications', href: (scope) => (scope.networkSlug ? `/netzwerk/${scope.networkSlug}/verwaltung/ehrenamtskarte` : null), order: 60 },
    { area: 'main', label: 'recognition.nav.acceptance', href: (scope) => (scope.networkSlug ? `/netzwerk/${scope.networkSlug}/akzeptanzstellen` : null), order: 70 },
  ],
  figures: recognitionFigures,
  personalData: recognitionPersonalData,
  retention: recognitionRetention,
  demo: { order: 80, seed: (db, now) => seedRecognitionDemo(db, now) },
  queues: [CARD_REMINDER_QUEUE],
  // Every morning: holders of cards that expire in 8 or 2 weeks are reminded to apply for renewal (Europe/Berlin).
  schedules: [{ queue: CARD_REMINDER_QUEUE, cron: '30 7 * * *' }],
  async workers(deps) {
    await deps.jobs.work(CARD_REMINDER_QUEUE, async () => {
      await sendCardReminders(deps, deps.clock());
    });
  },
};
