import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { needs } from '../needs/schema.ts';
import { offers } from '../offers/schema.ts';
import { FIELDS } from '../../platform/vocabulary.ts';
import { organisations } from '../organisations/schema.ts';
import { placements } from '../placements/schema.ts';
import { DEMO_CONTENT } from './demo-content.data.ts';
import { pointNear, seedDemoContent } from './demo-content.ts';
import { seedDemoNetworks } from './demo.ts';
import { municipalities, networks } from './schema.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  expect(await seedDemoNetworks(ctx.deps.db, { content: true, now: ctx.clock.now })).toBe(true);
});
afterAll(() => ctx.close());

async function count(table: typeof offers | typeof organisations | typeof needs | typeof placements, slug: string) {
  const [row] = await ctx.deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .innerJoin(networks, eq(networks.id, table.networkId))
    .where(eq(networks.slug, slug));
  return row?.n ?? 0;
}

/** Great-circle distance in km, to check where the demo puts things. */
function km(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
}

describe('demo content', () => {
  it('fills both networks with verified organisations, published offers, private needs and placements', async () => {
    expect(await count(organisations, 'gems')).toBe(DEMO_CONTENT.gems!.organisations.length);
    expect(await count(offers, 'gems')).toBeGreaterThanOrEqual(25);
    expect(await count(offers, 'weisswasser')).toBeGreaterThan(0);
    expect(await count(needs, 'gems')).toBeGreaterThan(0);
    expect(await count(placements, 'gems')).toBeGreaterThan(0);

    const orgs = await ctx.deps.db.select().from(organisations);
    expect(orgs.every((o) => o.status === 'verified')).toBe(true);
    expect(new Set(orgs.map((o) => o.type)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(orgs.map((o) => o.municipalityId)).size).toBeGreaterThanOrEqual(8);

    const rows = await ctx.deps.db.select().from(offers);
    expect(rows.every((o) => o.status === 'published' && o.expiresAt && o.expiresAt > ctx.clock.now)).toBe(true);
    expect(new Set(rows.map((o) => o.field)).size).toBeGreaterThanOrEqual(10);
    expect(rows.filter((o) => o.remote).length).toBeGreaterThanOrEqual(2);
    expect(rows.every((o) => o.search !== null)).toBe(true);
    expect(rows.some((o) => o.weekdays.length > 0) && rows.some((o) => o.commitment === 'one_off') && rows.some((o) => o.commitment === 'project')).toBe(true);
    expect(rows.every((o) => (FIELDS as readonly string[]).includes(o.field))).toBe(true);

    const needRows = await ctx.deps.db.select().from(needs);
    expect(needRows.filter((n) => !n.isPublic).length).toBeGreaterThan(needRows.length / 2);
  });

  it('puts every offer and organisation within 2 km of its municipality’s centre', async () => {
    const places = new Map((await ctx.deps.db.select().from(municipalities)).map((m) => [m.id, m]));
    for (const row of [...(await ctx.deps.db.select().from(offers)), ...(await ctx.deps.db.select().from(organisations))]) {
      const m = places.get(row.municipalityId ?? '');
      expect(m, row.id).toBeDefined();
      expect(km({ lat: row.lat!, lng: row.lng! }, { lat: m!.lat!, lng: m!.lng! }), `${'title' in row ? row.title : row.name}`).toBeLessThan(2);
    }
  });

  it('lists the offers on the network’s offers page', async () => {
    const page = await ctx.app.inject('/netzwerk/gems/angebote');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hausaufgabenhilfe für Grundschulkinder');
    expect(page.body).toMatch(/\d+ Angebote/);
    expect(page.body).not.toContain('Gemeinschaftsgarten zwischen den Wohnblöcken');
  });

  it('finds the homework offer near Delitzsch in the field "Schule oder Kindergarten", and not the one in Taucha', async () => {
    const response = await ctx.app.inject({
      url: '/api/v1/offers',
      query: { q: 'Hausaufgaben', ort: 'Delitzsch', umkreis: '10', feld: 'schule' },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { total: number; items: Array<{ title: string; distanceKm: number; municipality: { name: string } }> };
    expect(body.items.map((i) => i.title)).toEqual(['Hausaufgabenhilfe für Grundschulkinder']);
    expect(body.items[0]!.municipality.name).toBe('Delitzsch');
    expect(body.items[0]!.distanceKm).toBeLessThan(10);

    const wider = await ctx.app.inject({ url: '/api/v1/offers', query: { q: 'Hausaufgaben', ort: 'Delitzsch', umkreis: '25' } });
    const titles = (wider.json() as { items: Array<{ title: string }> }).items.map((i) => i.title);
    expect(titles).toContain('Hausaufgabenhilfe an der Oberschule Taucha');
    expect(titles).toContain('Lernpatenschaft für Jugendliche');
  });

  it('shows only the public need on the public needs page', async () => {
    const page = await ctx.app.inject('/netzwerk/gems/gesuche/oeffentlich');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Umzug der Dorfbibliothek');
    expect(page.body).not.toContain('Begleitung zum Wocheneinkauf');
    expect(page.body).not.toContain('Gisela Hartmann');
  });

  it('does nothing the second time', async () => {
    const before = await count(offers, 'gems');
    expect(await seedDemoNetworks(ctx.deps.db, { content: true })).toBe(false);
    expect(await seedDemoContent(ctx.deps.db)).toBe(0);
    expect(await count(offers, 'gems')).toBe(before);
    expect(await count(organisations, 'gems')).toBe(DEMO_CONTENT.gems!.organisations.length);
  });

  it('spreads points around a centre, the same for the same index', () => {
    const centre = { lat: 51.5256, lng: 12.3422 };
    expect(pointNear(centre, 7)).toEqual(pointNear(centre, 7));
    expect(pointNear(centre, 7)).not.toEqual(pointNear(centre, 8));
    for (let i = 0; i < 50; i++) expect(km(pointNear(centre, i), centre)).toBeLessThan(1.9);
  });
});
