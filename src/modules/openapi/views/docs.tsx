import type { T } from '../../../platform/i18n/index.ts';
import { DataTable } from '../../../platform/ui/table.tsx';

/** The parts of an OpenAPI 3.1 document this page reads. */
interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  examples?: unknown[];
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string }>;
  security?: Array<Record<string, string[]>>;
}

export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, Operation>>;
}

const METHODS = ['get', 'post', 'put', 'delete'] as const;

/** A schema in a few words: "string (uuid)", "one of: a, b", "array of integer". */
export function describeType(schema: JsonSchema | undefined): string {
  if (!schema) return '';
  if (schema.enum) return `${schema.enum.map(String).join(' | ')}`;
  if (schema.const !== undefined) return String(schema.const);
  if (schema.anyOf) return schema.anyOf.map(describeType).join(schema.anyOf.every((s) => s.const !== undefined) ? ' | ' : ' or ');
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? 'any');
  if (type === 'array') return `array of ${describeType(schema.items)}`;
  return schema.format ? `${type} (${schema.format})` : type;
}

/** A shell example for an operation; path parameters stay as placeholders. */
function example(base: string, method: string, path: string): string {
  const url = `${base}${path}`;
  if (method === 'get') return `curl -H 'Accept: application/json' '${url}'`;
  const lines = [`curl -X ${method.toUpperCase()} '${url}'`, `  -H 'Authorization: Bearer mmn_…'`];
  if (method !== 'delete') {
    lines.push(`  -H 'Content-Type: application/json'`);
    lines.push(`  -d '{"title": "Lesepatin oder Lesepate", "field": "schule", "commitment": "regular", "municipalityId": "…"}'`);
  }
  return lines.join(' \\\n');
}

