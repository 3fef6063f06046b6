import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { countRows, ROOT, runCli, SLOW, spawnCli, type Run } from '../test/cli.ts';
import { ENGINE, openTestDatabase } from '../test/helpers.ts';
import { openDatabase, type Database } from './platform/db.ts';

/** A data folder (and on PostgreSQL runs a database) of its own, already migrated from the run's template. */
async function prepareInstance(): Promise<{ env: Record<string, string>; open(): Promise<Database>; drop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-cli-'));
  if (ENGINE === 'postgres') {
    const { database, url, drop } = await openTestDatabase();
    // The child process works on the database; this pool is only needed to drop it afterwards.
    database.pool?.on('error', () => undefined);
    return {
      env: { DATA_DIR: dataDir, DATABASE_URL: url! },
      open: () => openDatabase({ databaseUrl: url!, poolSize: 1 }),
      async drop() {
        await drop().catch(() => undefined);
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  fs.cpSync(inject('pgliteTemplate'), path.join(dataDir, 'db'), { recursive: true });
  return {
    env: { DATA_DIR: dataDir },
    open: () => openDatabase({ dataDir: path.join(dataDir, 'db') }),
    async drop() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Reads from the instance's database while no command runs on it. */
const count = (instance: { open(): Promise<Database> }, sql: string) => countRows(instance.open, sql);

describe('command line', () => {
  it('explains itself and rejects unknown commands and missing arguments with exit code 2', { timeout: SLOW }, async () => {
    const help = await runCli(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: mitmachnetz <command>');
    expect(help.stdout).toContain('restore FILE');

    const unknown = await runCli(['launch']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown command "launch"\./);

    const option = await runCli(['migrate', '--force']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Unknown option '--force'");

    const noFile = await runCli(['backup']);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('backup needs a FILE');
    expect(noFile.stderr).not.toContain('    at ');
  });

  it('prints one line per wrong configuration value and exits with 1', { timeout: SLOW }, async () => {
    const run = await runCli(['migrate'], { PORT: 'abc', DATABASE_URL: 'foo', LOG_LEVEL: 'loud', SEARCH_INDEX: 'elastic' });
    expect(run.code).toBe(1);
    const problems = run.stderr.split('\n').filter((line) => line.startsWith('  - '));
    expect(problems).toEqual([
      '  - PORT must be a whole number from 0 to 65535, got "abc"',
      '  - DATABASE_URL is not a valid URL',
      '  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      '  - SEARCH_INDEX must be memory or database, got "elastic"',
    ]);
    expect(run.stderr).not.toContain('    at ');
    expect(run.stdout).toBe('');
  });

  it('can be run as `npx mitmachnetz` inside the project, without the registry', { timeout: SLOW }, async () => {
    const run = await new Promise<Run>((resolve) => {
      const child = spawn('npx', ['--no-install', 'mitmachnetz', 'help'], {
        cwd: path.join(ROOT, 'src'),
        env: { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
      });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr: '' }));
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: mitmachnetz <command>');
  });
});

describe(`command line on ${ENGINE}: migrate, seed, admin, backup and restore`, () => {
  let instance: Awaited<ReturnType<typeof prepareInstance>>;
  beforeAll(async () => {
    instance = await prepareInstance();
  }, SLOW);
  afterAll(async () => {
    await instance?.drop();
  });

  it('migrates, then seeds the demo networks once', { timeout: SLOW }, async () => {
    const migrate = await runCli(['migrate'], instance.env);
    expect(migrate, migrate.stderr).toMatchObject({ code: 0, stdout: 'Migrations applied; the database is up to date.\n' });
    const seed = await runCli(['seed-demo'], instance.env);
    expect(seed, seed.stderr).toMatchObject({ code: 0, stdout: 'Demo networks seeded.\n' });
    const again = await runCli(['seed-demo'], instance.env);
    expect(again, again.stderr).toMatchObject({ code: 0, stdout: 'The database already has networks; nothing seeded.\n' });
    expect(await count(instance, `SELECT count(*)::int AS n FROM networks WHERE slug = 'gems'`)).toBe(1);
  });

  it('creates a platform admin and prints a login link', { timeout: SLOW }, async () => {
    const run = await runCli(['create-admin', '--email', 'Netzwerkstelle@Example.org', '--name', 'Netzwerkstelle'], {
      ...instance.env,
      PUBLIC_URL: 'https://mitmachnetz.example',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Platform admin ready: netzwerkstelle@example.org');
    expect(run.stdout).toMatch(/Log in within 24 hours: https:\/\/mitmachnetz\.example\/anmeldelink\/[A-Za-z0-9_-]{20,}\n/);
    expect(await count(instance, `SELECT count(*)::int AS n FROM users WHERE is_platform_admin`)).toBe(1);

    const missing = await runCli(['create-admin'], instance.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('create-admin needs --email');
    const invalid = await runCli(['create-admin', '--email', 'not-an-address'], instance.env);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^create-admin failed: /);
  });

  it('backs up and restores, refusing a file that is not a backup', { timeout: SLOW }, async () => {
    const file = path.join(instance.env.DATA_DIR!, 'sicherung.mmn.gz');
    // The demo's people and the admin made above; the backup holds exactly them.
    const people = await count(instance, 'SELECT count(*)::int AS n FROM users');
    const backup = await runCli(['backup', file], instance.env);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up \d+ rows from \d+ tables to .*sicherung\.mmn\.gz in [\d.]+ s\.\n$/);
    expect(fs.existsSync(file)).toBe(true);

    const later = await runCli(['create-admin', '--email', 'spaeter@example.org'], instance.env);
    expect(later.code).toBe(0);
    expect(await count(instance, 'SELECT count(*)::int AS n FROM users')).toBe(people + 1);

    const restore = await runCli(['restore', file], instance.env);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/^Restored \d+ rows into \d+ tables from .*sicherung\.mmn\.gz in [\d.]+ s\.\n$/);
    expect(await count(instance, 'SELECT count(*)::int AS n FROM users')).toBe(people);
    expect(await count(instance, `SELECT count(*)::int AS n FROM users WHERE email = 'spaeter@example.org'`)).toBe(0);

    const notes = path.join(instance.env.DATA_DIR!, 'notizen.txt');
    fs.writeFileSync(notes, 'kein Backup');
    const wrong = await runCli(['restore', notes], instance.env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(`restore failed: ${notes} is not a Mitmachnetz backup.\n`);
    expect(await count(instance, 'SELECT count(*)::int AS n FROM users')).toBe(people);
  });
});

describe(`start on ${ENGINE}`, () => {
  let instance: Awaited<ReturnType<typeof prepareInstance>>;
  let server: ChildProcess | undefined;
  beforeAll(async () => {
    instance = await prepareInstance();
  }, SLOW);
  afterAll(async () => {
    server?.kill('SIGKILL');
    await instance?.drop();
  });

  it('serves the demo networks, refuses a second process on the data, and stops cleanly on SIGTERM', { timeout: SLOW }, async () => {
    const startedAt = performance.now();
    const { child, out, exited } = spawnCli(['start'], { ...instance.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
    server = child;

    let address: string | undefined;
    let firstOk: number | undefined;
    let body = '';
    while (firstOk === undefined) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${out.stdout}\n${out.stderr}`);
      if (performance.now() - startedAt > SLOW - 20_000) throw new Error(`no answer:\n${out.stdout}\n${out.stderr}`);
      address ??= out.stdout.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
      if (address) {
        const response = await fetch(`${address}/`).catch(() => undefined);
        if (response?.status === 200) {
          body = await response.text();
          firstOk = performance.now() - startedAt;
          break;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(body).toContain('GEMS');
    expect(out.stdout).toContain('Demo networks seeded');
    // The search index is loaded as the server starts, not at the first search.
    for (let waited = 0; !out.stdout.includes('search index loaded') && waited < 10_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const loaded = out.stdout.split('\n').find((line) => line.includes('"search index loaded"'));
    expect(JSON.parse(loaded ?? '{}').offers).toBeGreaterThanOrEqual(30);

    let rss = 'unknown';
    try {
      rss = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)?.[1] ?? rss;
      rss = `${Math.round(Number(rss) / 1024)} MB`;
    } catch {
      // Not Linux: no /proc to read.
    }
    console.log(`start on ${ENGINE}: first 200 after ${Math.round(firstOk)} ms, RSS ${rss}`);

    if (ENGINE === 'pglite') {
      // Two processes on one PGlite folder would corrupt it: the second one must refuse.
      const second = await runCli(['backup', path.join(instance.env.DATA_DIR!, 'x.gz')], instance.env);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`is in use by process ${child.pid}`);
    }

    const stopAt = performance.now();
    child.kill('SIGTERM');
    const result = await Promise.race([
      exited,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000)),
    ]);
    expect(result, out.stderr).not.toBe('timeout');
    expect((result as Run).code).toBe(0);
    console.log(`start on ${ENGINE}: stopped ${Math.round(performance.now() - stopAt)} ms after SIGTERM`);
    expect(fs.existsSync(path.join(instance.env.DATA_DIR!, 'db.lock'))).toBe(false);
    server = undefined;
  });
});
