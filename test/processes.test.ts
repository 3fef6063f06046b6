import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/platform/auth/passwords.ts';
import { freePort } from './cli.ts';
import { users } from '../src/modules/accounts/schema.ts';
import { Client, ENGINE, openTestDatabase } from './helpers.ts';
import { openTwoInstances, type TwoInstances } from './instances.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/mitmachnetz.js');
const PASSWORD = 'ein-langes-gutes-passwort';

async function addAccount(two: { database: TwoInstances['database'] }, email: string): Promise<void> {
  await two.database.db.insert(users).values({ email, name: 'Vorher', passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() });
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('two app instances on one database', () => {
  let two: TwoInstances;
  beforeAll(async () => {
    two = await openTwoInstances({ workers: true });
  });
  afterAll(() => two.close());

  it('accept a login made through the other, and its CSRF token', async () => {
    await addAccount(two, 'wechsel@example.org');
    const viaA = new Client(two.a.app);
    const viaB = new Client(two.b.app);
    // One browser, whose requests a load balancer sends to either process.
    viaB.cookies = viaA.cookies;

    const login = await viaA.submit('/anmelden', { email: 'wechsel@example.org', password: PASSWORD }, '/anmelden');
    expect(login.statusCode).toBe(303);

    await viaA.get('/konto');
    viaB.lastCsrf = viaA.lastCsrf;
    const saved = await viaB.submit('/konto', { name: 'Nachher', locale: 'de' });
    expect(saved.statusCode).toBe(303);
    expect((await viaA.get('/konto')).body).toContain('Nachher');
    const [row] = await two.database.db.select().from(users).where(eq(users.email, 'wechsel@example.org'));
    expect(row?.name).toBe('Nachher');

    // And the other way round: a token from B's page, posted to A.
    await viaB.get('/konto');
    viaA.lastCsrf = viaB.lastCsrf;
    expect((await viaA.submit('/konto', { name: 'Zurück', locale: 'de' })).statusCode).toBe(303);
  });

  it('still reject a POST without a token through either', async () => {
    const viaA = new Client(two.a.app);
    await viaA.get('/anmelden');
    const viaB = new Client(two.b.app);
    viaB.cookies = viaA.cookies;
    viaB.lastCsrf = 'gefaelscht';
    expect((await viaB.submit('/anmelden', { email: 'wechsel@example.org', password: PASSWORD })).statusCode).toBe(403);
  });

  it('run a job queued through one exactly once while both work the queue', async () => {
    const queue = 'test-exactly-once';
    await two.a.deps.jobs.createQueue(queue);
    const seen: Array<{ by: 'a' | 'b'; n: number }> = [];
    for (const [by, { deps }] of [['a', two.a], ['b', two.b]] as const) {
      await deps.jobs.work<{ n: number }>(queue, { pollingIntervalSeconds: 0.5, batchSize: 3 }, async (jobs) => {
        for (const job of jobs) seen.push({ by, n: job.data.n });
      });
    }
    const total = 30;
    for (let n = 0; n < total; n++) await two.a.deps.jobs.send(queue, { n });
    await until('all jobs completed', async () => {
      const { rows } = await two.database.query<{ done: number }>(
        `SELECT count(*)::int AS done FROM pgboss.job WHERE name = $1 AND state = 'completed'`,
        [queue],
      );
      return rows[0]?.done === total ? true : undefined;
    });
    expect(seen.map((s) => s.n).sort((x, y) => x - y)).toEqual(Array.from({ length: total }, (_, n) => n));
  });
});


interface Answer {
  status: number;
  body: string;
  cookies: string[];
}

/** A new connection per request (no keep-alive), so the cluster hands each to the next process. */
function request(port: number, method: string, url: string, cookies: Map<string, string>, form?: Record<string, string>): Promise<Answer> {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        agent: false,
        headers: {
          cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const set = res.headers['set-cookie'] ?? [];
          for (const line of set) {
            const [pair = ''] = line.split(';');
            const at = pair.indexOf('=');
            cookies.set(pair.slice(0, at), pair.slice(at + 1));
          }
          resolve({ status: res.statusCode ?? 0, body: text, cookies: set });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const csrfIn = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';

if (ENGINE === 'postgres') {
  describe('start --workers 2 (a real cluster on PostgreSQL)', () => {
    it('serves one login across both processes, restarts a killed one and closes cleanly on SIGTERM', { timeout: 300_000 }, async () => {
      const { database, url, drop } = await openTestDatabase();
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-cluster-'));
      const port = await freePort();
      // No COOKIE_SECRET: the processes must agree on the one generated in the data folder.
      const child = spawn(process.execPath, [BIN, 'start', '--workers', '2'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), DATABASE_URL: url!, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      });
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const logLines = () =>
        output
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as { pid: number; msg: string; res?: { statusCode: number } });
      const readyPids = () => new Set(logLines().filter((l) => l.msg === 'ready').map((l) => l.pid));
      try {
        await until('two processes ready', () => (readyPids().size >= 2 ? true : undefined), 180_000);
        // The demo networks were seeded once, by the primary, before the processes started.
        expect(output.match(/Demo networks seeded/g)).toHaveLength(1);
        const slugs = await database.query<{ slug: string }>('SELECT slug FROM networks');
        expect(new Set(slugs.rows.map((r) => r.slug)).size).toBe(slugs.rows.length);

        await database.db.insert(users).values({
          email: 'cluster@example.org',
          name: 'Vorher',
          passwordHash: await hashPassword(PASSWORD),
          emailVerifiedAt: new Date(),
        });
        const cookies = new Map<string, string>();
        const form = await request(port, 'GET', '/anmelden', cookies);
        expect(form.status).toBe(200);
        const login = await request(port, 'POST', '/anmelden', cookies, {
          _csrf: csrfIn(form.body),
          email: 'cluster@example.org',
          password: PASSWORD,
        });
        expect(login.status).toBe(303);
        for (const name of ['Erste', 'Zweite', 'Dritte']) {
          const page = await request(port, 'GET', '/konto', cookies);
          expect(page.status).toBe(200);
          const saved = await request(port, 'POST', '/konto', cookies, { _csrf: csrfIn(page.body), name, locale: 'de' });
          expect(saved.status).toBe(303);
        }
        const [row] = await database.db.select().from(users).where(eq(users.email, 'cluster@example.org'));
        expect(row?.name).toBe('Dritte');
        const served = logLines().filter((l) => l.msg === 'request completed');
        expect(served.every((l) => (l.res?.statusCode ?? 500) < 500)).toBe(true);
        // Both processes answered parts of the same signed-in session.
        expect(new Set(served.map((l) => l.pid)).size).toBe(2);

        const [victim] = [...readyPids()];
        process.kill(victim!, 'SIGKILL');
        await until('a replacement process', () => (readyPids().size >= 3 ? true : undefined), 180_000);
        expect(output).toMatch(/ended \(SIGKILL\); restarting/);
        expect((await request(port, 'GET', '/healthz', new Map())).status).toBe(200);

        child.kill('SIGTERM');
        expect(await exited).toBe(0);
        expect(logLines().filter((l) => l.msg === 'shutting down')).toHaveLength(2);
      } finally {
        child.kill('SIGKILL');
        database.pool?.on('error', () => undefined);
        await drop().catch(() => undefined);
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
} else {
  describe('start --workers 2 on the embedded database', () => {
    it('is refused with a message that names DATABASE_URL', { timeout: 120_000 }, async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-cluster-'));
      const child = spawn(process.execPath, [BIN, 'start', '--workers', '2'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), DATA_DIR: dataDir, PORT: String(await freePort()) },
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(2);
      expect(stderr).toContain('--workers 2 needs PostgreSQL (set DATABASE_URL)');
      // Refused before anything was opened: no database was created in the data folder.
      expect(fs.existsSync(path.join(dataDir, 'db'))).toBe(false);
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
  });
}
