import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';

export const moderationModule: AppModule = {
  name: 'moderation',
  messages: { de, en },
  routes,
};
