import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, ENGINE, openTestDatabase } from '../../../test/helpers.ts';
import { openTwoInstances, type TwoInstances } from '../../../test/instances.ts';
import { openDatabase, type Database } from '../db.ts';
import { postgresStore } from './index.ts';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
/** The login form allows 10 attempts a minute per address (accounts/routes.tsx). */
const LOGIN_MAX = 10;

type Store = InstanceType<ReturnType<typeof postgresStore>> & {
  read(key: string, cb: (error: Error | null, result?: { current: number; ttl: number }) => void): void;
};

function incr(store: Store, key: string, timeWindow: number, max = 5): Promise<{ current: number; ttl: number }> {
  return new Promise((resolve, reject) =>
    store.incr(key, (error, result) => (error || !result ? reject(error) : resolve(result)), timeWindow, max),
  );
}

function read(store: Store, key: string): Promise<{ current: number; ttl: number }> {
  return new Promise((resolve, reject) => store.read(key, (error, result) => (error || !result ? reject(error) : resolve(result))));
}

let attempt = 0;

/**
 * A failed login answers 422 while attempts are left and 429 after. Each attempt names another address,
 * so what is counted here is the address's limit, not the per-account one (ratelimit/login.ts).
 */
async function failedLogin(client: Client): Promise<number> {
  await client.get('/anmelden');
  attempt += 1;
  const response = await client.submit('/anmelden', { email: `niemand${attempt}@example.org`, password: 'falsch-falsch-falsch' });
  return response.statusCode;
}

/** Attempts alternate between the instances; `first` gets the extra one when the count is odd. */
async function alternate(two: TwoInstances, attempts: number): Promise<number[]> {
  const viaA = new Client(two.a.app);
  const viaB = new Client(two.b.app);
  const statuses: number[] = [];
  for (let i = 0; i < attempts; i++) statuses.push(await failedLogin(i % 2 === 0 ? viaA : viaB));
  return statuses;
}

describe('the PostgreSQL rate-limit store (SQL run on this engine)', () => {
  let database: Database;
  let other: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const opened = await openTestDatabase();
    database = opened.database;
    drop = opened.drop;
    // A second pool stands for a second process; PGlite has just the one connection.
    other = opened.url ? await openDatabase({ databaseUrl: opened.url, poolSize: 5 }) : database;
  });
  afterAll(async () => {
    if (other !== database) await other.close();
    await drop();
  });

  const storeOn = (handle: Database, namespace = 'test-') => {
    const Store = postgresStore(handle, namespace);
    return new Store({}) as Store;
  };

  it('keeps its counters in an unlogged table: counting writes no WAL and waits for no disk flush', async () => {
    const { rows } = await database.query<{ persistence: string }>("select relpersistence as persistence from pg_class where relname = 'rate_limits'");
    expect(rows).toEqual([{ persistence: 'u' }]);
  });

  it('counts simultaneous requests from two pools without losing or repeating a count', async () => {
    const key = crypto.randomUUID();
    const one = storeOn(database);
    const two = storeOn(other);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => incr(i % 2 ? one : two, key, 60_000)));
    expect(results.map((r) => r.current).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const r of results) {
      expect(r.ttl).toBeGreaterThan(0);
      expect(r.ttl).toBeLessThanOrEqual(60_000);
    }
    expect((await read(one, key)).current).toBe(40);
  });

  it('starts a new window once the old one has ended', async () => {
    const store = storeOn(database);
    const key = crypto.randomUUID();
    expect((await incr(store, key, 60_000)).current).toBe(1);
    expect((await incr(store, key, 60_000)).current).toBe(2);
    await database.query(`UPDATE rate_limits SET expires_at = now() - interval '1 second' WHERE key = $1`, [`test-${key}`]);
    expect(await read(store, key)).toEqual({ current: 0, ttl: 0 });
    const fresh = await incr(store, key, 60_000);
    expect(fresh.current).toBe(1);
    expect(fresh.ttl).toBeGreaterThan(50_000);
  });

  it('reads without counting', async () => {
    const store = storeOn(database);
    const key = crypto.randomUUID();
    expect(await read(store, key)).toEqual({ current: 0, ttl: 0 });
    await incr(store, key, 60_000);
    expect((await read(store, key)).current).toBe(1);
    expect((await read(store, key)).current).toBe(1);
  });

  it('counts each route apart, like the plugin’s own stores', async () => {
    const store = storeOn(database);
    const login = store.child({ routeInfo: { method: 'POST', url: '/anmelden' } } as never) as Store;
    const register = store.child({ routeInfo: { method: 'POST', url: '/registrieren' } } as never) as Store;
    const key = crypto.randomUUID();
    await incr(login, key, 60_000);
    await incr(login, key, 60_000);
    expect((await incr(register, key, 60_000)).current).toBe(1);
    expect((await read(login, key)).current).toBe(2);
  });

  it('removes counters of windows that ended more than a minute ago', async () => {
    const key = crypto.randomUUID();
    await database.query(
      `INSERT INTO rate_limits (key, window_start, count, expires_at) VALUES ($1, now() - interval '1 hour', 3, now() - interval '2 minutes')`,
      [`old-${key}`],
    );
    // A new store sweeps on its first count.
    await incr(storeOn(database), key, 60_000);
    for (let i = 0; i < 50; i++) {
      const { rows } = await database.query('SELECT 1 FROM rate_limits WHERE key = $1', [`old-${key}`]);
      if (rows.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await database.query('SELECT 1 FROM rate_limits WHERE key = $1', [`old-${key}`])).rows).toHaveLength(0);
  });

  it('refuses options it does not implement', () => {
    const Store = postgresStore(database, 'x-');
    expect(() => new Store({ exponentialBackoff: true } as never)).toThrow(/exponentialBackoff/);
  });
});

