import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase, type Database } from '../src/platform/db.ts';
import type { AppDeps } from '../src/platform/deps.ts';
import { createDeps } from '../src/platform/runtime.ts';
import { ENGINE, openTestDatabase } from './helpers.ts';

export interface Instance {
  app: FastifyInstance;
  deps: AppDeps;
}

export interface TwoInstances {
  a: Instance;
  b: Instance;
  /** The database as a test sees it (instance a's handle). */
  database: Database;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Two app instances on one database, as two processes would be: on PostgreSQL each has its own
 * pool and job queue connection; PGlite has one connection, so there they share the handle.
 * They share a data folder and no COOKIE_SECRET, so both use the secret generated in it.
 */
export async function openTwoInstances(
  options: { env?: Record<string, string>; workers?: boolean; rateLimitNamespace?: string } = {},
): Promise<TwoInstances> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-two-'));
  const { database, url, drop } = await openTestDatabase();
  const second = url ? await openDatabase({ databaseUrl: url, poolSize: 5 }) : database;
  const config = loadConfig({ DATA_DIR: dataDir, DEMO: 'false', ...(url ? { DATABASE_URL: url } : {}), ...options.env });
  const instance = async (handle: Database): Promise<Instance> => {
    const deps = await createDeps(config, { database: handle, workers: options.workers ?? false, pollingIntervalSeconds: 0.5 });
    const app = await buildApp(deps, options.rateLimitNamespace ? { rateLimitNamespace: options.rateLimitNamespace } : {});
    await app.ready();
    return { app, deps };
  };
  const a = await instance(database);
  const b = await instance(second);
  return {
    a,
    b,
    database,
    dataDir,
    async close() {
      for (const { app, deps } of [a, b]) {
        // Dropping the database ends connections that may still be closing: that is no failure here.
        deps.jobs.on('error', () => undefined);
        deps.database.pool?.on('error', () => undefined);
        await app.close();
        await deps.jobs.stop({ graceful: true, wait: true, timeout: 5000 });
      }
      if (ENGINE === 'postgres') await second.close();
      await drop().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