function slug(method: string, path: string): string {
  return `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-').replace(/-+$/, '').toLowerCase();
}

type ParameterRow = { name: string; where: string; required: boolean; type: string; description: string };

/** Three columns, stacked on a phone. */
function ParameterTable({ t, id, caption, rows }: { t: T; id: string; caption: string; rows: ParameterRow[] }) {
  return (
    <DataTable
      id={id}
      caption={caption}
      class="api-params"
      rows={rows}
      rowKey={(row) => `${row.where}-${row.name}`}
      columns={[
        {
          label: t('openapi.docs.name'),
          rowHeader: true,
          cell: (row) => (
            <>
              <code>{row.name}</code>
              <br />
              <span class="meta">
                {row.where}, {row.required ? t('openapi.docs.required') : t('openapi.docs.optional')}
              </span>
            </>
          ),
        },
        { label: t('openapi.docs.type'), cell: (row) => row.type },
        { label: t('openapi.docs.description'), cell: (row) => row.description },
      ]}
    />
  );
}

function OperationSection({ t, base, method, path, operation }: { t: T; base: string; method: string; path: string; operation: Operation }) {
  const id = slug(method, path);
  const parameters = (operation.parameters ?? []).map((p) => ({
    name: p.name,
    where: p.in,
    required: Boolean(p.required),
    type: describeType(p.schema),
    description: p.description ?? p.schema?.description ?? '',
  }));
  const body = operation.requestBody?.content?.['application/json']?.schema;
  const fields = Object.entries(body?.properties ?? {}).map(([name, schema]) => ({
    name,
    where: 'body',
    required: Boolean(body?.required?.includes(name)),
    type: describeType(schema),
    description: schema.description ?? '',
  }));
  return (
    <section aria-labelledby={id} class="api-operation">
      <h3 id={id}>
        <code>
          {method.toUpperCase()} {path}
        </code>
      </h3>
      {operation.summary && <p>{operation.summary}</p>}
      {operation.description && <p>{operation.description}</p>}
      {operation.security?.length ? <p>{t('openapi.docs.needsToken')}</p> : null}
      {parameters.length > 0 && <ParameterTable t={t} id={`${id}-parameter`} caption={t('openapi.docs.parameters', { operation: `${method.toUpperCase()} ${path}` })} rows={parameters} />}
      {fields.length > 0 && <ParameterTable t={t} id={`${id}-felder`} caption={t('openapi.docs.body', { operation: `${method.toUpperCase()} ${path}` })} rows={fields} />}
      <p>
        {t('openapi.docs.responses')}{' '}
        {Object.entries(operation.responses ?? {})
          .map(([code, response]) => `${code}${response.description ? ` ${response.description}` : ''}`)
          .join(' · ')}
      </p>
      <p>{t('openapi.docs.example')}</p>
      <pre>
        <code>{example(base, method, path)}</code>
      </pre>
    </section>
  );
}

interface Props {
  t: T;
  document: OpenApiDocument;
  base: string;
  limits: { anonymous: number; token: number };
}

/** The API's reference, read from the same OpenAPI document machines get, so the two never differ. */
export function ApiDocsPage({ t, document, base, limits }: Props) {
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, operation: item[method] as Operation })),
  );
  return (
    <>
      <h1>{t('openapi.docs.title')}</h1>
      <p class="lead">{t('openapi.docs.intro')}</p>
      <ul>
        <li>
          {t('openapi.docs.document')} <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1)
        </li>
        <li>{t('openapi.docs.reading', { limit: limits.anonymous })}</li>
        <li>{t('openapi.docs.writing', { limit: limits.token })}</li>
        <li>{t('openapi.docs.caching')}</li>
        <li>{t('openapi.docs.errors')}</li>
      </ul>
      <h2 id="inhalt-api">{t('openapi.docs.contents')}</h2>
      <ul>
        {(document.tags ?? []).map((tag) => (
          <li key={tag.name}>
            <a href={`#tag-${tag.name}`}>{tag.name}</a>
            {tag.description && ` – ${tag.description}`}
          </li>
        ))}
        <li>
          <a href="#feeds">{t('openapi.docs.feeds')}</a>
        </li>
        <li>
          <a href="#widget">{t('openapi.docs.widget')}</a>
        </li>
      </ul>
      {(document.tags ?? []).map((tag) => (
        <section key={tag.name} aria-labelledby={`tag-${tag.name}`}>
          <h2 id={`tag-${tag.name}`}>{tag.name}</h2>
          {operations
            .filter((o) => o.operation.tags?.includes(tag.name))
            .map((o) => (
              <OperationSection key={`${o.method} ${o.path}`} t={t} base={base} method={o.method} path={o.path} operation={o.operation} />
            ))}
        </section>
      ))}
      <section aria-labelledby="feeds">
        <h2 id="feeds">{t('openapi.docs.feeds')}</h2>
        <p>{t('openapi.docs.feedsText')}</p>
        <pre>
          <code>{`${base}/netzwerk/gems/angebote.rss\n${base}/netzwerk/gems/angebote.atom?kommune=Krostitz&feld=schule\n${base}/sitemap.xml`}</code>
        </pre>
      </section>
      <section aria-labelledby="widget">
        <h2 id="widget">{t('openapi.docs.widget')}</h2>
        <p>{t('openapi.docs.widgetText')}</p>
        <pre>
          <code>{`<script src="${base}/widget.js" data-network="gems" data-municipality="Krostitz" data-field="schule" data-limit="5"></script>`}</code>
        </pre>
        <p>{t('openapi.docs.iframeText')}</p>
        <pre>
          <code>{`<iframe src="${base}/widget/angebote?netzwerk=gems&kommune=Krostitz&feld=schule" title="Engagement-Angebote" width="100%" height="400"></iframe>`}</code>
        </pre>
        <p>{t('openapi.docs.widgetEvents')}</p>
        <pre>
          <code>{`<script src="${base}/widget.js" data-kind="events" data-network="gems" data-municipality="Krostitz" data-limit="5"></script>\n<iframe src="${base}/widget/veranstaltungen?netzwerk=gems&kommune=Krostitz" title="Veranstaltungen" width="100%" height="400"></iframe>`}</code>
        </pre>
      </section>
    </>
  );
}
