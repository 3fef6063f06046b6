import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { municipalities } from '../../platform/networks/schema.ts';
import { hasMonthlyTables, medianByHours, medianOf, overviewFigures, type OverviewFigures } from './queries.ts';
import { overviewWorld, PERIOD } from './testing.ts';

/*
 * Every figure against the hand-counted world of testing.ts. The comments name the fixture rows
 * (A1…A7 offers, N1…N9 needs, P1…P11 placements) each number was counted from. The figures come
 * from the monthly tables (the default); counting the rows must give the same (aggregates.test.ts
 * follows both through every kind of change).
 */

let ctx: TestContext;
let world: Awaited<ReturnType<typeof overviewWorld>>;
let gems: OverviewFigures;
let krostitz: OverviewFigures;
let all: OverviewFigures;

beforeAll(async () => {
  ctx = await createTestApp();
  world = await overviewWorld(ctx);
  gems = await overviewFigures(ctx.deps.db, { networkIds: [world.gems.id], municipalityId: null, period: PERIOD });
  krostitz = await overviewFigures(ctx.deps.db, { networkIds: [world.gems.id], municipalityId: world.krostitz.id, period: PERIOD });
  all = await overviewFigures(ctx.deps.db, { networkIds: null, municipalityId: null, period: PERIOD });
});
afterAll(() => ctx.close());

describe('sources', () => {
  it('reads the monthly tables, and counting the rows gives the same figures', async () => {
    expect(await hasMonthlyTables(ctx.deps.db)).toBe(true);
    const scopes = [
      { networkIds: [world.gems.id], municipalityId: null, period: PERIOD },
      { networkIds: [world.gems.id], municipalityId: world.krostitz.id, period: PERIOD },
      { networkIds: null, municipalityId: null, period: PERIOD },
    ];
    const fromRows = await Promise.all(scopes.map((scope) => overviewFigures(ctx.deps.db, scope, { source: 'rows' })));
    expect(fromRows).toEqual([gems, krostitz, all]);
  });
});

