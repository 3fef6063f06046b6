import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';

export const importsModule: AppModule = {
  name: 'imports',
  messages: { de, en },
  routes,
};
