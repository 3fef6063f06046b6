import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';

export const accountsModule: AppModule = {
  name: 'accounts',
  routes,
};
