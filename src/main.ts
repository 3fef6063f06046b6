import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './platform/config.ts';
import { buildApp } from './app.ts';
import { closeDeps, createDeps } from './platform/runtime.ts';
import { openDatabase } from './platform/db.ts';
import { seedDemoNetworks } from './modules/networks/demo.ts';
import { createAdmin } from './modules/accounts/commands.ts';
import { backupToFile, restoreFromFile } from './platform/backup.ts';
import path from 'node:path';

const USAGE = `Usage: mitmachnetz <command>

Commands:
  start                     start the web server (default)
  migrate                   apply database migrations and exit
  seed-demo                 add the demo networks to an empty database
  create-admin --email E    create a platform admin (or make an account one) and print a login link
  backup FILE               write all data to FILE (portable between PGlite and PostgreSQL)
  restore FILE              replace all data with the contents of FILE

Configuration comes from environment variables; see docs/operator-guide.md.`;

async function openFromConfig(config: Config) {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'db') });
  await database.migrate();
  return database;
}

async function start(config: Config): Promise<void> {
  const startedAt = performance.now();
  const deps = await createDeps(config);
  if (config.demo && (await seedDemoNetworks(deps.db))) console.log('Demo networks seeded (set DEMO=false to start empty).');
  const app = await buildApp(deps, {
    logger: {
      level: config.logLevel,
      // Never log credentials or cookies, at any level.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
  });
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ ms: Math.round(performance.now() - startedAt), engine: deps.database.kind }, 'ready');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close();
    await closeDeps(deps);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command = 'start', ...rest] = positionals;
  if (values.help || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }

  switch (command) {
    case 'start':
      await start(config);
      return -1;
    case 'migrate': {
      const database = await openFromConfig(config);
      await database.close();
      console.log('Migrations applied.');
      return 0;
    }
    case 'seed-demo': {
      const database = await openFromConfig(config);
      const seeded = await seedDemoNetworks(database.db);
      await database.close();
      console.log(seeded ? 'Demo networks seeded.' : 'The database already has networks; nothing seeded.');
      return 0;
    }
    case 'create-admin': {
      if (!values.email) {
        console.error('create-admin needs --email ADDRESS');
        return 1;
      }
      const database = await openFromConfig(config);
      const result = await createAdmin(database.db, { email: values.email, name: values.name ?? '' }, new Date());
      await database.close();
      if (!result.ok) {
        console.error(result.message);
        return 1;
      }
      console.log(`Platform admin ready: ${result.email}`);
      console.log(`Log in within 24 hours: ${config.publicUrl}/anmeldelink/${result.loginToken}`);
      return 0;
    }
    case 'backup':
    case 'restore': {
      const file = rest[0];
      if (!file) {
        console.error(`${command} needs a FILE`);
        return 1;
      }
      const database = await openFromConfig(config);
      try {
        const counts = command === 'backup' ? await backupToFile(database, file) : await restoreFromFile(database, file);
        const rows = Object.values(counts).reduce((a, b) => a + b, 0);
        console.log(`${command === 'backup' ? 'Backed up' : 'Restored'} ${rows} rows in ${Object.keys(counts).length} tables.`);
        return 0;
      } catch (error) {
        console.error(`${command} failed: ${(error as Error).message}`);
        return 1;
      } finally {
        await database.close();
      }
    }
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
