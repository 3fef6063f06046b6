import type { AppModule } from '../../platform/module.ts';
import { adminPath } from '../../platform/navigation.tsx';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';

export const moderationModule: AppModule = {
  name: 'moderation',
  navigation: [{ area: 'network-admin', label: 'moderation.title', href: (scope) => (scope.networkSlug ? adminPath(scope.networkSlug, '/moderation') : null), order: 30 }],
  messages: { de, en },
  routes,
};
