import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { PassThrough, pipeline, type Readable, type Writable } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Database } from './db.ts';
import { projectPath } from './paths.ts';

/*
 * A portable backup: gzip-compressed JSON Lines, read and written through the catalog so that
 * every table a module adds to schema "public" is covered without changes here.
 *
 *   {"format":"mitmachnetz-backup","version":1,"createdAt":…,"migration":{…},"tables":[…]}
 *   {"t":"users","r":{…}}                  one line per row, tables in foreign-key order
 *   {"t":"tokens","r":{…},"n":["data"]}    "n": json columns holding a JSON null (not SQL NULL)
 *   {"end":true,"rows":{…},"sequences":{…}} written last; a file without it is incomplete
 *
 * Rows are turned into JSON by the database (to_jsonb) and back (jsonb_populate_record), so
 * every type keeps its exact value and the same SQL works on PGlite and PostgreSQL.
 *
 * Derived tables (counts kept by triggers, such as the overview's) are left out: a table whose
 * comment reads 'derived: some_function()' is recomputed from scratch by that function at the end
 * of a restore. Restoring their rows as well would count everything twice, since the triggers
 * count the restored rows already. A table whose comment reads 'transient' (a change log) is left
 * out and not rebuilt.
 */

export const BACKUP_FORMAT = 'mitmachnetz-backup';
export const BACKUP_VERSION = 1;

const PAGE_ROWS = 1000;
const BATCH_ROWS = 500;
const BATCH_CHARS = 2_000_000;
const JOURNAL = projectPath('drizzle', 'meta', '_journal.json');

/** An expected failure (wrong file, wrong version), with a message meant for the operator. */
export class BackupError extends Error {}

