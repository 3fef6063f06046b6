import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, createUser, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { childrenNamed, childText, parseXml, type XmlElement } from './xml-tree.ts';

const ATOM = 'http://www.w3.org/2005/Atom';
const SITEMAP = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const HOSTILE = 'Kinder & Jugend <script>alert(1)</script> \u0001„Sommerfest“ ]]>';

let ctx: TestContext;
let base = '';
const ids: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestApp();
  base = ctx.deps.config.publicUrl;
  const region = await demoRegion(ctx);
  const krostitz = region.municipality('Krostitz').id;
  const loebnitz = region.municipality('Löbnitz').id;
  const org = await createOrganisation(ctx, { networkId: region.gems.id, municipalityId: krostitz });
  const pending = await createOrganisation(ctx, { networkId: region.gems.id, name: 'Noch nicht geprüft', status: 'pending' });
  const ww = await createOrganisation(ctx, { networkId: region.weisswasser.id, name: 'Stadtverein Weißwasser' });
  ids.org = org.id;
  ids.pending = pending.id;
  const at = (days: number) => new Date(ctx.clock.now.getTime() - days * 86_400_000);
  const offer = async (key: string, values: Record<string, unknown>) => {
    ids[key] = (await createOffer(ctx, { networkId: region.gems.id, organisationId: org.id, municipalityId: krostitz, ...values })).id;
  };
  await offer('schuleKrostitz', { title: 'Lesepate Grundschule Krostitz', field: 'schule', publishedAt: at(1) });
  await offer('umweltKrostitz', { title: 'Streuobstwiese pflegen', field: 'umwelt', publishedAt: at(2) });
  await offer('schuleLoebnitz', { title: 'Hausaufgabenhilfe Löbnitz', field: 'schule', municipalityId: loebnitz, publishedAt: at(3) });
  await offer('hostile', { title: HOSTILE, summary: 'A < B && C > D', field: 'jugend_bildung', publishedAt: at(4) });
  await offer('draft', { title: 'Geheimer Entwurf', status: 'draft', publishedAt: null });
  await offer('inReview', { title: 'Wartet auf die Netzwerkstelle', status: 'in_review', publishedAt: null });
  await offer('paused', { title: 'Gerade pausiert', status: 'paused' });
  await offer('expired', { title: 'Schon abgelaufen', status: 'expired' });
  await offer('archived', { title: 'Längst archiviert', status: 'archived' });
  ids.weisswasser = (await createOffer(ctx, { networkId: region.weisswasser.id, organisationId: ww.id, title: 'Stadtfest Weißwasser' })).id;
});
afterAll(async () => ctx?.close());

const HIDDEN = ['Geheimer Entwurf', 'Wartet auf die Netzwerkstelle', 'Gerade pausiert', 'Schon abgelaufen', 'Längst archiviert', 'Noch nicht geprüft'];

function get(url: string) {
  return ctx.app.inject({ method: 'GET', url });
}

function rssItems(xml: string) {
  const root = parseXml(xml);
  expect(root.local).toBe('rss');
  expect(root.attributes.version).toBe('2.0');
  const channel = childrenNamed(root, 'channel')[0] as XmlElement;
  return { channel, items: childrenNamed(channel, 'item') };
}

