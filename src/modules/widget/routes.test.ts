import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, createUser, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { createEvent } from '../events/testing.ts';

let ctx: TestContext;
let base = '';
const ids: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestApp();
  base = ctx.deps.config.publicUrl;
  const region = await demoRegion(ctx);
  const krostitz = region.municipality('Krostitz').id;
  const org = await createOrganisation(ctx, { networkId: region.gems.id, municipalityId: krostitz });
  const at = (days: number) => new Date(ctx.clock.now.getTime() - days * 86_400_000);
  for (let i = 1; i <= 7; i++) {
    ids[`schule${i}`] = (
      await createOffer(ctx, { networkId: region.gems.id, organisationId: org.id, municipalityId: krostitz, title: `Schulangebot ${i}`, field: 'schule', publishedAt: at(i) })
    ).id;
  }
  await createOffer(ctx, { networkId: region.gems.id, organisationId: org.id, municipalityId: krostitz, title: 'Umweltangebot', field: 'umwelt' });
  await createOffer(ctx, { networkId: region.gems.id, organisationId: org.id, municipalityId: region.municipality('Taucha').id, title: 'In Taucha', field: 'schule' });
  await createOffer(ctx, { networkId: region.gems.id, organisationId: org.id, municipalityId: krostitz, title: 'Entwurf Schule', field: 'schule', status: 'draft', publishedAt: null });
  const inDays = (days: number, hours = 0) => new Date(ctx.clock.now.getTime() + days * 86_400_000 + hours * 3_600_000);
  const gemsId = region.gems.id;
  ids.meeting = (await createEvent(ctx, { networkId: gemsId, title: 'Netzwerktreffen Krostitz', municipalityId: krostitz, place: 'Rathaus Krostitz', startsAt: inDays(3), endsAt: inDays(3, 2) })).id;
  await createEvent(ctx, { networkId: gemsId, title: 'Werkstatt Krostitz', kind: 'workshop', municipalityId: krostitz, startsAt: inDays(5), endsAt: inDays(5, 2) });
  await createEvent(ctx, { networkId: gemsId, title: 'Abgesagtes Fest', status: 'cancelled', municipalityId: krostitz, startsAt: inDays(6), endsAt: inDays(6, 2) });
  await createEvent(ctx, { networkId: gemsId, title: 'Online-Runde', kind: 'training', mode: 'online', place: '', onlineUrl: 'https://meet.example/geheim-123', startsAt: inDays(4), endsAt: inDays(4, 1) });
  await createEvent(ctx, { networkId: gemsId, title: 'Treffen in Taucha', municipalityId: region.municipality('Taucha').id, startsAt: inDays(2), endsAt: inDays(2, 2) });
  await createEvent(ctx, { networkId: gemsId, title: 'Entwurfstreffen', status: 'draft', municipalityId: krostitz });
  await createEvent(ctx, { networkId: gemsId, title: 'Vergangenes Treffen', municipalityId: krostitz, startsAt: inDays(-3), endsAt: inDays(-3, 2) });
  await createEvent(ctx, { networkId: region.weisswasser.id, title: 'Treffen anderswo' });
});
afterAll(async () => ctx?.close());

function get(url: string, headers: Record<string, string> = {}) {
  return ctx.app.inject({ method: 'GET', url, headers });
}

/** The titles the frame lists, in order. */
function titles(html: string): string[] {
  return [...html.matchAll(/<li><a href="[^"]+" target="_top">([^<]+)<\/a>/g)].map((m) => m[1] ?? '');
}

describe('the script', () => {
  test('is small, loadable from any origin and never touches cookies or storage', async () => {
    const response = await get('/widget.js');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    // Offers and events in one file: a budget of 7 KB before compression (about 2.5 KB as sent with gzip).
    expect(Buffer.byteLength(response.body)).toBeLessThan(7 * 1024);
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.body).not.toMatch(/document\.cookie|localStorage|sessionStorage|indexedDB|innerHTML/);
    expect(response.body).toContain("credentials: 'omit'");
    expect(response.body).toContain('attachShadow');
  });
});

