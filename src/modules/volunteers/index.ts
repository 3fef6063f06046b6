import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';

export const volunteersModule: AppModule = {
  name: 'volunteers',
  messages: { de, en },
  routes,
};
