import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';

export const offersModule: AppModule = {
  name: 'offers',
  routes,
};
