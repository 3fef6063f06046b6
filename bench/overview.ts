/**
 * Measures the overview (/ueberblick) on a large database: the figures query, the page through the
 * HTTP stack, and the CSV export of about a million placements with the process's memory sampled
 * while it streams. A benchmark, not a test: it prints figures and never fails.
 *
 *   createdb mmn_bench_overview   # once, on the PostgreSQL server
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/mmn_bench_overview npx tsx bench/overview.ts \
 *     [--offers 100000] [--placements 1000000] [--runs 30] [--no-exports] [--source rows|tables]
 *
 * Missing data is generated first with bench/generate.ts (offers, volunteers, placements) plus open
 * needs from bench/overview-data.ts; a second run reuses it. The figures come from the monthly tables
 * (migration 0010; see docs/performance.md); --source rows counts the rows instead, for the figures
 * queries and the pages alike.
 * Timings are wall-clock in this process (app.inject: no network, so server-side time), and this
 * process's CPU time per request beside them; bench/overview-explain.ts gives the database's.
 */
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { closeDeps, createDeps } from '../src/platform/runtime.ts';
import { createSession, SESSION_COOKIE } from '../src/platform/auth/sessions.ts';
import { countRowsInstead, hasMonthlyTables, overviewFigures } from '../src/modules/overview/queries.ts';
import { forgetCachedFigures } from '../src/modules/overview/cache.ts';
import { addMonths, berlinMonth } from '../src/modules/overview/params.ts';
import { BENCH_NETWORK_SLUG, generate, openBenchDatabase } from './generate.ts';
import { addNeeds } from './overview-data.ts';

const { values } = parseArgs({
  options: {
    offers: { type: 'string', default: '100000' },
    placements: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '30' },
    exports: { type: 'boolean', default: true },
    source: { type: 'string' },
  },
  allowNegative: true,
});
const source = values.source === 'rows' || values.source === 'tables' ? values.source : undefined;
const wantedOffers = Number(values.offers);
const wantedPlacements = Number(values.placements);
const runs = Number(values.runs);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface Timing {
  label: string;
  p50: number;
  p95: number;
  max: number;
  /** This process's CPU time per run (user + system), median: rendering and driver work, not the database's. */
  cpuP50: number;
}

async function timed(label: string, fn: () => Promise<unknown>): Promise<Timing> {
  await fn();
  await fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const result = { label, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] ?? NaN, cpuP50: percentile(cpu, 50) };
  console.log(
    `${label.padEnd(48)} p50 ${result.p50.toFixed(1).padStart(7)} ms   p95 ${result.p95.toFixed(1).padStart(7)} ms   max ${result.max.toFixed(1).padStart(7)} ms   node CPU p50 ${result.cpuP50.toFixed(1).padStart(6)} ms`,
  );
  return result;
}

