import type { AppModule } from '../../platform/module.ts';
import { addOrganisationPageAction } from '../organisations/index.ts';
import { canManageApiTokens } from './policy.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';
import { openapiPersonalData } from './personal-data.ts';

// Its admins find the API keys for the organisation's own software on the organisation page.
addOrganisationPageAction(({ actor, role, organisation, t }) =>
  canManageApiTokens(actor, role) ? { href: `/organisationen/${organisation.id}/api-tokens`, label: t('openapi.tokens.link') } : null,
);

/** The public API: read endpoints, offers written with organisations' tokens, the OpenAPI document and its page. */
export const openapiModule: AppModule = {
  name: 'openapi',
  personalData: openapiPersonalData,
  messages: { de, en },
  routes,
};
