import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';

export const placementsModule: AppModule = {
  name: 'placements',
  routes,
};
