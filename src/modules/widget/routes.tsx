import fs from 'node:fs';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { Type } from 'typebox';
import { FIELDS, type Field } from '../../platform/vocabulary.ts';
import { listNewOffers } from '../feeds/index.ts';
import { WidgetOffers, WidgetProblem, WidgetShell } from './views/offers.tsx';
import { WidgetEvents } from './views/events.tsx';
import { EVENT_KINDS, upcomingEvents, type EventKind } from '../events/index.ts';
import { projectPath } from '../../platform/paths.ts';
import { THEMES, widgetScope } from './scope.ts';

const SCRIPT = fs.readFileSync(projectPath('public', 'widget.js'), 'utf8');

const WidgetQuery = Type.Object({
  netzwerk: Type.String({ pattern: '^[a-z0-9-]{1,60}$' }),
  kommune: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  feld: Type.Optional(Type.Enum([...FIELDS])),
  anzahl: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  design: Type.Optional(Type.Enum(Object.keys(THEMES))),
});

const EventWidgetQuery = Type.Object({
  netzwerk: Type.String({ pattern: '^[a-z0-9-]{1,60}$' }),
  kommune: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  art: Type.Optional(Type.Enum([...EVENT_KINDS])),
  anzahl: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  design: Type.Optional(Type.Enum(Object.keys(THEMES))),
});

/**
 * The frame may sit in any page; everything else stays as strict as the rest of the site. No script at
 * all runs in it, so script-src is 'none'.
 */
const FRAME_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *";

const FRAME_CSS = `
html{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;line-height:1.5}
body{margin:0;padding:.75rem}
h1{font-size:1.2rem;margin:0 0 .5rem}
ul{list-style:none;margin:0;padding:0}
li{margin:0 0 .7rem}
.meta{display:block;font-size:.9rem}
a:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
.theme-light{background:#fff;color:#1c1c1c}
.theme-light a{color:#1d5c8c}
.theme-dark{background:#1c1c1c;color:#f4f4f4}
.theme-dark a{color:#9cd0ff}
`;

export const routes: FastifyPluginAsync = async (app) => {
  const { db, config } = app.deps;
  const base = config.publicUrl;

  app.get('/widget.js', async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      // Loaded by <script> from other origins: helmet's same-origin resource policy would block it there.
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('access-control-allow-origin', '*')
      .send(SCRIPT),
  );

  app.get('/widget/angebote.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').header('cross-origin-resource-policy', 'cross-origin').send(FRAME_CSS),
  );

  /** Renders without the site's layout, so no CSRF, session or language cookie is ever set here. */
  function sendFrame(request: FastifyRequest, reply: FastifyReply, status: number, title: string, theme: string, body: VNode) {
    const html = render(
      <WidgetShell locale={request.locale} title={title} theme={theme}>
        {body}
      </WidgetShell>,
    );
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('content-security-policy', FRAME_POLICY)
      .removeHeader('x-frame-options')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', status === 200 ? 'public, max-age=300' : 'no-store')
      .header('vary', 'Accept-Language')
      .send(`<!doctype html>${html}`);
  }

  function problem(request: FastifyRequest, reply: FastifyReply, theme: string, text: string, title = request.t('widget.problemTitle')) {
    return sendFrame(request, reply, 400, title, theme, <WidgetProblem title={title} text={text} />);
  }

  app.get('/widget/angebote', { schema: { querystring: WidgetQuery }, attachValidation: true }, async (request, reply) => {
    const t = request.t;
    const scope = await widgetScope(request, { filter: 'feld', parametersError: 'widget.error.parameters' });
    if ('refused' in scope) return problem(request, reply, scope.refused.theme, scope.refused.text);
    const { network, municipality, theme } = scope;
    const field = (request.query as { feld?: Field }).feld;
    const offers = await listNewOffers(db, { networkId: network.id, municipalityId: municipality?.id, field, limit: scope.limit });
    const heading = municipality ? t('widget.titleIn', { municipality: municipality.name }) : t('widget.title', { network: network.name });
    return sendFrame(
      request,
      reply,
      200,
      heading,
      theme,
      <WidgetOffers
        t={t}
        heading={heading}
        offers={offers}
        base={base}
        allLink={`${base}/netzwerk/${network.slug}/angebote${scope.allQuery}`}
        networkName={network.name}
      />,
    );
  });

  /** Upcoming events of a network (or one municipality, one kind): the same frame, no personal data, no online link. */
  app.get('/widget/veranstaltungen', { schema: { querystring: EventWidgetQuery }, attachValidation: true }, async (request, reply) => {
    const t = request.t;
    const scope = await widgetScope(request, { filter: 'art', parametersError: 'widget.error.eventParameters' });
    if ('refused' in scope) return problem(request, reply, scope.refused.theme, scope.refused.text, t('widget.events.problemTitle'));
    const { network, municipality, theme } = scope;
    const kind = (request.query as { art?: EventKind }).art;
    const events = await upcomingEvents(db, { networkId: network.id, municipalityId: municipality?.id, kind }, app.deps.clock(), scope.limit);
    const heading = municipality ? t('widget.events.titleIn', { municipality: municipality.name }) : t('widget.events.title', { network: network.name });
    return sendFrame(
      request,
      reply,
      200,
      heading,
      theme,
      <WidgetEvents
        t={t}
        locale={request.locale}
        heading={heading}
        events={events}
        base={base}
        allLink={`${base}/netzwerk/${network.slug}/veranstaltungen${scope.allQuery}`}
        networkName={network.name}
      />,
    );
  });
};
