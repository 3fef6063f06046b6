import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { allow, sendError } from '../../platform/http/errors.tsx';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { sendProblem } from '../../platform/http/problem.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { getOffer } from '../offers/index.ts';
import { cachedOverviewFigures, MONTH_PATTERN, resolvePeriod, municipalityChoices } from '../overview/index.ts';
import { isUuid, UUID_PATTERN as UUID } from '../../platform/http/ids.ts';
import { organisationOf, formErrors, noticeFrom } from '../organisations/index.ts';
import { archiveOfferWithToken, createApiToken, createOfferWithToken, revokeApiToken, updateOfferWithToken, type ApiOfferFailure } from './commands.ts';
import { API_PREFIX } from './document.ts';
import { FiguresSchema, presentFigures } from './figures.ts';
import { ANONYMOUS_LIMIT, apiHttp, lastModifiedHeader, TOKEN_LIMIT } from './http.ts';
import { offerInputFromApi, OfferWriteSchema, type OfferWrite } from './offer-input.ts';
import { canManageApiTokens, canReadOffer } from './policy.ts';
import { presentNetwork, presentOffer, presentOrganisation } from './present.ts';
import {
  findNetworkIdBySlug,
  getPublicOrganisation,
  listApiTokens,
  listPublicMunicipalities,
  listPublicNetworks,
  listPublicOrganisations,
  listPublishedOfferLinks,
  municipalityExists,
  ORGANISATIONS_PER_PAGE,
} from './queries.ts';
import { API_SCOPES, type ApiScope } from './schema.ts';
import {
  IdParams,
  MunicipalityListSchema,
  NetworkListSchema,
  OfferDetailSchema,
  OrganisationDetailSchema,
  OrganisationListSchema,
  ProblemSchema,
} from './schemas.ts';
import { ApiDocsPage, type OpenApiDocument } from './views/docs.tsx';
import { ApiTokensPage } from './views/tokens.tsx';

const SLUG = '^[a-z0-9-]{1,60}$';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, ProblemSchema]));
const WRITE_SECURITY = [{ apiToken: [] }];

const TOKEN_NOTICES: Record<string, MessageKey> = { widerrufen: 'openapi.tokens.revoked' };

/*
 * Wrapped with fastify-plugin so the API's hooks (tokens, limits, CORS, validators) reach every /api/ route,
 * also those other modules declare.
 */
