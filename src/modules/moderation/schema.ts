import { index, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.ts';
import { networks } from '../../platform/networks/schema.ts';

/** A report of problematic content, handled by the network office. */
export const contentReports = pgTable(
  'content_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    subjectType: varchar('subject_type', { length: 20 }).$type<'offer' | 'organisation' | 'need'>().notNull(),
    subjectId: uuid('subject_id').notNull(),
    reason: text('reason').notNull(),
    reporterId: uuid('reporter_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolution: text('resolution').notNull().default(''),
  },
  (t) => [index('content_reports_open').on(t.networkId, t.resolvedAt)],
);

/** How a person of the network office hears of what waits: a mail at once, one summary a day, or not at all. */
export const OFFICE_NOTICE_MODES = ['immediate', 'daily', 'off'] as const;
export type OfficeNoticeMode = (typeof OFFICE_NOTICE_MODES)[number];

/** One office person's choice per network; without a row the default (daily) applies. */
export const officeNoticeSettings = pgTable(
  'office_notice_settings',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    mode: varchar('mode', { length: 20 }).$type<OfficeNoticeMode>().notNull(),
    /** When the last daily summary went out, so a repeated job run sends none twice. */
    lastSummaryAt: timestamp('last_summary_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.userId] })],
);
