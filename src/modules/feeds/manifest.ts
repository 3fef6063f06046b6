import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';

/** Feeds of new offers (RSS, Atom), the sitemap and robots.txt; the JSON-LD builders for the public pages live here too. */
export const feedsModule: AppModule = {
  name: 'feeds',
  messages: { de, en },
  routes,
};
