import type { AppModule } from '../../platform/module.ts';
import { de, en } from './messages.ts';
import { routes } from './routes.tsx';

/** One search box for the whole site (/suche): offers, events and knowledge, grouped by module. */
export const sitesearchModule: AppModule = {
  name: 'sitesearch',
  messages: { de, en },
  routes,
  navigation: [{ area: 'main', label: 'sitesearch.nav', href: () => '/suche', order: 90 }],
};
