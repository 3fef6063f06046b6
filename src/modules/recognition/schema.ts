import { sql } from 'drizzle-orm';
import {
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  type AnyPgColumn,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.ts';
import { municipalities, networks } from '../../platform/networks/schema.ts';
import { organisations } from '../organisations/index.ts';
import type { Alternative, CardKind, RuleOverrides } from './rules/types.ts';

export const HOURS_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export type HoursStatus = (typeof HOURS_STATUSES)[number];

/** Who wrote the entry: the volunteer, the organisation confirming engagement not logged here, or a proposal. */
export const HOURS_SOURCES = ['volunteer', 'organisation', 'placement', 'event'] as const;
export type HoursSource = (typeof HOURS_SOURCES)[number];

/**
 * Hours a volunteer gave to an organisation on one day. The organisation confirms or rejects them; once
 * confirmed they count for certificates and the Ehrenamtskarte and the volunteer can no longer change them.
 */
export const hoursEntries = pgTable(
  'hours_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null once the volunteer's account is erased: confirmed hours stay in the organisation's figures. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    /** Null only for hours at an event the network office organised: the office confirms those. */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
    /** The placement or event the hours came from, when proposed from one. */
    placementId: uuid('placement_id'),
    eventId: uuid('event_id'),
    day: date('day').notNull(),
    hours: numeric('hours', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    activity: text('activity').notNull(),
    source: varchar('source', { length: 20 }).$type<HoursSource>().notNull().default('volunteer'),
    status: varchar('status', { length: 20 }).$type<HoursStatus>().notNull().default('pending'),
    /** Why the organisation rejected the hours. */
    reason: text('reason'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('hours_entries_user').on(t.userId, t.day),
    index('hours_entries_organisation').on(t.organisationId, t.status),
    // A day has 24 hours; an organisation confirming a longer engagement at once books it as one entry.
    check('hours_entries_hours', sql`${t.hours} > 0 and (${t.hours} <= 24 or ${t.source} = 'organisation')`),
    check('hours_entries_confirmer', sql`${t.organisationId} is not null or ${t.eventId} is not null`),
    // A proposal becomes at most one entry, even from two tabs at once.
    uniqueIndex('hours_entries_event').on(t.userId, t.eventId).where(sql`${t.eventId} is not null`),
    uniqueIndex('hours_entries_placement').on(t.userId, t.placementId).where(sql`${t.placementId} is not null`),
  ],
);

export const PROPOSAL_KINDS = ['event', 'placement'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

/**
 * Hours proposals a volunteer dismissed. Proposals themselves are computed when the log is read (from event
 * attendance and placements); only the "no, thanks" is kept, so a dismissed proposal stays away.
 */
export const hoursProposalDismissals = pgTable(
  'hours_proposal_dismissals',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: varchar('kind', { length: 20 }).$type<ProposalKind>().notNull(),
    /** The event's or placement's id. */
    sourceId: uuid('source_id').notNull(),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.sourceId] })],
);

/**
 * Which state's card rules a network follows, the values it changes, and how many weeks before a card expires
 * its holder is reminded (reminders.ts; a network without a row uses the defaults there).
 */
export const cardSettings = pgTable(
  'card_settings',
  {
    networkId: uuid('network_id')
      .primaryKey()
      .references(() => networks.id, { onDelete: 'cascade' }),
    state: varchar('state', { length: 2 }).notNull(),
    overrides: jsonb('overrides').$type<RuleOverrides>().notNull().default({}),
    reminderFirstWeeks: integer('reminder_first_weeks').notNull().default(8),
    /** Null: the network sends no second reminder. */
    reminderSecondWeeks: integer('reminder_second_weeks').default(2),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'card_settings_reminder_weeks',
      sql`${t.reminderFirstWeeks} between 1 and 26 and (${t.reminderSecondWeeks} is null or (${t.reminderSecondWeeks} >= 1 and ${t.reminderSecondWeeks} < ${t.reminderFirstWeeks}))`,
    ),
  ],
);

