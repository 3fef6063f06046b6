import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';

export const importsModule: AppModule = {
  name: 'imports',
  routes,
};
