import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';

export const organisationsModule: AppModule = {
  name: 'organisations',
  messages: { de, en },
  routes,
};
