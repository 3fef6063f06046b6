import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { Type } from 'typebox';
import { allow, sendError } from '../../platform/http/errors.tsx';
import { projectPath } from '../../platform/paths.ts';
import type { T } from '../../platform/i18n/index.ts';
import { networkOf } from '../../platform/networks/context.ts';
import { listNetworks } from '../../platform/networks/queries.ts';
import type { Network } from '../../platform/networks/schema.ts';
import { cachedOfferPoints, cachedOverviewFigures } from './cache.ts';
import { attachment, csvStream, CSV_TYPE, xlsxStream, XLSX_TYPE, type ExportSheet } from '../../platform/http/export.ts';
import { sheetOfTable } from './export.ts';
import { OverviewQuery, resolvePeriod, withoutEmptyValues, type ParamProblem, type Period } from './params.ts';
import { canExportInternalTables, contactMunicipalities, overviewView, type OverviewView } from './policy.ts';
import { SHADES, shadeBreaks, shadeOf } from './charts.ts';
import { fieldName, INTERNAL_TABLES, overviewTables, TABLE_NAMES, type TableName, type Tables } from './present.ts';
import {
  municipalityChoices,
  offerRowsForExport,
  placementRowsForExport,
  type MunicipalityChoice,
  type OverviewFigures,
  type OverviewScope,
} from './queries.ts';
import { reportPdf } from './report.ts';
import { LEAFLET_PREFIX, OverviewPage } from './views/overview.tsx';

const LISTS = ['angebote', 'anfragen'] as const;
type ListName = (typeof LISTS)[number];
const FILE_PATTERN = `^(${[...TABLE_NAMES, ...LISTS].join('|')})\\.(csv|xlsx)$`;

const ExportParams = Type.Object({ file: Type.String({ pattern: FILE_PATTERN }) });
const NetworkExportParams = Type.Object({ slug: Type.String({ maxLength: 60 }), file: Type.String({ pattern: FILE_PATTERN }) });

/** An empty form field means "no filter"; a repeated parameter counts once (the first). */
async function normaliseQuery(request: FastifyRequest): Promise<void> {
  const cleaned = withoutEmptyValues(request.query);
  for (const [key, value] of Object.entries(cleaned)) if (Array.isArray(value)) cleaned[key] = value[0];
  request.query = cleaned;
}

interface Resolved {
  scope: OverviewScope;
  view: OverviewView;
  municipality: MunicipalityChoice | null;
  choices: MunicipalityChoice[];
  values: { von: string; bis: string; kommune: string };
  queryString: string;
}

type Resolution = { ok: true; value: Resolved } | { ok: false; errors: Record<string, string>; values: Resolved['values']; choices: MunicipalityChoice[]; period: Period };

