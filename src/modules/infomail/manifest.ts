import type { AppModule } from '../../platform/module.ts';
import { and, eq, or } from 'drizzle-orm';
import { onConsentWithdrawn, registerConsentPurpose } from '../privacy/index.ts';
import { de, en } from './messages.ts';
import { infomailPersonalData } from './personal-data.ts';
import { routes } from './routes.tsx';
import { infomailSubscribers } from './schema.ts';
import { SEND_QUEUE, startSendWorker } from './send.ts';
import { DIGEST_QUEUE, runDigests } from './digest.ts';
import { demoInfomail } from './demo.ts';
import { INFOMAIL_PURPOSE, unsubscribeAll } from './subscriptions.ts';

registerConsentPurpose(INFOMAIL_PURPOSE, 'privacy.purpose.infomail');

// Withdrawing the consent on the consents page ends the subscription as unsubscribing does.
onConsentWithdrawn(INFOMAIL_PURPOSE, async (db, scope, now) => {
  const subject = or(scope.email ? eq(infomailSubscribers.email, scope.email.toLowerCase()) : undefined, scope.userId ? eq(infomailSubscribers.userId, scope.userId) : undefined);
  if (!subject) return;
  const rows = await db.select().from(infomailSubscribers).where(and(subject, scope.networkId ? eq(infomailSubscribers.networkId, scope.networkId) : undefined));
  for (const row of rows) await unsubscribeAll(db, row, now);
});

export const infomailModule: AppModule = {
  name: 'infomail',
  messages: { de, en },
  routes,
  navigation: [
    { area: 'main', label: 'infomail.nav.subscribe', href: (scope) => (scope.networkSlug ? `/netzwerk/${scope.networkSlug}/infomail` : null), order: 70 },
    {
      area: 'network-admin',
      label: 'infomail.nav.admin',
      href: (scope) => (scope.networkSlug ? `/netzwerk/${scope.networkSlug}/verwaltung/infomail` : null),
      visible: (scope) => scope.canAdminister,
    },
  ],
  queues: [SEND_QUEUE, DIGEST_QUEUE],
  // Monday morning: the weekly digest of new offers and events.
  schedules: [{ queue: DIGEST_QUEUE, cron: '0 7 * * 1' }],
  async workers(deps) {
    await startSendWorker(deps);
    await deps.jobs.work(DIGEST_QUEUE, { pollingIntervalSeconds: 60 }, async () => {
      await runDigests(deps);
    });
  },
  personalData: infomailPersonalData,
  demo: demoInfomail,
};
