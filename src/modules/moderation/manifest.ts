import type { AppModule } from '../../platform/module.ts';
import { adminPath } from '../../platform/navigation.tsx';
import { routes } from './routes.tsx';
import { runDailySummaries, runImmediateNotices } from './office-notices.ts';
import { de, en } from './messages.ts';
import { moderationPersonalData, moderationRetention } from './personal-data.ts';

const OFFICE_NOTICE_QUEUE = 'moderation.office-notices';
const OFFICE_SUMMARY_QUEUE = 'moderation.office-summary';

export const moderationModule: AppModule = {
  name: 'moderation',
  navigation: [{ area: 'network-admin', label: 'moderation.title', href: (scope) => (scope.networkSlug ? adminPath(scope.networkSlug, '/moderation') : null), order: 30 }],
  personalData: moderationPersonalData,
  retention: moderationRetention,
  messages: { de, en },
  routes,
  queues: [OFFICE_NOTICE_QUEUE, OFFICE_SUMMARY_QUEUE],
  // "Immediate" means within five minutes; the summary goes out early in the morning.
  schedules: [
    { queue: OFFICE_NOTICE_QUEUE, cron: '*/5 * * * *' },
    { queue: OFFICE_SUMMARY_QUEUE, cron: '30 6 * * *' },
  ],
  async workers(deps) {
    await deps.jobs.work(OFFICE_NOTICE_QUEUE, { pollingIntervalSeconds: 30 }, async () => {
      await runImmediateNotices(deps, deps.clock());
    });
    await deps.jobs.work(OFFICE_SUMMARY_QUEUE, { pollingIntervalSeconds: 60 }, async () => {
      await runDailySummaries(deps, deps.clock());
    });
  },
};
