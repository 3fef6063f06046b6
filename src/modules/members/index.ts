import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';

export const membersModule: AppModule = {
  name: 'members',
  routes,
};