describe('the frame', () => {
  test('lists current offers of the municipality and field, newest first, five by default', async () => {
    const response = await get('/widget/angebote?netzwerk=gems&kommune=Krostitz&feld=schule');
    expect(response.statusCode).toBe(200);
    expect(titles(response.body)).toEqual(['Schulangebot 1', 'Schulangebot 2', 'Schulangebot 3', 'Schulangebot 4', 'Schulangebot 5']);
    expect(response.body).toContain(`href="${base}/angebote/${ids.schule1}" target="_top"`);
    expect(response.body).toContain('<h1>Mitmachen in Krostitz</h1>');
    expect(response.body).toContain('<html lang="de">');
    expect(response.body).not.toContain('Entwurf Schule');
    expect(response.body).not.toContain('<script');
  });

  test('anzahl, a whole network, and the dark design', async () => {
    expect(titles((await get('/widget/angebote?netzwerk=gems&kommune=krostitz&feld=schule&anzahl=7')).body)).toHaveLength(7);
    const network = await get('/widget/angebote?netzwerk=gems&anzahl=20&design=dunkel');
    expect(titles(network.body)).toEqual(expect.arrayContaining(['Umweltangebot', 'In Taucha', 'Schulangebot 7']));
    expect(network.body).toContain('class="theme-dark"');
    expect(network.body).toContain('<h1>Mitmachen im Netzwerk GEMS');
  });

  test('may be framed by any site, sets no cookie (not even for a signed-in visitor) and runs no script', async () => {
    const user = await createUser(ctx, { email: 'besuch@example.org' });
    const client = await signedInClient(ctx, user);
    for (const response of [await get('/widget/angebote?netzwerk=gems'), await client.get('/widget/angebote?netzwerk=gems')]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.headers['x-frame-options']).toBeUndefined();
      const policy = String(response.headers['content-security-policy']);
      expect(policy).toContain('frame-ancestors *');
      expect(policy).toContain("default-src 'none'");
      expect(policy).not.toContain('script-src');
      expect(response.body).not.toContain('_csrf');
    }
    // Every other page stays unframeable.
    const home = await get('/');
    expect(String(home.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    const css = await get('/widget/angebote.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
  });

  test('speaks English to English browsers', async () => {
    const response = await get('/widget/angebote?netzwerk=gems&kommune=Krostitz', { 'accept-language': 'en' });
    expect(response.body).toContain('<html lang="en">');
    expect(response.body).toContain('Get involved in Krostitz');
  });

  test.each([
    ['/widget/angebote', 'netzwerk (Pflicht)'],
    ['/widget/angebote?netzwerk=GEMS!', 'netzwerk (Pflicht)'],
    ['/widget/angebote?netzwerk=gems&feld=quidditch', 'netzwerk (Pflicht)'],
    ['/widget/angebote?netzwerk=gems&anzahl=0', 'anzahl (1 bis 20)'],
    ['/widget/angebote?netzwerk=gems&anzahl=21', 'anzahl (1 bis 20)'],
    ['/widget/angebote?netzwerk=gems&design=pink', 'design (hell oder dunkel)'],
    ['/widget/angebote?netzwerk=atlantis', 'Ein Netzwerk „atlantis“ gibt es hier nicht.'],
    ['/widget/angebote?netzwerk=gems&kommune=Leipzig', 'Eine Kommune „Leipzig“ gehört nicht zum Netzwerk'],
  ])('%s answers 400 with a polite message and no cookie', async (url, message) => {
    const response = await get(url);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.body).toContain('Die Angebote können nicht angezeigt werden');
    expect(response.body).toContain(message);
    expect(String(response.headers['content-security-policy'])).toContain('frame-ancestors *');
  });
});

describe('the events frame', () => {
  test('lists upcoming events of the municipality by start, with time and place, never the online link or a draft', async () => {
    const response = await get('/widget/veranstaltungen?netzwerk=gems&kommune=Krostitz');
    expect(response.statusCode).toBe(200);
    expect(titles(response.body)).toEqual(['Netzwerktreffen Krostitz', 'Werkstatt Krostitz', 'Abgesagtes Fest']);
    expect(response.body).toContain('<h1>Veranstaltungen in Krostitz</h1>');
    expect(response.body).toContain(`href="${base}/netzwerk/gems/veranstaltungen/${ids.meeting}" target="_top"`);
    expect(response.body).toMatch(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} · Rathaus Krostitz, Krostitz/);
    expect(response.body).toContain('abgesagt');
    expect(response.body).not.toMatch(/Entwurfstreffen|Vergangenes Treffen|Treffen anderswo|Treffen in Taucha/);
    expect(response.body).toContain(`href="${base}/netzwerk/gems/veranstaltungen?kommune=`);
    expect(response.body).not.toContain('<script');

    const network = await get('/widget/veranstaltungen?netzwerk=gems&anzahl=20&design=dunkel');
    expect(titles(network.body)).toEqual(['Treffen in Taucha', 'Netzwerktreffen Krostitz', 'Online-Runde', 'Werkstatt Krostitz', 'Abgesagtes Fest']);
    expect(network.body).toContain('class="theme-dark"');
    expect(network.body).toContain('<h1>Veranstaltungen im Netzwerk GEMS');
    expect(network.body).not.toContain('meet.example');
    expect(network.body).toMatch(/Online-Runde<\/a><span class="meta">[^<]* · online</);
    expect(titles((await get('/widget/veranstaltungen?netzwerk=gems&art=workshop')).body)).toEqual(['Werkstatt Krostitz']);
    expect(titles((await get('/widget/veranstaltungen?netzwerk=gems&anzahl=2')).body)).toHaveLength(2);
  });

  test('sets no cookie, may be framed anywhere and speaks English', async () => {
    const user = await createUser(ctx, { email: 'besuch-termine@example.org' });
    const client = await signedInClient(ctx, user);
    for (const response of [await get('/widget/veranstaltungen?netzwerk=gems'), await client.get('/widget/veranstaltungen?netzwerk=gems')]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.headers['x-frame-options']).toBeUndefined();
      expect(String(response.headers['content-security-policy'])).toContain('frame-ancestors *');
      expect(response.body).not.toContain('_csrf');
    }
    const english = await get('/widget/veranstaltungen?netzwerk=gems&kommune=Krostitz', { 'accept-language': 'en' });
    expect(english.body).toContain('Events in Krostitz');
  });

  test.each([
    ['/widget/veranstaltungen', 'netzwerk (Pflicht), kommune, art'],
    ['/widget/veranstaltungen?netzwerk=gems&art=party', 'netzwerk (Pflicht), kommune, art'],
    ['/widget/veranstaltungen?netzwerk=gems&anzahl=21', 'anzahl (1 bis 20)'],
    ['/widget/veranstaltungen?netzwerk=atlantis', 'Ein Netzwerk „atlantis“ gibt es hier nicht.'],
    ['/widget/veranstaltungen?netzwerk=gems&kommune=Leipzig', 'Eine Kommune „Leipzig“ gehört nicht zum Netzwerk'],
  ])('%s answers 400 with a polite message', async (url, message) => {
    const response = await get(url);
    expect(response.statusCode).toBe(400);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.body).toContain('Die Veranstaltungen können nicht angezeigt werden');
    expect(response.body).toContain(message);
  });
});
