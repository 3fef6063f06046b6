import { index, integer, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';

/**
 * Rate-limit counters shared by every app process on one PostgreSQL database: one row per
 * route and client key, counting requests in a fixed window that starts with the first request.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: varchar('key', { length: 512 }).primaryKey(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limits_expires').on(t.expiresAt)],
);
