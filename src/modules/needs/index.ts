import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';

export const needsModule: AppModule = {
  name: 'needs',
  messages: { de, en },
  routes,
};
