import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './platform/config.ts';

// The rest of the app is imported per command: `help` and configuration errors answer at once.

const USAGE = `Usage: mitmachnetz <command>

Commands:
  start [--workers N]       start the web server (default); with PostgreSQL, N processes share the port
  migrate                   apply database migrations and exit
  seed-demo                 add the demo networks to an empty database
  create-admin --email E    create a platform admin (or make an account one) and print a login link
               [--name N]
  backup FILE               write all data to FILE (portable between PGlite and PostgreSQL)
  restore FILE              replace all data with the contents of FILE
  import freinet|csv FILE --network SLUG
                            read offers from a FreiNet XML export or a CSV file into a network
  export csv FILE --network SLUG
                            write a network's offers to a CSV file (columns: docs/import.md)
  help                      show this text

With the embedded database (no DATABASE_URL), stop the server before backup, restore, import, export or migrate.
Exit codes: 0 done, 1 failed, 2 wrong command line.
Configuration comes from environment variables; see docs/operator-guide.md.`;

/** A failure the operator can fix; printed as one line, without a stack trace. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const COMMANDS = ['start', 'migrate', 'seed-demo', 'create-admin', 'backup', 'restore', 'import', 'export', 'help'];

/**
 * PGlite keeps no lock of its own, and two processes on one data folder corrupt it: each command
 * that opens the embedded database holds DATA_DIR/db.lock with its process id.
 */
