import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { sendError } from '../../platform/http/errors.tsx';
import { FIELD_LABELS_DE, FIELD_LABELS_EN, FIELDS, type Field } from '../../platform/vocabulary.ts';
import { descriptionPlainText } from '../offers/index.ts';
import { networkOf } from '../../platform/networks/context.ts';
import { countSitemapRecords, findMunicipalityByName, listNewOffers, listSitemapNetworks, listSitemapRecords } from './queries.ts';
import { atom, rss, sitemap, sitemapIndex, type Feed } from './xml.ts';

/** The sitemap protocol's limit of addresses per file. */
export const SITEMAP_LIMIT = 50_000;
const SUMMARY_LENGTH = 300;
const LEGAL_PAGES = ['impressum', 'datenschutz', 'barrierefreiheit'];

const FeedQuery = Type.Object({
  kommune: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  feld: Type.Optional(Type.Enum([...FIELDS])),
});

function shorten(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), length - 20)).trimEnd()} …`;
}

export const routes: FastifyPluginAsync = async (app) => {
  const { db, config } = app.deps;
  const base = config.publicUrl;

  /** A wrong filter is named, politely: a feed reader shows the page to the person who typed the address. */
  function badFilter(request: FastifyRequest, reply: FastifyReply, text: string) {
    const t = request.t;
    return reply.page(
      t('error.badRequest.title'),
      <div class="error-page">
        <h1>{t('error.badRequest.title')}</h1>
        <p>{text}</p>
        <p>
          <a href="/api#feeds">{t('feeds.help')}</a>
        </p>
      </div>,
      { status: 400 },
    );
  }

  async function feed(request: FastifyRequest, reply: FastifyReply, format: 'rss' | 'atom') {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    const t = request.t;
    if (request.validationError) return badFilter(request, reply, t('feeds.error.field'));
    const query = request.query as { kommune?: string; feld?: Field };
    let municipality: { id: string; name: string } | undefined;
    if (query.kommune) {
      municipality = await findMunicipalityByName(db, network.id, query.kommune);
      if (!municipality) return badFilter(request, reply, t('feeds.error.municipality', { name: query.kommune, network: network.name }));
    }
    const labels = request.locale === 'de' ? FIELD_LABELS_DE : FIELD_LABELS_EN;
    const offers = await listNewOffers(db, { networkId: network.id, municipalityId: municipality?.id, field: query.feld });
    const parts = [municipality?.name, query.feld ? labels[query.feld] : undefined].filter(Boolean).join(', ');
    const search = new URLSearchParams();
    if (municipality) search.set('kommune', municipality.id);
    if (query.feld) search.set('feld', query.feld);
    const own = new URLSearchParams();
    if (municipality) own.set('kommune', municipality.name);
    if (query.feld) own.set('feld', query.feld);
    const content: Feed = {
      title: parts ? t('feeds.titleFiltered', { network: network.name, filter: parts }) : t('feeds.title', { network: network.name }),
      description: t('feeds.description', { network: network.name }),
      link: `${base}/netzwerk/${network.slug}/angebote${search.size ? `?${search}` : ''}`,
      self: `${base}/netzwerk/${network.slug}/angebote.${format}${own.size ? `?${own}` : ''}`,
      language: request.locale === 'de' ? 'de-DE' : 'en-GB',
      author: network.name,
      entries: offers.map((o) => ({
        id: o.id,
        url: `${base}/angebote/${o.id}`,
        title: o.title,
        summary: shorten(o.summary || descriptionPlainText(o.description), SUMMARY_LENGTH),
        category: labels[o.field],
        author: o.organisationName,
        published: o.publishedAt,
        updated: o.updatedAt,
      })),
    };
    return reply
      .type(format === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('vary', 'Accept-Language')
      .send(format === 'rss' ? rss(content) : atom(content));
  }

  app.get('/netzwerk/:slug/angebote.rss', { schema: { querystring: FeedQuery }, attachValidation: true }, (request, reply) => feed(request, reply, 'rss'));
  app.get('/netzwerk/:slug/angebote.atom', { schema: { querystring: FeedQuery }, attachValidation: true }, (request, reply) => feed(request, reply, 'atom'));

  // ---- Sitemap ------------------------------------------------------------------------------------

  /** Pages every instance has: the home page, the legal pages, and per network its page, search and legal pages. */
  async function fixedPages() {
    const networks = await listSitemapNetworks(db);
    return [
      { loc: `${base}/` },
      ...LEGAL_PAGES.map((page) => ({ loc: `${base}/${page}` })),
      ...networks.flatMap((n) => [
        { loc: `${base}/netzwerk/${n.slug}`, lastModified: n.updatedAt },
        { loc: `${base}/netzwerk/${n.slug}/angebote` },
        ...LEGAL_PAGES.map((page) => ({ loc: `${base}/netzwerk/${n.slug}/${page}`, lastModified: n.updatedAt })),
      ]),
    ];
  }

  function sendXml(reply: FastifyReply, xml: string) {
    return reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(xml);
  }

  app.get('/sitemap.xml', async (_request, reply) => {
    const fixed = await fixedPages();
    const records = await countSitemapRecords(db);
    if (fixed.length + records <= SITEMAP_LIMIT) {
      const rows = await listSitemapRecords(db, 0, SITEMAP_LIMIT);
      return sendXml(reply, sitemap([...fixed, ...rows.map((r) => ({ loc: `${base}${r.path}`, lastModified: r.lastModified }))]));
    }
    // Too many for one file: an index of files, the first with the fixed pages.
    const files = 1 + Math.ceil(records / SITEMAP_LIMIT);
    return sendXml(reply, sitemapIndex(Array.from({ length: files }, (_, i) => `${base}/sitemaps/${i}.xml`)));
  });

  app.get('/sitemaps/:file', async (request, reply) => {
    const match = /^(\d{1,6})\.xml$/.exec((request.params as { file: string }).file);
    if (!match) return sendError(request, reply, 404);
    const index = Number(match[1]);
    if (index === 0) return sendXml(reply, sitemap(await fixedPages()));
    const rows = await listSitemapRecords(db, (index - 1) * SITEMAP_LIMIT, SITEMAP_LIMIT);
    if (rows.length === 0) return sendError(request, reply, 404);
    return sendXml(reply, sitemap(rows.map((r) => ({ loc: `${base}${r.path}`, lastModified: r.lastModified }))));
  });

  app.get('/robots.txt', async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=86400').send(`User-agent: *\nAllow: /\n\nSitemap: ${base}/sitemap.xml\n`),
  );
};
