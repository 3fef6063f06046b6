import type { AppModule } from '../../platform/module.ts';
import { de, en } from './messages.ts';
import { routes } from './routes.tsx';

/** Knowledge management (capability E): articles, practice examples, publications, FAQ, event documentation. */
export const knowledgeModule: AppModule = {
  name: 'knowledge',
  messages: { de, en },
  routes,
  navigation: [
    {
      area: 'main',
      label: 'knowledge.nav',
      href: (scope) => (scope.networkSlug ? `/netzwerk/${scope.networkSlug}/wissen` : null),
      order: 40,
    },
  ],
};
