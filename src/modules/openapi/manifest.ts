import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';
import { openapiPersonalData } from './personal-data.ts';

/** The public API: read endpoints, offers written with organisations' tokens, the OpenAPI document and its page. */
export const openapiModule: AppModule = {
  name: 'openapi',
  personalData: openapiPersonalData,
  messages: { de, en },
  routes,
};
