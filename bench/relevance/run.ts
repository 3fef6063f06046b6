/**
 * The judged query set (issue 13): loads the demo content and the corpus (corpus.ts, 348 offers) into a
 * fresh PGlite, runs every query of queries.ts through both searches — the in-memory index and the
 * database (SEARCH_INDEX=database) — and prints recall@20, precision@10 and nDCG@10 per query, per
 * class and overall, beside the figures of the search before issue 13 (baseline.json).
 *
 *   npm run bench:relevance                 # print, with the baseline beside
 *   npx tsx bench/relevance/run.ts --record bench/relevance/baseline.json   # record the figures
 *   npx tsx bench/relevance/run.ts --verbose # also the titles found for each query
 *
 * A benchmark, not a test: it prints figures and never fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../src/platform/db.ts';
import { seedDemoNetworks } from '../../src/modules/networks/demo.ts';
import { municipalities, networks } from '../../src/modules/networks/schema.ts';
import { organisations } from '../../src/modules/organisations/schema.ts';
import { offers } from '../../src/modules/offers/schema.ts';
import { parseSearchQuery, toSearchParams } from '../../src/modules/search/params.ts';
import { resolveSearch, runSearch } from '../../src/modules/search/queries.ts';
import { corpus, TOPICS } from './corpus.ts';
import { QUERIES, type JudgedQuery, type QueryClass } from './queries.ts';

const { values: args } = parseArgs({ options: { record: { type: 'string' }, verbose: { type: 'boolean' }, baseline: { type: 'string' } } });
const here = path.dirname(new URL(import.meta.url).pathname);
const baselineFile = args.baseline ?? path.join(here, 'baseline.json');

interface Figures {
  recall20: number;
  precision10: number;
  ndcg10: number;
}
type Engine = 'memory' | 'database';
type Recorded = Record<string, Record<Engine, Figures>>;

function figures(found: string[], wanted: Set<string>): Figures {
  const top10 = found.slice(0, 10);
  const hits10 = top10.filter((id) => wanted.has(id)).length;
  const hits20 = found.slice(0, 20).filter((id) => wanted.has(id)).length;
  let dcg = 0;
  top10.forEach((id, i) => {
    if (wanted.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(10, wanted.size); i++) ideal += 1 / Math.log2(i + 2);
  return {
    recall20: wanted.size ? hits20 / Math.min(20, wanted.size) : 0,
    precision10: hits10 / Math.min(10, Math.max(1, wanted.size)),
    ndcg10: ideal ? dcg / ideal : 0,
  };
}

function mean(list: Figures[]): Figures {
  const n = Math.max(1, list.length);
  return {
    recall20: list.reduce((s, f) => s + f.recall20, 0) / n,
    precision10: list.reduce((s, f) => s + f.precision10, 0) / n,
    ndcg10: list.reduce((s, f) => s + f.ndcg10, 0) / n,
  };
}

const pct = (x: number | undefined) => (x === undefined ? '   – ' : `${(x * 100).toFixed(0).padStart(4)}%`);

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-relevance-'));
  const database = await openDatabase({ dataDir: dir });
  try {
    await database.migrate();
    const { db } = database;
    const now = new Date();
    await seedDemoNetworks(db, { content: true, now });
    const places = new Map((await db.select().from(municipalities)).map((m) => [m.name, m]));
    const allNetworks = await db.select().from(networks);
    const gems = allNetworks.find((n) => n.slug === 'gems')!;
    const weisswasser = allNetworks.find((n) => n.slug === 'weisswasser')!;
    const organisationIds = new Map<string, string>();
    const keyOf = new Map<string, string>();
    const topicOf = new Map(TOPICS.map((t) => [t.key, t]));
    let i = 0;
    for (const offer of corpus()) {
      const place = places.get(offer.municipality)!;
      const network = offer.municipality === 'Weißwasser/O.L.' ? weisswasser : gems;
      const orgKey = `${network.id} ${offer.organisation}`;
      let organisationId = organisationIds.get(orgKey);
      if (!organisationId) {
        const [row] = await db.insert(organisations).values({ networkId: network.id, name: offer.organisation, status: 'verified', municipalityId: place.id }).returning();
        organisationId = row!.id;
        organisationIds.set(orgKey, organisationId);
      }
      const [row] = await db
        .insert(offers)
        .values({
          networkId: network.id,
          organisationId,
          municipalityId: place.id,
          lat: (place.lat ?? 51.5) + ((i % 7) - 3) * 0.004,
          lng: (place.lng ?? 12.4) + ((i % 5) - 2) * 0.006,
          title: offer.title,
          summary: offer.summary,
          description: offer.description,
          field: offer.field,
          targetGroups: topicOf.get(offer.topic)!.groups,
          tags: offer.tags,
          commitment: offer.commitment,
          status: 'published',
          publishedAt: new Date(now.getTime() - (i % 60) * 86_400_000 - i * 1000),
          expiresAt: new Date(now.getTime() + 90 * 86_400_000),
        })
        .returning();
      keyOf.set(row!.id, offer.key);
      i++;
    }
    const published = await db.select({ id: offers.id, title: offers.title }).from(offers).where(eq(offers.status, 'published'));
    const titleOf = new Map(published.map((o) => [o.id, o.title]));
    console.log(`${published.length} published offers (${i} of the corpus, ${published.length - i} of the demo), ${QUERIES.length} queries\n`);

    const wantedFor = (query: JudgedQuery): Set<string> => {
      const topics = new Set(query.topics);
      const demo = new Set(query.demo ?? []);
      for (const t of query.topics) if (!topicOf.has(t)) throw new Error(`unknown topic ${t}`);
      const unknownDemo = [...demo].filter((t) => !published.some((o) => o.title === t));
      if (unknownDemo.length) throw new Error(`no demo offer titled ${unknownDemo.join(', ')}`);
      return new Set(published.filter((o) => (keyOf.has(o.id) ? topics.has(keyOf.get(o.id)!.split('/')[0]!) : demo.has(o.title))).map((o) => o.id));
    };

    const baseline: Recorded | undefined = !args.record && fs.existsSync(baselineFile) ? JSON.parse(fs.readFileSync(baselineFile, 'utf8')) : undefined;
    const recorded: Recorded = {};
    const byClass = new Map<QueryClass | 'all', Record<Engine | 'before', Figures[]>>();
    const add = (c: QueryClass | 'all', engine: Engine | 'before', f: Figures) => {
      if (!byClass.has(c)) byClass.set(c, { memory: [], database: [], before: [] });
      byClass.get(c)![engine].push(f);
    };
    console.log(`${'query'.padEnd(32)} ${'class'.padEnd(10)} want | index: R@20  P@10 nDCG | database: R@20  P@10 nDCG | before (index): R@20 nDCG`);
    for (const query of QUERIES) {
      const wanted = wantedFor(query);
      const parsed = parseSearchQuery({ q: query.q });
      if (!parsed) throw new Error(`invalid query ${query.q}`);
      const { search } = await resolveSearch(db, toSearchParams(parsed));
      const result: Partial<Record<Engine, Figures>> = {};
      for (const engine of ['memory', 'database'] as const) {
        const found = await runSearch(db, search, now, { memory: engine === 'memory' });
        const ids = found.items.map((item) => item.id);
        result[engine] = figures(ids, wanted);
        add(query.class, engine, result[engine]);
        add('all', engine, result[engine]);
        if (args.verbose && engine === 'memory') {
          console.log(`  ${query.q}: ${found.total} found (${found.mode}${found.suggestion ? `, Meinten Sie ${found.suggestion}` : ''})`);
          for (const id of ids.slice(0, 10)) console.log(`    ${wanted.has(id) ? '+' : '-'} ${titleOf.get(id)}`);
        }
      }
      recorded[query.q] = result as Record<Engine, Figures>;
      const before = baseline?.[query.q]?.memory;
      if (before) {
        add(query.class, 'before', before);
        add('all', 'before', before);
      }
      const m = result.memory!;
      const d = result.database!;
      console.log(
        `${query.q.padEnd(32)} ${query.class.padEnd(10)} ${String(wanted.size).padStart(4)} |     ${pct(m.recall20)} ${pct(m.precision10)} ${pct(m.ndcg10)} |        ${pct(d.recall20)} ${pct(d.precision10)} ${pct(d.ndcg10)} |            ${pct(before?.recall20)} ${pct(before?.ndcg10)}`,
      );
    }
    console.log(`\n${'class'.padEnd(12)} queries | index: R@20  P@10 nDCG | database: R@20  P@10 nDCG | before (index): R@20  P@10 nDCG`);
    const order: Array<QueryClass | 'all'> = [...[...byClass.keys()].filter((c) => c !== 'all'), 'all'];
    for (const c of order) {
      const lists = byClass.get(c)!;
      const [m, d, b] = [mean(lists.memory), mean(lists.database), lists.before.length ? mean(lists.before) : undefined];
      console.log(
        `${c.padEnd(12)} ${String(lists.memory.length).padStart(7)} |     ${pct(m.recall20)} ${pct(m.precision10)} ${pct(m.ndcg10)} |        ${pct(d.recall20)} ${pct(d.precision10)} ${pct(d.ndcg10)} |            ${pct(b?.recall20)} ${pct(b?.precision10)} ${pct(b?.ndcg10)}`,
      );
    }
    if (args.record) {
      fs.writeFileSync(args.record, `${JSON.stringify(recorded, null, 1)}\n`);
      console.log(`\nrecorded in ${args.record}`);
    }
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
