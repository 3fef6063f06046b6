import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';

export const membersModule: AppModule = {
  name: 'members',
  messages: { de, en },
  routes,
};
