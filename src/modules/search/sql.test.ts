import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { MAX_PREPARED, preparedRows, rows } from './sql.ts';

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

  it('prepares no more than MAX_PREPARED texts: the texts beyond run unprepared, with the same answers', async () => {
    // Texts of their own (a column name each), more than the bound; this file's earlier tests prepared some.
    const texts = Array.from({ length: MAX_PREPARED + 5 }, (_, i) => (value: number) => sql`select ${value}::int as ${sql.identifier(`c${i}`)}`);
    const named = await ctx.deps.db.transaction(async (tx) => {
      for (const [i, text] of texts.entries()) expect(await preparedRows(tx, text(i))).toEqual([{ [`c${i}`]: i }]);
      // Each again: those beyond the bound still answer.
      for (const [i, text] of texts.entries()) expect(await preparedRows(tx, text(i + 1))).toEqual([{ [`c${i}`]: i + 1 }]);
      return rows<{ count: number }>(tx, sql`select count(*)::int as count from pg_prepared_statements where name like 'mmn\_%'`);
    });
    const count = named[0]!.count;
    if (ctx.deps.database.kind === 'postgres') {
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThanOrEqual(MAX_PREPARED);
    } else {
      expect(count).toBe(0);
    }
  });
});