export const routes = fp(async (app: FastifyInstance) => {
  const { db, config } = app.deps;
  const base = config.publicUrl;

  await app.register(apiHttp);

  function problem(request: FastifyRequest, reply: FastifyReply, status: number, key: string, errors?: Array<{ field: string; message: string }>) {
    return sendProblem(reply, {
      status,
      title: request.t(`${key}.title` as MessageKey),
      detail: request.t(`${key}.text` as MessageKey),
      ...(errors ? { errors } : {}),
    });
  }

  /** Unknown filter values are named, never ignored: a wrong slug must not quietly return everything. */
  function unknownParameter(request: FastifyRequest, reply: FastifyReply, field: string, code: MessageKey) {
    return sendProblem(reply, {
      status: 400,
      title: request.t('error.badRequest.title'),
      detail: request.t(code),
      errors: [{ field, message: request.t(code) }],
    });
  }

  // ---- The document and its page ------------------------------------------------------------------

  app.get('/api/openapi.json', async (_request, reply) => reply.type('application/json; charset=utf-8').send(app.swagger()));

  app.get('/api', async (request, reply) => {
    const t = request.t;
    return reply.page(
      t('openapi.docs.title'),
      <ApiDocsPage t={t} document={app.swagger() as unknown as OpenApiDocument} base={base} limits={{ anonymous: ANONYMOUS_LIMIT, token: TOKEN_LIMIT }} />,
      { description: t('openapi.docs.intro') },
    );
  });

  // ---- Reading -------------------------------------------------------------------------------------

  app.get(`${API_PREFIX}networks`, {
    schema: {
      summary: 'List the networks',
      description: 'Every regional network hosted on this instance, by name.',
      response: { 200: NetworkListSchema },
    },
    handler: async (_request, reply) => {
      const networks = await listPublicNetworks(db);
      lastModifiedHeader(reply, networks.map((n) => n.updatedAt));
      return { items: networks.map((n) => presentNetwork(base, n)) };
    },
  });

  app.get(`${API_PREFIX}municipalities`, {
    schema: {
      summary: 'List the municipalities',
      description: 'Municipalities with their number of published offers, by network and name. Filter by network with `netzwerk`.',
      querystring: Type.Object(
        { netzwerk: Type.Optional(Type.String({ pattern: SLUG, description: 'network slug', examples: ['gems'] })) },
        { additionalProperties: false },
      ),
      response: { 200: MunicipalityListSchema, ...problems(400) },
    },
    handler: async (request, reply) => {
      const { netzwerk } = request.query as { netzwerk?: string };
      let networkId: string | undefined;
      if (netzwerk) {
        networkId = await findNetworkIdBySlug(db, netzwerk);
        if (!networkId) return unknownParameter(request, reply, 'netzwerk', 'openapi.error.networkUnknown');
      }
      return { items: await listPublicMunicipalities(db, networkId) };
    },
  });

  app.get(`${API_PREFIX}organisations`, {
    schema: {
      summary: 'List verified organisations',
      description: `Verified organisations by name, ${ORGANISATIONS_PER_PAGE} per page. Filter by network (\`netzwerk\`) and municipality (\`kommune\`).`,
      querystring: Type.Object(
        {
          netzwerk: Type.Optional(Type.String({ pattern: SLUG, description: 'network slug', examples: ['gems'] })),
          kommune: Type.Optional(Type.String({ pattern: UUID, description: 'municipality id' })),
          seite: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1, description: 'page' })),
        },
        { additionalProperties: false },
      ),
      response: { 200: OrganisationListSchema, ...problems(400) },
    },
    handler: async (request, reply) => {
      const query = request.query as { netzwerk?: string; kommune?: string; seite?: number };
      let networkId: string | undefined;
      if (query.netzwerk) {
        networkId = await findNetworkIdBySlug(db, query.netzwerk);
        if (!networkId) return unknownParameter(request, reply, 'netzwerk', 'openapi.error.networkUnknown');
      }
      if (query.kommune && !(await municipalityExists(db, query.kommune, networkId))) {
        return unknownParameter(request, reply, 'kommune', 'openapi.error.municipalityUnknown');
      }
      const page = query.seite ?? 1;
      const { total, items } = await listPublicOrganisations(db, { networkId, municipalityId: query.kommune, page });
      return { total, page, perPage: ORGANISATIONS_PER_PAGE, items: items.map((o) => presentOrganisation(base, o)) };
    },
  });

  app.get(`${API_PREFIX}organisations/:id`, {
    schema: {
      summary: 'One verified organisation with its published offers',
      params: IdParams,
      response: { 200: OrganisationDetailSchema, ...problems(400, 404) },
    },
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const organisation = await getPublicOrganisation(db, id);
      if (!organisation) return problem(request, reply, 404, 'error.notFound');
      const offers = await listPublishedOfferLinks(db, organisation.id);
      lastModifiedHeader(reply, [organisation.updatedAt]);
      return {
        ...presentOrganisation(base, organisation),
        offers: offers.map((o) => ({ id: o.id, title: o.title, url: `${base}/angebote/${o.id}`, publishedAt: o.publishedAt?.toISOString() ?? null })),
      };
    },
  });

  app.get(`${API_PREFIX}offers/:id`, {
    schema: {
      summary: 'One offer',
      description:
        'A published offer. With a token of the offer’s organisation (scope read), its offers in every status: draft, in_review, paused, expired, archived.',
      params: IdParams,
      response: { 200: OfferDetailSchema, ...problems(400, 401, 404) },
    },
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const offer = await getOffer(db, id);
      // Not public and not yours: it does not exist for you.
      if (!offer || !canReadOffer(request.apiToken, offer)) return problem(request, reply, 404, 'error.notFound');
      lastModifiedHeader(reply, [offer.updatedAt]);
      return presentOffer(base, request.locale, offer);
    },
  });

  app.get(`${API_PREFIX}figures`, {
    schema: {
      summary: 'Public figures of a network or municipality',
      description:
        'The figures of the public overview page (/ueberblick) for a period of months (default: the last 12): published offers, ' +
        'verified organisations, volunteers, placements by status, median response time, offers per 1,000 inhabitants and a ' +
        '24-month trend. Counts of people below 5 are null.',
      querystring: Type.Object(
        {
          netzwerk: Type.Optional(Type.String({ pattern: SLUG, description: 'network slug; all networks without it', examples: ['gems'] })),
          kommune: Type.Optional(Type.String({ pattern: UUID, description: 'municipality id' })),
          von: Type.Optional(Type.String({ pattern: MONTH_PATTERN, description: 'first month, YYYY-MM' })),
          bis: Type.Optional(Type.String({ pattern: MONTH_PATTERN, description: 'last month, YYYY-MM' })),
        },
        { additionalProperties: false },
      ),
      response: { 200: FiguresSchema, ...problems(400) },
    },
    handler: async (request, reply) => {
      const query = request.query as { netzwerk?: string; kommune?: string; von?: string; bis?: string };
      let network: { id: string; slug: string; name: string } | null = null;
      if (query.netzwerk) {
        const networkId = await findNetworkIdBySlug(db, query.netzwerk);
        if (!networkId) return unknownParameter(request, reply, 'netzwerk', 'openapi.error.networkUnknown');
        network = { id: networkId, slug: query.netzwerk, name: '' };
      }
      const choices = await municipalityChoices(db, network?.id ?? null);
      const municipality = query.kommune ? choices.find((c) => c.id === query.kommune?.toLowerCase()) : undefined;
      if (query.kommune && !municipality) return unknownParameter(request, reply, 'kommune', 'openapi.error.municipalityUnknown');
      const { period, problems: periodProblems } = resolvePeriod(query, app.deps.clock());
      const [periodProblem] = periodProblems;
      if (periodProblem) return unknownParameter(request, reply, periodProblem.field, periodProblem.code);
      const networkId = network?.id ?? municipality?.networkId ?? null;
      const figures = await cachedOverviewFigures(db, { networkIds: networkId ? [networkId] : null, municipalityId: municipality?.id ?? null, period });
      const networks = networkId ? await listPublicNetworks(db) : [];
      const shown = networks.find((n) => n.id === networkId);
      return presentFigures(figures, {
        network: shown ? { slug: shown.slug, name: shown.name } : null,
        municipality: municipality ? { id: municipality.id, name: municipality.name } : null,
        period,
      });
    },
  });

  // ---- Writing (organisations with a token) --------------------------------------------------------

  function failure(request: FastifyRequest, reply: FastifyReply, result: ApiOfferFailure) {
    switch (result.code) {
      case 'offers.invalid':
        return problem(
          request,
          reply,
          422,
          'openapi.error.invalid',
          Object.entries(result.problems).map(([field, key]) => ({ field, message: request.t(key) })),
        );
      case 'openapi.forbidden':
        return problem(request, reply, 403, 'openapi.error.forbidden');
      case 'offers.not_found':
        return problem(request, reply, 404, 'error.notFound');
      case 'offers.transition_forbidden':
        return sendProblem(reply, {
          status: 409,
          title: request.t('openapi.error.conflict.title'),
          detail: request.t('offers.error.forbiddenTransition', { status: request.t(`offers.status.${result.from}`) }),
        });
      case 'offers.stale':
        return sendProblem(reply, { status: 409, title: request.t('openapi.error.conflict.title'), detail: request.t('offers.error.stale') });
      case 'offers.organisation_unverified':
        return sendProblem(reply, { status: 409, title: request.t('openapi.error.conflict.title'), detail: request.t('offers.error.organisationUnverified') });
      case 'offers.key_taken':
        return sendProblem(reply, { status: 409, title: request.t('openapi.error.conflict.title'), detail: request.t('offers.error.keyTaken') });
    }
  }

  /** The token, or a 401 answer when there is none (the hook already refused wrong ones). */
  function tokenOf(request: FastifyRequest, reply: FastifyReply) {
    if (request.apiToken) return request.apiToken;
    void reply.header('www-authenticate', 'Bearer realm="mitmachnetz"');
    void problem(request, reply, 401, 'openapi.error.unauthorised');
    return undefined;
  }

  async function answerWithOffer(request: FastifyRequest, reply: FastifyReply, offerId: string, status: number) {
    const offer = await getOffer(db, offerId);
    if (!offer) return problem(request, reply, 404, 'error.notFound');
    return reply.code(status).send(presentOffer(base, request.locale, offer));
  }

  const writeErrors = problems(400, 401, 403, 409, 422, 429);

  app.post(`${API_PREFIX}offers`, {
    schema: {
      summary: 'Create an offer of the token’s organisation',
      description:
        'Same rules as the offer form. Unless `submit` is false the offer is submitted right away: published, or `in_review` where the ' +
        'network office checks new offers (or the organisation is not verified yet). Send an `Idempotency-Key` (a UUID of your own) to make retries safe: ' +
        'the same key creates one offer.',
      security: WRITE_SECURITY,
      headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ format: 'uuid', description: 'A UUID you choose per new offer' })) }),
      body: OfferWriteSchema,
      response: { 201: OfferDetailSchema, 200: OfferDetailSchema, ...writeErrors },
    },
    handler: async (request, reply) => {
      const token = tokenOf(request, reply);
      if (!token) return reply;
      const body = request.body as OfferWrite;
      const parsed = offerInputFromApi(body);
      if (!parsed.ok) return failure(request, reply, { ok: false, code: 'offers.invalid', problems: parsed.problems });
      const key = request.headers['idempotency-key'];
      const result = await createOfferWithToken(db, {
        token,
        input: parsed.value,
        submit: body.submit !== false,
        idempotencyKey: typeof key === 'string' && isUuid(key) ? key.toLowerCase() : undefined,
        now: app.deps.clock(),
      });
      if (!result.ok) return failure(request, reply, result);
      void reply.header('location', `${base}${API_PREFIX}offers/${result.offer.id}`);
      return answerWithOffer(request, reply, result.offer.id, result.repeated ? 200 : 201);
    },
  });

  app.put(`${API_PREFIX}offers/:id`, {
    schema: {
      summary: 'Replace the content of an offer of the token’s organisation',
      description: 'All fields as for creating; fields left out become empty. The status stays as it is, as when the offer is edited in the form.',
      security: WRITE_SECURITY,
      params: IdParams,
      body: OfferWriteSchema,
      response: { 200: OfferDetailSchema, ...writeErrors, ...problems(404) },
    },
    handler: async (request, reply) => {
      const token = tokenOf(request, reply);
      if (!token) return reply;
      const parsed = offerInputFromApi(request.body as OfferWrite);
      if (!parsed.ok) return failure(request, reply, { ok: false, code: 'offers.invalid', problems: parsed.problems });
      const { id } = request.params as { id: string };
      const result = await updateOfferWithToken(db, { token, offerId: id, input: parsed.value, now: app.deps.clock() });
      if (!result.ok) return failure(request, reply, result);
      return answerWithOffer(request, reply, result.offer.id, 200);
    },
  });

  app.delete(`${API_PREFIX}offers/:id`, {
    schema: {
      summary: 'Archive an offer of the token’s organisation',
      description: 'The offer leaves every public list and page for good; it is kept (archived) for the network’s figures.',
      security: WRITE_SECURITY,
      params: IdParams,
      response: { 204: Type.Null({ description: 'Archived' }), ...writeErrors, ...problems(404) },
    },
    handler: async (request, reply) => {
      const token = tokenOf(request, reply);
      if (!token) return reply;
      const { id } = request.params as { id: string };
      const result = await archiveOfferWithToken(db, { token, offerId: id, now: app.deps.clock() });
      if (!result.ok) return failure(request, reply, result);
      return reply.code(204).send();
    },
  });

  // ---- Tokens in the organisation's settings -------------------------------------------------------

  async function loadForTokens(request: FastifyRequest, reply: FastifyReply) {
    const loaded = await organisationOf(request, reply);
    if (!loaded || !allow(request, reply, canManageApiTokens(request.actor, loaded.role))) return undefined;
    return loaded.organisation;
  }

  async function renderTokens(
    request: FastifyRequest,
    reply: FastifyReply,
    organisation: { id: string; name: string },
    extra: { created?: { token: string; name: string }; values?: { name?: string; scopes?: string[] }; errors?: FieldErrors; status?: number } = {},
  ) {
    const t = request.t;
    const tokens = await listApiTokens(db, organisation.id);
    return reply.page(
      t('openapi.tokens.title', { name: organisation.name }),
      <ApiTokensPage
        t={t}
        locale={request.locale}
        organisation={organisation}
        tokens={tokens}
        csrfToken={reply.generateCsrf()}
        idempotencyKey={crypto.randomUUID()}
        created={extra.created}
        values={extra.values ?? { scopes: ['read', 'write'] }}
        errors={extra.errors ?? {}}
        notice={noticeFrom(request, TOKEN_NOTICES)}
        docsUrl="/api"
      />,
      { status: extra.status ?? 200 },
    );
  }

  app.get('/organisationen/:id/api-tokens', async (request, reply) => {
    const organisation = await loadForTokens(request, reply);
    if (!organisation) return reply;
    return renderTokens(request, reply, organisation);
  });

  app.post('/organisationen/:id/api-tokens', {
    schema: {
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 120 }),
        scopes: Type.Optional(Type.Array(Type.Enum([...API_SCOPES]), { maxItems: API_SCOPES.length })),
        idempotencyKey: Type.Optional(Type.String({ format: 'uuid' })),
      }),
    },
    attachValidation: true,
    handler: async (request, reply) => {
      const organisation = await loadForTokens(request, reply);
      if (!organisation) return reply;
      const t = request.t;
      const raw = (request.body ?? {}) as { name?: unknown; scopes?: unknown };
      const values = {
        name: typeof raw.name === 'string' ? raw.name.slice(0, 200) : '',
        scopes: (Array.isArray(raw.scopes) ? raw.scopes : [raw.scopes]).filter((s): s is string => typeof s === 'string'),
      };
      const errors = formErrors(request);
      const body = request.body as { name: string; scopes?: ApiScope[]; idempotencyKey?: string };
      if (!request.validationError && (body.scopes ?? []).length === 0) errors.scopes = t('openapi.tokens.noScope');
      if (Object.keys(errors).length > 0) return renderTokens(request, reply, organisation, { values, errors, status: 422 });
      const result = await createApiToken(db, {
        organisationId: organisation.id,
        name: body.name,
        scopes: body.scopes ?? [],
        createdBy: request.actor.userId ?? '',
        idempotencyKey: body.idempotencyKey,
        now: app.deps.clock(),
      });
      if (!result.ok) {
        const message = result.code === 'openapi.tokens.repeated' ? t('openapi.tokens.repeated') : t('openapi.tokens.noScope');
        return renderTokens(request, reply, organisation, { values, errors: { name: message }, status: result.code === 'openapi.tokens.repeated' ? 409 : 422 });
      }
      // The one moment the token exists in clear: shown in this answer (not after a redirect, which would need to keep it somewhere).
      return renderTokens(request, reply, organisation, { created: { token: result.token, name: body.name }, status: 201 });
    },
  });

  app.post('/organisationen/:id/api-tokens/:tokenId/widerrufen', async (request, reply) => {
    const organisation = await loadForTokens(request, reply);
    if (!organisation) return reply;
    const { tokenId } = request.params as { tokenId: string };
    if (!isUuid(tokenId)) return sendError(request, reply, 404);
    const result = await revokeApiToken(db, {
      organisationId: organisation.id,
      tokenId,
      revokedBy: request.actor.userId ?? '',
      now: app.deps.clock(),
    });
    if (!result.ok) return sendError(request, reply, 404);
    return reply.redirect(`/organisationen/${organisation.id}/api-tokens?hinweis=widerrufen`, 303);
  });
}, { name: 'openapi' });
