import type { AppModule } from '../../platform/module.ts';
import { purgeExpiredLogins } from './commands.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';
import { accountsPersonalData } from './personal-data.ts';

const ACCOUNTS_CLEANUP_QUEUE = 'accounts.cleanup';

export const accountsModule: AppModule = {
  name: 'accounts',
  personalData: accountsPersonalData,
  messages: { de, en },
  routes,
  // The links "Mein Konto" has always shown; other modules add theirs (hours, card, data…) between and after them.
  navigation: [
    { area: 'account', label: 'accounts.account.linkProfile', href: () => '/konto/engagement', order: 10 },
    { area: 'account', label: 'accounts.account.linkSuggestions', href: () => '/konto/vorschlaege', order: 20 },
    { area: 'account', label: 'accounts.account.linkPlacements', href: () => '/konto/vermittlungen', order: 30 },
    { area: 'account', label: 'accounts.account.linkSearches', href: () => '/konto/suchen', order: 50 },
    { area: 'account', label: 'accounts.account.linkOrganisations', href: () => '/meine-organisationen', order: 60 },
  ],
  queues: [ACCOUNTS_CLEANUP_QUEUE],
  // Nightly; a missed night changes nothing but the size of two tables.
  schedules: [{ queue: ACCOUNTS_CLEANUP_QUEUE, cron: '41 3 * * *' }],
  async workers(deps) {
    await deps.jobs.work(ACCOUNTS_CLEANUP_QUEUE, { pollingIntervalSeconds: 60 }, async () => {
      await purgeExpiredLogins(deps.db, deps.clock());
    });
  },
};
