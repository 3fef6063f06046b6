import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { cachedOverviewFigures, FIGURES_STALE_MS, FIGURES_TTL_MS } from './cache.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('figures cache', () => {
  it('keeps a scope’s figures for a minute, then counts again', async () => {
    const { gems, municipality } = await demoRegion(ctx);
    const scope = { networkIds: [gems.id], municipalityId: null, period: { from: '2025-01', to: '2025-06' } };
    const start = 1_000_000;
    expect((await cachedOverviewFigures(ctx.deps.db, scope, start)).publishedOffers).toBe(0);
    const organisation = await createOrganisation(ctx, { networkId: gems.id, municipalityId: municipality('Krostitz').id });
    await createOffer(ctx, { networkId: gems.id, organisationId: organisation.id, municipalityId: municipality('Krostitz').id });
    expect((await cachedOverviewFigures(ctx.deps.db, scope, start + FIGURES_TTL_MS - 1)).publishedOffers).toBe(0);
    expect((await cachedOverviewFigures(ctx.deps.db, { ...scope, municipalityId: municipality('Krostitz').id }, start + 1)).publishedOffers).toBe(1);
    // After a minute the old count still answers at once, while one new count runs for the next visitor.
    expect((await cachedOverviewFigures(ctx.deps.db, scope, start + FIGURES_TTL_MS)).publishedOffers).toBe(0);
    await expect.poll(async () => (await cachedOverviewFigures(ctx.deps.db, scope, start + FIGURES_TTL_MS + 1)).publishedOffers).toBe(1);
  });

  it('counts afresh, and waits for it, when a scope went unvisited for ten minutes', async () => {
    const { gems, municipality } = await demoRegion(ctx);
    const scope = { networkIds: [gems.id], municipalityId: municipality('Löbnitz').id, period: { from: '2025-01', to: '2025-06' } };
    const start = 5_000_000;
    const before = (await cachedOverviewFigures(ctx.deps.db, scope, start)).publishedOffers;
    const organisation = await createOrganisation(ctx, { networkId: gems.id, municipalityId: municipality('Löbnitz').id });
    await createOffer(ctx, { networkId: gems.id, organisationId: organisation.id, municipalityId: municipality('Löbnitz').id });
    expect((await cachedOverviewFigures(ctx.deps.db, scope, start + FIGURES_STALE_MS)).publishedOffers).toBe(before + 1);
  });
});
