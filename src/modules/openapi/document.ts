import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import type { Config } from '../../platform/config.ts';

/** Path prefix of the versioned public API; everything else (pages, forms, feeds) stays out of the document. */
export const API_PREFIX = '/api/v1/';

const TAGS = [
  { name: 'offers', description: 'Engagement offers (Engagementangebote). Reading is open; writing needs an API token of the organisation.' },
  { name: 'events', description: 'Events of the networks (Veranstaltungen): meetings, workshops and trainings, for calendars and other sites.' },
  { name: 'organisations', description: 'Verified organisations: clubs, initiatives, institutions and companies that publish offers.' },
  { name: 'municipalities', description: 'Municipalities (Kommunen) of the networks.' },
  { name: 'networks', description: 'Regional engagement networks hosted on this platform.' },
  { name: 'figures', description: 'The public overview: offers, organisations, placements and trends per network and municipality.' },
];

/** The tag of a route, from its first path segment after the prefix (`/api/v1/offers/{id}` → offers). */
function tagOf(url: string): string | undefined {
  const segment = url.slice(API_PREFIX.length).split('/')[0] ?? '';
  return TAGS.some((tag) => tag.name === segment) ? segment : undefined;
}

/**
 * Options for @fastify/swagger. It is registered before the modules so it sees every route; only the
 * resources under /api/v1/ are documented, each tagged by its resource even when its module gave no tag.
 */
export function openApiOptions(config: Pick<Config, 'publicUrl'>): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Mitmachnetz API',
        version: '1.0.0',
        summary: 'Public API of a Mitmachnetz instance: engagement offers, organisations, municipalities and networks.',
        description:
          'Reading needs no key and is open to every origin (CORS). Answers carry an ETag and, where known, Last-Modified; ' +
          'send If-None-Match or If-Modified-Since to get 304 Not Modified. Organisations write their own offers with an ' +
          'API token (Authorization: Bearer …) created in their settings. Errors are RFC 9457 problem details.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      servers: [{ url: config.publicUrl }],
      tags: TAGS,
      components: {
        securitySchemes: {
          apiToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token of an organisation, created by its admins at /organisationen/{id}/api-tokens.',
          },
        },
      },
    },
    transform: ({ schema, url }) => {
      const tag = url.startsWith(API_PREFIX) ? tagOf(url) : undefined;
      // Pages, forms and feeds stay out, and so do API routes of no documented resource (e.g. the
      // one-click unsubscribe address that mail programs post to).
      if (!tag) return { schema: { ...schema, hide: true }, url };
      const tags = (schema as { tags?: string[] } | undefined)?.tags;
      return { schema: { ...schema, ...(tags ? {} : { tags: [tag] }) }, url };
    },
  };
}
