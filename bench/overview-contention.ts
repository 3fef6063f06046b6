/**
 * Write contention on the overview's count rows: every new placement adds 1 to the row of its
 * network, month and status (and of its municipality), and holds that row's lock until it commits,
 * so inquiries of one network in one month queue behind each other. This opens placements the way
 * requestPlacement does (one transaction: the placement and its first event) from several
 * connections at once, all for the same offer, with the counting triggers on and then off, and
 * prints inquiries per second and the time per transaction. A benchmark, not a test. The rows it
 * adds are deleted again, and the counts rebuilt (overview_rebuild(), some 15 s at 1M placements).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/mmn_bench_overview npx tsx bench/overview-contention.ts \
 *     [--seconds 10] [--writers 1,4,16]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { BENCH_NETWORK_SLUG } from './generate.ts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, writers: { type: 'string', default: '1,4,16' } },
});
const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL to the benchmark database (bench/overview.ts makes its data)');
const seconds = Number(values.seconds);
const writerCounts = values.writers.split(',').map(Number);
const MARK = 'contention@bench.example';
const TRIGGER = 'overview_placements_inserted';

const pool = new pg.Pool({ connectionString: url, max: Math.max(...writerCounts) + 1 });
const { rows: offers } = await pool.query<{ id: string; network_id: string }>(
  `select o.id, o.network_id from offers o join networks n on n.id = o.network_id
   where n.slug = $1 and o.status = 'published' and o.municipality_id is not null limit 1`,
  [BENCH_NETWORK_SLUG],
);
const offer = offers[0];
if (!offer) throw new Error('no published offer in the bench network: run bench/overview.ts first');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** `writers` connections opening placements for `seconds`; the transactions per second and their times. */
async function run(writers: number) {
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      const client = await pool.connect();
      try {
        while (performance.now() < until) {
          const started = performance.now();
          await client.query('BEGIN');
          const { rows } = await client.query<{ id: string }>(
            `insert into placements (network_id, offer_id, volunteer_email, status) values ($1, $2, $3, 'requested') returning id`,
            [offer!.network_id, offer!.id, MARK],
          );
          await client.query(`insert into placement_events (placement_id, to_status) values ($1, 'requested')`, [rows[0]!.id]);
          await client.query('COMMIT');
          times.push(performance.now() - started);
        }
      } finally {
        client.release();
      }
    }),
  );
  times.sort((a, b) => a - b);
  return { perSecond: times.length / seconds, p50: percentile(times, 50), p95: percentile(times, 95) };
}

console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${os.cpus().length} cores; ${seconds} s per line`);
try {
  for (const counting of [true, false]) {
    await pool.query(`alter table placements ${counting ? 'enable' : 'disable'} trigger ${TRIGGER}`);
    for (const writers of writerCounts) {
      const r = await run(writers);
      console.log(
        `counting ${counting ? 'on ' : 'off'}  ${String(writers).padStart(2)} writers: ${r.perSecond.toFixed(0).padStart(5)} inquiries/s, ` +
          `transaction p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`,
      );
    }
  }
} finally {
  await pool.query(`alter table placements enable trigger ${TRIGGER}`);
  // The rows added while the counting was off are subtracted by the delete too: hence the rebuild.
  await pool.query(`delete from placements where volunteer_email = $1`, [MARK]);
  await pool.query('select overview_rebuild()');
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`);
  await pool.end();
}
