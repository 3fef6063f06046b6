/**
 * Times the in-memory index alone (`OfferIndex.search`, no database round trips) for the typical
 * searches of bench/search.ts: the part of a search that grows with the number of offers.
 *
 *   DATABASE_URL=postgres://… node --expose-gc --import tsx bench/search-index.ts [--runs 20]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/platform/config.ts';
import { closeDeps, createDeps } from '../src/platform/runtime.ts';
import { parseSearchQuery, toSearchParams } from '../src/modules/search/params.ts';
import { indexQuery, resolveSearch } from '../src/modules/search/queries.ts';
import { liveOfferIndex } from '../src/modules/search/memory-sync.ts';
import { openBenchDatabase } from './generate.ts';
import { BROWSE, TYPICAL, nearSearches, summary } from './search.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Math.max(1, Number(values.runs) || 20);
const database = await openBenchDatabase();
const config = loadConfig({ ...process.env, DEMO: 'false', LOG_LEVEL: 'silent', COOKIE_SECRET: 'bench-cookie-secret-0123456789-0123456789' });
const deps = await createDeps(config, { database, workers: false });
const started = performance.now();
const index = await liveOfferIndex(deps.db).current(deps.db, 600_000);
if (!index) throw new Error('the index did not load');
console.log(`${index.size} offers loaded in ${Math.round(performance.now() - started)} ms; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

const now = new Date();
const queries = [];
for (const { name, query } of [...TYPICAL, ...nearSearches(4), ...BROWSE]) {
  const parsed = parseSearchQuery(query);
  if (!parsed) throw new Error(`invalid query ${JSON.stringify(query)}`);
  const { search } = await resolveSearch(deps.db, toSearchParams(parsed));
  queries.push({ name, query: indexQuery(search, now, name.startsWith('typo') ? 'similar' : 'fulltext') });
}
const samples = new Map<string, number[]>();
const typical: number[] = [];
for (let round = 0; round < 5 + runs; round++) {
  for (const { name, query } of queries) {
    const start = performance.now();
    const { total } = index.search(query);
    const ms = performance.now() - start;
    if (round < 5) continue;
    (samples.get(name) ?? samples.set(name, []).get(name)!).push(ms);
    if (!BROWSE.some((b) => b.name === name)) typical.push(ms);
    if (round === 5) console.log(`${name}: ${total} found`);
  }
}
for (const [name, list] of samples) {
  const s = summary(list);
  console.log(`  ${name.padEnd(40)} p50 ${String(s.p50).padStart(5)}  p95 ${String(s.p95).padStart(5)}`);
}
const all = summary(typical);
console.log(`typical (index alone): p50 ${all.p50} ms, p95 ${all.p95} ms; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await closeDeps(deps);
