import type { AppModule } from '../../platform/module.ts';
import { de, en } from './messages.ts';
import { routes } from './routes.tsx';

/** The operator's area: the networks of the installation, outbox, failed jobs and backup download. */
export const operationsModule: AppModule = {
  name: 'operations',
  messages: { de, en },
  routes,
};
