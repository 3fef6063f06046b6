import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, createUser, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { offers, savedSearches } from '../offers/schema.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp();
  const { gems, weisswasser, municipality } = await demoRegion(ctx);
  const schule = await createOrganisation(ctx, { networkId: gems.id, name: 'Förderverein Grundschule Delitzsch' });
  const kirche = await createOrganisation(ctx, { networkId: weisswasser.id, name: 'Evangelische Kirchengemeinde Weißwasser' });
  await createOffer(ctx, {
    networkId: gems.id, organisationId: schule.id, municipalityId: municipality('Delitzsch').id,
    title: 'Hausaufgabenhilfe in der Grundschule', summary: 'Kinder beim Lernen begleiten.', field: 'schule',
    targetGroups: ['kinder'],
  });
  await createOffer(ctx, {
    networkId: gems.id, organisationId: schule.id, municipalityId: municipality('Krostitz').id,
    title: '<script>alert(1)</script> Lesepate', summary: 'Vorlesen <b>nach</b> den Hausaufgaben.', field: 'schule',
  });
  await createOffer(ctx, {
    networkId: gems.id, organisationId: schule.id, remote: true,
    title: 'Online-Nachhilfe', summary: 'Per Video erklären.', field: 'schule',
  });
  // 45 church offers in Weißwasser, for pagination, in one insert (a busy machine makes 45 slow).
  const ww = municipality('Weißwasser/O.L.');
  await ctx.deps.db.insert(offers).values(
    Array.from({ length: 45 }, (_, k) => ({
      networkId: weisswasser.id, organisationId: kirche.id, municipalityId: ww.id, lat: ww.lat, lng: ww.lng,
      title: `Kirchencafé Nummer ${k + 1}`, summary: 'Kaffee ausschenken und zuhören.', field: 'kirche' as const,
      status: 'published' as const, publishedAt: new Date(ctx.clock.now.getTime() - (k + 1) * 60_000),
      expiresAt: new Date(ctx.clock.now.getTime() + 90 * 86_400_000),
    })),
  );
}, 180_000);
afterAll(() => ctx.close());

describe('search page without JavaScript', () => {
  it('shows a GET form with labelled fields, filters in fieldsets with counts, and an announced result count', async () => {
    const response = await ctx.app.inject('/angebote');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<form id="suche" class="search" method="get" action="/angebote"');
    expect(html).toContain('<label for="f-q">Suchbegriffe</label>');
    expect(html).toContain('<legend>Tätigkeitsfeld</legend>');
    expect(html).toMatch(/<label for="f-feld-schule">Schule oder Kindergarten <span class="count">\(3\)<\/span>/);
    expect(html).toMatch(/<label for="f-feld-kirche">Kirche oder religiöser Bereich <span class="count">\(45\)<\/span>/);
    expect(html).toContain('<p role="status" id="trefferzahl" class="result-count">48 Angebote gefunden</p>');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    expect((html.match(/<h1[ >]/g) ?? []).length).toBe(1);
  });

  it('accepts the empty fields a plain form sends', async () => {
    const response = await ctx.app.inject('/angebote?q=&ort=&lat=&lng=&umkreis=&netzwerk=&sort=relevanz');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('48 Angebote gefunden');
  });

  it('searches words within a radius with a filter, and shows the distance', async () => {
    const response = await ctx.app.inject('/angebote?q=Hausaufgaben+Kinder&ort=Delitzsch&umkreis=10&feld=schule');
    expect(response.statusCode).toBe(200);
    // The offer with both words first; the remote tutoring offer follows as a partial match (related word), marked as such.
    expect(response.body).toContain('2 Angebote gefunden im Umkreis von 10 km um Delitzsch');
    expect(response.body).toMatch(/Hausaufgabenhilfe in der Grundschule[\s\S]*Online-Nachhilfe[\s\S]*Enthält nicht alle Suchwörter/);
    expect(response.body).toContain('Nicht alle Angebote enthalten alle Ihre Suchwörter');
    expect(response.body).toContain('unter 1 km entfernt');
    expect(response.body).toContain('<p class="snippet"><mark>Kinder</mark> beim Lernen begleiten.</p>');
    expect(response.body).toMatch(/id="f-feld-schule" name="feld" value="schule" checked/);
  });

  it('shows titles and snippets inert', async () => {
    const response = await ctx.app.inject('/angebote?q=Lesepate');
    expect(response.body).toContain('&lt;script>alert(1)&lt;/script> Lesepate');
    expect(response.body).not.toContain('<script>alert(1)');
    expect(response.body).not.toContain('<b>nach</b>');
  });

  it('offers "did you mean" for a typo and still finds the offer', async () => {
    const response = await ctx.app.inject('/angebote?q=Hausaufgabn');
    expect(response.body).toContain('Hausaufgabenhilfe in der Grundschule');
    expect(response.body).toContain('Meinten Sie:');
    expect(response.body).toContain('href="/angebote?q=Hausaufgabenhilfe"');
  });

  it('pages with rel=prev/next links, 20 per page', async () => {
    const first = await ctx.app.inject('/angebote?feld=kirche&sort=neu');
    expect(first.body).toContain('Seite 1 von 3');
    expect(first.body).toContain('rel="next" href="/angebote?feld=kirche&amp;sort=neu&amp;seite=2"');
    expect(first.body).not.toContain('rel="prev"');
    const last = await ctx.app.inject('/angebote?feld=kirche&sort=neu&seite=3');
    expect(last.body).toContain('Seite 3 von 3');
    expect(last.body).toContain('rel="prev" href="/angebote?feld=kirche&amp;sort=neu&amp;seite=2"');
    expect((last.body.match(/<li class="hit">/g) ?? []).length).toBe(5);
    expect(last.body).toContain('Kirchencafé Nummer 45');
  });

  it('names an unknown filter value and an unknown place, and searches without them', async () => {
    const response = await ctx.app.inject('/angebote?feld=quatsch&q=Hausaufgaben');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Ungültige Angabe bei „Tätigkeitsfeld“');
    expect(response.body).toContain('Hausaufgabenhilfe in der Grundschule');
    const place = await ctx.app.inject('/angebote?ort=Atlantis&umkreis=10');
    expect(place.statusCode).toBe(200);
    expect(place.body).toContain('Diesen Ort kennen wir nicht.');
  });

  it('limits a network page to its network', async () => {
    const response = await ctx.app.inject('/netzwerk/gems/angebote');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('3 Angebote gefunden');
    expect(response.body).toContain('action="/netzwerk/gems/angebote"');
    expect((await ctx.app.inject('/netzwerk/gibtsnicht/angebote')).statusCode).toBe(404);
  });
});

