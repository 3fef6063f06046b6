import type { Config } from './config.ts';
import { openDatabase, type Database } from './db.ts';
import type { AppDeps } from './deps.ts';
import { createJobs } from './jobs/index.ts';
import { createMailer, MAIL_QUEUE, startMailWorker } from './mail/index.ts';
import { modules } from '../modules/index.ts';
import path from 'node:path';

export interface StartOptions {
  /** Use this database instead of opening one from the config (tests). */
  database?: Database;
  /** Run job workers in this process (default: config.workers). */
  workers?: boolean;
  clock?: () => Date;
  pollingIntervalSeconds?: number;
}

/** Opens the database, applies migrations, starts the job queue: everything a process needs. */
export async function createDeps(config: Config, options: StartOptions = {}): Promise<AppDeps> {
  const database =
    options.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'db') }));
  if (!options.database) await database.migrate();
  const jobs = createJobs(database, { databaseUrl: config.databaseUrl });
  const mailer = createMailer(config);
  const deps: AppDeps = { config, database, db: database.db, jobs, mailer, clock: options.clock ?? (() => new Date()) };
  await jobs.start();
  await jobs.createQueue(MAIL_QUEUE);
  for (const module of modules) {
    for (const queue of module.queues ?? []) await jobs.createQueue(queue);
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
  await deps.database.close();
}
