import type { FastifyPluginAsync, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { allow, sendError } from '../../platform/http/errors.tsx';
import { fieldErrorsFromValidation } from '../../platform/http/forms.ts';
import { ProblemSchema, sendProblem } from '../../platform/http/problem.ts';
import type { MessageKey, T } from '../../platform/i18n/index.ts';
import { networkOf } from '../../platform/networks/context.ts';
import type { Network } from '../../platform/networks/schema.ts';
import { deleteSavedSearch, isUnsubscribeToken, MAX_SAVED_SEARCHES, saveSearch, setSavedSearchAlerts } from './commands.ts';
import { fieldLabel, valueLabel } from './labels.ts';
import { MAX_PAGE, parseSearchQuery, PER_PAGE, SearchQuery, toSearchParams, withoutEmptyValues, FACET_GROUPS, type FacetGroup } from './params.ts';
import { canManageSavedSearch, canSaveSearch } from './policy.ts';
import { COUNT_LIMIT, findSavedSearch, labelsFor, listSavedSearches, resolveSearch, runSearch, type SearchProblem, type SearchResult } from './queries.ts';
import { plainSnippet } from './text.ts';
import { SavedSearchesPage, SaveSearchForm, UnsubscribePage } from './views/saved.tsx';
import { SearchPage } from './views/search.tsx';

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

function Nullable<S extends TSchema>(schema: S) {
  return Type.Union([schema, Type.Null()]);
}

const FacetValueSchema = Type.Object({ value: Type.String(), label: Type.String(), count: Type.Integer() });

/** One offer in the JSON answer; `snippet` is plain text. */
export const OfferItemSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  url: Type.String(),
  organisation: Type.Object({ id: Type.String(), name: Type.String() }),
  network: Type.Object({ slug: Type.String(), name: Type.String() }),
  municipality: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  place: Type.String(),
  field: Type.String(),
  fieldLabel: Type.String(),
  commitment: Type.String(),
  remote: Type.Boolean(),
  distanceKm: Nullable(Type.Number()),
  partial: Type.Boolean({ description: 'true: the offer contains only some of the meaningful words searched for (listed after those with all of them)' }),
  snippet: Type.String(),
  publishedAt: Nullable(Type.String({ format: 'date-time' })),
});

const facetGroups = <S extends TSchema>(schema: S) =>
  Type.Object({
    netzwerk: schema,
    feld: schema,
    zielgruppe: schema,
    kommune: schema,
    einsatz: schema,
    wochentag: schema,
    tageszeit: schema,
    geeignet: schema,
    remote: schema,
  });

export const SearchResponseSchema = Type.Object({
  total: Type.Integer({
    description: `the number of matching offers; exact unless totalExact is false (then more offers match and pages end at ${COUNT_LIMIT}: only when the server searches its database instead of its in-memory index); pages end at ${MAX_PAGE}. With several words: the offers containing all of them, and only when fewer than ${PER_PAGE} do, also those containing some (each hit's partial says which)`,
  }),
  totalExact: Type.Boolean(),
  page: Type.Integer(),
  perPage: Type.Integer(),
  items: Type.Array(OfferItemSchema),
  facets: facetGroups(Type.Array(FacetValueSchema)),
  facetsExact: facetGroups(Type.Boolean({ description: 'false: too many offers match to count them per value; the group is empty' })),
  mode: Type.Union([Type.Literal('all'), Type.Literal('fulltext'), Type.Literal('similar')]),
  suggestion: Nullable(Type.String()),
  place: Nullable(Type.Object({ label: Type.String(), lat: Type.Number(), lng: Type.Number(), radiusKm: Nullable(Type.Integer()) })),
});

/** An empty form field means "no filter" (see withoutEmptyValues). */
async function dropEmptyValues(request: FastifyRequest): Promise<void> {
  request.query = withoutEmptyValues(request.query);
}

