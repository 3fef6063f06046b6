import type { AppModule } from '../../platform/module.ts';
import { adminPath } from '../../platform/navigation.tsx';
import { provideOrganisationAccessLinks } from '../organisations/index.ts';
import { cancelOrganisationAccess, findOrganisationAccess, issueOrganisationAccess } from './access.ts';
import { runPlacementReminders } from './commands.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';
import { placementsPersonalData, placementsRetention } from './personal-data.ts';

// The organisation access link: the office's decisions carry it too (moderation), claiming starts from it and ends all of them.
provideOrganisationAccessLinks({ issue: issueOrganisationAccess, find: findOrganisationAccess, cancel: cancelOrganisationAccess });

const PLACEMENT_REMINDER_QUEUE = 'placements.reminders';

export const placementsModule: AppModule = {
  name: 'placements',
  navigation: [
    { area: 'network-admin', label: 'placements.list.caption', href: (scope) => (scope.networkSlug ? adminPath(scope.networkSlug, '/vermittlungen') : null), order: 40 },
  ],
  personalData: placementsPersonalData,
  retention: placementsRetention,
  messages: { de, en },
  routes,
  queues: [PLACEMENT_REMINDER_QUEUE],
  // Hourly: reminders are counted in days, and a missed run simply catches up on the next one.
  schedules: [{ queue: PLACEMENT_REMINDER_QUEUE, cron: '23 * * * *' }],
  async workers(deps) {
    await deps.jobs.work(PLACEMENT_REMINDER_QUEUE, { pollingIntervalSeconds: 30 }, async () => {
      await runPlacementReminders(deps, deps.clock());
    });
  },
};
