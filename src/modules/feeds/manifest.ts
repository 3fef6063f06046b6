import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';

/** Feeds of new offers (RSS, Atom), the sitemap and robots.txt. */
export const feedsModule: AppModule = {
  name: 'feeds',
  messages: { de, en },
  routes,
};