const PARAMETER_LABELS: Record<string, MessageKey> = {
  q: 'search.q',
  ort: 'search.place',
  lat: 'search.positionLabel',
  lng: 'search.positionLabel',
  umkreis: 'search.radius',
  sort: 'search.sort',
  seite: 'search.pagination',
};

function parameterLabel(t: T, key: string): string {
  if ((FACET_GROUPS as readonly string[]).includes(key)) return t(`search.group.${key as FacetGroup}`);
  const label = PARAMETER_LABELS[key];
  return label ? t(label) : key;
}

/** The query parameter a validation error is about. */
function parameterOf(error: FastifySchemaValidationError): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  return error.instancePath.replace(/^\//, '').split('/')[0] || params.missingProperty || params.additionalProperty || '';
}

function problemMessages(t: T, problems: SearchProblem[]): string[] {
  return problems.map((p) => t(p.code));
}

export const routes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;

  /** The search page; invalid parameters are named and left out, the rest of the search still runs. */
  async function searchPage(request: FastifyRequest, reply: FastifyReply, network: Network | undefined) {
    const t = request.t;
    const messages: string[] = [];
    let query = request.query as SearchQuery;
    const validation = request.validationError?.validation as FastifySchemaValidationError[] | undefined;
    if (validation) {
      const rest = withoutEmptyValues(request.query);
      for (const key of new Set(validation.map(parameterOf))) {
        delete rest[key];
        messages.push(t('search.invalid', { field: parameterLabel(t, key) }));
      }
      query = parseSearchQuery(rest) ?? {};
    }
    const params = toSearchParams(query);
    if (network) params.network = network.slug;
    const { search, problems } = await resolveSearch(db, params);
    messages.push(...problemMessages(t, problems));
    const result = await runSearch(db, search, app.deps.clock(), { memory: app.deps.config.searchIndex === 'memory' });
    const municipalityIds = [...new Set([...result.facets.kommune.map((f) => f.value), ...search.municipalityIds])];
    const names = await labelsFor(db, municipalityIds);
    const title = network ? t('search.titleNetwork', { network: network.name }) : t('search.title');
    return reply.page(
      result.page > 1 ? `${title} (${t('search.pageOf', { page: result.page, pages: Math.min(MAX_PAGE, Math.ceil(result.total / result.perPage)) })})` : title,
      <SearchPage
        t={t}
        locale={request.locale}
        title={title}
        action={network ? `/netzwerk/${network.slug}/angebote` : '/angebote'}
        params={params}
        result={result}
        names={names}
        problems={messages}
        fixedNetwork={Boolean(network)}
        save={{ signedIn: canSaveSearch(request.actor), csrfToken: reply.generateCsrf() }}
      />,
      { status: validation ? 400 : 200, description: t('search.intro') },
    );
  }

  app.get('/angebote', { schema: { querystring: SearchQuery }, attachValidation: true, preValidation: dropEmptyValues }, (request, reply) =>
    searchPage(request, reply, undefined),
  );

  app.get(
    '/netzwerk/:slug/angebote',
    { schema: { querystring: SearchQuery }, attachValidation: true, preValidation: dropEmptyValues },
    async (request, reply) => {
      const network = await networkOf(request, reply);
      if (!network) return reply;
      return searchPage(request, reply, network);
    },
  );

  app.get(
    '/api/v1/offers',
    {
      schema: {
        summary: 'Search published offers of all networks',
        querystring: SearchQuery,
        response: { 200: SearchResponseSchema, 400: ProblemSchema },
      },
      preValidation: dropEmptyValues,
    },
    async (request, reply) => {
      const t = request.t;
      const { search, problems } = await resolveSearch(db, toSearchParams(request.query as SearchQuery));
      if (problems.length) {
        return sendProblem(reply, {
          status: 400,
          title: t('error.badRequest.title'),
          detail: problemMessages(t, problems).join(' '),
          errors: problems.map((p) => ({ field: p.field, message: t(p.code) })),
        });
      }
      const result = await runSearch(db, search, app.deps.clock(), { memory: app.deps.config.searchIndex === 'memory' });
      const names = await labelsFor(db, result.facets.kommune.map((f) => f.value));
      return toApiAnswer(result, (group, value) => valueLabel(t, request.locale, group, value, names), (field) => fieldLabel(request.locale, field), app.deps.config.publicUrl);
    },
  );

  app.post(
    '/angebote/suche-speichern',
    {
      schema: { body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 120 }), suche: Type.String({ maxLength: 2000 }) }) },
      attachValidation: true,
    },
    async (request, reply) => {
      if (!allow(request, reply, canSaveSearch(request.actor))) return reply;
      const t = request.t;
      const body = (request.body ?? {}) as { name?: unknown; suche?: unknown };
      const values = { name: typeof body.name === 'string' ? body.name : '', suche: typeof body.suche === 'string' ? body.suche.slice(0, 2000) : '' };
      const again = (errors: Record<string, string>) =>
        reply.page(t('search.save.heading'), <SaveSearchForm t={t} csrfToken={reply.generateCsrf()} values={values} errors={errors} />, { status: 422 });
      if (request.validationError) return again(fieldErrorsFromValidation(request.validationError.validation, t));
      const saved = await saveSearch(db, { userId: request.actor.userId!, name: values.name, queryString: values.suche, now: app.deps.clock() });
      if (!saved.ok) {
        return saved.code === 'search.too_many'
          ? again({ name: t('search.too_many', { max: MAX_SAVED_SEARCHES }) })
          : again({ suche: t('search.query_invalid') });
      }
      return reply.redirect('/konto/suchen?erledigt=gespeichert', 303);
    },
  );

  const NOTICES = { gespeichert: 'search.saved.done', geloescht: 'search.saved.deleted', geaendert: 'search.saved.updated' } as const;

  app.get(
    '/konto/suchen',
    { schema: { querystring: Type.Object({ erledigt: Type.Optional(Type.String({ maxLength: 20 })) }) }, attachValidation: true },
    async (request, reply) => {
      if (!allow(request, reply, canSaveSearch(request.actor))) return reply;
      const t = request.t;
      const done = (request.query as { erledigt?: string }).erledigt;
      const notice = done && done in NOTICES ? t(NOTICES[done as keyof typeof NOTICES]) : undefined;
      const searches = await listSavedSearches(db, request.actor.userId!);
      return reply.page(t('search.saved.title'), <SavedSearchesPage t={t} searches={searches} csrfToken={reply.generateCsrf()} notice={notice} />);
    },
  );

  const IdParams = Type.Object({ id: Type.String({ pattern: UUID }) });

  /** The saved search named in the path, if the person asking may manage it; otherwise the reply is sent. */
  async function ownSavedSearch(request: FastifyRequest, reply: FastifyReply) {
    if (request.validationError?.validationContext === 'params') {
      await sendError(request, reply, 404);
      return undefined;
    }
    if (!allow(request, reply, canSaveSearch(request.actor))) return undefined;
    const found = await findSavedSearch(db, (request.params as { id: string }).id);
    if (!found) {
      await sendError(request, reply, 404);
      return undefined;
    }
    if (!allow(request, reply, canManageSavedSearch(request.actor, found))) return undefined;
    return found;
  }

  app.post('/konto/suchen/:id/loeschen', { schema: { params: IdParams }, attachValidation: true }, async (request, reply) => {
    const found = await ownSavedSearch(request, reply);
    if (!found) return reply;
    await deleteSavedSearch(db, found.id);
    return reply.redirect('/konto/suchen?erledigt=geloescht', 303);
  });

  app.post(
    '/konto/suchen/:id/benachrichtigung',
    { schema: { params: IdParams, body: Type.Object({ alerts: Type.Union([Type.Literal('daily'), Type.Literal('none')]) }) }, attachValidation: true },
    async (request, reply) => {
      const found = await ownSavedSearch(request, reply);
      if (!found) return reply;
      if (request.validationError) return sendError(request, reply, 400);
      await setSavedSearchAlerts(db, found.id, (request.body as { alerts: 'daily' | 'none' }).alerts, app.deps.clock());
      return reply.redirect('/konto/suchen?erledigt=geaendert', 303);
    },
  );

  // Unsubscribing works from the mail without logging in: the link carries an HMAC of the search's id.
  const secret = app.deps.config.cookieSecret ?? '';
  async function byToken(id: string, token: unknown) {
    if (typeof token !== 'string' || !new RegExp(UUID).test(id) || !isUnsubscribeToken(secret, id, token)) return undefined;
    return findSavedSearch(db, id);
  }

  app.get(
    '/konto/suchen/:id/abbestellen',
    { schema: { querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 100 })) }) }, attachValidation: true },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const token = (request.query as { token?: string }).token ?? '';
      const found = await byToken(id, token);
      return reply.page(
        request.t('search.unsubscribe.title'),
        <UnsubscribePage t={request.t} search={found} token={token} csrfToken={reply.generateCsrf()} done={false} />,
        { status: found ? 200 : 404 },
      );
    },
  );

  app.post(
    '/konto/suchen/:id/abbestellen',
    { schema: { body: Type.Object({ token: Type.String({ maxLength: 100 }) }) }, attachValidation: true },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const found = await byToken(id, (request.body as { token?: unknown } | undefined)?.token);
      if (found) await setSavedSearchAlerts(db, found.id, 'none', app.deps.clock());
      return reply.page(
        request.t('search.unsubscribe.title'),
        <UnsubscribePage t={request.t} search={found} token="" csrfToken={reply.generateCsrf()} done={Boolean(found)} />,
        { status: found ? 200 : 404 },
      );
    },
  );

  // RFC 8058 one-click unsubscribe: mail programs POST to the List-Unsubscribe address without a form.
  app.post(
    '/api/v1/saved-searches/:id/unsubscribe',
    { schema: { querystring: Type.Object({ token: Type.String({ maxLength: 100 }) }) } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const found = await byToken(id, (request.query as { token: string }).token);
      if (!found) return sendError(request, reply, 404);
      await setSavedSearchAlerts(db, found.id, 'none', app.deps.clock());
      return { status: 'unsubscribed' };
    },
  );
};

