import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { projectPath } from '../paths.ts';
import type { Query } from './catalog.ts';

/*
 * The file itself: gzip-compressed JSON Lines that open with a header and close with an end marker
 * (see ../backup.ts for the layout), and the database state (last applied migration) it records.
 */

export const BACKUP_FORMAT = 'mitmachnetz-backup';
export const BACKUP_VERSION = 1;

const JOURNAL = projectPath('drizzle', 'meta', '_journal.json');

/** An expected failure (wrong file, wrong version), with a message meant for the operator. */
export class BackupError extends Error {}

export interface MigrationState {
  tag: string | null;
  hash: string;
  when: number;
}

export interface Header {
  format: string;
  version: number;
  createdAt: string;
  engine: string;
  migration: MigrationState | null;
  tables: Array<{ name: string; columns: Array<{ name: string; type: string }> }>;
}

export interface Trailer {
  end: true;
  rows: Record<string, number>;
  sequences: Record<string, { value: string; called: boolean }>;
}

export async function appliedMigration(query: Query): Promise<MigrationState | null> {
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

export function readJournal(): Array<{ tag: string; when: number }> {
  const journal = JSON.parse(fs.readFileSync(JOURNAL, 'utf8')) as { entries: Array<{ tag: string; when: number }> };
  return journal.entries;
}

export async function checkMigration(
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

export function parseHeader(line: string | undefined, file: string): Header {
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

export async function assertGzip(file: string) {
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
export function readLines(file: string): AsyncIterable<string> {
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
