import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Uuid } from '../../platform/http/ids.ts';
import { ProblemSchema, sendProblem } from '../../platform/http/problem.ts';
import { findNetworkBySlug } from '../../platform/networks/queries.ts';

import { listEvents, municipalityExists, type EventListItem } from './queries.ts';
import { EVENT_KINDS, type EventKind } from './schema.ts';

const PER_PAGE = 50;

const EventSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  url: Type.String({ format: 'uri' }),
  ical: Type.String({ format: 'uri' }),
  title: Type.String(),
  description: Type.String(),
  kind: Type.Union(EVENT_KINDS.map((k) => Type.Literal(k))),
  status: Type.Union([Type.Literal('published'), Type.Literal('cancelled')], { description: 'Cancelled events stay listed so calendars can show it.' }),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  mode: Type.Union([Type.Literal('onsite'), Type.Literal('online')], { description: 'The link of an online event goes to registered people only.' }),
  place: Type.String(),
  municipality: Type.Union([Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() }), Type.Null()]),
  network: Type.Object({ slug: Type.String(), name: Type.String() }),
  organiser: Type.Union([Type.String(), Type.Null()], { description: 'The organisation; null when the network office organises.' }),
  capacity: Type.Union([Type.Integer(), Type.Null()]),
  seatsFree: Type.Union([Type.Integer(), Type.Null()], { description: 'null: no limit.' }),
});

const EventListSchema = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  perPage: Type.Integer(),
  items: Type.Array(EventSchema),
});

const EventQuery = Type.Object(
  {
    netzwerk: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,60}$', description: 'network slug', examples: ['gems'] })),
    art: Type.Optional(Type.Union(EVENT_KINDS.map((k) => Type.Literal(k)), { description: 'kind of event' })),
    kommune: Type.Optional(Uuid({ description: 'municipality id' })),
    format: Type.Optional(Type.Union([Type.Literal('online'), Type.Literal('vor-ort')], { description: 'online or on site' })),
    seite: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1, description: 'page' })),
  },
  { additionalProperties: false },
);

function present(publicUrl: string, e: EventListItem) {
  const url = `${publicUrl}/netzwerk/${e.networkSlug}/veranstaltungen/${e.id}`;
  return {
    id: e.id,
    url,
    ical: `${url}.ics`,
    title: e.title,
    description: e.description,
    kind: e.kind,
    status: e.status,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    mode: e.mode,
    place: e.mode === 'onsite' ? e.place : '',
    municipality: e.municipalityId && e.municipalityName ? { id: e.municipalityId, name: e.municipalityName } : null,
    network: { slug: e.networkSlug, name: e.networkName },
    organiser: e.organiserName,
    capacity: e.capacity,
    seatsFree: e.capacity === null ? null : Math.max(0, e.capacity - e.seatsTaken),
  };
}

/** `GET /api/v1/events`: upcoming published (and cancelled) events, for calendars and other sites. */
export async function registerEventsApi(app: FastifyInstance): Promise<void> {
  const { db, config } = app.deps;
  app.get('/api/v1/events', {
    schema: {
      summary: 'List upcoming events',
      description: `Published and cancelled events that have not ended yet, by start, ${PER_PAGE} per page. Filter by network (\`netzwerk\`), kind (\`art\`), municipality (\`kommune\`; 400 when it is unknown or not in \`netzwerk\`) and \`format\`.`,
      querystring: EventQuery,
      response: { 200: EventListSchema, 400: ProblemSchema },
    },
    handler: async (request, reply) => {
      const query = request.query as { netzwerk?: string; art?: EventKind; kommune?: string; format?: 'online' | 'vor-ort'; seite?: number };
      let networkId: string | undefined;
      if (query.netzwerk) {
        networkId = (await findNetworkBySlug(db, query.netzwerk))?.id;
        if (!networkId) {
          const message = request.t('openapi.error.networkUnknown');
          return sendProblem(reply, { status: 400, title: request.t('error.badRequest.title'), detail: message, errors: [{ field: 'netzwerk', message }] });
        }
      }
      // A municipality of another network (or none at all) is a mistake in the request, not an empty result.
      if (query.kommune && !(await municipalityExists(db, query.kommune, networkId))) {
        const message = request.t('openapi.error.municipalityUnknown');
        return sendProblem(reply, { status: 400, title: request.t('error.badRequest.title'), detail: message, errors: [{ field: 'kommune', message }] });
      }
      const page = query.seite ?? 1;
      const { items, total } = await listEvents(
        db,
        {
          networkId,
          from: app.deps.clock(),
          kind: query.art,
          municipalityId: query.kommune,
          online: query.format === undefined ? undefined : query.format === 'online',
        },
        { limit: PER_PAGE, offset: (page - 1) * PER_PAGE },
      );
      return { total, page, perPage: PER_PAGE, items: items.map((e) => present(config.publicUrl, e)) };
    },
  });
}
