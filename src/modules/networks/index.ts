import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';

export const networksModule: AppModule = {
  name: 'networks',
  routes,
};