describe('JSON API', () => {
  it('answers total, page, items and facets', async () => {
    const response = await ctx.app.inject('/api/v1/offers?q=Hausaufgaben&ort=04509&umkreis=15');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    // Two offers with the word; the remote tutoring offer is related (Nachhilfe) and comes after them.
    expect(body.total).toBe(3);
    expect(body.items[2]).toMatchObject({ title: 'Online-Nachhilfe' });
    // One word: an offer with a related word contains it as far as the search is concerned.
    expect(body.items.map((item: { partial: boolean }) => item.partial)).toEqual([false, false, false]);
    expect(body.page).toBe(1);
    expect(body.perPage).toBe(20);
    expect(body.items[0]).toMatchObject({
      title: 'Hausaufgabenhilfe in der Grundschule',
      organisation: { name: 'Förderverein Grundschule Delitzsch' },
      municipality: { name: 'Delitzsch' },
      field: 'schule',
      fieldLabel: 'Schule oder Kindergarten',
      distanceKm: 0,
      remote: false,
      partial: false,
    });
    expect(body.items[0].snippet).not.toMatch(/[\u0001\u0002]/);
    expect(body.facets.feld).toEqual([{ value: 'schule', label: 'Schule oder Kindergarten', count: 3 }]);
    expect(body.place).toMatchObject({ label: '04509 Delitzsch', radiusKm: 15 });
  });

  it('marks each item that contains only some of the words as partial, and documents the flag', async () => {
    const body = (await ctx.app.inject('/api/v1/offers?q=Hausaufgaben+Kinder&ort=Delitzsch&umkreis=10&feld=schule')).json();
    expect(body.items.map((item: { title: string; partial: boolean }) => [item.title, item.partial])).toEqual([
      ['Hausaufgabenhilfe in der Grundschule', false],
      ['Online-Nachhilfe', true],
    ]);
    const document = (await ctx.app.inject('/api/openapi.json')).json();
    const ok = document.paths['/api/v1/offers'].get.responses['200'].content['application/json'].schema;
    expect(ok.properties.items.items.properties.partial).toMatchObject({ type: 'boolean' });
    expect(ok.properties.items.items.required).toContain('partial');
  });

  it('searches all networks by default and filters by network slug', async () => {
    expect((await ctx.app.inject('/api/v1/offers')).json().total).toBe(48);
    expect((await ctx.app.inject('/api/v1/offers?netzwerk=weisswasser')).json().total).toBe(45);
    const page3 = (await ctx.app.inject('/api/v1/offers?netzwerk=weisswasser&sort=neu&seite=3')).json();
    expect(page3.items).toHaveLength(5);
  });

  it('answers 400 problem+json for unknown values and names', async () => {
    for (const query of ['feld=quatsch', 'umkreis=0', 'umkreis=500', 'wochentag=8', 'sort=zufall', 'seite=0', 'ort=Atlantis', 'netzwerk=gibtsnicht', 'lat=51.5', 'kommune=kein-uuid', `q=${'x'.repeat(201)}`]) {
      const response = await ctx.app.inject(`/api/v1/offers?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type'], query).toContain('application/problem+json');
      expect(response.json().errors.length, query).toBeGreaterThan(0);
    }
  });

  it('handles SQL-like and huge input without harm', async () => {
    for (const q of ["'; drop table offers; --", "Hausaufgaben' OR '1'='1", 'a:* & !b | (c', '\\\\\'', '%_%']) {
      const response = await ctx.app.inject(`/api/v1/offers?q=${encodeURIComponent(q)}&ort=${encodeURIComponent(q)}`);
      expect(response.statusCode, q).toBeLessThan(500);
    }
    const huge = await ctx.app.inject(`/angebote?q=${'Hausaufgaben%20'.repeat(2000)}`);
    expect(huge.statusCode).toBe(400);
    const many = await ctx.app.inject(`/api/v1/offers?${Array.from({ length: 100 }, () => 'feld=schule').join('&')}`);
    expect(many.statusCode).toBe(400);
    expect(await ctx.deps.db.select({ id: offers.id }).from(offers)).toHaveLength(48);
  });

  it('never answers 5xx, whatever the query string (property)', async () => {
    const keys = fc.constantFrom('q', 'ort', 'feld', 'kommune', 'umkreis', 'lat', 'lng', 'wochentag', 'sort', 'seite', 'remote', 'netzwerk', 'x');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(keys, fc.string({ maxLength: 60 })), { maxLength: 6 }), fc.boolean(), async (pairs, api) => {
        const query = new URLSearchParams(pairs).toString();
        const response = await ctx.app.inject(`${api ? '/api/v1/offers' : '/angebote'}?${query}`);
        expect(response.statusCode, query).toBeLessThan(500);
      }),
      { numRuns: 120 },
    );
  });
});

describe('saved searches', () => {
  it('invites visitors to log in to save a search', async () => {
    const response = await ctx.app.inject('/angebote?q=Garten');
    expect(response.body).toContain('href="/anmelden?weiter=%2Fangebote%3Fq%3DGarten"');
    expect(response.body).not.toContain('action="/angebote/suche-speichern"');
  });

  it('saves, lists, switches alerts and deletes a search of the signed-in person only', async () => {
    const erika = await createUser(ctx, { email: 'erika@example.org', name: 'Erika' });
    const client = await signedInClient(ctx, erika);
    const page = await client.get('/angebote?q=Hausaufgaben&feld=schule&seite=2');
    expect(page.body).toContain('action="/angebote/suche-speichern"');
    const saved = await client.submit('/angebote/suche-speichern', { name: 'Hausaufgaben', suche: 'q=Hausaufgaben&feld=schule&seite=2' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/konto/suchen?erledigt=gespeichert');
    const [row] = await ctx.deps.db.select().from(savedSearches).where(eq(savedSearches.userId, erika.id));
    expect(row?.query).toEqual({ q: 'Hausaufgaben', feld: ['schule'] });
    expect(row?.alerts).toBe('daily');

    const list = await client.get('/konto/suchen?erledigt=gespeichert');
    expect(list.body).toContain('Die Suche ist gespeichert.');
    expect(list.body).toContain('<caption id="gespeicherte-suchen-caption">Gespeicherte Suchen</caption>');
    expect(list.body).toContain('href="/angebote?q=Hausaufgaben&amp;feld=schule"');

    // Someone else can neither delete nor change it.
    const max = await createUser(ctx, { email: 'max@example.org' });
    const other = await signedInClient(ctx, max);
    await other.get('/konto/suchen');
    expect((await other.submit(`/konto/suchen/${row!.id}/loeschen`, {})).statusCode).toBe(403);
    expect((await other.submit(`/konto/suchen/${row!.id}/benachrichtigung`, { alerts: 'none' })).statusCode).toBe(403);
    expect((await other.get('/konto/suchen')).body).not.toContain('Hausaufgaben');

    const off = await client.submit(`/konto/suchen/${row!.id}/benachrichtigung`, { alerts: 'none' }, '/konto/suchen');
    expect(off.statusCode).toBe(303);
    expect((await ctx.deps.db.select().from(savedSearches).where(eq(savedSearches.id, row!.id)))[0]?.alerts).toBe('none');
    const deleted = await client.submit(`/konto/suchen/${row!.id}/loeschen`, {}, '/konto/suchen');
    expect(deleted.statusCode).toBe(303);
    expect(await ctx.deps.db.select().from(savedSearches).where(eq(savedSearches.id, row!.id))).toEqual([]);
  });

  it('comes back with the error when the name is missing', async () => {
    const user = await createUser(ctx, { email: 'ohne-name@example.org' });
    const client = await signedInClient(ctx, user);
    await client.get('/angebote');
    const response = await client.submit('/angebote/suche-speichern', { name: '  ', suche: 'q=Garten' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('class="error-summary"');
    expect(response.body).toContain('aria-invalid="true"');
    expect(response.body).toContain('value="q=Garten"');
  });

  it('asks visitors to log in for the list and refuses saving without an account', async () => {
    const list = await ctx.app.inject('/konto/suchen');
    expect(list.statusCode).toBe(303);
    expect(list.headers.location).toBe('/anmelden?weiter=%2Fkonto%2Fsuchen');
  });
});
