import type { Config } from './config.ts';
import { removeBackupSpool } from './backup.ts';
import { openDatabase, type Database } from './db.ts';
import type { AppDeps } from './deps.ts';
import { createJobs } from './jobs/index.ts';
import { createMailer, MAIL_QUEUE, startMailWorker } from './mail/index.ts';
import { registeredModules } from './registry.ts';
import path from 'node:path';
import fs from 'node:fs';
import crypto from 'node:crypto';

export interface StartOptions {
  /** Use this database instead of opening one from the config (tests). */
  database?: Database;
  /** Run job workers in this process (default: config.workers). */
  workers?: boolean;
  clock?: () => Date;
  pollingIntervalSeconds?: number;
}

/** Opens the database, applies migrations, starts the job queue: everything a process needs. */
export async function createDeps(given: Config, options: StartOptions = {}): Promise<AppDeps> {
  const config = given.cookieSecret ? given : { ...given, cookieSecret: keptCookieSecret(given.dataDir) };
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: path.join(config.dataDir, 'db'),
      sharedBuffersMb: config.pgliteSharedBuffersMb,
    }));
  if (!options.database) {
    await database.migrate();
    // Download files of a process that crashed mid-download (embedded database: this process holds the lock).
    if (database.kind === 'pglite') await removeBackupSpool(config.dataDir);
  }
  const jobs = createJobs(database, { databaseUrl: config.databaseUrl });
  const mailer = createMailer(config);
  const deps: AppDeps = { config, database, db: database.db, jobs, mailer, clock: options.clock ?? (() => new Date()) };
  await jobs.start();
  const modules = registeredModules();
  // Creating a queue takes a round of DDL even when it exists: only the missing ones, so a restart stays quick.
  const existing = new Set((await jobs.getQueues()).map((queue) => queue.name));
  const queues = [MAIL_QUEUE, ...modules.flatMap((module) => module.queues ?? [])];
  for (const queue of queues) if (!existing.has(queue)) await jobs.createQueue(queue);
  for (const module of modules) {
    for (const schedule of module.schedules ?? []) await jobs.schedule(schedule.queue, schedule.cron, {}, { tz: 'Europe/Berlin' });
  }
  if (options.workers ?? config.workers) {
    await startMailWorker(jobs, mailer, options.pollingIntervalSeconds);
    for (const module of modules) await module.workers?.(deps);
  }
  return deps;
}

export async function closeDeps(deps: AppDeps): Promise<void> {
  await deps.jobs.stop({ graceful: true, wait: true, timeout: 5000 });
  deps.mailer.close();
  await deps.database.close();
}

/**
 * Without COOKIE_SECRET, one secret is made on the first start and kept in the data folder, so signed cookies
 * stay valid across restarts and between processes sharing that folder.
 */
function keptCookieSecret(dataDir: string): string {
  const file = path.join(dataDir, 'cookie-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    // Written aside and linked into place, so a process starting at the same moment never reads a half-written file.
    const draft = `${file}.${process.pid}`;
    fs.writeFileSync(draft, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}
