import type { AppModule } from '../platform/module.ts';
import { registerModules } from '../platform/registry.ts';
import { accountsModule } from './accounts/index.ts';
import { eventsModule } from './events/index.ts';
import { feedsModule } from './feeds/index.ts';
import { importsModule } from './imports/index.ts';
import { infomailModule } from './infomail/index.ts';
import { knowledgeModule } from './knowledge/index.ts';
import { operationsModule } from './operations/index.ts';
import { rolesModule } from './roles/index.ts';
import { moderationModule } from './moderation/index.ts';
import { needsModule } from './needs/index.ts';
import { networksModule } from './networks/index.ts';
import { offersModule } from './offers/index.ts';
import { openapiModule } from './openapi/index.ts';
import { organisationsModule } from './organisations/index.ts';
import { overviewModule } from './overview/index.ts';
import { placementsModule } from './placements/index.ts';
import { privacyModule } from './privacy/index.ts';
import { recognitionModule } from './recognition/index.ts';
import { searchModule } from './search/index.ts';
import { sitesearchModule } from './sitesearch/index.ts';
import { volunteersModule } from './volunteers/index.ts';
import { widgetModule } from './widget/index.ts';

/** Every module of the platform, in the order their routes are mounted. */
export const modules: AppModule[] = [
  networksModule,
  accountsModule,
  rolesModule,
  operationsModule,
  organisationsModule,
  offersModule,
  searchModule,
  needsModule,
  eventsModule,
  knowledgeModule,
  sitesearchModule,
  volunteersModule,
  placementsModule,
  moderationModule,
  importsModule,
  overviewModule,
  openapiModule,
  feedsModule,
  widgetModule,
  recognitionModule,
  privacyModule,
  infomailModule,
];

registerModules(modules);