function lockEmbeddedDatabase(config: Config): void {
  if (config.databaseUrl) return;
  const file = path.join(config.dataDir, 'db.lock');
  fs.mkdirSync(config.dataDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      process.on('exit', () => fs.rmSync(file, { force: true }));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid)) {
        throw new CliError(
          `The embedded database in ${config.dataDir} is in use by process ${pid} (a running server?). ` +
            `Stop it first. If no such process runs, delete ${file}.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new CliError(`Could not lock ${file}; another command may be starting at the same moment.`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // After a crash and a container restart the old id may belong to some other program.
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true;
  }
}

async function openFromConfig(config: Config) {
  lockEmbeddedDatabase(config);
  const { openDatabase } = await import('./platform/db.ts');
  const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: path.join(config.dataDir, 'db'),
      sharedBuffersMb: config.pgliteSharedBuffersMb,
    });
  try {
    await database.migrate();
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  return database;
}

/** A process of a cluster: the primary already migrated and seeded, so it only opens the database. */
async function openForWorker(config: Config) {
  const { openDatabase } = await import('./platform/db.ts');
  return openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: path.join(config.dataDir, 'db'),
      sharedBuffersMb: config.pgliteSharedBuffersMb,
    });
}

function processCount(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new CliError('--workers must be a whole number from 1 to 64', 2);
  return count;
}

/** Migrates and seeds once, then forks the app processes; returns the exit code after they closed. */
async function startCluster(config: Config, processes: number): Promise<number> {
  if (!config.databaseUrl) {
    throw new CliError(
      `--workers ${processes} needs PostgreSQL (set DATABASE_URL): the embedded database has one connection ` +
        'and serves one process. Start without --workers to use it.',
      2,
    );
  }
  // Migrations, the job queue's own schema, queues and schedules: set up here once, since processes
  // doing it at the same moment deadlock in PostgreSQL.
  const [{ closeDeps, createDeps }, { seedDemoNetworks }] = await Promise.all([
    import('./platform/runtime.ts'),
    import('./modules/networks/demo.ts'),
    // Registers the modules: their queues, schedules and demo parts.
    import('./modules/index.ts'),
  ]);
  const deps = await createDeps(config, { workers: false });
  try {
    if (config.demo && (await seedDemoNetworks(deps.db, { content: true }))) console.log('Demo networks seeded (set DEMO=false to start empty).');
  } finally {
    await closeDeps(deps);
  }
  const { runPrimary } = await import('./platform/cluster.ts');
  console.log(`Starting ${processes} processes on port ${config.port}.`);
  return runPrimary({ processes, log: (line) => console.log(line) });
}

async function start(config: Config): Promise<void> {
  const startedAt = performance.now();
  lockEmbeddedDatabase(config);
  const [{ buildApp }, { closeDeps, createDeps }, { seedDemoNetworks }, { SHUTDOWN_MESSAGE }, { modules }] = await Promise.all([
    import('./app.ts'),
    import('./platform/runtime.ts'),
    import('./modules/networks/demo.ts'),
    import('./platform/cluster.ts'),
    import('./modules/index.ts'),
  ]);
  const deps = cluster.isWorker ? await createDeps(config, { database: await openForWorker(config) }) : await createDeps(config);
  if (cluster.isPrimary && config.demo && (await seedDemoNetworks(deps.db, { content: true }))) {
    console.log('Demo networks seeded (set DEMO=false to start empty).');
  }
  const app = await buildApp(deps, {
    logger: {
      level: config.logLevel,
      // Never log credentials or cookies, at any level.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      // A second Ctrl-C means: do not wait any longer. The primary's request is not impatience.
      if (signal === 'primary') return;
      process.exit(1);
    }
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('shutdown took longer than 15 s; exiting anyway');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await app.close();
      await closeDeps(deps);
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  if (cluster.isWorker) {
    process.on('message', (message) => {
      if (message === SHUTDOWN_MESSAGE) void shutdown('primary');
    });
    // The primary hands out the connections: without it this process can serve nothing.
    process.on('disconnect', () => void shutdown('primary'));
  }

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close().catch(() => undefined);
    await closeDeps(deps).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`Port ${config.port} is already in use; set PORT to a free port.`);
    if (code === 'EACCES') throw new CliError(`Not allowed to listen on port ${config.port}; use a port above 1023.`);
    throw error;
  }
  app.log.info({ ms: Math.round(performance.now() - startedAt), engine: deps.database.kind }, 'ready');
  for (const module of modules) module.serving?.(deps, app.log);
}

async function main(argv: string[]): Promise<number> {
  let values: {
    email?: string | undefined;
    name?: string | undefined;
    help?: boolean | undefined;
    workers?: string | undefined;
    network?: string | undefined;
  };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        workers: { type: 'string' },
        network: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  const [command = 'start', ...rest] = positionals;
  if (values.help || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (!COMMANDS.includes(command)) throw new CliError(`Unknown command "${command}".\n\n${USAGE}`, 2);
  const expected = command === 'backup' || command === 'restore' ? 1 : command === 'import' || command === 'export' ? 2 : 0;
  if (rest.length > expected) throw new CliError(`Too many arguments for ${command}: ${rest.slice(expected).join(' ')}`, 2);

  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }

  switch (command) {
    case 'start': {
      const processes = processCount(values.workers);
      if (processes > 1 && cluster.isPrimary) return startCluster(config, processes);
      await start(config);
      // Keeps running until a signal arrives; shutdown() ends the process.
      return -1;
    }
    case 'migrate': {
      const database = await openFromConfig(config);
      await database.close();
      console.log('Migrations applied; the database is up to date.');
      return 0;
    }
    case 'seed-demo': {
      const database = await openFromConfig(config);
      try {
        const [{ seedDemoNetworks }] = await Promise.all([import('./modules/networks/demo.ts'), import('./modules/index.ts')]);
        const seeded = await seedDemoNetworks(database.db, { content: true });
        console.log(seeded ? 'Demo networks seeded.' : 'The database already has networks; nothing seeded.');
        return 0;
      } finally {
        await database.close();
      }
    }
    case 'create-admin': {
      if (!values.email) throw new CliError('create-admin needs --email ADDRESS', 2);
      const database = await openFromConfig(config);
      try {
        const { createAdmin } = await import('./modules/accounts/commands.ts');
        const result = await createAdmin(database.db, { email: values.email, name: values.name ?? '' }, new Date());
        if (!result.ok) throw new CliError(`create-admin failed: ${result.message}`);
        console.log(`Platform admin ready: ${result.email}`);
        console.log(`Log in within 24 hours: ${config.publicUrl}/anmeldelink/${result.loginToken}`);
        return 0;
      } finally {
        await database.close();
      }
    }
    case 'backup':
    case 'restore': {
      const file = rest[0];
      if (!file) throw new CliError(`${command} needs a FILE, e.g. mitmachnetz ${command} mitmachnetz.backup.gz`, 2);
      const target = path.resolve(file);
      const { backupToFile, restoreFromFile, BackupError } = await import('./platform/backup.ts');
      const database = await openFromConfig(config);
      const startedAt = performance.now();
      try {
        const counts = command === 'backup' ? await backupToFile(database, target) : await restoreFromFile(database, target);
        const rows = Object.values(counts).reduce((a, b) => a + b, 0);
        const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
        const tables = Object.keys(counts).length;
        console.log(
          command === 'backup'
            ? `Backed up ${rows} rows from ${tables} tables to ${target} in ${seconds} s.`
            : `Restored ${rows} rows into ${tables} tables from ${target} in ${seconds} s.`,
        );
        return 0;
      } catch (error) {
        // The database's own complaints (a value an older schema cannot take) are as final as ours.
        const fromDatabase = typeof (error as { severity?: unknown }).severity === 'string';
        if (error instanceof BackupError || fromDatabase) throw new CliError(`${command} failed: ${(error as Error).message}`);
        throw error;
      } finally {
        await database.close();
      }
    }
    case 'import':
    case 'export': {
      // The module list registers the texts the summary is written in.
      const [{ importExportUsage, runImportExport }] = await Promise.all([import('./modules/imports/cli.ts'), import('./modules/index.ts')]);
      const problem = importExportUsage(command, rest, values.network);
      if (problem) throw new CliError(problem.message, problem.exitCode);
      const database = await openFromConfig(config);
      try {
        const [format = '', file = ''] = rest;
        return await runImportExport(database.db, { command, format, file, network: values.network ?? '' }, new Date());
      } finally {
        await database.close();
      }
    }
    default:
      throw new CliError(`Unknown command "${command}".\n\n${USAGE}`, 2);
  }
}

/** Errors the operator can act on (a database that cannot be reached, a disk that is full) need no stack trace. */
function explain(error: unknown): string {
  if (error instanceof CliError) return error.message;
  const err = error as NodeJS.ErrnoException & { severity?: string };
  if (err?.code === 'ECONNREFUSED' || err?.code === 'ENOTFOUND' || err?.code === 'ETIMEDOUT') {
    return `Cannot reach the database server (${err.message}). Check DATABASE_URL and that the server runs.`;
  }
  if (typeof err?.code === 'string' && (err.severity || /^E[A-Z]+$/.test(err.code))) return `Error: ${err.message}`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(explain(error));
    process.exit(error instanceof CliError ? error.exitCode : 1);
  },
);
