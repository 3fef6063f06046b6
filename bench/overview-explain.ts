/**
 * Where the overview's figures spend their time on the database: runs overviewFigures once per scope
 * with every statement caught, then EXPLAIN (ANALYZE, TIMING OFF) of each one (with --plans:
 * ANALYZE, BUFFERS and the plans), and prints the server-side execution time per statement (what a
 * busy machine disturbs least). --source rows|tables picks where the counts come from (default:
 * the monthly tables where they exist). Needs the data of bench/overview.ts.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/mmn_bench_overview npx tsx bench/overview-explain.ts \
 *     [--plans] [--runs 5] [--source rows|tables]
 */
import { parseArgs } from 'node:util';
import type { SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import { openDatabase, type Db } from '../src/platform/db.ts';
import { overviewFigures, type OverviewScope } from '../src/modules/overview/queries.ts';
import { addMonths, berlinMonth } from '../src/modules/overview/params.ts';
import { BENCH_NETWORK_SLUG } from './generate.ts';

const { values } = parseArgs({
  options: { plans: { type: 'boolean', default: false }, runs: { type: 'string', default: '5' }, source: { type: 'string' } },
});
const source = values.source === 'rows' || values.source === 'tables' ? values.source : undefined;
const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL to the benchmark database');
const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
const dialect = new PgDialect();
if (!database.pool) throw new Error('PostgreSQL only');

interface Statement {
  sql: string;
  params: unknown[];
  /** Sent inside a transaction, after its settings (the unmet needs run with JIT off). */
  settings: string[];
}

/** The statements overviewFigures sends, caught on their way through a stand-in for the database handle. */
async function statementsOf(scope: OverviewScope): Promise<Statement[]> {
  const caught: Statement[] = [];
  function spy(target: Db, settings: string[] | null): Db {
    return new Proxy(target, {
      get(object, key, receiver) {
        if (key === 'execute') {
          return async (query: SQL) => {
            const { sql, params } = dialect.sqlToQuery(query);
            if (settings && /set_config/.test(sql)) settings.push(sql);
            else caught.push({ sql, params, settings: settings ?? [] });
            return object.execute(query);
          };
        }
        if (key === 'transaction') {
          return (work: (tx: Db) => Promise<unknown>) =>
            (object as NodePgDatabase).transaction((tx) => work(spy(tx as unknown as Db, [])));
        }
        return Reflect.get(object, key, receiver);
      },
    });
  }
  await overviewFigures(spy(database.db, null), scope, { source });
  return caught;
}

/** EXPLAIN of one statement, with its transaction's settings when it had some. */
async function explain(statement: Statement, options: string): Promise<string> {
  const client = await database.pool!.connect();
  try {
    await client.query('begin');
    for (const setting of statement.settings) await client.query(setting);
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (${options}) ${statement.sql}`, statement.params);
    await client.query('commit');
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    client.release();
  }
}

const { rows: bench } = await database.query<{ id: string }>(`select id from networks where slug = $1`, [BENCH_NETWORK_SLUG]);
const benchId = bench[0]?.id;
if (!benchId) throw new Error('bench network missing: run bench/overview.ts first');
const { rows: town } = await database.query<{ id: string }>(
  `select municipality_id as id from offers where network_id = $1 and municipality_id is not null group by 1 order by count(*) desc limit 1`,
  [benchId],
);
const to = berlinMonth(new Date());
const period = { from: addMonths(to, -11), to };
const scopes: Array<[string, OverviewScope]> = [
  ['bench network', { networkIds: [benchId], municipalityId: null, period }],
  ['one municipality', { networkIds: [benchId], municipalityId: town[0]?.id ?? null, period }],
  ['all networks', { networkIds: null, municipalityId: null, period }],
];

for (const [label, scope] of scopes) {
  const statements = await statementsOf(scope);
  let total = 0;
  console.log(`\n== ${label}: ${statements.length} statements`);
  for (const [i, statement] of statements.entries()) {
    const times: number[] = [];
    let plan = '';
    for (let run = 0; run < Number(values.runs); run++) {
      // Without per-node timing the execution time is close to a plain run's; with --plans, per node.
      const options = values.plans ? 'analyze, buffers' : 'analyze, timing off';
      plan = await explain(statement, options);
      times.push(Number(plan.match(/Execution Time: ([\d.]+) ms/)?.[1] ?? NaN));
    }
    times.sort((a, b) => a - b);
    const best = times[0] ?? NaN;
    total += best;
    const first = statement.sql.replace(/\s+/g, ' ').slice(0, 90);
    console.log(`#${i + 1} best ${best.toFixed(1).padStart(8)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')})  ${first}`);
    if (values.plans) console.log(plan.replace(/^/gm, '    '));
  }
  console.log(`sum of best execution times: ${total.toFixed(1)} ms (the statements run side by side on a pool of 4)`);
}
await database.close();
