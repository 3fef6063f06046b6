import type { Config } from './config.ts';
import type { Database, Db } from './db.ts';
import type { Jobs } from './jobs/index.ts';
import type { Mailer } from './mail/index.ts';

/** What every module's routes, commands and jobs may use; built once per process. */
export interface AppDeps {
  config: Config;
  database: Database;
  db: Db;
  jobs: Jobs;
  mailer: Mailer;
  /** The time, injectable so tests control expiry and reminders. */
  clock: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}
