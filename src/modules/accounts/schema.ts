import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.ts';

/*
 * People and their sessions belong to the platform (decision 006): every request reads them. This module
 * keeps its public names for them and owns the e-mail tokens.
 */
export { sessions, users, type User } from '../../platform/auth/schema.ts';

/**
 * `email_revoke`: mailed to the old address after a change of address, to undo it;
 * `org_invite`: an invitation to act for an organisation (organisations/invitations.ts).
 */
export const TOKEN_PURPOSES = ['confirm', 'reset', 'magic', 'invite', 'placement', 'offer_current', 'email_revoke', 'org_invite'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** Single-use, expiring e-mail tokens (confirmation, reset, magic link, invitation); stored as hashes. */
export const tokens = pgTable(
  'tokens',
  {
    id: varchar('id', { length: 64 }).primaryKey(),
    purpose: varchar('purpose', { length: 20 }).$type<TokenPurpose>().notNull(),
    email: varchar('email', { length: 254 }).notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('tokens_email').on(t.email), index('tokens_open').on(t.expiresAt).where(sql`${t.usedAt} is null`)],
);

