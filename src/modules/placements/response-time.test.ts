import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { overviewFigures } from '../overview/queries.ts';
import { overviewWorld } from '../overview/testing.ts';
import { listNetworkPlacements } from './queries.ts';
import { medianOf } from './response-time.ts';

/*
 * The placements list and the overview give the same median response time for the same placements
 * (issue 12, finding 10). The world is overview/testing.ts's; the hours are counted by hand from its
 * rows P1…P11 (created → first response): P1 2, P2 10, P3 24 (Krostitz); P4 4, P6 48 (Delitzsch);
 * P7 1 (Taucha); P9 3 (Krostitz, before the overview's default period); P5, P8, P10 unanswered;
 * P11 in another network.
 */

let ctx: TestContext;
let world: Awaited<ReturnType<typeof overviewWorld>>;
// Every placement of the world lies in these months, so the overview sees what the list sees.
const EVERYTHING = { from: '2024-06', to: '2025-06' };

beforeAll(async () => {
  ctx = await createTestApp();
  world = await overviewWorld(ctx);
  // The list shows inquiries once confirmed; the world's were all confirmed when made.
  await ctx.deps.database.query(`update placements set email_confirmed_at = created_at`);
});
afterAll(() => ctx.close());

describe('median response time', () => {
  it('is the middle value, or the mean of the two middle values', () => {
    expect(medianOf([])).toBeNull();
    expect(medianOf([{ value: 60, count: 1 }])).toBe(60);
    expect(medianOf([{ value: 180, count: 2 }, { value: 60, count: 1 }])).toBe(180);
    expect(medianOf([{ value: 60, count: 1 }, { value: 600, count: 1 }, { value: 120, count: 1 }, { value: 240, count: 1 }])).toBe(180);
  });

  it('is the same on the placements list and on the overview, for the whole network', async () => {
    const list = await listNetworkPlacements(ctx.deps.db, { networkId: world.gems.id });
    // 1, 2, 3, 4, 10, 24, 48 h: the fourth of seven is 4 h; ten placements, seven answered.
    expect(list.medianResponseSeconds).toBe(4 * 3600);
    expect(list.answered).toBe(7);
    expect(list.total).toBe(10);
    for (const source of ['tables', 'rows'] as const) {
      const overview = await overviewFigures(ctx.deps.db, { networkIds: [world.gems.id], municipalityId: null, period: EVERYTHING }, { source });
      expect(overview.response, source).toEqual({ medianHours: 4, answered: 7 });
    }
  });

  it('is the same on both pages for one municipality', async () => {
    const list = await listNetworkPlacements(ctx.deps.db, { networkId: world.gems.id, municipalityId: world.krostitz.id });
    // Krostitz: 2, 3, 10, 24 h: (3 + 10) / 2 = 6.5 h.
    expect(list.medianResponseSeconds).toBe(6.5 * 3600);
    expect(list.answered).toBe(4);
    const overview = await overviewFigures(ctx.deps.db, { networkIds: [world.gems.id], municipalityId: world.krostitz.id, period: EVERYTHING });
    expect(overview.response).toEqual({ medianHours: 6.5, answered: 4 });
  });

  it('counts from the inquiry, not from a later confirmation of the address', async () => {
    // Confirming an address later changes nothing: the clock starts when the inquiry was made.
    await ctx.deps.database.query(`update placements set email_confirmed_at = created_at + interval '30 minutes'`);
    const list = await listNetworkPlacements(ctx.deps.db, { networkId: world.gems.id });
    expect(list.medianResponseSeconds).toBe(4 * 3600);
  });
});