if (ENGINE === 'postgres') {
  describe('two app instances on one PostgreSQL database', () => {
    let two: TwoInstances;
    beforeAll(async () => {
      two = await openTwoInstances();
    });
    afterAll(() => two.close());

    it('share the login attempts of an address through the rate_limits table', async () => {
      const statuses = await alternate(two, LOGIN_MAX + 2);
      expect(statuses.slice(0, LOGIN_MAX)).toEqual(Array(LOGIN_MAX).fill(422));
      expect(statuses.slice(LOGIN_MAX)).toEqual([429, 429]);
      const { rows } = await two.database.query<{ count: number }>(
        `SELECT count FROM rate_limits WHERE key LIKE 'mmn-rl-POST/anmelden-%'`,
      );
      expect(rows.map((r) => r.count)).toEqual([LOGIN_MAX + 2]);
    });
  });
} else {
  describe('two app instances on the embedded database', () => {
    let two: TwoInstances;
    beforeAll(async () => {
      two = await openTwoInstances();
    });
    afterAll(() => two.close());

    it('count in memory, each on its own: PGlite serves one process', async () => {
      const viaA = new Client(two.a.app);
      const viaB = new Client(two.b.app);
      for (let i = 0; i < LOGIN_MAX; i++) expect(await failedLogin(viaA)).toBe(422);
      expect(await failedLogin(viaA)).toBe(429);
      expect(await failedLogin(viaB)).toBe(422);
      expect((await two.database.query('SELECT 1 FROM rate_limits')).rows).toHaveLength(0);
    });
  });
}

describe('two app instances with REDIS_URL', () => {
  const namespace = `mmn-test-${crypto.randomBytes(6).toString('hex')}-`;
  let two: TwoInstances;
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    two = await openTwoInstances({ env: { REDIS_URL }, rateLimitNamespace: namespace });
  });
  afterAll(async () => {
    await two?.close();
    // Only this test's keys: other users of this Redis keep theirs.
    const keys = await redis.keys(`${namespace}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('share the login attempts of an address through Redis', async () => {
    const statuses = await alternate(two, LOGIN_MAX + 2);
    expect(statuses.slice(0, LOGIN_MAX)).toEqual(Array(LOGIN_MAX).fill(422));
    expect(statuses.slice(LOGIN_MAX)).toEqual([429, 429]);
    const keys = (await redis.keys(`${namespace}*`)).filter((key) => key.includes('POST/anmelden'));
    expect(keys).toHaveLength(1);
    expect(keys[0]).toContain('POST/anmelden');
    expect(Number(await redis.get(keys[0]!))).toBe(LOGIN_MAX + 2);
    expect((await two.database.query('SELECT 1 FROM rate_limits')).rows).toHaveLength(0);
  });
});
