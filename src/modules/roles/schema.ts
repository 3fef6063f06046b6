import { sql } from 'drizzle-orm';
import { index, pgTable, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.ts';
import { networks } from '../../platform/networks/schema.ts';
import type { Role } from '../../platform/roles/schema.ts';

/*
 * Roles and memberships belong to the platform (decision 006): every request's actor is read from them.
 * This module keeps its public names for them and owns the invitations.
 */
export { membershipMunicipalities, memberships, ROLES, type Membership, type Role } from '../../platform/roles/schema.ts';

/** An invitation by e-mail into a role; accepted through a token link. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    email: varchar('email', { length: 254 }).notNull(),
    role: varchar('role', { length: 30 }).$type<Role>().notNull(),
    municipalityIds: uuid('municipality_ids').array().notNull().default(sql`'{}'::uuid[]`),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('invitations_network').on(t.networkId)],
);

export type Invitation = typeof invitations.$inferSelect;
