import type { AppModule } from '../../platform/module.ts';
import { de, en } from './messages.ts';
import { routes } from './routes.tsx';

/** The operator's area: the networks of the installation, outbox, failed jobs and backup download. */
export const operationsModule: AppModule = {
  name: 'operations',
  // The operator's area; the first entry is where "Verwaltung" in the header leads on global pages.
  navigation: [
    { area: 'platform-admin', label: 'operations.platform.networks', href: () => '/verwaltung', order: 0 },
    { area: 'platform-admin', label: 'operations.platform.outbox', href: () => '/verwaltung/postausgang', order: 10 },
    { area: 'platform-admin', label: 'operations.platform.jobs', href: () => '/verwaltung/auftraege', order: 20 },
    { area: 'platform-admin', label: 'operations.platform.backup', href: () => '/verwaltung/sicherung', order: 30 },
  ],
  messages: { de, en },
  routes,
};
