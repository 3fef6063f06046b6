import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../app.ts';
import { createTestApp, createUser, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { createApiToken } from './commands.ts';
import { DOCUMENTED } from './testing.ts';
import { ANONYMOUS_LIMIT } from './http.ts';

let ctx: TestContext;
let region: Awaited<ReturnType<typeof demoRegion>>;
const ids = {} as Record<'verified' | 'pending' | 'rejected' | 'other' | 'published' | 'draft' | 'inReview' | 'weisswasserOffer', string>;
let readToken = '';
let otherToken = '';

beforeAll(async () => {
  ctx = await createTestApp();
  region = await demoRegion(ctx);
  const krostitz = region.municipality('Krostitz');
  const verified = await createOrganisation(ctx, { networkId: region.gems.id, municipalityId: krostitz.id, name: 'Heimatverein Krostitz e. V.' });
  const pending = await createOrganisation(ctx, { networkId: region.gems.id, name: 'Neue Initiative Löbnitz', status: 'pending' });
  const rejected = await createOrganisation(ctx, { networkId: region.gems.id, name: 'Abgelehnter Verein', status: 'rejected' });
  const other = await createOrganisation(ctx, { networkId: region.gems.id, name: 'Sportverein Rackwitz', municipalityId: region.municipality('Rackwitz').id });
  const ww = await createOrganisation(ctx, { networkId: region.weisswasser.id, name: 'Stadtverein Weißwasser' });
  Object.assign(ids, { verified: verified.id, pending: pending.id, rejected: rejected.id, other: other.id });
  ids.published = (await createOffer(ctx, { networkId: region.gems.id, organisationId: verified.id, municipalityId: krostitz.id, title: 'Lesepate in Krostitz' })).id;
  ids.draft = (await createOffer(ctx, { networkId: region.gems.id, organisationId: verified.id, municipalityId: krostitz.id, title: 'Geheimer Entwurf', status: 'draft', publishedAt: null })).id;
  ids.inReview = (await createOffer(ctx, { networkId: region.gems.id, organisationId: verified.id, municipalityId: krostitz.id, title: 'Wartet auf Prüfung', status: 'in_review', publishedAt: null })).id;
  ids.weisswasserOffer = (await createOffer(ctx, { networkId: region.weisswasser.id, organisationId: ww.id, title: 'Stadtfest helfen' })).id;
  const admin = await createUser(ctx, { email: 'admin@heimatverein.de' });
  const read = await createApiToken(ctx.deps.db, { organisationId: verified.id, name: 'Website', scopes: ['read'], createdBy: admin.id, now: ctx.clock.now });
  const otherRead = await createApiToken(ctx.deps.db, { organisationId: other.id, name: 'Andere', scopes: ['read', 'write'], createdBy: admin.id, now: ctx.clock.now });
  if (!read.ok || !otherRead.ok) throw new Error('tokens not created');
  readToken = read.token;
  otherToken = otherRead.token;
});
afterAll(async () => ctx?.close());

function get(url: string, headers: Record<string, string> = {}, remoteAddress = '10.0.0.1') {
  return ctx.app.inject({ method: 'GET', url, headers, remoteAddress });
}

describe('reading', () => {
  test('networks: both demo networks with absolute links', async () => {
    const response = await get('/api/v1/networks');
    expect(response.statusCode).toBe(200);
    const body = response.json() as { items: Array<{ slug: string; url: string; municipalityCount: number }> };
    expect(body.items.map((n) => n.slug).sort()).toEqual(['gems', 'weisswasser']);
    const gems = body.items.find((n) => n.slug === 'gems');
    expect(gems?.url).toBe(`${ctx.deps.config.publicUrl}/netzwerk/gems`);
    expect(gems?.municipalityCount).toBe(10);
  });

  test('municipalities of a network count published offers only; an unknown network is a 400 problem', async () => {
    const response = await get('/api/v1/municipalities?netzwerk=gems');
    expect(response.statusCode).toBe(200);
    const items = (response.json() as { items: Array<{ name: string; publishedOffers: number; network: { slug: string } }> }).items;
    expect(items).toHaveLength(10);
    expect(items.every((m) => m.network.slug === 'gems')).toBe(true);
    expect(items.find((m) => m.name === 'Krostitz')?.publishedOffers).toBe(1);

    const all = (await get('/api/v1/municipalities')).json() as { items: unknown[] };
    expect(all.items.length).toBeGreaterThan(10);

    const unknown = await get('/api/v1/municipalities?netzwerk=atlantis');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json()).toMatchObject({ status: 400, errors: [{ field: 'netzwerk' }] });
    expect((await get('/api/v1/municipalities?netzwerk=NICHT%20G%C3%9CLTIG')).statusCode).toBe(400);
  });

  test('organisations: verified ones only, filtered by network and municipality', async () => {
    const response = await get('/api/v1/organisations?netzwerk=gems');
    expect(response.statusCode).toBe(200);
    const body = response.json() as { total: number; page: number; perPage: number; items: Array<{ id: string; name: string; url: string }> };
    const names = body.items.map((o) => o.name);
    expect(names).toEqual(['Heimatverein Krostitz e. V.', 'Sportverein Rackwitz']);
    expect(body).toMatchObject({ total: 2, page: 1, perPage: 50 });
    expect(JSON.stringify(body)).not.toMatch(/Neue Initiative|Abgelehnter Verein/);

    const krostitz = region.municipality('Krostitz').id;
    const filtered = (await get(`/api/v1/organisations?kommune=${krostitz}`)).json() as { items: Array<{ name: string }> };
    expect(filtered.items.map((o) => o.name)).toEqual(['Heimatverein Krostitz e. V.']);

    const elsewhere = await get(`/api/v1/organisations?netzwerk=weisswasser&kommune=${krostitz}`);
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json()).toMatchObject({ errors: [{ field: 'kommune' }] });
    expect((await get('/api/v1/organisations?seite=0')).statusCode).toBe(400);
  });

  test('one organisation: with its published offers only; unverified ones do not exist', async () => {
    const response = await get(`/api/v1/organisations/${ids.verified}`);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { name: string; offers: Array<{ id: string; url: string }>; municipality: { name: string } };
    expect(body.name).toBe('Heimatverein Krostitz e. V.');
    expect(body.municipality.name).toBe('Krostitz');
    expect(body.offers.map((o) => o.id)).toEqual([ids.published]);
    expect(response.headers['last-modified']).toBeTruthy();

    for (const id of [ids.pending, ids.rejected, '00000000-0000-4000-8000-000000000000']) {
      const hidden = await get(`/api/v1/organisations/${id}`);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.headers['content-type']).toContain('application/problem+json');
    }
    expect((await get('/api/v1/organisations/kein-uuid')).statusCode).toBe(400);
  });

  test('one offer: published ones for everybody, the others only for their own organisation’s read token', async () => {
    const response = await get(`/api/v1/offers/${ids.published}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: ids.published,
      status: 'published',
      title: 'Lesepate in Krostitz',
      field: 'schule',
      fieldLabel: 'Schule oder Kindergarten',
      municipality: { name: 'Krostitz' },
      organisation: { id: ids.verified, url: `${ctx.deps.config.publicUrl}/organisationen/${ids.verified}` },
      network: { slug: 'gems' },
      url: `${ctx.deps.config.publicUrl}/angebote/${ids.published}`,
    });
    expect((await get(`/api/v1/offers/${ids.published}`, { 'accept-language': 'en' })).json()).toMatchObject({ fieldLabel: 'School or kindergarten' });

    for (const id of [ids.draft, ids.inReview]) {
      expect((await get(`/api/v1/offers/${id}`)).statusCode).toBe(404);
      expect((await get(`/api/v1/offers/${id}`, { authorization: `Bearer ${otherToken}` })).statusCode).toBe(404);
      const own = await get(`/api/v1/offers/${id}`, { authorization: `Bearer ${readToken}` });
      expect(own.statusCode).toBe(200);
      expect(own.headers['cache-control']).toBe('private, no-cache');
    }
    expect((await get('/api/v1/offers/kein-uuid')).statusCode).toBe(400);
  });

  test('figures: the public overview of a network, small counts of people hidden', async () => {
    const response = await get('/api/v1/figures?netzwerk=gems');
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      network: { slug: string };
      publishedOffers: number;
      verifiedOrganisations: number;
      volunteers: number | null;
      placements: number | null;
      placementsByStatus: Record<string, number | null>;
      municipalities: Array<{ name: string; publishedOffers: number }>;
      trend: Array<{ newOffers: number; newPlacements: number | null }>;
    };
    // Counted by hand from the fixture: one published offer (not the draft, not the one in review),
    // two verified organisations (not the pending or rejected one), nobody who volunteers yet.
    expect(body).toMatchObject({ network: { slug: 'gems' }, publishedOffers: 1, verifiedOrganisations: 2, volunteers: null, placements: null });
    expect(Object.values(body.placementsByStatus).every((v) => v === null)).toBe(true);
    expect(body.municipalities).toHaveLength(10);
    expect(body.municipalities.find((m) => m.name === 'Krostitz')?.publishedOffers).toBe(1);
    expect(body.trend).toHaveLength(24);
    expect(body.trend.every((m) => m.newPlacements === null)).toBe(true);

    const krostitz = region.municipality('Krostitz').id;
    const one = (await get(`/api/v1/figures?kommune=${krostitz}&von=2024-01&bis=2024-12`)).json() as { municipality: { name: string }; period: unknown };
    expect(one).toMatchObject({ municipality: { name: 'Krostitz' }, period: { from: '2024-01', to: '2024-12' } });

    for (const [url, field] of [
      ['/api/v1/figures?netzwerk=atlantis', 'netzwerk'],
      [`/api/v1/figures?netzwerk=weisswasser&kommune=${krostitz}`, 'kommune'],
      ['/api/v1/figures?von=2025-06&bis=2025-01', 'von'],
    ] as const) {
      const refused = await get(url);
      expect(refused.statusCode, url).toBe(400);
      expect(refused.json()).toMatchObject({ errors: [{ field }] });
    }
    expect((await get('/api/v1/figures?von=2025-13')).statusCode).toBe(400);
  });

  test('a wrong or malformed token is refused with 401, never ignored', async () => {
    for (const authorization of ['Bearer mmn_falsch', 'Basic dXNlcjpwYXNz', 'Bearer']) {
      const response = await get(`/api/v1/offers/${ids.published}`, { authorization });
      expect(response.statusCode, authorization).toBe(401);
      expect(response.headers['www-authenticate']).toContain('Bearer');
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  test('the search answer (module search) gets the same CORS and validators, and never lists drafts', async () => {
    const response = await get('/api/v1/offers?netzwerk=gems');
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers.etag).toMatch(/^W\/"/);
    const titles = (response.json() as { items: Array<{ title: string }> }).items.map((i) => i.title);
    expect(titles).toEqual(['Lesepate in Krostitz']);
    const again = await get('/api/v1/offers?netzwerk=gems', { 'if-none-match': String(response.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });
});

describe('HTTP behaviour of reads', () => {
  test('CORS: any origin, no credentials, no cookie set, and a preflight for conditional requests', async () => {
    const response = await get('/api/v1/networks', { origin: 'https://www.krostitz.de' });
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(response.headers['access-control-expose-headers']).toContain('ETag');
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.headers['set-cookie']).toBeUndefined();

    const preflight = await ctx.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/offers',
      headers: { origin: 'https://www.krostitz.de', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD');
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('If-None-Match');
  });

  test('ETag and Last-Modified: 304 when nothing changed, 200 again after a change', async () => {
    const url = `/api/v1/offers/${ids.published}`;
    const first = await get(url);
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers['last-modified']);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    expect(new Date(lastModified).toString()).not.toBe('Invalid Date');

    const byEtag = await get(url, { 'if-none-match': etag });
    expect(byEtag.statusCode).toBe(304);
    expect(byEtag.headers.etag).toBe(etag);
    expect(byEtag.body).toBe('');
    expect((await get(url, { 'if-none-match': `"anders", ${etag}` })).statusCode).toBe(304);
    expect((await get(url, { 'if-modified-since': lastModified })).statusCode).toBe(304);
    expect((await get(url, { 'if-modified-since': new Date(Date.parse(lastModified) - 10_000).toUTCString() })).statusCode).toBe(200);
    // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
    expect((await get(url, { 'if-none-match': '"anders"', 'if-modified-since': lastModified })).statusCode).toBe(200);

    await ctx.deps.database.query(`update offers set title = 'Lesepatin in Krostitz', updated_at = now() + interval '1 hour' where id = '${ids.published}'`);
    const changed = await get(url, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ title: 'Lesepatin in Krostitz' });
    expect((await get(url, { 'if-modified-since': lastModified })).statusCode).toBe(200);
  });

  test(`anonymous reads are limited to ${ANONYMOUS_LIMIT} a minute per address, answered with a 429 problem`, async () => {
    const address = '10.9.9.9';
    for (let i = 0; i < ANONYMOUS_LIMIT; i++) {
      const response = await get('/api/v1/networks', {}, address);
      if (response.statusCode !== 200) throw new Error(`request ${i + 1} answered ${response.statusCode}`);
    }
    const refused = await get('/api/v1/networks', {}, address);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address, and a token of its own, are counted apart.
    expect((await get('/api/v1/networks', {}, '10.9.9.10')).statusCode).toBe(200);
    expect((await get('/api/v1/networks', { authorization: `Bearer ${readToken}` }, address)).statusCode).toBe(200);
  });
});

describe('the documentation page', () => {
  test('lists every documented operation with its parameters, and has one h1', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body.match(/<h1[ >]/g)).toHaveLength(1);
    for (const operation of DOCUMENTED) expect(response.body, operation).toContain(`<code>${operation}</code>`);
    expect(response.body).toContain('href="/api/openapi.json"');
    expect(response.body).toMatch(/<caption id="[a-z0-9-]+-parameter-caption">/);
    expect(response.body).toContain('idempotency-key');
  });
});

describe('secrets', () => {
  test('the request log never contains an API token', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp(ctx.deps, { logger: { level: 'trace', stream } });
    await app.ready();
    try {
      await app.inject({ method: 'GET', url: `/api/v1/offers/${ids.draft}`, headers: { authorization: `Bearer ${readToken}` } });
      await app.inject({ method: 'GET', url: '/api/v1/networks', headers: { authorization: 'Bearer mmn_falsch_aber_geheim' } });
    } finally {
      await app.close();
    }
    const log = lines.join('');
    expect(log).toContain('/api/v1/networks');
    expect(log).not.toContain(readToken);
    expect(log).not.toContain(readToken.slice(4));
    expect(log).not.toContain('mmn_falsch_aber_geheim');
    expect(log.toLowerCase()).not.toContain('authorization');
  });
});
