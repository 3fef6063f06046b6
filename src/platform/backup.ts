import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Database } from './db.ts';
import { ident, inTransaction, literal, readSchema, type Query, type Schema, type Table } from './backup/catalog.ts';
import { appliedMigration, BACKUP_FORMAT, BACKUP_VERSION, type Header, type Trailer } from './backup/file-format.ts';

export { BACKUP_FORMAT, BACKUP_VERSION, BackupError } from './backup/file-format.ts';
export { restoreFromFile } from './backup/restore.ts';

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
 *
 * This file writes backups; backup/catalog.ts reads the tables, backup/file-format.ts holds what
 * the file's header and end marker say, backup/restore.ts reads a file back.
 */

const PAGE_ROWS = 1000;

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

/**
 * A backup to hand to a client while the app keeps running. PGlite has a single connection and
 * every other query waits while the snapshot is open, so a slow download would stall the whole
 * platform: there the backup goes to a file in `spoolDir` first, which is unlinked once opened and
 * read from its descriptor. On PostgreSQL the snapshot is streamed directly and blocks no one.
 */
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

/** Fixes how values are written as text, whatever the server's or session's settings. */
async function setOutputFormat(query: Query) {
  await query("SET LOCAL TimeZone = 'UTC'");
  await query("SET LOCAL IntervalStyle = 'postgres'");
  await query("SET LOCAL bytea_output = 'hex'");
  await query('SET LOCAL extra_float_digits = 1');
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

async function readSequences(query: Query, schema: Schema): Promise<Trailer['sequences']> {
  const result: Trailer['sequences'] = {};
  for (const sequence of schema.sequences) {
    const [row] = await query(`SELECT last_value::text AS value, is_called AS called FROM public.${ident(sequence.name)}`);
    if (row) result[sequence.name] = { value: String(row.value), called: row.called === true };
  }
  return result;
}
