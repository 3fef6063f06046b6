import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';

export const organisationsModule: AppModule = {
  name: 'organisations',
  routes,
};
