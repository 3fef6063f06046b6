import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';

export const volunteersModule: AppModule = {
  name: 'volunteers',
  routes,
};
