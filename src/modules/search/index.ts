import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';

export const searchModule: AppModule = {
  name: 'search',
  routes,
};
