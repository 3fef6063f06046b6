import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { backupToFile, restoreFromFile } from '../../platform/backup.ts';
import { overviewFigures, type OverviewScope } from './queries.ts';
import { NOW, overviewWorld, PERIOD } from './testing.ts';

/*
 * The monthly tables against the rows they count: after every kind of change the triggers must give
 * the same figures as counting the rows (the reference), and the same rows as overview_rebuild().
 */

let ctx: TestContext;
let world: Awaited<ReturnType<typeof overviewWorld>>;

async function query<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await ctx.deps.database.query<T>(text, params)).rows;
}

beforeAll(async () => {
  ctx = await createTestApp();
  world = await overviewWorld(ctx);
});
afterAll(() => ctx.close());

const TABLES = {
  overview_placement_months: 'placements',
  overview_network_placement_months: 'placements',
  overview_network_response_hours: 'answered',
  overview_response_minutes: 'answered',
  overview_network_response_minutes: 'answered',
  overview_offer_counts: 'published',
  overview_offer_months: 'offers',
} as const;

/** Every table's non-zero rows, sorted, as text. */
async function snapshot(): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const [table, count] of Object.entries(TABLES)) {
    const found = await query<{ line: string }>(`select t::text as line from ${table} t where ${count} <> 0 order by 1`);
    result[table] = found.map((r) => r.line);
  }
  return result;
}

function scopes(): Array<[string, OverviewScope]> {
  const gems = [world.gems.id];
  const periods = [PERIOD, { from: '2024-06', to: '2024-07' }, { from: '2025-03', to: '2025-03' }, { from: '2023-01', to: '2025-12' }];
  const list: Array<[string, OverviewScope]> = [];
  for (const period of periods) {
    list.push([`gems ${period.from}`, { networkIds: gems, municipalityId: null, period }]);
    list.push([`all ${period.from}`, { networkIds: null, municipalityId: null, period }]);
    for (const name of ['Krostitz', 'Delitzsch', 'Taucha', 'Jesewitz', 'Löbnitz']) {
      list.push([`${name} ${period.from}`, { networkIds: gems, municipalityId: world.m(name).id, period }]);
    }
  }
  return list;
}

async function expectSameAsRows(step: string): Promise<void> {
  for (const [label, scope] of scopes()) {
    const fromTables = await overviewFigures(ctx.deps.db, scope, { source: 'tables' });
    const fromRows = await overviewFigures(ctx.deps.db, scope, { source: 'rows' });
    expect(fromTables, `${step}: ${label}`).toEqual(fromRows);
  }
  const kept = await snapshot();
  await query('select overview_rebuild()');
  expect(await snapshot(), `${step}: rebuilt`).toEqual(kept);
}

describe('monthly tables', () => {
  it('are there and count the hand-counted world like the rows', async () => {
    const gems = await overviewFigures(ctx.deps.db, { networkIds: [world.gems.id], municipalityId: null, period: PERIOD }, { source: 'tables' });
    expect(gems.placementsTotal).toBe(8); // P1…P8 (see queries.test.ts)
    expect(gems.response).toEqual({ medianHours: 7, answered: 6 });
    expect(gems.publishedOffers).toBe(4);
    await expectSameAsRows('start');
  });

  it('follow placements that change status, get answered, move or go', async () => {
    const [p3] = await query<{ id: string }>(`select id from placements where created_at = '2025-03-03T08:00:00Z'`);
    await query(`update placements set status = 'placed' where id = $1`, [p3!.id]);
    await query(`update placements set first_response_at = created_at + interval '90 minutes' where status = 'requested'`);
    await query(`update placements set last_activity_at = now()`);
    await query(`delete from placements where created_at = '2025-05-05T08:00:00Z'`);
    await query(`update placements set created_at = created_at - interval '1 month' where created_at = '2025-06-01T10:00:00Z'`);
    const [a1] = await query<{ id: string }>(`select id from offers where title = 'Besuchsdienst'`);
    await query(
      `insert into placements (network_id, offer_id, status, created_at, first_response_at)
       select $1, $2, s, $3::timestamptz - g * interval '9 days', $3::timestamptz - g * interval '9 days' + g * interval '17 minutes'
       from generate_series(1, 40) g, unnest(array['requested', 'placed', 'declined', 'ended']) s`,
      [world.gems.id, a1!.id, NOW.toISOString()],
    );
    await expectSameAsRows('placements');
  });

  it('follow offers that are published, archived, moved to another field or municipality, or deleted', async () => {
    await query(`update offers set status = 'archived' where title = 'Kinderturnen'`);
    await query(`update offers set status = 'published', published_at = '2025-04-02T08:00:00Z' where title = 'Chor'`);
    await query(`update offers set field = 'kultur' where title = 'Lebensmittelausgabe'`);
    // A1 and its placements move from Krostitz to Jesewitz.
    await query(`update offers set municipality_id = $1 where title = 'Besuchsdienst'`, [world.m('Jesewitz').id]);
    await query(`update offers set municipality_id = null where title = 'Lesepatenschaft'`);
    await query(`update offers set title = title || ' (neu)'`);
    // A3's placements lose their offer: they count where nothing is known any more.
    await query(`delete from offers where title like 'Lebensmittelausgabe%'`);
    await expectSameAsRows('offers');
  });

  it('follow needs that move or go', async () => {
    // N3 (Taucha) has P7: it moves with its need, then loses it.
    await query(`update needs set municipality_id = $1 where municipality_id = $2`, [world.m('Löbnitz').id, world.taucha.id]);
    await expectSameAsRows('need moved');
    await query(`delete from needs where municipality_id = $1`, [world.m('Löbnitz').id]);
    await expectSameAsRows('needs');
  });

  it('follow offers and needs whose municipality is removed (set null by the foreign key)', async () => {
    // Krostitz still has A2 with P3, and the needs N1 and N5: they all count without a municipality after.
    const krostitz = world.m('Krostitz').id;
    const [moving] = await query<{ n: number }>(`select count(*)::int as n from placements p join offers o on o.id = p.offer_id where o.municipality_id = $1`, [krostitz]);
    expect(moving!.n).toBeGreaterThan(0);
    await query(`delete from municipalities where id = $1`, [krostitz]);
    await expectSameAsRows('municipality removed');
  });

  it('let a network be deleted with everything in it', async () => {
    await query(`delete from networks where id = $1`, [world.weisswasser.id]);
    for (const table of Object.keys(TABLES)) {
      expect(await query(`select 1 from ${table} where network_id = $1`, [world.weisswasser.id]), table).toEqual([]);
    }
    await expectSameAsRows('network deleted');
  });

  it('are left out of a backup and counted once after its restore', async () => {
    const before = await Promise.all(scopes().map(([, scope]) => overviewFigures(ctx.deps.db, scope, { source: 'tables' })));
    const kept = await snapshot();
    expect(kept.overview_placement_months!.length).toBeGreaterThan(0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-overview-backup-'));
    try {
      const file = path.join(dir, 'backup.jsonl.gz');
      const counts = await backupToFile(ctx.deps.database, file);
      expect(Object.keys(counts).filter((table) => table.startsWith('overview_'))).toEqual([]);
      // Restored over the same data: the old rows go, the restored ones are counted by the triggers,
      // and overview_rebuild() at the end must leave each of them counted once.
      await restoreFromFile(ctx.deps.database, file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const after = await Promise.all(scopes().map(([, scope]) => overviewFigures(ctx.deps.db, scope, { source: 'tables' })));
    expect(after).toEqual(before);
    expect(await snapshot()).toEqual(kept);
    await expectSameAsRows('restored');
  });
});
