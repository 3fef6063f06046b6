import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { COUNT_LIMIT } from './queries.ts';

let ctx: TestContext;
const MANY = COUNT_LIMIT + 5;

beforeAll(async () => {
  ctx = await createTestApp();
  const { gems, municipality } = await demoRegion(ctx);
  const place = municipality('Delitzsch');
  const organisation = await createOrganisation(ctx, { networkId: gems.id, name: 'Tafel Delitzsch e. V.', municipalityId: place.id });
  // More offers than the search counts: every one about the food bank, five of them about gardens.
  await ctx.deps.database.query(
    `INSERT INTO offers (network_id, organisation_id, municipality_id, title, summary, field, status, published_at, lat, lng)
     SELECT $1, $2, $3, 'Lebensmittel ausgeben ' || g, CASE WHEN g <= 5 THEN 'Auch im Garten.' ELSE 'Bei der Tafel.' END,
       CASE WHEN g <= 5 THEN 'umwelt' ELSE 'sozial' END, 'published', now() - g * interval '1 minute', $4, $5
     FROM generate_series(1, ${MANY}) AS g`,
    [gems.id, organisation.id, place.id, place.lat, place.lng],
  );
}, 180_000);
afterAll(() => ctx.close());

describe('a search in the database with more matches than it counts', () => {
  beforeAll(() => {
    ctx.deps.config.searchIndex = 'database';
  });

  it('says "more than 1,000" on the page, ends the pages there and shows filters without numbers', async () => {
    const response = await ctx.app.inject('/angebote?q=Lebensmittel');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Mehr als 1.000 Angebote gefunden');
    expect(response.body).toContain('Gezeigt werden die ersten 1.000.');
    expect(response.body).toContain(`Seite 1 von ${COUNT_LIMIT / 20}`);
    expect(response.body).toContain('<label for="f-feld-sozial">Sozialer Bereich</label>');
    expect(response.body).not.toMatch(/<span class="count">/);
    const english = await ctx.app.inject({ url: '/angebote?q=Lebensmittel', headers: { 'accept-language': 'en' } });
    expect(english.body).toContain('More than 1,000 offers found');
  });

  it('answers totalExact and facetsExact false in the API, with the first 1,000 reachable', async () => {
    const body = (await ctx.app.inject('/api/v1/offers?q=Lebensmittel&sort=neu')).json();
    expect(body).toMatchObject({ total: COUNT_LIMIT, totalExact: false });
    expect(Object.values(body.facetsExact).every((exact) => exact === false)).toBe(true);
    expect(body.items[0].title).toBe('Lebensmittel ausgeben 1');
    const last = (await ctx.app.inject(`/api/v1/offers?q=Lebensmittel&sort=neu&seite=${COUNT_LIMIT / 20}`)).json();
    expect(last.items.at(-1).title).toBe(`Lebensmittel ausgeben ${COUNT_LIMIT}`);
    expect((await ctx.app.inject(`/api/v1/offers?q=Lebensmittel&sort=neu&seite=${COUNT_LIMIT / 20 + 1}`)).json().items).toEqual([]);
  });

  it('counts exactly again once the words narrow it down', async () => {
    // One word only: with two, the offers that have one of them follow as partial matches and fill the count again.
    const body = (await ctx.app.inject('/api/v1/offers?q=Garten')).json();
    expect(body).toMatchObject({ total: 5, totalExact: true });
    expect(body.facets.feld).toEqual([{ value: 'umwelt', label: 'Umwelt, Naturschutz oder Tierschutz', count: 5 }]);
    expect(Object.values(body.facetsExact).every((exact) => exact === true)).toBe(true);
    const page = await ctx.app.inject('/angebote?q=Garten');
    expect(page.body).toContain('5 Angebote gefunden');
    expect(page.body).toMatch(/<span class="count">\(5\)<\/span>/);
  });
});

describe('the same search in memory', () => {
  beforeAll(() => {
    ctx.deps.config.searchIndex = 'memory';
  });

  it('counts every match, on the page and in the API, with every filter value counted', async () => {
    const page = await ctx.app.inject('/angebote?q=Lebensmittel');
    expect(page.body).toContain(`${(MANY).toLocaleString('de-DE')} Angebote gefunden`);
    expect(page.body).toContain(`Seite 1 von ${Math.ceil(MANY / 20)}`);
    expect(page.body).toContain('<label for="f-feld-sozial">Sozialer Bereich <span class="count">(1.000)</span></label>');
    const body = (await ctx.app.inject('/api/v1/offers?q=Lebensmittel&sort=neu')).json();
    expect(body).toMatchObject({ total: MANY, totalExact: true });
    expect(body.facets.feld).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: 'sozial', count: MANY - 5 }), expect.objectContaining({ value: 'umwelt', count: 5 })]),
    );
    const last = (await ctx.app.inject(`/api/v1/offers?q=Lebensmittel&sort=neu&seite=${Math.ceil(MANY / 20)}`)).json();
    expect(last.items.at(-1).title).toBe(`Lebensmittel ausgeben ${MANY}`);
  });
});