describe('figures of a network', () => {
  it('counts published offers, verified organisations, volunteers and open needs', () => {
    expect(gems.publishedOffers).toBe(4); // A1, A2, A3, A6 (A4 draft, A5 archived, A7 elsewhere)
    expect(gems.verifiedOrganisations).toBe(2); // O1, O2 (O3 pending, O4 elsewhere)
    expect(gems.volunteers).toBe(6); // 3 Krostitz + 3 Delitzsch
    expect(gems.openNeeds).toBe(7); // N1, N2, N3, N4, N6, N7, N8 (N5 closed, N9 elsewhere)
  });

  it('counts placements of the period by status, in German months', () => {
    // P1…P8; P8 was opened at 00:30 on 1 January German time; P9, P10 before, P11 elsewhere.
    expect(gems.placementsByStatus).toEqual({
      requested: 1, // P5
      in_contact: 1, // P3
      first_meeting: 1, // P7
      placed: 2, // P1, P6
      ended: 1, // P2
      declined: 1, // P4
      no_answer: 1, // P8
    });
    expect(gems.placementsTotal).toBe(8);
  });

  it('takes the median response time over answered placements of the period', () => {
    // P7 1 h, P1 2 h, P4 4 h, P2 10 h, P3 24 h, P6 48 h: median (4 + 10) / 2 = 7 h.
    expect(gems.response).toEqual({ medianHours: 7, answered: 6 });
  });

  it('finds open needs without a published offer of the same field in reach', () => {
    // In the order of the fields of the Freiwilligensurvey.
    expect(gems.unmetNeeds).toEqual([
      { field: 'sport', open: 1, unmet: 0 }, // N2: A2 about 9 km away
      { field: 'kultur', open: 1, unmet: 1 }, // N3: the kultur offer is a draft
      { field: 'sozial', open: 3, unmet: 1 }, // N1 met (same municipality), N7 met (11 km), N6 unmet (no coordinates)
      { field: 'schule', open: 1, unmet: 1 }, // N8: A6 about 19 km away
      { field: 'umwelt', open: 1, unmet: 1 }, // N4: the umwelt offer is archived
    ]);
  });

  it('computes offers per 1,000 inhabitants for every municipality of the network', () => {
    expect(gems.municipalities).toHaveLength(10);
    const byName = new Map(gems.municipalities.map((m) => [m.name, m]));
    expect(byName.get('Krostitz')?.publishedOffers).toBe(2); // A1, A2
    expect(byName.get('Krostitz')?.offersPer1000).toBeCloseTo((2 * 1000) / 3936, 10); // 3,936 inhabitants
    expect(byName.get('Delitzsch')?.publishedOffers).toBe(2); // A3, A6
    expect(byName.get('Delitzsch')?.offersPer1000).toBeCloseTo((2 * 1000) / 26054, 10);
    expect(byName.get('Taucha')?.publishedOffers).toBe(0); // A5 archived
    expect(byName.get('Taucha')?.offersPer1000).toBe(0);
  });

  it('shows a trend over 24 months ending with the period', () => {
    expect(gems.trend).toHaveLength(24);
    expect(gems.trend[0]?.month).toBe('2023-07');
    expect(gems.trend[23]?.month).toBe('2025-06');
    const nonZero = gems.trend.filter((m) => m.newOffers || m.newPlacements || m.placed);
    expect(nonZero).toEqual([
      { month: '2024-06', newOffers: 1, newPlacements: 0, placed: 0 }, // A6 (23:30 UTC on 31 May)
      { month: '2024-07', newOffers: 0, newPlacements: 1, placed: 0 }, // P10 (22:30 UTC on 30 June)
      { month: '2024-11', newOffers: 0, newPlacements: 1, placed: 1 }, // P9 placed
      { month: '2024-12', newOffers: 1, newPlacements: 0, placed: 0 }, // A5, archived since
      { month: '2025-01', newOffers: 0, newPlacements: 2, placed: 1 }, // P1 placed, P8
      { month: '2025-02', newOffers: 1, newPlacements: 1, placed: 1 }, // A1; P2 ended (was placed)
      { month: '2025-03', newOffers: 2, newPlacements: 2, placed: 0 }, // A2, A3; P3, P4
      { month: '2025-04', newOffers: 0, newPlacements: 1, placed: 0 }, // P5
      { month: '2025-05', newOffers: 0, newPlacements: 1, placed: 1 }, // P6 placed
      { month: '2025-06', newOffers: 0, newPlacements: 1, placed: 0 }, // P7
    ]);
  });
});

