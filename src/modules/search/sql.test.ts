import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { preparedRows, rows } from './sql.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
}, 180_000);
afterAll(() => ctx.close());

describe('a prepared query', () => {
  const numbers = (from: number, factor: number) => sql`select g as n, g * ${factor}::int as times from generate_series(${from}::int, ${from + 2}::int) g order by g`;
  const words = (word: string) => sql`select ${word}::text as word, length(${word}::text) as length`;

  it('gives what the query gives unprepared, for other values and another text in between', async () => {
    const db = ctx.deps.db;
    for (const [from, factor] of [[1, 2], [10, 3], [1, 2]] as const) {
      expect(await preparedRows(db, numbers(from, factor))).toEqual(await rows(db, numbers(from, factor)));
      expect(await preparedRows(db, words(`Wort ${from}`))).toEqual([{ word: `Wort ${from}`, length: 5 + String(from).length }]);
    }
  });

  it('is prepared under a name on PostgreSQL, once per connection', async () => {
    const named = await ctx.deps.db.transaction(async (tx) => {
      await preparedRows(tx, numbers(1, 2));
      await preparedRows(tx, numbers(4, 5));
      return rows<{ name: string; statement: string }>(tx, sql`select name, statement from pg_prepared_statements where name like 'mmn\_%' and statement like '%generate_series%'`);
    });
    if (ctx.deps.database.kind === 'postgres') {
      expect(named).toHaveLength(1);
      expect(named[0]!.statement).toContain('generate_series');
    } else {
      expect(named).toEqual([]);
    }
  });
});
