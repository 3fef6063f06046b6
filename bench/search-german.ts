/**
 * The in-memory index's cost with the German matching (issue 13), without the rest of the application:
 * load time, memory, and p50/p95 of typical and German searches through the query functions (the
 * database still stems the words and delivers the page's texts). On data made by bench/generate.ts:
 *
 *   DATA_DIR=/tmp/mmn-bench-10k npx tsx bench/search-german.ts [--runs 20]
 *   DATABASE_URL=postgres://… npx tsx bench/search-german.ts
 *
 * Prints figures; never fails.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/platform/db.ts';
import { parseSearchQuery, toSearchParams } from '../src/modules/search/params.ts';
import { resolveSearch, runSearch } from '../src/modules/search/queries.ts';
import { liveOfferIndex } from '../src/modules/search/memory-sync.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const QUERIES: Array<Record<string, string>> = [
  { q: 'Hausaufgaben' },
  { q: 'Hausaufgaben', ort: 'Delitzsch', umkreis: '10' },
  { q: 'Garten', feld: 'umwelt' },
  { ort: 'Delitzsch', umkreis: '25', feld: 'schule', sort: 'entfernung' },
  { q: 'Vorlesen Kinder', zielgruppe: 'kinder', wochentag: '2' },
  { q: 'Feuerwehr', ort: '04509', umkreis: '50', einsatz: 'regular' },
  { q: 'Senioren', geeignet: 'seniors', tageszeit: 'afternoon', seite: '2' },
  { q: 'Hausaufgabn' },
  // German: a part of compounds, a phrase with fillers, related words, gender forms.
  { q: 'Pate' },
  { q: 'mit Kindern arbeiten' },
  { q: 'Hilfe für Geflüchtete' },
  { q: 'Trainer:in' },
  { q: 'am Wochenende draußen helfen' },
];

const database = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: path.join(path.resolve(process.env.DATA_DIR || './data'), 'db'),
  poolSize: 4,
});
const { db } = database;
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const index = await liveOfferIndex(db).loaded(db, 600_000);
const loadMs = performance.now() - started;
console.log(
  `index: ${index?.size} offers in ${Math.round(loadMs)} ms; arrays ${((index?.arrayBytes() ?? 0) / 1e6).toFixed(1)} MB; RSS ${Math.round(rssBefore / 1e6)} → ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
);
const now = new Date();
const all: number[] = [];
for (const query of QUERIES) {
  const { search } = await resolveSearch(db, toSearchParams(parseSearchQuery(query)!));
  const times: number[] = [];
  let total = 0;
  for (let round = 0; round < 5 + Number(args.runs); round++) {
    const t = performance.now();
    total = (await runSearch(db, search, now, { memory: true })).total;
    if (round >= 5) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  all.push(...times);
  const p = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!.toFixed(1);
  console.log(`  ${JSON.stringify(query).padEnd(70)} ${String(total).padStart(6)} found  p50 ${p(0.5)}  p95 ${p(0.95)}`);
}
all.sort((a, b) => a - b);
const p = (q: number) => all[Math.min(all.length - 1, Math.ceil(q * all.length) - 1)]!.toFixed(1);
console.log(`all: p50 ${p(0.5)} ms, p95 ${p(0.95)} ms; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await database.close();