function problemOf(error: FastifySchemaValidationError): ParamProblem | null {
  const params = error.params as { missingProperty?: string };
  const field = error.instancePath.replace(/^\//, '').split('/')[0] || params.missingProperty || '';
  if (field === 'von' || field === 'bis') return { field, code: 'overview.invalid.month' };
  if (field === 'kommune') return { field, code: 'overview.invalid.municipality' };
  return null;
}

export const routes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;

  // Leaflet for the optional interactive map, from the installed package: no CDN, same origin for the
  // CSP. The page never links it; overview-map.js loads it when someone asks for the map.
  await app.register(fastifyStatic, {
    root: projectPath('node_modules', 'leaflet', 'dist'),
    prefix: LEAFLET_PREFIX,
    decorateReply: false,
    maxAge: '7d',
    allowedPath: (pathName) => /^\/(leaflet\.(js|css)|images\/[a-z-]+\.png)$/.test(pathName),
  });

  /**
   * The interactive map's data: municipality outlines shaded like the SVG map, and published offers
   * counted per cell of about a kilometre (public facts only, no tile server needed).
   */
  app.get('/netzwerk/:slug/ueberblick/karte.json', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    const period = resolvePeriod({}, app.deps.clock()).period;
    const [figures, points] = await Promise.all([
      cachedOverviewFigures(db, { networkIds: [network.id], municipalityId: null, period }),
      cachedOfferPoints(db, network.id),
    ]);
    const breaks = shadeBreaks(figures.municipalities.map((m) => m.offersPer1000 ?? 0));
    return reply.header('cache-control', 'public, max-age=60').send({
      type: 'FeatureCollection',
      features: figures.municipalities
        .filter((m) => m.outline)
        .map((m) => ({
          type: 'Feature',
          geometry: m.outline,
          properties: {
            name: m.name,
            offersPer1000: m.offersPer1000,
            color: SHADES[shadeOf(m.offersPer1000, breaks)] ?? '#ffffff',
          },
        })),
      offers: points.map((p) => ({ ...p, url: p.id ? `/angebote/${p.id}` : null })),
    });
  });

  /** The filters checked against the database: a known municipality of this network, a sensible period. */
  async function resolve(request: FastifyRequest, network: Network | null): Promise<Resolution> {
    const t = request.t;
    const raw = (request.query ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : '');
    const values = { von: text('von'), bis: text('bis'), kommune: text('kommune').toLowerCase() };
    const problems: ParamProblem[] = [];
    for (const error of (request.validationError?.validation as FastifySchemaValidationError[] | undefined) ?? []) {
      const problem = problemOf(error);
      if (problem && !problems.some((p) => p.field === problem.field)) problems.push(problem);
    }
    const valid = (field: ParamProblem['field']) => !problems.some((p) => p.field === field);
    const query: OverviewQuery = {
      ...(values.von && valid('von') ? { von: values.von } : {}),
      ...(values.bis && valid('bis') ? { bis: values.bis } : {}),
    };
    const { period, problems: periodProblems } = resolvePeriod(query, app.deps.clock());
    if (valid('von') && valid('bis')) problems.push(...periodProblems);
    const choices = await municipalityChoices(db, network?.id ?? null);
    let municipality: MunicipalityChoice | null = null;
    if (values.kommune && valid('kommune')) {
      municipality = choices.find((c) => c.id === values.kommune) ?? null;
      if (!municipality) problems.push({ field: 'kommune', code: 'overview.invalid.municipality' });
    }
    if (problems.length) {
      const errors: Record<string, string> = {};
      for (const p of problems) errors[p.field] ??= t(p.code);
      return { ok: false, errors, values, choices, period };
    }
    const networkId = network?.id ?? municipality?.networkId ?? null;
    const scope: OverviewScope = { networkIds: networkId ? [networkId] : null, municipalityId: municipality?.id ?? null, period };
    const view = overviewView(request.actor, { networkId, municipalityId: scope.municipalityId });
    const search = new URLSearchParams({ von: period.from, bis: period.to, ...(municipality ? { kommune: municipality.id } : {}) });
    return {
      ok: true,
      value: { scope, view, municipality, choices, values: { ...values, von: period.from, bis: period.to }, queryString: search.toString() },
    };
  }

  function tablesFor(request: FastifyRequest, figures: OverviewFigures, resolved: Resolved, network: Network | null): Tables {
    return overviewTables(figures, resolved.view, request.t, request.locale, { showNetwork: !network && !resolved.municipality });
  }

  async function page(request: FastifyRequest, reply: FastifyReply, network: Network | null) {
    const t = request.t;
    const action = network ? `/netzwerk/${network.slug}/ueberblick` : '/ueberblick';
    const title = network ? t('overview.titleNetwork', { network: network.name }) : t('overview.titleAll');
    const resolution = await resolve(request, network);
    const networks = network ? [] : (await listNetworks(db)).map((n) => ({ slug: n.slug, name: n.name }));
    const common = { t, locale: request.locale, title, action, network: network ? { slug: network.slug, name: network.name } : null, networks };
    if (!resolution.ok) {
      return reply.page(
        title,
        <OverviewPage
          {...common}
          view="public"
          values={resolution.values}
          period={resolution.period}
          municipalityName={null}
          choices={resolution.choices}
          tables={null}
          municipalities={[]}
          selectedMunicipalityId={null}
          queryString=""
          errors={resolution.errors}
          contactChoices={[]}
        />,
        { status: 400 },
      );
    }
    const resolved = resolution.value;
    const figures = await cachedOverviewFigures(db, resolved.scope);
    const contactIds = network && resolved.view === 'public' ? contactMunicipalities(request.actor, network.id) : [];
    return reply.page(
      title,
      <OverviewPage
        {...common}
        view={resolved.view}
        values={resolved.values}
        period={resolved.scope.period}
        municipalityName={resolved.municipality?.name ?? null}
        choices={resolved.choices}
        tables={tablesFor(request, figures, resolved, network)}
        municipalities={figures.municipalities}
        selectedMunicipalityId={resolved.scope.municipalityId}
        queryString={resolved.queryString}
        errors={{}}
        contactChoices={resolved.choices.filter((c) => contactIds.includes(c.id))}
      />,
      { description: t('overview.intro') },
    );
  }

  /** Bad filters on a download: the same messages as on the page, as a 400 page or problem+json. */
  function badFilters(request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>) {
    const t = request.t;
    const messages = Object.values(errors);
    if ((request.headers.accept ?? '').includes('json')) {
      return reply
        .code(400)
        .type('application/problem+json; charset=utf-8')
        .send({ type: 'about:blank', title: t('error.badRequest.title'), status: 400, detail: messages.join(' '), errors: Object.entries(errors).map(([field, message]) => ({ field, message })) });
    }
    return reply.page(
      t('overview.invalid.heading'),
      <div class="error-page">
        <h1>{t('overview.invalid.heading')}</h1>
        <ul>
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </div>,
      { status: 400 },
    );
  }

  function fileBase(network: Network | null, resolved: Resolved, name: string): string {
    const place = resolved.municipality?.name ?? network?.slug ?? 'alle';
    return `ueberblick-${place}-${name}-${resolved.scope.period.from}-${resolved.scope.period.to}`;
  }

  async function exportFile(request: FastifyRequest, reply: FastifyReply, network: Network | null) {
    const t = request.t;
    const file = (request.params as { file: string }).file;
    const [name = '', format = 'csv'] = file.split('.');
    const resolution = await resolve(request, network);
    if (!resolution.ok) return badFilters(request, reply, resolution.errors);
    const resolved = resolution.value;
    const target = { networkId: resolved.scope.networkIds?.[0] ?? null, municipalityId: resolved.scope.municipalityId };
    const internalOnly = (INTERNAL_TABLES as readonly string[]).includes(name) || name === 'anfragen';
    if (internalOnly && !allow(request, reply, canExportInternalTables(request.actor, target))) return reply;

    let sheet: ExportSheet;
    if ((LISTS as readonly string[]).includes(name)) {
      sheet = listSheet(t, request.locale, name as ListName, resolved);
    } else {
      const figures = await cachedOverviewFigures(db, resolved.scope);
      const table = tablesFor(request, figures, resolved, network)[name as TableName];
      if (!table) return sendError(request, reply, 404);
      sheet = sheetOfTable(table, t('overview.masked'));
    }
    const filename = `${fileBase(network, resolved, name)}.${format}`;
    reply.header('content-disposition', attachment(filename)).header('cache-control', 'no-store');
    if (format === 'xlsx') return reply.type(XLSX_TYPE).send(xlsxStream(sheet));
    return reply.type(CSV_TYPE).send(csvStream(sheet, request.locale));
  }

  function listSheet(t: T, locale: 'de' | 'en', name: ListName, resolved: Resolved): ExportSheet {
    if (name === 'angebote') {
      const publishedOnly = resolved.view === 'public';
      return {
        title: t('overview.downloads.offers'),
        columns: [
          { label: 'ID' },
          { label: t('overview.export.offers.title') },
          { label: t('overview.export.offers.organisation') },
          { label: t('overview.municipality') },
          { label: t('overview.network') },
          { label: t('overview.export.offers.field') },
          { label: t('overview.export.offers.commitment') },
          { label: t('overview.export.offers.status') },
          { label: t('overview.export.offers.publishedAt') },
        ],
        batches: (async function* () {
          for await (const batch of offerRowsForExport(db, resolved.scope, { publishedOnly })) {
            yield batch.map((o) => [
              o.id,
              o.title,
              o.organisation,
              o.municipality,
              o.network,
              fieldName(locale, o.field),
              t(`offers.commitment.${o.commitment}` as Parameters<T>[0]),
              t(`offers.status.${o.status}` as Parameters<T>[0]),
              o.publishedAt ? new Date(o.publishedAt) : null,
            ]);
          }
        })(),
      };
    }
    return {
      title: t('overview.downloads.placements'),
      columns: [
        { label: 'ID' },
        { label: t('overview.export.placements.createdAt') },
        { label: t('overview.placements.status') },
        { label: t('overview.export.placements.responseHours'), numeric: true, decimals: 1 },
        { label: t('overview.municipality') },
        { label: t('overview.export.offers.field') },
        { label: t('overview.network') },
      ],
      batches: (async function* () {
        for await (const batch of placementRowsForExport(db, resolved.scope)) {
          yield batch.map((p) => [
            p.id,
            new Date(p.createdAt),
            t(`placements.status.${p.status}`),
            p.responseHours === null ? null : Math.round(Number(p.responseHours) * 10) / 10,
            p.municipality,
            p.field ? fieldName(locale, p.field) : '',
            p.network,
          ]);
        }
      })(),
    };
  }

  async function report(request: FastifyRequest, reply: FastifyReply, network: Network | null) {
    const t = request.t;
    const resolution = await resolve(request, network);
    if (!resolution.ok) return badFilters(request, reply, resolution.errors);
    const resolved = resolution.value;
    const figures = await cachedOverviewFigures(db, resolved.scope);
    const tables = tablesFor(request, figures, resolved, network);
    const scopeName = resolved.municipality?.name ?? network?.name ?? t('overview.titleAll');
    const pdf = reportPdf({
      t,
      locale: request.locale,
      scopeName,
      networkName: network?.name ?? resolved.municipality?.networkName ?? null,
      period: resolved.scope.period,
      view: resolved.view,
      tables,
      municipalities: network || resolved.municipality ? figures.municipalities : [],
      selectedMunicipalityId: resolved.scope.municipalityId,
      now: app.deps.clock(),
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', attachment(`${fileBase(network, resolved, 'engagementbericht')}.pdf`).replace('attachment', 'inline'))
      .header('cache-control', 'no-store')
      .send(pdf);
  }

  const querySchema = { querystring: OverviewQuery };

  app.get('/ueberblick', { schema: querySchema, attachValidation: true, preValidation: normaliseQuery }, (request, reply) => page(request, reply, null));
  app.get('/ueberblick/bericht.pdf', { schema: querySchema, attachValidation: true, preValidation: normaliseQuery }, (request, reply) =>
    report(request, reply, null),
  );
  app.get('/ueberblick/export/:file', { schema: { ...querySchema, params: ExportParams }, attachValidation: true, preValidation: normaliseQuery }, (request, reply) => {
    if (!fileIsValid(request)) return sendError(request, reply, 404);
    return exportFile(request, reply, null);
  });

  app.get('/netzwerk/:slug/ueberblick', { schema: querySchema, attachValidation: true, preValidation: normaliseQuery }, async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    return page(request, reply, network);
  });
  app.get('/netzwerk/:slug/ueberblick/bericht.pdf', { schema: querySchema, attachValidation: true, preValidation: normaliseQuery }, async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    return report(request, reply, network);
  });
  app.get(
    '/netzwerk/:slug/ueberblick/export/:file',
    { schema: { ...querySchema, params: NetworkExportParams }, attachValidation: true, preValidation: normaliseQuery },
    async (request, reply) => {
      if (!fileIsValid(request)) return sendError(request, reply, 404);
      const network = await networkOf(request, reply);
      if (!network) return reply;
      return exportFile(request, reply, network);
    },
  );
};

/** An unknown table is a missing page, not a bad filter: the params' validation errors decide. */
function fileIsValid(request: FastifyRequest): boolean {
  const errors = (request.validationError?.validation as FastifySchemaValidationError[] | undefined) ?? [];
  if (errors.some((e) => e.instancePath.startsWith('/file') || e.instancePath.startsWith('/slug'))) return false;
  return new RegExp(FILE_PATTERN).test((request.params as { file?: string }).file ?? '');
}