describe('figures of one municipality', () => {
  it('counts only what belongs to Krostitz', () => {
    expect(krostitz.publishedOffers).toBe(2); // A1, A2
    expect(krostitz.verifiedOrganisations).toBe(1); // O1
    expect(krostitz.volunteers).toBe(3);
    expect(krostitz.openNeeds).toBe(1); // N1
    expect(krostitz.placementsTotal).toBe(3); // P1, P2, P3 (offers in Krostitz)
    expect(krostitz.placementsByStatus.placed).toBe(1);
    expect(krostitz.placementsByStatus.ended).toBe(1);
    expect(krostitz.placementsByStatus.in_contact).toBe(1);
    expect(krostitz.response).toEqual({ medianHours: 10, answered: 3 }); // 2, 10, 24 h
    expect(krostitz.unmetNeeds).toEqual([{ field: 'sozial', open: 1, unmet: 0 }]);
  });

  it('shows the trend of Krostitz alone', () => {
    expect(krostitz.trend).toHaveLength(24);
    const nonZero = krostitz.trend.filter((m) => m.newOffers || m.newPlacements || m.placed);
    expect(nonZero).toEqual([
      { month: '2024-11', newOffers: 0, newPlacements: 1, placed: 1 }, // P9 (A1) placed
      { month: '2025-01', newOffers: 0, newPlacements: 1, placed: 1 }, // P1 (A1) placed; P8 is Delitzsch
      { month: '2025-02', newOffers: 1, newPlacements: 1, placed: 1 }, // A1; P2 (A1) ended
      { month: '2025-03', newOffers: 1, newPlacements: 1, placed: 0 }, // A2; P3 (A2) in contact; P4 is Delitzsch
    ]);
  });

  it('keeps every municipality of the network for the map, with the network’s counts', () => {
    // The map and its table show all ten municipalities even when the page is about one of them.
    expect(krostitz.municipalities).toHaveLength(10);
    expect(krostitz.municipalities.find((m) => m.name === 'Delitzsch')?.publishedOffers).toBe(2); // A3, A6
  });

  it('looks for fitting offers across the municipality’s border', async () => {
    const scope = (name: string) => ({ networkIds: [world.gems.id], municipalityId: world.m(name).id, period: PERIOD });
    // N7 sozial in Löbnitz: no offer in Löbnitz, but A3 in Delitzsch about 11 km away.
    expect((await overviewFigures(ctx.deps.db, scope('Löbnitz'))).unmetNeeds).toEqual([{ field: 'sozial', open: 1, unmet: 0 }]);
    // N8 schule in Zschepplin: A6 in Delitzsch is about 19 km away, out of reach.
    expect((await overviewFigures(ctx.deps.db, scope('Zschepplin'))).unmetNeeds).toEqual([{ field: 'schule', open: 1, unmet: 1 }]);
    // N6 sozial in Wiedemar has no coordinates: only an offer in Wiedemar itself would count.
    expect((await overviewFigures(ctx.deps.db, scope('Wiedemar'))).unmetNeeds).toEqual([{ field: 'sozial', open: 1, unmet: 1 }]);
  });

  it('counts a placement for a need by the need’s municipality', async () => {
    const taucha = await overviewFigures(ctx.deps.db, { networkIds: [world.gems.id], municipalityId: world.taucha.id, period: PERIOD });
    expect(taucha.placementsTotal).toBe(1); // P7 for N3
    expect(taucha.placementsByStatus.first_meeting).toBe(1);
  });
});

describe('figures of all networks', () => {
  it('adds the other network', () => {
    expect(all.publishedOffers).toBe(5); // + A7
    expect(all.verifiedOrganisations).toBe(3); // + O4
    expect(all.volunteers).toBe(7); // + 1 in Weißwasser
    expect(all.openNeeds).toBe(8); // + N9
    expect(all.placementsTotal).toBe(9); // + P11
    expect(all.placementsByStatus.placed).toBe(3);
    expect(all.municipalities).toHaveLength(11);
  });

  it('counts a month by German time at the period’s end as well', async () => {
    const gemsIn = (from: string, to: string) => overviewFigures(ctx.deps.db, { networkIds: [world.gems.id], municipalityId: null, period: { from, to } });
    // P10 was opened at 22:30 UTC on 30 June 2024, 00:30 on 1 July in Germany.
    expect((await gemsIn('2024-06', '2024-06')).placementsTotal).toBe(0);
    const july = await gemsIn('2024-07', '2024-07');
    expect(july.placementsTotal).toBe(1);
    expect(july.placementsByStatus.declined).toBe(1);
    expect(july.response).toEqual({ medianHours: null, answered: 0 }); // P10 never answered
  });

  it('gives no rate per 1,000 inhabitants where the number of inhabitants is unknown or zero', async () => {
    const added = await ctx.deps.db
      .insert(municipalities)
      .values([
        { networkId: world.gems.id, name: 'Ohnezahl', inhabitants: null },
        { networkId: world.gems.id, name: 'Wüstung', inhabitants: 0 },
      ])
      .returning();
    try {
      const figures = await overviewFigures(ctx.deps.db, { networkIds: [world.gems.id], municipalityId: null, period: PERIOD });
      expect(figures.municipalities).toHaveLength(12);
      for (const name of ['Ohnezahl', 'Wüstung']) {
        const place = figures.municipalities.find((m) => m.name === name);
        expect(place?.publishedOffers).toBe(0);
        expect(place?.offersPer1000).toBeNull();
      }
      // Taucha has inhabitants and no published offer: a rate of 0, not "unknown".
      expect(figures.municipalities.find((m) => m.name === 'Taucha')?.offersPer1000).toBe(0);
    } finally {
      for (const place of added) await ctx.deps.db.delete(municipalities).where(eq(municipalities.id, place.id));
    }
  });

  it('narrows the period', async () => {
    const march = await overviewFigures(ctx.deps.db, { networkIds: [world.gems.id], municipalityId: null, period: { from: '2025-03', to: '2025-03' } });
    expect(march.placementsTotal).toBe(2); // P3, P4
    expect(march.response).toEqual({ medianHours: 14, answered: 2 }); // (4 + 24) / 2
    expect(march.trend[23]).toEqual({ month: '2025-03', newOffers: 2, newPlacements: 2, placed: 0 });
  });
});

