import type { Database } from '../db.ts';

/*
 * What the backup reads from the database's catalogue: the application's tables in foreign-key
 * order, their columns and keys, the derived tables to recompute and the sequences to carry over.
 */

export type Query = (text: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

export interface Column {
  name: string;
  type: string;
  notNull: boolean;
  generated: boolean;
  identityAlways: boolean;
  isJson: boolean;
  /** bigint and numeric go into the file as strings, so readers in JavaScript lose no digits. */
  asText: boolean;
}

export interface Table {
  name: string;
  columns: Column[];
  /** Primary key columns, for paging; empty: page by ctid. */
  key: string[];
}

export interface ForeignKey {
  name: string;
  table: string;
  references: string;
  deferrable: boolean;
}

export interface Schema {
  /** In foreign-key order: a table comes after the tables it references. */
  tables: Table[];
  /** Functions that recompute the derived tables from the others, each named once. */
  rebuilds: string[];
  /** Foreign keys inside a cycle (or to their own table): no insert order satisfies them. */
  cyclic: ForeignKey[];
  sequences: Array<{ name: string; table: string | null; column: string | null }>;
}

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** PGlite is one connection; on PostgreSQL the transaction needs one client of the pool. */
export async function inTransaction<T>(database: Database, work: (query: Query) => Promise<T>): Promise<T> {
  if (database.pglite) {
    return database.pglite.transaction(async (tx) =>
      work(async (text, params) => (await tx.query<Record<string, unknown>>(text, params)).rows),
    );
  }
  if (!database.pool) throw new Error('database has neither a PGlite instance nor a pool');
  const client = await database.pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(async (text, params) => (await client.query(text, params)).rows);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The platform's bookkeeping and short-lived counters: not data anyone needs back after a restore. */
const TRANSIENT_TABLES = ['__drizzle_migrations', 'rate_limits'];

/** The comment that marks a derived table, naming the function that recomputes it. */
const DERIVED = /^derived: ([a-z_][a-z0-9_]*)\(\)$/;
/** The comment that marks a module's table as transient like TRANSIENT_TABLES (a change log, say). */
const TRANSIENT = 'transient';

export async function readSchema(query: Query): Promise<Schema> {
  const comments = await query(`
    SELECT c.relname AS table_name, obj_description(c.oid, 'pg_class') AS comment
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      AND (obj_description(c.oid, 'pg_class') LIKE 'derived:%' OR obj_description(c.oid, 'pg_class') = '${TRANSIENT}')`);
  const derived = new Set<string>();
  const rebuilds = new Set<string>();
  const transient = [...TRANSIENT_TABLES];
  for (const row of comments) {
    if (row.comment === TRANSIENT) {
      transient.push(String(row.table_name));
      continue;
    }
    const match = DERIVED.exec(String(row.comment));
    if (!match) throw new Error(`table "${String(row.table_name)}" has a malformed comment: ${String(row.comment)}`);
    derived.add(String(row.table_name));
    rebuilds.add(match[1]!);
  }
  const columns = await query(`
    SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS not_null, a.attgenerated <> '' AS generated, a.attidentity = 'a' AS identity_always,
           a.atttypid IN ('json'::regtype, 'jsonb'::regtype) AS is_json,
           a.atttypid IN ('int8'::regtype, 'numeric'::regtype) AS as_text
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND c.relname NOT IN (${transient.map((t) => `'${t}'`).join(', ')})
    ORDER BY c.relname, a.attnum`);
  const keys = await query(`
    SELECT c.relname AS table_name, a.attname AS column_name
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE i.indisprimary AND n.nspname = 'public'
    ORDER BY c.relname, k.position`);
  const foreignKeys = await query(`
    SELECT con.conname AS name, c.relname AS table_name, r.relname AS references_name, con.condeferrable AS deferrable
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_class r ON r.oid = con.confrelid
    JOIN pg_namespace rn ON rn.oid = r.relnamespace
    WHERE con.contype = 'f' AND n.nspname = 'public' AND rn.nspname = 'public'
    ORDER BY con.conname`);
  const sequences = await query(`
    SELECT s.relname AS name, t.relname AS table_name, a.attname AS column_name
    FROM pg_class s
    JOIN pg_namespace n ON n.oid = s.relnamespace
    LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
      AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
    LEFT JOIN pg_class t ON t.oid = d.refobjid
    LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
    WHERE s.relkind = 'S' AND n.nspname = 'public'
    ORDER BY s.relname`);

  const byName = new Map<string, Table>();
  for (const row of columns) {
    const name = String(row.table_name);
    if (derived.has(name)) continue;
    let table = byName.get(name);
    if (!table) byName.set(name, (table = { name, columns: [], key: [] }));
    table.columns.push({
      name: String(row.column_name),
      type: String(row.type),
      notNull: row.not_null === true,
      generated: row.generated === true,
      identityAlways: row.identity_always === true,
      isJson: row.is_json === true,
      asText: row.as_text === true,
    });
  }
  for (const row of keys) byName.get(String(row.table_name))?.key.push(String(row.column_name));
  const fks: ForeignKey[] = foreignKeys
    .map((row) => ({
      name: String(row.name),
      table: String(row.table_name),
      references: String(row.references_name),
      deferrable: row.deferrable === true,
    }))
    .filter((fk) => byName.has(fk.table) && byName.has(fk.references));

  const { order, cyclic } = sortByDependencies([...byName.keys()].sort(), fks);
  return {
    tables: order.map((name) => byName.get(name)!),
    rebuilds: [...rebuilds].sort(),
    cyclic,
    sequences: sequences.map((row) => ({
      name: String(row.name),
      table: row.table_name == null ? null : String(row.table_name),
      column: row.column_name == null ? null : String(row.column_name),
    })),
  };
}

/**
 * Kahn's algorithm, alphabetical among equals so the file's order is stable. Tables left over
 * sit in or behind a cycle; their mutual foreign keys are checked at commit instead.
 */
export function sortByDependencies(names: string[], fks: ForeignKey[]): { order: string[]; cyclic: ForeignKey[] } {
  const needs = new Map(names.map((n) => [n, new Set<string>()]));
  for (const fk of fks) if (fk.table !== fk.references) needs.get(fk.table)?.add(fk.references);
  const order: string[] = [];
  const done = new Set<string>();
  for (;;) {
    const ready = names.filter((n) => !done.has(n) && [...needs.get(n)!].every((d) => done.has(d)));
    if (ready.length === 0) break;
    for (const name of ready) {
      order.push(name);
      done.add(name);
    }
  }
  const rest = names.filter((n) => !done.has(n));
  order.push(...rest);
  const tangled = new Set(rest);
  const cyclic = fks.filter((fk) => fk.table === fk.references || (tangled.has(fk.table) && tangled.has(fk.references)));
  return { order, cyclic };
}