describe('RSS and Atom', () => {
  test('RSS 2.0: valid XML with the network’s published offers, newest first, nothing unpublished', async () => {
    const response = await get('/netzwerk/gems/angebote.rss');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(response.headers['set-cookie']).toBeUndefined();
    const { channel, items } = rssItems(response.body);
    expect(childText(channel, 'title')).toContain('GEMS');
    expect(childrenNamed(channel, 'link', ATOM)[0]?.attributes).toMatchObject({ rel: 'self', href: `${base}/netzwerk/gems/angebote.rss` });
    expect(items.map((i) => childText(i, 'title'))).toEqual([
      'Lesepate Grundschule Krostitz',
      'Streuobstwiese pflegen',
      'Hausaufgabenhilfe Löbnitz',
      HOSTILE.replace('\u0001', ''),
    ]);
    const first = items[0] as XmlElement;
    expect(childText(first, 'link')).toBe(`${base}/angebote/${ids.schuleKrostitz}`);
    expect(childText(first, 'guid')).toBe(`${base}/angebote/${ids.schuleKrostitz}`);
    expect(new Date(childText(first, 'pubDate')).toString()).not.toBe('Invalid Date');
    expect(childText(first, 'category')).toBe('Schule oder Kindergarten');
    expect(childText(first, 'description')).toBe('Einmal in der Woche Kindern vorlesen.');
    expect(childText(items[3] as XmlElement, 'description')).toBe('A < B && C > D');
    for (const hidden of [...HIDDEN, 'Stadtfest Weißwasser']) expect(response.body).not.toContain(hidden);
  });

  test('Atom: valid XML in the Atom namespace with ids, dates and links', async () => {
    const response = await get('/netzwerk/gems/angebote.atom');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = parseXml(response.body);
    expect(feed.uri).toBe(ATOM);
    expect(feed.local).toBe('feed');
    expect(childText(feed, 'id', ATOM)).toBe(`${base}/netzwerk/gems/angebote.atom`);
    expect(Number.isNaN(Date.parse(childText(feed, 'updated', ATOM)))).toBe(false);
    const entries = childrenNamed(feed, 'entry', ATOM);
    expect(entries).toHaveLength(4);
    const first = entries[0] as XmlElement;
    expect(childText(first, 'id', ATOM)).toBe(`${base}/angebote/${ids.schuleKrostitz}`);
    expect(childrenNamed(first, 'link', ATOM)[0]?.attributes).toMatchObject({ rel: 'alternate', href: `${base}/angebote/${ids.schuleKrostitz}` });
    expect(childText(childrenNamed(first, 'author', ATOM)[0] as XmlElement, 'name', ATOM)).toBe('Heimatverein Krostitz e. V.');
    for (const hidden of HIDDEN) expect(response.body).not.toContain(hidden);
  });

  test('per municipality (by name, as people type it) and per field', async () => {
    const krostitz = rssItems((await get('/netzwerk/gems/angebote.rss?kommune=krostitz')).body).items.map((i) => childText(i, 'title'));
    expect(krostitz).toEqual(['Lesepate Grundschule Krostitz', 'Streuobstwiese pflegen', HOSTILE.replace('\u0001', '')]);
    const both = rssItems((await get('/netzwerk/gems/angebote.rss?kommune=Krostitz&feld=schule')).body);
    expect(both.items.map((i) => childText(i, 'title'))).toEqual(['Lesepate Grundschule Krostitz']);
    expect(childText(both.channel, 'title')).toBe('Neue Engagement-Angebote – GEMS – gemeinsam engagiert macht stark (Krostitz, Schule oder Kindergarten)');
    const loebnitz = parseXml((await get('/netzwerk/gems/angebote.atom?kommune=Loebnitz&feld=schule')).body);
    expect(childrenNamed(loebnitz, 'entry', ATOM).map((e) => childText(e, 'title', ATOM))).toEqual(['Hausaufgabenhilfe Löbnitz']);
    const empty = rssItems((await get('/netzwerk/gems/angebote.rss?feld=justiz')).body);
    expect(empty.items).toHaveLength(0);
  });

  test('unknown filters answer 400 with a message; an unknown network 404', async () => {
    const place = await get('/netzwerk/gems/angebote.rss?kommune=Leipzig');
    expect(place.statusCode).toBe(400);
    expect(place.body).toContain('Eine Kommune „Leipzig“ gehört nicht zum Netzwerk');
    const field = await get('/netzwerk/gems/angebote.atom?feld=quidditch');
    expect(field.statusCode).toBe(400);
    expect(field.body).toContain('Tätigkeitsfeld');
    expect((await get('/netzwerk/atlantis/angebote.rss')).statusCode).toBe(404);
  });
});

