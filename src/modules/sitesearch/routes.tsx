import type { FastifyPluginAsync } from 'fastify';
import { formatNumber, type Locale, type T } from '../../platform/i18n/index.ts';
import type { SiteSearchHit } from '../../platform/module.ts';
import { registeredModules } from '../../platform/registry.ts';
import { listNetworks } from '../../platform/networks/queries.ts';

const LIMIT = 5;

interface Group {
  key: string;
  label: string;
  total: number;
  hits: SiteSearchHit[];
  failed: boolean;
}

function SiteSearchPage(props: { t: T; locale: Locale; q: string; network: string; networks: Array<{ slug: string; name: string }>; groups: Group[] }) {
  const { t, locale, q } = props;
  const nothing = q && props.groups.every((g) => g.total === 0 && !g.failed);
  return (
    <>
      <h1>{q ? t('sitesearch.titleFor', { q }) : t('sitesearch.title')}</h1>
      <p>{t('sitesearch.intro')}</p>
      <form method="get" action="/suche" role="search" aria-label={t('sitesearch.label')} class="filters">
        <div class="field">
          <label for="f-q">{t('sitesearch.words')}</label>
          <input id="f-q" type="search" name="q" value={q} maxLength={200} />
        </div>
        <div class="field">
          <label for="f-netzwerk">{t('sitesearch.network')}</label>
          <select id="f-netzwerk" name="netzwerk">
            <option value="">{t('sitesearch.allNetworks')}</option>
            {props.networks.map((n) => (
              <option key={n.slug} value={n.slug} selected={n.slug === props.network}>
                {n.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('sitesearch.submit')}</button>
      </form>
      {nothing && <p role="status">{t('sitesearch.nothingAtAll', { q })}</p>}
      {q &&
        !nothing &&
        props.groups.map((group) => (
          <section key={group.key} aria-labelledby={`gruppe-${group.key}`}>
            <h2 id={`gruppe-${group.key}`}>
              {group.label} <span class="meta">({t('sitesearch.count', { count: formatNumber(locale, group.total) })})</span>
            </h2>
            {group.failed ? (
              <p>{t('sitesearch.failed')}</p>
            ) : group.hits.length === 0 ? (
              <p>{t('sitesearch.none')}</p>
            ) : (
              <ul class="cards">
                {group.hits.map((hit) => (
                  <li class="card" key={hit.href}>
                    <h3>
                      <a href={hit.href}>{hit.title}</a>
                    </h3>
                    {hit.detail && <p class="meta">{hit.detail}</p>}
                    {hit.snippet && <p>{hit.snippet.slice(0, 240)}</p>}
                  </li>
                ))}
              </ul>
            )}
            {group.key === 'search' && group.total > group.hits.length && (
              <p>
                <a href={`/angebote?${new URLSearchParams({ q, ...(props.network ? { netzwerk: props.network } : {}) }).toString()}`}>{t('sitesearch.more', { q })}</a>
              </p>
            )}
          </section>
        ))}
    </>
  );
}

/** The one search box: every registered module's site-search source, each as its own group. */
export const routes: FastifyPluginAsync = async (app) => {
  app.get('/suche', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const raw = Array.isArray(query.q) ? query.q[0] : query.q;
    const q = typeof raw === 'string' ? raw.replace(/[\u0000-\u001F\u007F]/g, ' ').trim().slice(0, 200) : '';
    const slug = typeof query.netzwerk === 'string' ? query.netzwerk : '';
    const networks = await listNetworks(app.deps.db);
    const network = networks.find((n) => n.slug === slug);
    const sources = registeredModules()
      .filter((m) => m.siteSearch)
      .map((m) => ({ key: m.name, source: m.siteSearch! }))
      .sort((a, b) => a.source.order - b.source.order);
    const groups: Group[] = q
      ? await Promise.all(
          sources.map(async ({ key, source }) => {
            try {
              const found = await source.find(app.deps, { words: q, networkId: network?.id, userId: request.actor.userId, limit: LIMIT });
              return { key, label: request.t(source.label), total: found.total, hits: found.hits, failed: false };
            } catch (error) {
              request.log.warn({ err: error, source: key }, 'site search source failed');
              return { key, label: request.t(source.label), total: 0, hits: [], failed: true };
            }
          }),
        )
      : [];
    return reply.page(
      q ? request.t('sitesearch.titleFor', { q }) : request.t('sitesearch.title'),
      <SiteSearchPage t={request.t} locale={request.locale} q={q} network={network?.slug ?? ''} networks={networks} groups={groups} />,
    );
  });
};
