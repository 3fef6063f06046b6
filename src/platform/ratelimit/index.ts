import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor, RateLimitPluginOptions } from '@fastify/rate-limit';
import { createRequire } from 'node:module';
import type { Database } from '../db.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Where the counters of @fastify/rate-limit live, and how to let go of it when the app closes. */
export interface RateLimitBacking {
  kind: 'memory' | 'postgres' | 'redis';
  options: Pick<RateLimitPluginOptions, 'store' | 'redis' | 'nameSpace'>;
  close(): Promise<void>;
}

/**
 * Counters must be shared when several processes serve one database, or each process would allow
 * the limit once more. Redis when REDIS_URL is set, else PostgreSQL; PGlite runs in one process only,
 * so memory is enough there.
 */
export function rateLimitBacking(
  database: Database,
  redisUrl: string | undefined,
  namespace = 'mmn-rl-',
): RateLimitBacking {
  if (redisUrl) {
    // While Redis is away a request waits for one reconnect, then fails, instead of hanging on a queue.
    // Loaded only here: most installations run without Redis and should not pay for the client at start.
    const { Redis } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    redis.on('error', (error: Error) => console.error(`Redis (rate limits): ${error.message}`));
    return {
      kind: 'redis',
      options: { redis, nameSpace: namespace },
      async close() {
        await redis.quit().catch(() => redis.disconnect());
      },
    };
  }
  if (database.kind === 'postgres') {
    return { kind: 'postgres', options: { store: postgresStore(database, namespace) }, async close() {} };
  }
  return { kind: 'memory', options: {}, async close() {} };
}

const INCREMENT = `
  INSERT INTO rate_limits AS r (key, window_start, count, expires_at)
  VALUES ($1, now(), 1, now() + $2::float8 * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET
    window_start = CASE WHEN r.expires_at <= now() THEN now() ELSE r.window_start END,
    count = CASE WHEN r.expires_at <= now() THEN 1 ELSE r.count + 1 END,
    expires_at = CASE WHEN r.expires_at <= now() THEN excluded.expires_at ELSE r.expires_at END
  RETURNING count,
    -- now() is the time a transaction began: a window opened by a transaction that began a moment later
    -- would otherwise look longer than the window itself.
    least($2::float8, greatest(0, ceil(extract(epoch FROM r.expires_at - now()) * 1000)))::int AS ttl`;

const READ = `
  SELECT count, greatest(0, ceil(extract(epoch FROM expires_at - now()) * 1000))::int AS ttl
  FROM rate_limits WHERE key = $1 AND expires_at > now()`;

/** Rows of windows that ended are removed now and then, by whichever process counts next. */
const SWEEP = `DELETE FROM rate_limits WHERE expires_at < now() - interval '1 minute'`;
const SWEEP_EVERY_MS = 60_000;

/**
 * A store for @fastify/rate-limit over the rate_limits table. One upsert counts and reads in a
 * single atomic statement, so simultaneous requests in different processes never lose a count.
 * The database's clock decides windows, so processes on hosts with drifting clocks agree.
 */
export function postgresStore(database: Database, namespace: string): FastifyRateLimitStoreCtor {
  let lastSweep = 0;
  const sweep = () => {
    const now = Date.now();
    if (now - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now;
    database.query(SWEEP).catch((error: Error) => console.error(`rate limit cleanup failed: ${error.message}`));
  };

  class PostgresRateLimitStore implements FastifyRateLimitStore {
    constructor(
      options: { continueExceeding?: boolean; exponentialBackoff?: boolean },
      private readonly prefix = namespace,
    ) {
      // Neither is used here; refusing them beats silently counting differently from the plugin's stores.
      if (options.continueExceeding || options.exponentialBackoff) {
        throw new Error('The PostgreSQL rate-limit store supports neither continueExceeding nor exponentialBackoff');
      }
    }

    incr(key: string, callback: Callback, timeWindow: number, _max: number): void {
      sweep();
      database.query<{ count: number; ttl: number }>(INCREMENT, [this.prefix + key, timeWindow]).then(
        ({ rows: [row] }) => callback(null, { current: row?.count ?? 1, ttl: row?.ttl ?? timeWindow }),
        (error: Error) => callback(error),
      );
    }

    /** The plugin's `{ increment: false }` look: the count so far, without counting. */
    read(key: string, callback: Callback): void {
      database.query<{ count: number; ttl: number }>(READ, [this.prefix + key]).then(
        ({ rows: [row] }) => callback(null, { current: row?.count ?? 0, ttl: row?.ttl ?? 0 }),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: object): FastifyRateLimitStore {
      const route = routeOptions as { routeInfo?: { method?: string; url?: string } } & ConstructorParameters<
        typeof PostgresRateLimitStore
      >[0];
      // Each route counts on its own, as in the plugin's memory and Redis stores.
      return new PostgresRateLimitStore(route, `${this.prefix}${route.routeInfo?.method ?? ''}${route.routeInfo?.url ?? ''}-`);
    }
  }
  return PostgresRateLimitStore;
}