export const APPLICATION_STATUSES = ['submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A volunteer's application for an Ehrenamtskarte, decided by the municipality contact or the office. */
export const cardApplications = pgTable(
  'card_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    municipalityId: uuid('municipality_id').references(() => municipalities.id, { onDelete: 'set null' }),
    kind: varchar('kind', { length: 20 }).$type<CardKind>().notNull(),
    holderName: varchar('holder_name', { length: 200 }).notNull(),
    birthDate: date('birth_date'),
    allowanceEuro: integer('allowance_euro').notNull().default(0),
    alternative: varchar('alternative', { length: 40 }).$type<Alternative>(),
    /** What the volunteer says about engagement not logged here, or about the proof. */
    note: text('note').notNull().default(''),
    /** Confirmed hours per year of the qualifying period when the application was made. */
    /** The card this application renews, when it was made from the renewal reminder or the card page. */
    renewalOf: uuid('renewal_of').references((): AnyPgColumn => cards.id, { onDelete: 'set null' }),
    evidence: jsonb('evidence').$type<Array<{ from: string; to: string; have: number; need: number }>>().notNull().default([]),
    status: varchar('status', { length: 20 }).$type<ApplicationStatus>().notNull().default('submitted'),
    reason: text('reason'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open application per person, network and kind: a second click or a second tab finds the first.
    uniqueIndex('card_applications_open')
      .on(t.userId, t.networkId, t.kind)
      .where(sql`${t.status} = 'submitted'`),
    index('card_applications_network').on(t.networkId, t.status),
  ],
);

export const CARD_STATUSES = ['valid', 'revoked'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

/** An issued card. What its QR code carries is signed; the row adds what only the server knows (revocation). */
export const cards = pgTable(
  'cards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Short number printed on the card, for revocation by phone or letter. */
    number: varchar('number', { length: 16 }).notNull().unique(),
    applicationId: uuid('application_id')
      .notNull()
      .unique()
      .references(() => cardApplications.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    holderName: varchar('holder_name', { length: 200 }).notNull(),
    region: varchar('region', { length: 200 }).notNull(),
    kind: varchar('kind', { length: 20 }).$type<CardKind>().notNull(),
    validFrom: date('valid_from').notNull(),
    validUntil: date('valid_until'),
    code: text('code').notNull(),
    status: varchar('status', { length: 20 }).$type<CardStatus>().notNull().default('valid'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('cards_user').on(t.userId), index('cards_network').on(t.networkId, t.status)],
);

/**
 * Expiry reminders sent for a card, one row per card and reminder (1: the first, 2: the second): the daily
 * job inserts the row before it mails, so a second run, a restart or a second process sends nothing twice,
 * and an office changing its weeks does not make a card get its first or second reminder again.
 */
export const cardReminders = pgTable(
  'card_reminders',
  {
    cardId: uuid('card_id')
      .notNull()
      .references(() => cards.id, { onDelete: 'cascade' }),
    reminder: smallint('reminder').notNull(),
    /** The network's weeks before expiry for this reminder when it was sent. */
    weeks: integer('weeks').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cardId, t.reminder] }), check('card_reminders_reminder', sql`${t.reminder} in (1, 2)`)],
);

/** An Engagementnachweis: confirmed hours at organisations over a period, issued by one of them or the office. */
export const engagementCertificates = pgTable(
  'engagement_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: varchar('number', { length: 16 }).notNull().unique(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    holderName: varchar('holder_name', { length: 200 }).notNull(),
    issuerName: varchar('issuer_name', { length: 200 }).notNull(),
    issuedBy: uuid('issued_by').references(() => users.id, { onDelete: 'set null' }),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    hours: numeric('hours', { precision: 8, scale: 2, mode: 'number' }).notNull(),
    /** Organisation, activities and hours per line, as printed. */
    lines: jsonb('lines').$type<Array<{ organisation: string; activities: string[]; hours: number }>>().notNull(),
    code: text('code').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('engagement_certificates_user').on(t.userId)],
);

/** A business or institution that grants card holders a discount (Akzeptanzstelle). */
export const acceptancePoints = pgTable(
  'acceptance_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    municipalityId: uuid('municipality_id').references(() => municipalities.id, { onDelete: 'set null' }),
    name: varchar('name', { length: 200 }).notNull(),
    category: varchar('category', { length: 40 }).notNull(),
    discount: text('discount').notNull(),
    street: varchar('street', { length: 200 }).notNull().default(''),
    postcode: varchar('postcode', { length: 10 }).notNull().default(''),
    place: varchar('place', { length: 120 }).notNull().default(''),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    website: varchar('website', { length: 300 }).notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('acceptance_points_network').on(t.networkId, t.category),
    uniqueIndex('acceptance_points_name').on(t.networkId, t.name, t.postcode),
  ],
);

export type HoursEntry = typeof hoursEntries.$inferSelect;
export type CardApplication = typeof cardApplications.$inferSelect;
export type Card = typeof cards.$inferSelect;
export type EngagementCertificate = typeof engagementCertificates.$inferSelect;
export type AcceptancePoint = typeof acceptancePoints.$inferSelect;
