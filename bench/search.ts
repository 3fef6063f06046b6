/**
 * Measures search latency (p50/p95/p99) for typical queries, directly through the query functions and
 * through the HTTP API (app.inject, no socket), on a database filled by bench/generate.ts.
 *
 *   npx tsx bench/search.ts [--runs 30] [--json bench/results/search.json]
 *   DATABASE_URL=postgres://… npx tsx bench/search.ts
 *   SEARCH_INDEX=database npx tsx bench/search.ts     # the database search instead of the in-memory index
 *   npx tsx bench/search.ts --quick                   # typical searches through the query function only
 *
 * It prints figures and never fails; the targets (p95 ≤ 20 ms at 10k offers on PGlite, ≤ 15 ms at 1M
 * on PostgreSQL) are for reading, not for asserting.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { closeDeps, createDeps } from '../src/platform/runtime.ts';
import { parseSearchQuery, toQueryString, toSearchParams } from '../src/modules/search/params.ts';
import { resolveSearch, runSearch } from '../src/modules/search/queries.ts';
import { liveOfferIndex } from '../src/modules/search/memory-sync.ts';
import { walkPool } from '../src/modules/search/walk-pool.ts';
import { openBenchDatabase, random } from './generate.ts';

/** Typical searches: words, filters and a radius, alone and combined (what the search page sends). */
export const TYPICAL: Array<{ name: string; query: Record<string, string | string[]> }> = [
  { name: 'word', query: { q: 'Hausaufgaben' } },
  { name: 'word + radius', query: { q: 'Hausaufgaben', ort: 'Delitzsch', umkreis: '10' } },
  { name: 'word + field', query: { q: 'Garten', feld: 'umwelt' } },
  { name: 'radius + field, by distance', query: { ort: 'Delitzsch', umkreis: '25', feld: 'schule', sort: 'entfernung' } },
  { name: 'two words + filters', query: { q: 'Vorlesen Kinder', zielgruppe: 'kinder', wochentag: '2' } },
  { name: 'word + postcode radius + commitment', query: { q: 'Feuerwehr', ort: '04509', umkreis: '50', einsatz: 'regular' } },
  { name: 'word + suitability + time, page 2', query: { q: 'Senioren', geeignet: 'seniors', tageszeit: 'afternoon', seite: '2' } },
  { name: 'typo (trigram fallback)', query: { q: 'Hausaufgabn' } },
];

/** Not typical but worth knowing: everything, unfiltered, with counts over all offers. */
export const BROWSE: Array<{ name: string; query: Record<string, string | string[]> }> = [
  { name: 'browse all, newest', query: {} },
  { name: 'browse one field', query: { feld: 'sozial' } },
];

const WORDS = ['Garten', 'Kinder', 'Feuerwehr', 'Senioren', 'Musik', 'Lesen', 'Sport', 'Begleitung', 'Natur', 'Verein'];

/** Random positions in Saxony with a radius and a common word: the "near me" search. */
export function nearSearches(count: number): Array<{ name: string; query: Record<string, string | string[]> }> {
  const r = random(7);
  return Array.from({ length: count }, () => ({
    name: 'position + radius + word',
    query: { lat: (50.3 + r.next() * 1.3).toFixed(4), lng: (12.1 + r.next() * 2.8).toFixed(4), umkreis: '15', q: r.pick(WORDS) },
  }));
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { n: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1] ?? NaN) };
}

/**
 * CPU time used so far by each PostgreSQL backend of this database (Linux /proc, server on this
 * machine), found by its process title ("postgres: user database host(port) state") so that taking the
 * snapshot costs the server nothing. Wall-clock figures on a busy machine include time spent waiting
 * for a core; CPU time does not. /proc/<pid>/schedstat gives nanoseconds; stat's ticks of 10 ms are
 * the fallback.
 */
