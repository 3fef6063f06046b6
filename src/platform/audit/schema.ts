import { bigserial, index, jsonb, pgTable, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * Who did what, when. Holds ids, not copies of personal data, so deleting a person
 * leaves a trace of the action without keeping their details.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    networkId: uuid('network_id'),
    action: varchar('action', { length: 80 }).notNull(),
    subjectId: varchar('subject_id', { length: 80 }),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_log_network_at').on(t.networkId, t.at)],
);
