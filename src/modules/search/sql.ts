import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';

export type Row = Record<string, unknown>;

export async function rows<T extends Row>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** A PostgreSQL array literal, passed as one parameter (drizzle spreads JS arrays into lists). */
export function arrayLiteral(values: readonly (string | number)[]): string {
  return `{${values.map((v) => `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** The parts of drizzle's database object that prepare a query (public on the object, internal in its types). */
interface Preparing {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: { prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: false): { execute(): Promise<unknown> } };
}

const statementNames = new Map<string, string>();

/**
 * At most this many texts are prepared: each stays prepared, with its plan, on every connection of the
 * pool (some kilobytes of the server's memory each). A search's texts are few (one per shape: with or
 * without a place, a number of words); texts beyond run unprepared.
 */
export const MAX_PREPARED = 100;

/**
 * `rows` for a query run on every search: on PostgreSQL it is prepared once per connection under a
 * name (its text's hash) and then only executed, which saves its parsing and planning (0.4–0.5 ms of
 * a page's 1.5–2.5 at a million offers, and half the database's work per search). PGlite runs it as
 * `rows` does.
 */
export async function preparedRows<T extends Row>(db: Db, query: SQL): Promise<T[]> {
  const { dialect, session } = db as unknown as Preparing;
  const compiled = dialect.sqlToQuery(query);
  let name = statementNames.get(compiled.sql);
  if (name === undefined) {
    if (statementNames.size >= MAX_PREPARED) return rows<T>(db, query);
    name = `mmn_${createHash('sha1').update(compiled.sql).digest('hex').slice(0, 20)}`;
    statementNames.set(compiled.sql, name);
  }
  const result = (await session.prepareQuery(compiled, undefined, name, false).execute()) as { rows: T[] };
  return result.rows;
}
