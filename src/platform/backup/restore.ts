import type { Database } from '../db.ts';
import { ident, inTransaction, literal, readSchema, type Query, type Schema, type Table } from './catalog.ts';
import { appliedMigration, assertGzip, BackupError, checkMigration, parseHeader, readJournal, readLines, type Trailer } from './file-format.ts';

/*
 * Restoring a backup: everything is replaced in one transaction, rows are inserted in batches in the
 * file's (foreign-key) order, then sequences are set and derived tables recomputed.
 */

const BATCH_ROWS = 500;
const BATCH_CHARS = 2_000_000;

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