type Query = (text: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

interface Column {
  name: string;
  type: string;
  notNull: boolean;
  generated: boolean;
  identityAlways: boolean;
  isJson: boolean;
  /** bigint and numeric go into the file as strings, so readers in JavaScript lose no digits. */
  asText: boolean;
}

interface Table {
  name: string;
  columns: Column[];
  /** Primary key columns, for paging; empty: page by ctid. */
  key: string[];
}

interface ForeignKey {
  name: string;
  table: string;
  references: string;
  deferrable: boolean;
}

interface Schema {
  /** In foreign-key order: a table comes after the tables it references. */
  tables: Table[];
  /** Functions that recompute the derived tables from the others, each named once. */
  rebuilds: string[];
  /** Foreign keys inside a cycle (or to their own table): no insert order satisfies them. */
  cyclic: ForeignKey[];
  sequences: Array<{ name: string; table: string | null; column: string | null }>;
}

interface MigrationState {
  tag: string | null;
  hash: string;
  when: number;
}

interface Header {
  format: string;
  version: number;
  createdAt: string;
  engine: string;
  migration: MigrationState | null;
  tables: Array<{ name: string; columns: Array<{ name: string; type: string }> }>;
}

interface Trailer {
  end: true;
  rows: Record<string, number>;
  sequences: Record<string, { value: string; called: boolean }>;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Writes every row of the application's tables to `file`; returns the row count per table. */
export async function backupToFile(database: Database, file: string): Promise<Record<string, number>> {
  const partial = `${file}.partial-${process.pid}`;
  try {
    // The file holds password hashes and personal data: readable by its owner only.
    const output = fs.createWriteStream(partial, { mode: 0o600 });
    // Opened before the dump starts, so the removal below never runs ahead of the file's creation.
    await once(output, 'open');
    const rows = await backupToStream(database, output);
    await fs.promises.rename(partial, file);
    return rows;
  } catch (error) {
    await fs.promises.rm(partial, { force: true });
    throw error;
  }
}

/**
 * Writes the gzip-compressed backup to `output` and ends it; returns the row count per table.
 * The snapshot stays open until `output` has taken the last byte, so a slow reader holds it open.
 * On failure `output` is destroyed with the error, so a reader never mistakes a cut file for a whole one.
 */
export async function backupToStream(database: Database, output: Writable): Promise<Record<string, number>> {
  try {
    return await inTransaction(database, async (query) => {
      // One consistent snapshot, even while the app keeps writing (PostgreSQL).
      await query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      await setOutputFormat(query);
      const schema = await readSchema(query);
      const header: Header = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        engine: database.kind,
        migration: await appliedMigration(query),
        tables: schema.tables.map((t) => ({
          name: t.name,
          columns: t.columns.filter((c) => !c.generated).map((c) => ({ name: c.name, type: c.type })),
        })),
      };
      const counts: Record<string, number> = {};
      async function* lines() {
        yield `${JSON.stringify(header)}\n`;
        for (const table of schema.tables) {
          let count = 0;
          for await (const page of readTable(query, table)) {
            count += page.length;
            yield page.join('');
          }
          counts[table.name] = count;
        }
        const trailer: Trailer = { end: true, rows: counts, sequences: await readSequences(query, schema) };
        yield `${JSON.stringify(trailer)}\n`;
      }
      await pipelineAsync(lines, createGzip(), output);
      return counts;
    });
  } catch (error) {
    // pipeline destroys `output` itself; a failure before it (no connection, say) must too. Without
    // the error: `output` may have no 'error' listener, and its reader sees the early end anyway.
    if (!output.destroyed) output.destroy();
    throw error;
  }
}

export interface BackupDownload {
  stream: Readable;
  /** Known when the backup was written to a file first. */
  size: number | undefined;
  /** Settles when the snapshot is closed: the row counts, or why the backup failed and `stream` was cut. */
  finished: Promise<Record<string, number>>;
}

/**
 * A backup to hand to a client while the app keeps running. PGlite has a single connection and
 * every other query waits while the snapshot is open, so a slow download would stall the whole
 * platform: there the backup goes to a file in `spoolDir` first, which is unlinked once opened and
 * read from its descriptor. On PostgreSQL the snapshot is streamed directly and blocks no one.
 */
const SPOOL_FILE = /^backup-download-[0-9a-f-]{36}\.jsonl\.gz(\.partial-\d+)?$/;

/**
 * Removes download files a crashed process left behind. Called at start, while the data folder is
 * locked by this process, so no download of another process can be in progress.
 */
export async function removeBackupSpool(spoolDir: string): Promise<number> {
  const names = await fs.promises.readdir(spoolDir).catch(() => [] as string[]);
  const stale = names.filter((name) => SPOOL_FILE.test(name));
  await Promise.all(stale.map((name) => fs.promises.rm(path.join(spoolDir, name), { force: true })));
  return stale.length;
}

export async function backupForDownload(database: Database, spoolDir: string): Promise<BackupDownload> {
  if (database.kind === 'pglite') {
    await fs.promises.mkdir(spoolDir, { recursive: true, mode: 0o700 });
    const file = path.join(spoolDir, `backup-download-${randomUUID()}.jsonl.gz`);
    const rows = await backupToFile(database, file);
    const handle = await fs.promises.open(file, 'r').finally(() => fs.promises.rm(file, { force: true }));
    try {
      const { size } = await handle.stat();
      return { stream: handle.createReadStream(), size, finished: Promise.resolve(rows) };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  const stream = new PassThrough();
  const finished = backupToStream(database, stream);
  // The caller reads the failure from `finished`; this keeps it from counting as unhandled meanwhile.
  finished.catch(() => undefined);
  return { stream, size: undefined, finished };
}

/**
 * Replaces all data with the contents of `file`, in one transaction: a damaged or wrong file
 * leaves the database as it was. Returns the row count per table.
 */
export async function restoreFromFile(database: Database, file: string): Promise<Record<string, number>> {
  await assertGzip(file);
  const journal = readJournal();
  return inTransaction(database, async (query) => {
    const lines = readLines(file)[Symbol.asyncIterator]();
    try {
      return await restoreLines(query, lines, file, journal);
    } finally {
      await lines.return?.();
    }
  });
}

async function restoreLines(
  query: Query,
  lines: AsyncIterator<string>,
  file: string,
  journal: Array<{ tag: string; when: number }>,
): Promise<Record<string, number>> {
  const schema = await readSchema(query);
  const header = parseHeader((await lines.next()).value, file);
  await checkMigration(header, journal, await appliedMigration(query));
  const tables = new Map(schema.tables.map((t) => [t.name, t]));
  const inserts = new Map<string, string>();
  for (const entry of header.tables) {
    const table = tables.get(entry.name);
    if (!table) throw new BackupError(`The backup has a table "${entry.name}" that this database does not have.`);
    inserts.set(entry.name, insertStatement(table, entry.columns.map((c) => c.name)));
  }

  const relaxed = schema.cyclic.filter((fk) => !fk.deferrable);
  for (const fk of relaxed) {
    await query(`ALTER TABLE public.${ident(fk.table)} ALTER CONSTRAINT ${ident(fk.name)} DEFERRABLE`);
  }
  if (schema.cyclic.length > 0) await query('SET CONSTRAINTS ALL DEFERRED');
  for (const table of [...schema.tables].reverse()) await query(`DELETE FROM public.${ident(table.name)}`);

  const counts: Record<string, number> = Object.fromEntries(header.tables.map((t) => [t.name, 0]));
  let trailer: Trailer | undefined;
  let batch: string[] = [];
  let batchTable = '';
  let batchChars = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await query(inserts.get(batchTable)!, [`[${batch.join(',')}]`]);
    batch = [];
    batchChars = 0;
  };
  let lineNumber = 1;
  for (;;) {
    const next = await lines.next();
    if (next.done) break;
    lineNumber++;
    const line: string = next.value;
    if (line === '') continue;
    if (trailer) throw new BackupError(`The backup continues after its end marker (line ${lineNumber}).`);
    let parsed: { t?: unknown; r?: unknown; end?: unknown };
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new BackupError(`The backup is damaged: line ${lineNumber} is not valid JSON.`);
    }
    if (parsed.end === true) {
      trailer = parsed as Trailer;
      continue;
    }
    const table = parsed.t;
    if (typeof table !== 'string' || !inserts.has(table) || typeof parsed.r !== 'object' || parsed.r === null) {
      throw new BackupError(`The backup is damaged: line ${lineNumber} is not a row of a listed table.`);
    }
    if (table !== batchTable || batch.length >= BATCH_ROWS || batchChars >= BATCH_CHARS) {
      await flush();
      batchTable = table;
    }
    // The raw line goes to the database: JSON.parse above would round big numbers in jsonb values.
    batch.push(line);
    batchChars += line.length;
    counts[table] = (counts[table] ?? 0) + 1;
  }
  await flush();
  if (!trailer) throw new BackupError('The backup is incomplete: its end marker is missing.');
  for (const [name, expected] of Object.entries(trailer.rows ?? {})) {
    if ((counts[name] ?? 0) !== expected) {
      throw new BackupError(`The backup is incomplete: table "${name}" should have ${expected} rows, found ${counts[name] ?? 0}.`);
    }
  }

  if (schema.cyclic.length > 0) await query('SET CONSTRAINTS ALL IMMEDIATE');
  for (const fk of relaxed) {
    await query(`ALTER TABLE public.${ident(fk.table)} ALTER CONSTRAINT ${ident(fk.name)} NOT DEFERRABLE`);
  }
  await resetSequences(query, schema, trailer.sequences ?? {});
  for (const rebuild of schema.rebuilds) await query(`SELECT public.${ident(rebuild)}()`);
  return counts;
}

/** PGlite is one connection; on PostgreSQL the transaction needs one client of the pool. */
async function inTransaction<T>(database: Database, work: (query: Query) => Promise<T>): Promise<T> {
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

/** Fixes how values are written as text, whatever the server's or session's settings. */
async function setOutputFormat(query: Query) {
  await query("SET LOCAL TimeZone = 'UTC'");
  await query("SET LOCAL IntervalStyle = 'postgres'");
  await query("SET LOCAL bytea_output = 'hex'");
  await query('SET LOCAL extra_float_digits = 1');
}

/** The platform's bookkeeping and short-lived counters: not data anyone needs back after a restore. */
const TRANSIENT_TABLES = ['__drizzle_migrations', 'rate_limits'];

/** The comment that marks a derived table, naming the function that recomputes it. */
const DERIVED = /^derived: ([a-z_][a-z0-9_]*)\(\)$/;
/** The comment that marks a module's table as transient like TRANSIENT_TABLES (a change log, say). */
const TRANSIENT = 'transient';

async function readSchema(query: Query): Promise<Schema> {
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

async function* readTable(query: Query, table: Table): AsyncGenerator<string[]> {
  const generated = table.columns.filter((c) => c.generated).map((c) => literal(c.name));
  const textual = table.columns.filter((c) => c.asText && !c.generated);
  const json = table.columns.filter((c) => c.isJson && !c.generated);
  const keyExprs = table.key.length > 0 ? table.key.map((k) => `x.${ident(k)}`) : ['x.ctid'];
  const keyTypes = table.key.length > 0 ? table.key.map((k) => table.columns.find((c) => c.name === k)!.type) : ['tid'];
  const row = [`to_jsonb(x) - ${generated.length > 0 ? `ARRAY[${generated.join(', ')}]` : `'{}'`}::text[]`, ...textual.map((c) => `jsonb_build_object(${literal(c.name)}, x.${ident(c.name)}::text)`)].join(' || ');
  const select = [
    `(${row})::text AS j`,
    ...keyExprs.map((e, i) => `${e}::text AS k${i}`),
    ...json.map((c, i) => `(x.${ident(c.name)} IS NOT NULL AND jsonb_typeof(x.${ident(c.name)}::jsonb) = 'null') AS n${i}`),
  ].join(', ');
  const from = `FROM public.${ident(table.name)} x`;
  const order = `ORDER BY ${keyExprs.join(', ')} LIMIT ${PAGE_ROWS}`;
  const after = `WHERE (${keyExprs.join(', ')}) > (${keyTypes.map((t, i) => `$${i + 1}::${t}`).join(', ')})`;
  const prefix = `{"t":${JSON.stringify(table.name)},"r":`;
  let last: string[] | undefined;
  for (;;) {
    const rows = last
      ? await query(`SELECT ${select} ${from} ${after} ${order}`, last)
      : await query(`SELECT ${select} ${from} ${order}`);
    if (rows.length === 0) return;
    yield rows.map((r) => {
      const nulls = json.filter((_, i) => r[`n${i}`] === true).map((c) => c.name);
      return `${prefix}${r.j as string}${nulls.length > 0 ? `,"n":${JSON.stringify(nulls)}` : ''}}\n`;
    });
    if (rows.length < PAGE_ROWS) return;
    const lastRow = rows[rows.length - 1]!;
    last = keyExprs.map((_, i) => lastRow[`k${i}`] as string);
  }
}

function insertStatement(table: Table, names: string[]): string {
  const columns = names.map((name) => {
    const column = table.columns.find((c) => c.name === name);
    if (!column) throw new BackupError(`The backup has a column "${table.name}.${name}" that this database does not have.`);
    if (column.generated) throw new BackupError(`The backup has a value for the computed column "${table.name}.${name}".`);
    return column;
  });
  const values = columns.map((c) =>
    c.isJson
      ? `CASE WHEN l.e->'n' ? ${literal(c.name)} THEN 'null'::${c.type} ELSE r.${ident(c.name)} END`
      : `r.${ident(c.name)}`,
  );
  const overriding = columns.some((c) => c.identityAlways) ? ' OVERRIDING SYSTEM VALUE' : '';
  return `INSERT INTO public.${ident(table.name)} (${columns.map((c) => ident(c.name)).join(', ')})${overriding}
    SELECT ${values.join(', ')}
    FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS l(e, i)
    CROSS JOIN LATERAL jsonb_populate_record(NULL::public.${ident(table.name)}, l.e->'r') AS r
    ORDER BY l.i`;
}

async function readSequences(query: Query, schema: Schema): Promise<Trailer['sequences']> {
  const result: Trailer['sequences'] = {};
  for (const sequence of schema.sequences) {
    const [row] = await query(`SELECT last_value::text AS value, is_called AS called FROM public.${ident(sequence.name)}`);
    if (row) result[sequence.name] = { value: String(row.value), called: row.called === true };
  }
  return result;
}

/** Puts each sequence where the backup had it, and never below the highest id now in its column. */
async function resetSequences(query: Query, schema: Schema, saved: Trailer['sequences']) {
  for (const sequence of schema.sequences) {
    const name = `public.${ident(sequence.name)}`;
    const state = saved[sequence.name];
    if (state && /^-?\d+$/.test(state.value)) {
      await query('SELECT setval($1::regclass, $2::bigint, $3::boolean)', [name, state.value, state.called === true]);
    }
    if (!sequence.table || !sequence.column) continue;
    const [row] = await query(
      `SELECT max(${ident(sequence.column)})::text AS max,
              (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM ${name})::text AS used
       FROM public.${ident(sequence.table)}`,
    );
    if (row?.max != null && BigInt(String(row.max)) > BigInt(String(row.used))) {
      await query('SELECT setval($1::regclass, $2::bigint, true)', [name, String(row.max)]);
    }
  }
}

async function appliedMigration(query: Query): Promise<MigrationState | null> {
  const [exists] = await query(`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`);
  if (exists?.present !== true) return null;
  const [row] = await query(
    'SELECT hash, created_at::text AS created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1',
  );
  if (!row) return null;
  const when = Number(row.created_at);
  const tag = readJournal().find((entry) => entry.when === when)?.tag ?? null;
  return { tag, hash: String(row.hash), when };
}

function readJournal(): Array<{ tag: string; when: number }> {
  const journal = JSON.parse(fs.readFileSync(JOURNAL, 'utf8')) as { entries: Array<{ tag: string; when: number }> };
  return journal.entries;
}

async function checkMigration(
  header: Header,
  journal: Array<{ tag: string; when: number }>,
  database: MigrationState | null,
) {
  const backup = header.migration;
  if (!backup) return;
  const label = backup.tag ?? new Date(backup.when).toISOString();
  if (!journal.some((entry) => entry.when === backup.when)) {
    throw new BackupError(
      `The backup was made by a newer or different version of Mitmachnetz (database state ${label}); update Mitmachnetz before restoring it.`,
    );
  }
  if (!database || database.when < backup.when) {
    throw new BackupError(`The database is behind the backup (database state ${label}); run "mitmachnetz migrate" first.`);
  }
}

function parseHeader(line: string | undefined, file: string): Header {
  let header: Partial<Header> | undefined;
  try {
    header = JSON.parse(line ?? '') as Partial<Header>;
  } catch {
    header = undefined;
  }
  if (!header || header.format !== BACKUP_FORMAT) throw new BackupError(`${file} is not a Mitmachnetz backup.`);
  if (typeof header.version !== 'number' || header.version > BACKUP_VERSION) {
    throw new BackupError(
      `${file} is a backup in format version ${String(header.version)}, newer than this Mitmachnetz reads (${BACKUP_VERSION}); update Mitmachnetz first.`,
    );
  }
  if (!Array.isArray(header.tables)) throw new BackupError(`The backup is damaged: its header lists no tables.`);
  return header as Header;
}

async function assertGzip(file: string) {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupError(code === 'ENOENT' ? `${file} does not exist.` : `${file} cannot be read (${code}).`);
  }
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    if (bytesRead < 2 || buffer[0] !== 0x1f || buffer[1] !== 0x8b) throw new BackupError(`${file} is not a Mitmachnetz backup.`);
  } finally {
    await handle.close();
  }
}

/** The file's lines; a damaged or cut-off gzip stream makes the iteration throw. */
function readLines(file: string): AsyncIterable<string> {
  return {
    async *[Symbol.asyncIterator]() {
      // Created on the first read: readline drops lines that arrive before anyone iterates.
      const gunzip = pipeline(fs.createReadStream(file), createGunzip(), () => undefined);
      const lines = readline.createInterface({ input: gunzip, crlfDelay: Infinity });
      try {
        for await (const line of lines) yield line;
      } catch (error) {
        if (error instanceof BackupError) throw error;
        throw new BackupError(`The backup is damaged or cut off (${(error as Error).message}).`);
      } finally {
        lines.close();
        gunzip.destroy();
      }
    },
  };
}
