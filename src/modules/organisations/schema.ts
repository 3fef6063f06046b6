import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.ts';
import { municipalities, networks } from '../../platform/networks/schema.ts';

export const ORGANISATION_TYPES = [
  'verein',
  'initiative',
  'kirchengemeinde',
  'schule_kita',
  'einrichtung',
  'kommune',
  'unternehmen',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** pending: new and not yet checked; verified: checked by the network office; rejected: not admitted. */
export const ORGANISATION_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

/** A club, initiative, institution or company that publishes offers (Einrichtung in FreiNet). */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    municipalityId: uuid('municipality_id').references(() => municipalities.id, { onDelete: 'set null' }),
    /** Id in the system the record was imported from (FreiNet einrichtungs_id). */
    externalId: varchar('external_id', { length: 64 }),
    name: varchar('name', { length: 200 }).notNull(),
    type: varchar('type', { length: 30 }).$type<OrganisationType>().notNull().default('verein'),
    street: varchar('street', { length: 200 }).notNull().default(''),
    postcode: varchar('postcode', { length: 10 }).notNull().default(''),
    place: varchar('place', { length: 120 }).notNull().default(''),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    website: varchar('website', { length: 300 }).notNull().default(''),
    email: varchar('email', { length: 254 }).notNull().default(''),
    phone: varchar('phone', { length: 50 }).notNull().default(''),
    description: text('description').notNull().default(''),
    logoPath: varchar('logo_path', { length: 300 }),
    status: varchar('status', { length: 20 }).$type<OrganisationStatus>().notNull().default('pending'),
    /** Why the network office rejected the organisation (also in the audit log); null otherwise. */
    statusReason: text('status_reason'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('organisations_network').on(t.networkId, t.status),
    uniqueIndex('organisations_external').on(t.networkId, t.externalId).where(sql`${t.externalId} is not null`),
  ],
);

export const ORGANISATION_MEMBER_ROLES = ['admin', 'member'] as const;
export type OrganisationMemberRole = (typeof ORGANISATION_MEMBER_ROLES)[number];

/** People who act for an organisation: admins manage members and settings, members edit offers. */
export const organisationMembers = pgTable(
  'organisation_members',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: varchar('role', { length: 20 }).$type<OrganisationMemberRole>().notNull().default('member'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index('organisation_members_user').on(t.userId)],
);

/**
 * An invitation to act for an organisation, sent to an address: membership begins only when the invited
 * person accepts through the mailed link (single use, expiring, in the tokens table as `org_invite`).
 */
export const organisationInvitations = pgTable(
  'organisation_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** Stored lower-cased. */
    email: varchar('email', { length: 254 }).notNull(),
    role: varchar('role', { length: 20 }).$type<OrganisationMemberRole>().notNull().default('member'),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('organisation_invitations_organisation').on(t.organisationId)],
);

export type OrganisationInvitation = typeof organisationInvitations.$inferSelect;
export type Organisation = typeof organisations.$inferSelect;