describe('sitemap', () => {
  test('lists the fixed pages, networks, published offers and verified organisations, and nothing else', async () => {
    const response = await get('/sitemap.xml');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    const root = parseXml(response.body);
    expect(root.uri).toBe(SITEMAP);
    expect(root.local).toBe('urlset');
    const locations = childrenNamed(root, 'url', SITEMAP).map((u) => childText(u, 'loc', SITEMAP));
    for (const path of ['/', '/impressum', '/datenschutz', '/barrierefreiheit', '/netzwerk/gems', '/netzwerk/weisswasser', '/netzwerk/gems/angebote', '/netzwerk/gems/impressum']) {
      expect(locations, path).toContain(`${base}${path}`);
    }
    for (const key of ['schuleKrostitz', 'umweltKrostitz', 'schuleLoebnitz', 'hostile', 'weisswasser']) expect(locations).toContain(`${base}/angebote/${ids[key]}`);
    for (const key of ['draft', 'inReview', 'paused', 'expired', 'archived']) expect(locations).not.toContain(`${base}/angebote/${ids[key]}`);
    expect(locations).toContain(`${base}/organisationen/${ids.org}`);
    expect(locations).not.toContain(`${base}/organisationen/${ids.pending}`);
    expect(new Set(locations).size).toBe(locations.length);
    const offerEntry = childrenNamed(root, 'url', SITEMAP).find((u) => childText(u, 'loc', SITEMAP).endsWith(String(ids.schuleKrostitz)));
    expect(Number.isNaN(Date.parse(childText(offerEntry as XmlElement, 'lastmod', SITEMAP)))).toBe(false);
  });

  test('the numbered parts used for large instances hold the same entries', async () => {
    const fixed = parseXml((await get('/sitemaps/0.xml')).body);
    expect(childrenNamed(fixed, 'url', SITEMAP).map((u) => childText(u, 'loc', SITEMAP))).toContain(`${base}/netzwerk/gems`);
    const records = parseXml((await get('/sitemaps/1.xml')).body);
    const locations = childrenNamed(records, 'url', SITEMAP).map((u) => childText(u, 'loc', SITEMAP));
    // Five published offers, two verified organisations.
    expect(locations).toHaveLength(7);
    expect(locations).not.toContain(`${base}/angebote/${ids.draft}`);
    expect((await get('/sitemaps/2.xml')).statusCode).toBe(404);
    expect((await get('/sitemaps/x.xml')).statusCode).toBe(404);
  });

  test('robots.txt names the sitemap', async () => {
    const response = await get('/robots.txt');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`Sitemap: ${base}/sitemap.xml`);
  });
});

describe('Open Graph', () => {
  test('public pages carry og:title, og:description, og:type and og:url (without the query)', async () => {
    const response = await get('/netzwerk/gems?x=1');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<meta property="og:title" content="GEMS – gemeinsam engagiert macht stark"/>');
    expect(response.body).toMatch(/<meta property="og:description" content="[^"]+"\/>/);
    expect(response.body).toContain('<meta property="og:type" content="website"/>');
    expect(response.body).toContain(`<meta property="og:url" content="${base}/netzwerk/gems"/>`);
    expect(response.body).toContain('<meta property="og:locale" content="de_DE"/>');
  });

  test('secrets of token links never reach og:url', async () => {
    const user = await createUser(ctx, { email: 'og@example.org' });
    const client = await signedInClient(ctx, user);
    const response = await client.get(`/angebote/${ids.schuleKrostitz}/aktuell/geheimes-token-123`);
    const ogUrl = response.body.match(/<meta property="og:url" content="([^"]*)"/)?.[1];
    expect(ogUrl).toBe(`${base}/angebote/${ids.schuleKrostitz}/aktuell/[redacted]`);
  });
});

describe('structured data on the public pages', () => {
  function jsonLdOf(html: string): Array<Record<string, unknown>> {
    return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1] ?? '') as Record<string, unknown>);
  }

  test('a published offer page carries a JobPosting; its title with markup stays data', async () => {
    const response = await get(`/angebote/${ids.hostile}`);
    expect(response.statusCode).toBe(200);
    const [data, ...more] = jsonLdOf(response.body);
    expect(more).toHaveLength(0);
    expect(data).toMatchObject({ '@type': 'JobPosting', employmentType: 'VOLUNTEER', title: HOSTILE, url: `${base}/angebote/${ids.hostile}` });
    expect(response.body).toContain('<meta property="og:type" content="article"/>');
    expect(response.body.match(/<script/g)).toHaveLength(1);
  });

  test('an unpublished offer page shows its people no structured data', async () => {
    const admin = await createUser(ctx, { email: 'admin@gems.example', platformAdmin: true });
    const client = await signedInClient(ctx, admin);
    const response = await client.get(`/angebote/${ids.draft}`);
    expect(response.statusCode).toBe(200);
    expect(jsonLdOf(response.body)).toEqual([]);
  });

  test('a verified organisation page carries an Organization', async () => {
    const response = await get(`/organisationen/${ids.org}`);
    expect(response.statusCode).toBe(200);
    expect(jsonLdOf(response.body)).toEqual([expect.objectContaining({ '@type': 'Organization', name: 'Heimatverein Krostitz e. V.', url: `${base}/organisationen/${ids.org}` })]);
  });
});

