import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';

export const moderationModule: AppModule = {
  name: 'moderation',
  routes,
};
