import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';

export const needsModule: AppModule = {
  name: 'needs',
  routes,
};
