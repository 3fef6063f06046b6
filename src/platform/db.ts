import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite, type PgliteDatabase } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { projectPath } from './paths.ts';

export type Db = PgliteDatabase | NodePgDatabase;

/** One database handle for the whole app; the same SQL runs on PGlite and on PostgreSQL. */
export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Plain parameterised SQL, used by pg-boss and by backup/restore. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Present for PGlite: the raw instance (for data-dir dumps in tests). */
  pglite?: PGlite;
  /** Present for PostgreSQL: the pool. */
  pool?: pg.Pool;
}

const MIGRATIONS = projectPath('drizzle');

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data folder; undefined means in memory. */
  dataDir?: string | undefined;
  /** Start PGlite from a dump made by `dumpDataDir` (fast test databases). */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number;
  /** PGlite's shared buffers in MB (PostgreSQL's own default, 128, costs 140 MB of memory at start). */
  sharedBuffersMb?: number;
}

/**
 * 16 MB keeps the embedded database's memory small on a laptop; the operating system's file cache holds
 * the rest of the data, so a search at 10k offers reads no disk either way (docs/performance.md).
 */
export const DEFAULT_PGLITE_SHARED_BUFFERS_MB = 16;

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(options);
}

async function openPglite(options: OpenOptions): Promise<Database> {
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    extensions: { pg_trgm, unaccent },
    loadDataDir: options.loadDataDir,
    startParams: [
      ...PGlite.defaultStartParams,
      '-c',
      `shared_buffers=${options.sharedBuffersMb ?? DEFAULT_PGLITE_SHARED_BUFFERS_MB}MB`,
    ],
  });
  const db = drizzlePglite({ client: pglite });
  return {
    kind: 'pglite',
    db,
    pglite,
    async query<T>(text: string, params: unknown[] = []) {
      const result = await pglite.query<T>(text, params);
      return { rows: result.rows };
    },
    async migrate() {
      await migratePglite(db, { migrationsFolder: MIGRATIONS });
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle connection that the server drops (restart, failover) must not crash the process;
  // the pool replaces it on the next checkout.
  pool.on('error', (error) => {
    console.error(`PostgreSQL connection lost: ${error.message}`);
  });
  const db = drizzlePg({ client: pool });
  return {
    kind: 'postgres',
    db,
    pool,
    async query<T>(text: string, params: unknown[] = []) {
      const result = await pool.query(text, params);
      return { rows: result.rows as T[] };
    },
    async migrate() {
      await migratePg(db, { migrationsFolder: MIGRATIONS });
    },
    async close() {
      await pool.end();
    },
  };
}
