import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { cachedOverviewFigures, FIGURES_TTL_MS } from './cache.ts';

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
    expect((await cachedOverviewFigures(ctx.deps.db, scope, start + FIGURES_TTL_MS)).publishedOffers).toBe(1);
  });
});