const database = await openBenchDatabase();
if (database.kind !== 'postgres') console.warn('Not PostgreSQL: set DATABASE_URL for figures comparable with the target.');
const count = async (sql: string) => (await database.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
if ((await count('select count(*)::int as n from offers')) < wantedOffers * 0.99) {
  console.log(`generating ${wantedOffers} offers, ${Math.round(wantedPlacements / 50)} volunteers and ${wantedPlacements} placements …`);
  await generate(database, { offers: wantedOffers, seed: 42, municipalities: undefined, volunteers: Math.round(wantedPlacements / 50), placements: wantedPlacements });
}
const { rows: benchRows } = await database.query<{ id: string }>(`select id from networks where slug = $1`, [BENCH_NETWORK_SLUG]);
const benchId = benchRows[0]?.id;
if (!benchId) throw new Error('bench network missing');
if ((await count('select count(*)::int as n from needs')) < 5000) {
  await addNeeds(database, benchId, 5000);
  await database.query('analyze needs');
}
const totals = (await database.query<Record<string, number>>(
  `select (select count(*)::int from offers) as offers, (select count(*)::int from placements) as placements,
     (select count(*)::int from volunteer_profiles) as volunteers, (select count(*)::int from needs) as needs,
     (select count(*)::int from municipalities) as municipalities`,
)).rows[0];
console.log(`database (${database.kind}):`, totals);
await database.close();

const deps = await createDeps(loadConfig({ DEMO: 'false', DATABASE_URL: process.env.DATABASE_URL ?? '', DATA_DIR: process.env.DATA_DIR ?? './data', COOKIE_SECRET: 'bench-cookie-secret-0123456789abcdef0123' }), { workers: false });
if (source === 'rows') countRowsInstead(deps.db);
const app = await buildApp(deps);
await app.ready();
const { rows: office } = await deps.database.query<{ id: string }>(
  `insert into users (email, name, email_verified_at) values ('bench-office-' || md5(random()::text) || '@bench.example', 'Büro', now()) returning id`,
);
await deps.database.query(`insert into memberships (network_id, user_id, role) values ($1, $2, 'network_office')`, [benchId, office[0]!.id]);
const cookie = `${SESSION_COOKIE}=${await createSession(deps.db, office[0]!.id, new Date())}`;
const { rows: town } = await deps.database.query<{ id: string }>(
  `select municipality_id as id from offers where network_id = $1 and municipality_id is not null group by 1 order by count(*) desc limit 1`,
  [benchId],
);

// How busy the machine is: the same CPU loop takes about 20 ms on an idle core of this kind.
const loopStarted = performance.now();
let sink = 0;
for (let i = 0; i < 1e7; i++) sink += Math.sqrt(i);
const loopMs = performance.now() - loopStarted;
const scanStarted = performance.now();
await deps.database.query('select count(*) from placements');
const scanMs = performance.now() - scanStarted;
console.log(`calibration: CPU loop ${loopMs.toFixed(0)} ms (${sink > 0 ? 'ok' : ''}), count(*) over placements ${scanMs.toFixed(0)} ms, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);

const to = berlinMonth(new Date());
const period = { from: addMonths(to, -11), to };
const base = `/netzwerk/${BENCH_NETWORK_SLUG}/ueberblick`;
const figuresFrom = source ?? ((await hasMonthlyTables(deps.db)) ? 'tables' : 'rows');
console.log(`\nperiod ${period.from} … ${period.to}, ${runs} runs each (after 2 warm-up runs); figures from the ${figuresFrom === 'tables' ? 'monthly tables' : 'rows'}`);
/** A page as a browser asks for it: compressed (brotli), maybe with the office's session. */
const page = (url: string, withCookie?: string) =>
  app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br', ...(withCookie ? { cookie: withCookie } : {}) } });
const results = [
  await timed('figures query, bench network', () => overviewFigures(deps.db, { networkIds: [benchId], municipalityId: null, period }, { source })),
  await timed('figures query, one municipality', () => overviewFigures(deps.db, { networkIds: [benchId], municipalityId: town[0]!.id, period }, { source })),
  await timed('figures query, all networks', () => overviewFigures(deps.db, { networkIds: null, municipalityId: null, period }, { source })),
  // What a visitor meets when nobody asked for this scope in the last minute.
  await timed('page, public view, figures not cached', async () => {
    forgetCachedFigures(deps.db);
    const r = await page(base);
    if (r.statusCode !== 200) throw new Error(`page answered ${r.statusCode}`);
  }),
  await timed('page, one municipality, figures not cached', async () => {
    forgetCachedFigures(deps.db);
    const r = await page(`${base}?kommune=${town[0]!.id}`);
    if (r.statusCode !== 200) throw new Error(`page answered ${r.statusCode}`);
  }),
  await timed('page, network office, figures not cached', async () => {
    forgetCachedFigures(deps.db);
    const r = await page(base, cookie);
    if (r.statusCode !== 200) throw new Error(`page answered ${r.statusCode}`);
  }),
  await timed('page, all networks, figures not cached', async () => {
    forgetCachedFigures(deps.db);
    const r = await page('/ueberblick');
    if (r.statusCode !== 200) throw new Error(`page answered ${r.statusCode}`);
  }),
  await timed('page, public view, figures cached (app.inject)', async () => {
    const r = await page(base);
    if (r.statusCode !== 200) throw new Error(`page answered ${r.statusCode}`);
  }),
  await timed('page, network office, figures cached', async () => {
    const r = await page(base, cookie);
    if (r.statusCode !== 200) throw new Error(`page answered ${r.statusCode}`);
  }),
  await timed('page, all networks, figures cached', async () => {
    const r = await page('/ueberblick');
    if (r.statusCode !== 200) throw new Error(`page answered ${r.statusCode}`);
  }),
];

// The export through a real socket, read as a client would: light-my-request would buffer the body.
const address = await app.listen({ port: 0, host: '127.0.0.1' });
async function measureExport(path: string) {
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 50);
  const started = performance.now();
  const response = await fetch(`${address}${path}`, { headers: { cookie } });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
  // Lines mean rows in a CSV only; an XLSX is zipped.
  const rows = path.includes('.csv') ? `${lines - 1} rows, ` : '';
  console.log(
    `${path.split('?')[0]}: status ${response.status}, ${rows}${mb(bytes)} MB in ${seconds.toFixed(1)} s; ` +
      `RSS ${mb(before.rss)} → peak ${mb(peakRss)} MB, heap ${mb(before.heapUsed)} → peak ${mb(peakHeap)} MB`,
  );
  return { path, rows: lines - 1, seconds, rssBefore: before.rss, peakRss, heapBefore: before.heapUsed, peakHeap };
}
const wide = `von=${addMonths(to, -24)}&bis=${to}`;
const exports = [];
if (values.exports) {
  console.log('\nexports (this process serves and reads them; memory is the whole process)');
  exports.push(await measureExport(`${base}/export/anfragen.csv?${wide}`));
  exports.push(await measureExport(`${base}/export/angebote.csv?${wide}`));
  exports.push(await measureExport(`${base}/export/anfragen.xlsx?${wide}`));
}
console.log(JSON.stringify({ totals, loopMs, scanMs, results, exports }));
await app.close();
await closeDeps(deps);
