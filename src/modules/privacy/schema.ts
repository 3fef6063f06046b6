import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, pgTable, primaryKey, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.ts';
import { networks } from '../../platform/networks/schema.ts';

/** How a consent was given; kept so a data-protection officer can tell a form tick from an import. */
export const CONSENT_METHODS = ['form', 'double_opt_in', 'import', 'office', 'migration'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/**
 * One consent per row (DSGVO Art. 7: the controller must be able to show it was given). A new wording or a
 * renewed consent is a new row; withdrawal only sets `withdrawn_at`, so the history stays provable.
 * The subject is an account, or for people without one an e-mail address (stored lower-cased).
 */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    email: varchar('email', { length: 254 }),
    /** A consent for one network (its info mails, say); null for consents that hold platform-wide. */
    networkId: uuid('network_id').references(() => networks.id, { onDelete: 'cascade' }),
    purpose: varchar('purpose', { length: 60 }).notNull(),
    /** The version of the wording the person agreed to, e.g. `2026-01`. */
    version: varchar('version', { length: 40 }).notNull(),
    method: varchar('method', { length: 20 }).$type<ConsentMethod>().notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    index('consents_user').on(t.userId, t.purpose),
    index('consents_email').on(t.email, t.purpose),
    check('consents_subject', sql`${t.userId} is not null or ${t.email} is not null`),
  ],
);

export type Consent = typeof consents.$inferSelect;

export const EXPORT_STATUSES = ['queued', 'ready', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/**
 * A data download built by a job for a large account. At most one waits per person (partial unique index),
 * so a double click makes one job and one result. The link is single-use: only its hash is stored.
 */
export const dataExports = pgTable(
  'data_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: varchar('status', { length: 10 }).$type<ExportStatus>().notNull().default('queued'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** File name in the data folder's exports directory, set when ready. */
    file: varchar('file', { length: 80 }),
    tokenHash: varchar('token_hash', { length: 64 }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    downloadedAt: timestamp('downloaded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('data_exports_one_queued').on(t.userId).where(sql`${t.status} = 'queued'`),
    uniqueIndex('data_exports_token').on(t.tokenHash),
  ],
);

/**
 * A requested erasure, carried out after the grace period unless undone. Once done, the row keeps no
 * reference to the person (user_id is cleared with the account) and serves as proof that it happened.
 */
export const erasureRequests = pgTable(
  'erasure_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** The office person who asked on the subject's behalf; null when the person asked themselves. */
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    networkId: uuid('network_id').references(() => networks.id, { onDelete: 'set null' }),
    undoTokenHash: varchar('undo_token_hash', { length: 64 }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('erasure_requests_open').on(t.userId).where(sql`${t.cancelledAt} is null and ${t.doneAt} is null`),
    index('erasure_requests_due').on(t.dueAt).where(sql`${t.cancelledAt} is null and ${t.doneAt} is null`),
  ],
);

/** A network's own retention period for one kind of data (RetentionRule.key), within the rule's limits. */
export const retentionSettings = pgTable(
  'retention_settings',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    key: varchar('key', { length: 60 }).notNull(),
    months: integer('months').notNull(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.key] })],
);

/** What the daily retention job removed, per network and kind: the office's view shows the last runs. */
export const retentionRuns = pgTable(
  'retention_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    key: varchar('key', { length: 60 }).notNull(),
    removed: integer('removed').notNull(),
  },
  (t) => [index('retention_runs_network_at').on(t.networkId, t.at)],
);
