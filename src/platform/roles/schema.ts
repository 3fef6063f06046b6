import { index, pgTable, primaryKey, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../auth/schema.ts';
import { municipalities, networks } from '../networks/schema.ts';

/** Roles a person can hold in a network (PRODUCT.md). Platform admin is a flag on the user. */
export const ROLES = [
  'volunteer',
  'organisation',
  'municipality_contact',
  'guide',
  'network_office',
  'programme_office',
  'consultant',
] as const;
export type Role = (typeof ROLES)[number];

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: varchar('role', { length: 30 }).$type<Role>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('memberships_unique').on(t.networkId, t.userId, t.role), index('memberships_user').on(t.userId)],
);

/** The municipalities a local guide (Engagementlotse) or municipality contact looks after. */
export const membershipMunicipalities = pgTable(
  'membership_municipalities',
  {
    membershipId: uuid('membership_id')
      .notNull()
      .references(() => memberships.id, { onDelete: 'cascade' }),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.membershipId, t.municipalityId] })],
);

export type Membership = typeof memberships.$inferSelect;
