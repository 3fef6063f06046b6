import type { AppModule } from '../platform/module.ts';
import { registerModules } from '../platform/registry.ts';
import { accountsModule } from './accounts/manifest.ts';
import { eventsModule } from './events/manifest.ts';
import { feedsModule } from './feeds/manifest.ts';
import { importsModule } from './imports/manifest.ts';
import { infomailModule } from './infomail/manifest.ts';
import { knowledgeModule } from './knowledge/manifest.ts';
import { operationsModule } from './operations/manifest.ts';
import { rolesModule } from './roles/manifest.ts';
import { moderationModule } from './moderation/manifest.ts';
import { needsModule } from './needs/manifest.ts';
import { networksModule } from './networks/manifest.ts';
import { offersModule } from './offers/manifest.ts';
import { openapiModule } from './openapi/manifest.ts';
import { organisationsModule } from './organisations/manifest.ts';
import { overviewModule } from './overview/manifest.ts';
import { placementsModule } from './placements/manifest.ts';
import { privacyModule } from './privacy/manifest.ts';
import { recognitionModule } from './recognition/manifest.ts';
import { searchModule } from './search/manifest.ts';
import { sitesearchModule } from './sitesearch/manifest.ts';
import { volunteersModule } from './volunteers/manifest.ts';
import { widgetModule } from './widget/manifest.ts';

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