describe('median of response times', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(medianOf([])).toBeNull();
    expect(medianOf([{ value: 60, count: 1 }])).toBe(60);
    // 1, 2, 2, 9 → (2 + 2) / 2; 1, 2, 9 → 2; 5, 7 → 6
    expect(medianOf([{ value: 9, count: 1 }, { value: 1, count: 1 }, { value: 2, count: 2 }])).toBe(2);
    expect(medianOf([{ value: 1, count: 1 }, { value: 2, count: 1 }, { value: 9, count: 1 }])).toBe(2);
    expect(medianOf([{ value: 5, count: 1 }, { value: 7, count: 1 }])).toBe(6);
  });

  it('finds the same median from counts per hour and the minutes of the middle hours only', async () => {
    // Values straddling hour borders: 59 and 60 minutes are in different hours; an even count whose
    // two middle values lie in different hours; negative minutes (an answer stamped before the inquiry).
    const cases: Array<Array<{ value: number; count: number }>> = [
      [],
      [{ value: 59, count: 1 }, { value: 60, count: 1 }],
      [{ value: -3, count: 2 }, { value: 10, count: 1 }],
      [{ value: 0, count: 3 }, { value: 61, count: 3 }, { value: 4321, count: 1 }],
    ];
    // And some random ones (a fixed seed, so a failure can be repeated).
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let c = 0; c < 200; c++) {
      const histogram = new Map<number, number>();
      for (let i = 0, n = 1 + Math.floor(random() * 40); i < n; i++) {
        const value = Math.floor(random() ** 3 * 4320) - (random() < 0.05 ? 30 : 0);
        histogram.set(value, (histogram.get(value) ?? 0) + 1 + Math.floor(random() * 3));
      }
      cases.push([...histogram].map(([value, count]) => ({ value, count })));
    }
    for (const minutes of cases) {
      const hours = new Map<number, number>();
      for (const m of minutes) hours.set(Math.floor(m.value / 60), (hours.get(Math.floor(m.value / 60)) ?? 0) + m.count);
      const asked: number[][] = [];
      const result = await medianByHours([...hours].map(([value, count]) => ({ value, count })), async (wanted) => {
        asked.push(wanted);
        return minutes.filter((m) => wanted.includes(Math.floor(m.value / 60)));
      });
      expect(result.median, JSON.stringify(minutes)).toBe(medianOf(minutes));
      expect(result.answered).toBe(minutes.reduce((sum, m) => sum + m.count, 0));
      // At most two hours' minutes are read, and none when nothing was answered.
      expect(asked.flat().length).toBeLessThanOrEqual(2);
      if (minutes.length === 0) expect(asked).toEqual([]);
    }
  });
});
