import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';

/** Überblick: figures, charts, map, exports and the PDF report per network and municipality. */
export const overviewModule: AppModule = {
  name: 'overview',
  navigation: [
    { area: 'main', label: 'layout.overview', href: (scope) => (scope.networkSlug ? `/netzwerk/${scope.networkSlug}/ueberblick` : '/ueberblick'), order: 20 },
  ],
  messages: { de, en },
  routes,
};
