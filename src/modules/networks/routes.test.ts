import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { seedDemoNetworks } from './demo.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemoNetworks(ctx.deps.db);
});
afterAll(() => ctx.close());

describe('public network pages', () => {
  it('lists both demo networks on the home page, in German by default', async () => {
    const response = await ctx.app.inject('/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="de"');
    expect(response.body).toContain('GEMS – gemeinsam engagiert macht stark');
    expect(response.body).toContain('Engagierte Stadt Weißwasser/O.L.');
    expect(response.body).toContain('10 Kommunen');
  });

  it('shows the ten municipalities of the GEMS network', async () => {
    const response = await ctx.app.inject('/netzwerk/gems');
    expect(response.statusCode).toBe(200);
    for (const name of ['Jesewitz', 'Krostitz', 'Löbnitz', 'Rackwitz', 'Schönwölkau', 'Wiedemar', 'Zschepplin', 'Delitzsch', 'Schkeuditz', 'Taucha']) {
      expect(response.body).toContain(name);
    }
  });

  it('shows the newest published offers of the network, never drafts or other networks', async () => {
    const { gems, weisswasser, municipality } = await demoRegion(ctx);
    const club = await createOrganisation(ctx, { networkId: gems.id, name: 'Förderverein Grundschule Krostitz' });
    const other = await createOrganisation(ctx, { networkId: weisswasser.id, name: 'Stadtverein Weißwasser' });
    await createOffer(ctx, { networkId: gems.id, organisationId: club.id, municipalityId: municipality('Krostitz').id, title: 'Hausaufgabenhilfe in Krostitz' });
    await createOffer(ctx, { networkId: gems.id, organisationId: club.id, title: 'Entwurf Schulgarten', status: 'draft', publishedAt: null });
    await createOffer(ctx, { networkId: weisswasser.id, organisationId: other.id, title: 'Stadtfest Weißwasser helfen' });
    const page = await ctx.app.inject('/netzwerk/gems');
    expect(page.body).toContain('Hausaufgabenhilfe in Krostitz');
    expect(page.body).toContain('Förderverein Grundschule Krostitz');
    expect(page.body).not.toContain('Entwurf Schulgarten');
    expect(page.body).not.toContain('Stadtfest Weißwasser helfen');
    expect(page.body).toContain('action="/netzwerk/gems/angebote"');
  });

  it('seeds only into an empty database', async () => {
    expect(await seedDemoNetworks(ctx.deps.db)).toBe(false);
  });

  it('answers English when the browser asks for it, and remembers the switch', async () => {
    const english = await ctx.app.inject({ url: '/', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(english.body).toContain('<html lang="en"');
    const switched = await ctx.app.inject({ url: '/sprache/de?weiter=/netzwerk/gems', headers: { 'accept-language': 'en' } });
    expect(switched.statusCode).toBe(303);
    expect(switched.headers.location).toBe('/netzwerk/gems');
    const cookie = switched.cookies.find((c) => c.name === 'mmn_lang');
    expect(cookie?.value).toBe('de');
    const again = await ctx.app.inject({ url: '/', headers: { 'accept-language': 'en', cookie: `mmn_lang=de` } });
    expect(again.body).toContain('<html lang="de"');
  });

  it('never redirects to another site from the language switch', async () => {
    for (const target of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const response = await ctx.app.inject(`/sprache/en?weiter=${encodeURIComponent(target)}`);
      expect(response.headers.location).toBe('/');
    }
  });

  it('answers 404 for an unknown network, as a page and as problem+json', async () => {
    const page = await ctx.app.inject('/netzwerk/gibtsnicht');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Seite nicht gefunden');
    const api = await ctx.app.inject('/api/v1/gibtsnicht');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });

  it('serves the network colours as a stylesheet and sends a strict CSP', async () => {
    const css = await ctx.app.inject('/netzwerk/gems/theme.css');
    expect(css.body).toMatch(/--primary:#[0-9a-f]{6}/);
    const page = await ctx.app.inject('/netzwerk/gems');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('shows the legal pages of a network', async () => {
    for (const page of ['impressum', 'datenschutz', 'barrierefreiheit']) {
      const response = await ctx.app.inject(`/netzwerk/weisswasser/${page}`);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Weißwasser');
    }
  });

  it('answers health and readiness probes', async () => {
    expect((await ctx.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await ctx.app.inject('/readyz')).json()).toEqual({ status: 'ready' });
  });
});
