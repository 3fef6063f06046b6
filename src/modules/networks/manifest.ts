import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';

export const networksModule: AppModule = {
  name: 'networks',
  messages: { de, en },
  routes,
};
