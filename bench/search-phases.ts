/**
 * Where a search's time goes, per kind of query, at the size of the data at hand: the in-memory index's
 * phases (the words' posting lists, matching them, the walk over the matches) and the whole query
 * function (`resolveSearch` + `runSearch`: also the database's part, the page's texts, suggestions).
 *
 *   DATABASE_URL=postgres://… node --expose-gc --import tsx bench/search-phases.ts [--runs 20]
 *
 * Prints p50 / p95 per phase and query; never fails. The phases are timed by wrapping the index's
 * methods, which adds a few microseconds per call.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/platform/config.ts';
import { closeDeps, createDeps } from '../src/platform/runtime.ts';
import { parseSearchQuery, toSearchParams } from '../src/modules/search/params.ts';
import { indexQuery, resolveSearch, runSearch } from '../src/modules/search/queries.ts';
import { liveOfferIndex } from '../src/modules/search/memory-sync.ts';
import { walkPool } from '../src/modules/search/walk-pool.ts';
import { OfferIndex } from '../src/modules/search/memory.ts';
import { openBenchDatabase } from './generate.ts';
import { TYPICAL, nearSearches, summary } from './search.ts';

const GERMAN: Array<{ name: string; query: Record<string, string> }> = [
  { name: 'part of compounds (Pate)', query: { q: 'Pate' } },
  { name: 'phrase with filler', query: { q: 'mit Kindern arbeiten' } },
  { name: 'related words', query: { q: 'Hilfe für Geflüchtete' } },
  { name: 'three words', query: { q: 'am Wochenende draußen helfen' } },
];

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' }, only: { type: 'string' } } });
const runs = Math.max(1, Number(values.runs) || 20);
const database = await openBenchDatabase();
const config = loadConfig({ ...process.env, DEMO: 'false', LOG_LEVEL: 'silent', COOKIE_SECRET: 'bench-cookie-secret-0123456789-0123456789' });
const deps = await createDeps(config, { database, workers: false });
const started = performance.now();
const index = await liveOfferIndex(deps.db).current(deps.db, 600_000);
if (!index) throw new Error('the index did not load');
// The second search thread, started with the index, is ready before the first search is timed.
await walkPool()?.ready();
console.log(`${index.size} offers loaded in ${Math.round(performance.now() - started)} ms; arrays ${(index.arrayBytes() / 1e6).toFixed(1)} MB`);

// The phases, timed by wrapping the (private) methods.
const phases: Record<string, number> = {};
const proto = OfferIndex.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
for (const name of ['wordLists', 'matchWords', 'inBox']) {
  const original = proto[name];
  if (!original) continue;
  proto[name] = function (this: unknown, ...args: unknown[]) {
    const t = performance.now();
    const result = original.apply(this, args);
    phases[name] = (phases[name] ?? 0) + performance.now() - t;
    return result;
  };
}

const now = new Date();
const all = [...TYPICAL, ...nearSearches(4), ...GERMAN].filter(({ name }) => !values.only || name.includes(values.only));
const prepared = [];
for (const { name, query } of all) {
  const parsed = parseSearchQuery(query)!;
  prepared.push({ name, query, parsed, mode: name.startsWith('typo') ? ('similar' as const) : ('fulltext' as const) });
}
// What each query's words expand to: lists per word and their postings.
for (const { name, parsed, mode } of prepared) {
  const { search } = await resolveSearch(deps.db, toSearchParams(parsed));
  if (!search.text) continue;
  const words = (index as unknown as { wordLists(q: unknown): Array<{ lists: Array<{ list: { length: number } }>; size: number; meaningful: boolean }> }).wordLists(indexQuery(search, now, mode));
  console.log(`${name}: ${words.map((w) => `${w.meaningful ? '' : '(filler) '}${w.lists.length} lists, ${w.size} postings`).join('; ')}`);
}
const rows = new Map<string, Record<string, number[]>>();
const counts = new Map<string, string>();
for (let round = 0; round < 5 + runs; round++) {
  for (const { name, parsed, mode } of prepared) {
    const record = (key: string, ms: number) => {
      if (round < 5) return;
      const row = rows.get(name) ?? rows.set(name, {}).get(name)!;
      (row[key] ??= []).push(ms);
    };
    const { search } = await resolveSearch(deps.db, toSearchParams(parsed));
    for (const key of Object.keys(phases)) phases[key] = 0;
    const q = indexQuery(search, now, mode);
    const t = performance.now();
    const answer = index.search(q);
    const indexMs = performance.now() - t;
    record('index', indexMs);
    let inner = 0;
    for (const [key, ms] of Object.entries(phases)) {
      record(key, ms);
      inner += ms;
    }
    record('walk+rest', indexMs - inner);
    const t2 = performance.now();
    await runSearch(deps.db, search, now, { memory: true });
    record('query function', performance.now() - t2);
    if (round === 5) counts.set(name, `${answer.total}`);
  }
}
const keys = ['query function', 'index', 'wordLists', 'matchWords', 'inBox', 'walk+rest'];
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; p50 / p95 ms`);
console.log(`${'query'.padEnd(36)} ${'found'.padStart(7)} ${keys.map((k) => k.padStart(15)).join('')}`);
for (const [name, row] of rows) {
  const cells = keys.map((k) => {
    const s = row[k] ? summary(row[k]) : undefined;
    return (s ? `${s.p50} / ${s.p95}` : '–').padStart(15);
  });
  console.log(`${name.slice(0, 36).padEnd(36)} ${(counts.get(name) ?? '').padStart(7)} ${cells.join('')}`);
}
await closeDeps(deps);