function serverCpu(database: Awaited<ReturnType<typeof openBenchDatabase>>): Map<number, number> | undefined {
  if (database.kind !== 'postgres' || !process.env.DATABASE_URL) return undefined;
  const url = new URL(process.env.DATABASE_URL);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname)) return undefined;
  const name = decodeURIComponent(url.pathname.slice(1));
  const used = new Map<number, number>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!title.startsWith('postgres: ') || !title.includes(` ${name} `)) continue;
      const schedstat = fs.readFileSync(`/proc/${entry}/schedstat`, 'utf8').split(' ');
      if (schedstat.length >= 1 && Number(schedstat[0]) > 0) {
        used.set(Number(entry), Number(schedstat[0]) / 1e6);
      } else {
        const fields = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        used.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * 10);
      }
    } catch {
      // The process ended meanwhile, or belongs to someone else.
    }
  }
  return used;
}

/** Server CPU milliseconds between two snapshots; a backend that started in between counts whole. */
function serverCpuDelta(before: Map<number, number> | undefined, after: Map<number, number> | undefined): number | undefined {
  if (!before || !after) return undefined;
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

async function main() {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '30' }, json: { type: 'string' }, quick: { type: 'boolean', default: false } },
  });
  const runs = Math.max(1, Number(values.runs) || 30);
  const database = await openBenchDatabase();
  const config = loadConfig({ ...process.env, DEMO: 'false', LOG_LEVEL: 'silent', COOKIE_SECRET: 'bench-cookie-secret-0123456789-0123456789' });
  const deps = await createDeps(config, { database, workers: false });
  const app = await buildApp(deps, { logger: false });
  await app.ready();
  const [{ count } = { count: 0 }] = (await database.query<{ count: number }>("SELECT count(*)::int AS count FROM offers WHERE status = 'published'")).rows;
  // Other work on the machine inflates every figure: the load average is printed before and after.
  console.log(`engine: ${database.kind}; published offers: ${count}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}); ${runs} runs per query; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  const results: Record<string, unknown> = { engine: database.kind, offers: count, runs, cores: os.cpus().length, search: config.searchIndex };
  const memory = config.searchIndex === 'memory';
  if (memory) {
    // The index's first load, and what it holds on to.
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const index = await liveOfferIndex(deps.db).current(deps.db, 600_000);
    const loadMs = performance.now() - started;
    // The second search thread, started with the index, is ready before the first search is timed.
    await walkPool()?.ready();
    globalThis.gc?.();
    const rssAfter = process.memoryUsage().rss;
    console.log(
      `in-memory index: ${index?.size ?? 0} offers loaded in ${Math.round(loadMs)} ms; arrays ${(index ? index.arrayBytes() / 1e6 : 0).toFixed(1)} MB; RSS ${Math.round(rssBefore / 1e6)} → ${Math.round(rssAfter / 1e6)} MB`,
    );
    Object.assign(results, { indexLoadMs: Math.round(loadMs), indexRssMb: Math.round((rssAfter - rssBefore) / 1e6) });
  }
  console.log(`search: ${memory ? 'in-memory index' : 'database'}`);

  const now = new Date();
  async function direct(query: Record<string, string | string[]>): Promise<number> {
    const start = performance.now();
    const parsed = parseSearchQuery(query);
    if (!parsed) throw new Error(`invalid query ${JSON.stringify(query)}`);
    const { search } = await resolveSearch(deps.db, toSearchParams(parsed));
    await runSearch(deps.db, search, now, { memory });
    return performance.now() - start;
  }
  async function http(query: Record<string, string | string[]>): Promise<number> {
    const start = performance.now();
    const response = await app.inject(`/api/v1/offers?${toQueryString(query)}`);
    const elapsed = performance.now() - start;
    if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode} for ${toQueryString(query)}: ${response.body}`);
    return elapsed;
  }

  const table: string[] = [
    '| set | via | n | p50 ms | p95 ms | p99 ms | process CPU p50 / p95 ms | server CPU p50 / p95 / mean ms |',
    '|---|---|---|---|---|---|---|---|',
  ];
  const near = nearSearches(runs);
  // --quick: the typical searches through the query function only (comparing two versions of the code).
  const sets = [['typical', [...TYPICAL, ...near.slice(0, 4)]], ['browse', BROWSE]] as const;
  const ways = [['query function', direct], ['HTTP API (inject)', http]] as const;
  for (const [setName, set] of values.quick ? sets.slice(0, 1) : sets) {
    for (const [via, measure] of values.quick ? ways.slice(0, 1) : ways) {
      // Warm-up: caches, prepared plans, and the JIT compiler (the in-memory index's loops reach their
      // optimised code only after a few runs of each kind of query).
      for (let round = 0; round < 5; round++) for (const { query } of set) await measure(query);
      const samples: number[] = [];
      const cpuSamples: number[] = [];
      const serverSamples: number[] = [];
      const perQuery: Record<string, number[]> = {};
      const perQueryCpu: Record<string, number[]> = {};
      for (let run = 0; run < runs; run++) {
        const queries = setName === 'typical' ? [...TYPICAL, near[run]!] : set;
        for (const { name, query } of queries) {
          const serverBefore = serverCpu(database);
          const cpu = process.cpuUsage();
          const ms = await measure(query);
          const used = process.cpuUsage(cpu);
          const server = serverCpuDelta(serverBefore, serverCpu(database));
          // PGlite runs inside this process: its work is the process's CPU time.
          const engineCpu = server ?? (used.user + used.system) / 1000;
          cpuSamples.push((used.user + used.system) / 1000);
          if (server !== undefined) serverSamples.push(server);
          samples.push(ms);
          (perQuery[name] ??= []).push(ms);
          (perQueryCpu[name] ??= []).push(engineCpu);
        }
      }
      const overall = summary(samples);
      const cpu = summary(cpuSamples);
      const server = serverSamples.length ? summary(serverSamples) : undefined;
      const serverMean = serverSamples.length ? Math.round((serverSamples.reduce((a, b) => a + b, 0) / serverSamples.length) * 10) / 10 : undefined;
      results[`${setName} / ${via}`] = {
        overall,
        processCpu: cpu,
        serverCpu: server,
        serverCpuMeanMs: serverMean,
        perQuery: Object.fromEntries(Object.entries(perQuery).map(([k, v]) => [k, { wall: summary(v), engineCpu: summary(perQueryCpu[k] ?? []) }])),
      };
      const serverText = server ? `${server.p50} / ${server.p95} / ${serverMean}` : '–';
      table.push(`| ${setName} | ${via} | ${overall.n} | ${overall.p50} | ${overall.p95} | ${overall.p99} | ${cpu.p50} / ${cpu.p95} | ${serverText} |`);
      console.log(`\n${setName} via ${via}: p50 ${overall.p50} ms, p95 ${overall.p95} ms, p99 ${overall.p99} ms; process CPU p50 ${cpu.p50} ms, p95 ${cpu.p95} ms; server CPU p50 / p95 / mean ${serverText} ms`);
      console.log(`  ${''.padEnd(40)} wall: ${'p50'.padStart(6)} ${'p95'.padStart(6)}   ${database.kind === 'postgres' ? 'server' : 'process'} CPU: ${'p50'.padStart(6)} ${'p95'.padStart(6)}`);
      for (const [name, list] of Object.entries(perQuery)) {
        const s = summary(list);
        const c = summary(perQueryCpu[name] ?? []);
        console.log(`  ${name.padEnd(40)}       ${String(s.p50).padStart(6)} ${String(s.p95).padStart(6)}               ${String(c.p50).padStart(6)} ${String(c.p95).padStart(6)}`);
      }
    }
  }
  console.log(`\n${table.join('\n')}`);
  console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (values.json) {
    fs.mkdirSync(path.dirname(values.json), { recursive: true });
    fs.writeFileSync(values.json, JSON.stringify(results, null, 2));
  }
  await app.close();
  await closeDeps(deps);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
