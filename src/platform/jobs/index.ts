import PgBoss from 'pg-boss';
import type { Database } from '../db.ts';

export type Jobs = PgBoss;

/**
 * The durable job queue (pg-boss) on whichever engine the app runs. On PostgreSQL pg-boss keeps
 * a pool of its own; on PGlite it shares the single embedded connection through `executeSql`.
 */
export function createJobs(database: Database, options: { databaseUrl?: string | undefined }): Jobs {
  const common = {
    // Keep finished jobs a week so the admin can see what was sent and what failed.
    archiveCompletedAfterSeconds: 7 * 24 * 3600,
    deleteAfterDays: 30,
    monitorStateIntervalSeconds: 60,
  };
  if (database.kind === 'postgres' && options.databaseUrl) {
    return new PgBoss({ connectionString: options.databaseUrl, max: 4, ...common });
  }
  const pglite = database.pglite;
  if (!pglite) throw new Error('PGlite instance missing');
  return new PgBoss({
    ...common,
    db: {
      async executeSql(text: string, values?: unknown[]) {
        // PGlite's extended protocol takes one statement; pg-boss sends scripts without parameters.
        if (values && values.length > 0) return pglite.query(text, values);
        const results = await pglite.exec(text);
        return results[results.length - 1] ?? { rows: [] };
      },
    },
  });
}
