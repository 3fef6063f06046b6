import type { AppModule } from '../../platform/module.ts';
import { setMailConsentGate } from '../../platform/mail/index.ts';
import { provideErasureService } from '../../platform/privacy.ts';
import { hasConsent } from './consents.ts';
import { runPrivacyDaily } from './daily.ts';
import { pendingErasure, requestErasure } from './erasure.ts';
import { buildExport, EXPORT_QUEUE } from './exports.ts';
import { de, en } from './messages.ts';
import { privacyPersonalData } from './personal-data.ts';
import { auditRetention } from './retention.ts';
import { routes } from './routes.tsx';

const PRIVACY_DAILY_QUEUE = 'privacy.daily';

// "Konto löschen" in the accounts module reaches the erasure through the platform (no import of this module).
provideErasureService({ request: requestErasure, pending: pendingErasure });

export const privacyModule: AppModule = {
  name: 'privacy',
  messages: { de, en },
  routes,
  navigation: [
    { area: 'account', label: 'privacy.nav.data', href: () => '/konto/daten', order: 80 },
    { area: 'account', label: 'privacy.nav.consents', href: () => '/konto/einwilligungen', order: 81 },
    {
      area: 'network-admin',
      label: 'privacy.nav.retention',
      href: (scope) => (scope.networkSlug ? `/netzwerk/${scope.networkSlug}/verwaltung/datenschutz` : null),
      visible: (scope) => scope.canAdminister,
    },
  ],
  personalData: privacyPersonalData,
  retention: [auditRetention],
  queues: [EXPORT_QUEUE, PRIVACY_DAILY_QUEUE],
  // Nightly, after the accounts clean-up: due erasures, then each network's retention periods.
  schedules: [{ queue: PRIVACY_DAILY_QUEUE, cron: '17 4 * * *' }],
  async workers(deps) {
    // Mails that depend on a consent are checked again when they leave the queue.
    setMailConsentGate((consent) => hasConsent(deps.db, consent));
    await deps.jobs.work<{ exportId: string }>(EXPORT_QUEUE, { pollingIntervalSeconds: 2 }, async ([job]) => {
      if (job) await buildExport(deps, job.data.exportId);
    });
    await deps.jobs.work(PRIVACY_DAILY_QUEUE, { pollingIntervalSeconds: 60 }, async () => {
      await runPrivacyDaily(deps, deps.clock());
    });
  },
};
