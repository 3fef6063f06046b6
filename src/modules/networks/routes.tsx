import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { sql } from 'drizzle-orm';
import { LOCALES, type MessageKey } from '../../platform/i18n/index.ts';
import { LOCALE_COOKIE } from '../../platform/http/context.tsx';
import { safeReturnPath } from '../../platform/http/redirect.ts';
import { networkOf } from '../../platform/networks/context.ts';
import { listMunicipalities, listNetworks } from '../../platform/networks/queries.ts';
import { listRecentOffers } from './queries.ts';
import { municipalities } from './schema.ts';
import { PlatformHome } from './views/home.tsx';
import { LegalText, NetworkHome } from './views/network.tsx';
import { listEvents, UpcomingEvents } from '../events/index.ts';

const LEGAL_PAGES = {
  impressum: { field: 'imprint', title: 'networks.legal.imprint' },
  datenschutz: { field: 'privacyStatement', title: 'networks.legal.privacy' },
  barrierefreiheit: { field: 'accessibilityStatement', title: 'networks.legal.accessibility' },
} as const satisfies Record<string, { field: string; title: MessageKey }>;

export const routes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;

  app.get('/', async (request, reply) => {
    const all = await listNetworks(db);
    const counts = await db
      .select({ networkId: municipalities.networkId, count: sql<number>`count(*)::int` })
      .from(municipalities)
      .groupBy(municipalities.networkId);
    const byNetwork = new Map(counts.map((c) => [c.networkId, c.count]));
    const withCounts = all.map((n) => ({ ...n, municipalityCount: byNetwork.get(n.id) ?? 0 }));
    return reply.page(request.t('networks.home.title'), <PlatformHome t={request.t} networks={withCounts} />, {
      description: request.t('site.tagline'),
    });
  });

  app.get('/sprache/:locale', {
    schema: {
      params: Type.Object({ locale: Type.Union(LOCALES.map((l) => Type.Literal(l))) }),
      querystring: Type.Object({ weiter: Type.Optional(Type.String({ maxLength: 2000 })) }),
    },
    handler: async (request, reply) => {
      const { locale } = request.params as { locale: string };
      reply.setCookie(LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 86_400, sameSite: 'lax', httpOnly: true });
      return reply.redirect(safeReturnPath((request.query as { weiter?: string }).weiter), 303);
    },
  });

  app.get('/netzwerk/:slug', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    const [list, recentOffers, upcoming] = await Promise.all([
      listMunicipalities(db, network.id),
      listRecentOffers(db, network.id),
      listEvents(db, { networkId: network.id, from: app.deps.clock() }, { limit: 3, offset: 0 }),
    ]);
    return reply.page(
      network.name,
      <NetworkHome
        t={request.t}
        locale={request.locale}
        network={network}
        municipalities={list}
        recentOffers={recentOffers}
        upcomingEvents={<UpcomingEvents t={request.t} locale={request.locale} items={upcoming.items} href={`/netzwerk/${network.slug}/veranstaltungen`} />}
      />,
      { description: network.description.slice(0, 160) },
    );
  });

  // Network colours as a tiny stylesheet: keeps the Content-Security-Policy free of inline styles.
  app.get('/netzwerk/:slug/theme.css', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    return reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(`:root{--primary:${network.primaryColor};--accent:${network.accentColor}}`);
  });

  for (const [segment, page] of Object.entries(LEGAL_PAGES)) {
    app.get(`/netzwerk/:slug/${segment}`, async (request, reply) => {
      const network = await networkOf(request, reply);
      if (!network) return reply;
      const t = request.t;
      return reply.page(
        t(page.title),
        <LegalText title={t(page.title)} text={network[page.field]} emptyText={t('networks.legal.empty')} />,
      );
    });

    app.get(`/${segment}`, async (request, reply) => {
      const t = request.t;
      const all = await listNetworks(db);
      return reply.page(
        t(page.title),
        <>
          <h1>{t(page.title)}</h1>
          <p>{t('networks.legal.platform')}</p>
          <ul>
            {all.map((n) => (
              <li key={n.id}>
                <a href={`/netzwerk/${n.slug}/${segment}`}>{n.name}</a>
              </li>
            ))}
          </ul>
        </>,
      );
    });
  }
};
