import type { AppModule } from '../../platform/module.ts';
import { adminPath } from '../../platform/navigation.tsx';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';

export const importsModule: AppModule = {
  name: 'imports',
  navigation: [{ area: 'network-admin', label: 'imports.nav.admin', href: (scope) => (scope.networkSlug ? adminPath(scope.networkSlug, '/import') : null), order: 50 }],
  messages: { de, en },
  routes,
};