function toApiAnswer(
  result: SearchResult,
  label: (group: FacetGroup, value: string) => string,
  fieldName: (field: string) => string,
  publicUrl: string,
) {
  const base = publicUrl.replace(/\/$/, '');
  return {
    total: result.total,
    totalExact: result.totalExact,
    page: result.page,
    perPage: result.perPage,
    items: result.items.map((hit) => ({
      id: hit.id,
      title: hit.title,
      url: `${base}/angebote/${hit.id}`,
      organisation: hit.organisation,
      network: hit.network,
      municipality: hit.municipality,
      place: hit.place,
      field: hit.field,
      fieldLabel: fieldName(hit.field),
      commitment: hit.commitment,
      remote: hit.remote,
      distanceKm: hit.distanceKm === null ? null : Math.round(hit.distanceKm * 10) / 10,
      partial: hit.partial,
      snippet: plainSnippet(hit.snippet),
      publishedAt: hit.publishedAt ? hit.publishedAt.toISOString() : null,
    })),
    facets: Object.fromEntries(
      FACET_GROUPS.map((group) => [group, result.facets[group].map((f) => ({ value: f.value, label: label(group, f.value), count: f.count }))]),
    ),
    facetsExact: result.facetsExact,
    mode: result.mode,
    suggestion: result.suggestion ?? null,
    place: result.position
      ? { label: result.position.label, lat: result.position.lat, lng: result.position.lng, radiusKm: result.radiusKm ?? null }
      : null,
  };
}
