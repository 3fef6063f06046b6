import type { AppModule } from '../../platform/module.ts';
import { provideEventDocumentation } from '../events/index.ts';
import { seedKnowledgeDemo } from './demo.ts';
import { documentationOf, registerDocumentationRoutes } from './event-documentation.tsx';
import { de, en } from './messages.ts';
import { knowledgePersonalData } from './personal-data.ts';
import { routes } from './routes.tsx';
import { knowledgeSiteSearch } from './site-search.ts';

// An event's documentation is a knowledge entry: its link on the event page and its form under the event's URL.
provideEventDocumentation({ linkFor: documentationOf, registerRoutes: registerDocumentationRoutes });

/** Knowledge management (capability E): articles, practice examples, publications, FAQ, event documentation. */
export const knowledgeModule: AppModule = {
  name: 'knowledge',
  messages: { de, en },
  routes,
  siteSearch: knowledgeSiteSearch,
  personalData: knowledgePersonalData,
  // After the events: the past training's documentation points to its event.
  demo: { order: 55, seed: (db, now) => seedKnowledgeDemo(db, now) },
  navigation: [
    {
      area: 'main',
      label: 'knowledge.nav',
      href: (scope) => (scope.networkSlug ? `/netzwerk/${scope.networkSlug}/wissen` : null),
      order: 40,
    },
  ],
};
