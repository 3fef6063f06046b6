import {
  bigserial,
  index,
  pgTable,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.ts';
import { networks } from '../../platform/networks/schema.ts';
import { needs } from '../needs/index.ts';
import { offers } from '../offers/index.ts';

/** angefragt → in Kontakt → Kennenlernen → vermittelt → beendet | abgesagt | keine Rückmeldung */
export const PLACEMENT_STATUSES = [
  'requested',
  'in_contact',
  'first_meeting',
  'placed',
  'ended',
  'declined',
  'no_answer',
] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/**
 * A placement (Vermittlung): opened by an inquiry ("Ich möchte helfen") for an offer or by the
 * network office for a need, and followed through its status history.
 */
export const placements = pgTable(
  'placements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    offerId: uuid('offer_id').references(() => offers.id, { onDelete: 'set null' }),
    needId: uuid('need_id').references(() => needs.id, { onDelete: 'set null' }),
    volunteerId: uuid('volunteer_id').references(() => users.id, { onDelete: 'set null' }),
    /** For inquiries without an account; confirmed by a mail link before anyone is notified. */
    volunteerName: varchar('volunteer_name', { length: 120 }).notNull().default(''),
    volunteerEmail: varchar('volunteer_email', { length: 254 }).notNull().default(''),
    emailConfirmedAt: timestamp('email_confirmed_at', { withTimezone: true }),
    message: text('message').notNull().default(''),
    status: varchar('status', { length: 20 }).$type<PlacementStatus>().notNull().default('requested'),
    /** Both sides agreed to see each other's e-mail address. */
    volunteerSharesContact: timestamp('volunteer_shares_contact', { withTimezone: true }),
    organisationSharesContact: timestamp('organisation_shares_contact', { withTimezone: true }),
    /** Idempotency: a repeated submit of the same inquiry finds this key and does not open a second placement. */
    requestKey: varchar('request_key', { length: 64 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
  },
  (t) => [
    index('placements_network_status').on(t.networkId, t.status),
    index('placements_offer').on(t.offerId),
    index('placements_need').on(t.needId),
    index('placements_volunteer').on(t.volunteerId),
    // Idempotent inquiries: a unique index on (request_key, offer_id, need_id, volunteer_id,
    // volunteer_email) where request_key is set, NULLS NOT DISTINCT, in drizzle/0009 (Drizzle cannot
    // express it). It also serves findByRequestKey.
  ],
);

export const placementEvents = pgTable(
  'placement_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    placementId: uuid('placement_id')
      .notNull()
      .references(() => placements.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    fromStatus: varchar('from_status', { length: 20 }).$type<PlacementStatus>(),
    toStatus: varchar('to_status', { length: 20 }).$type<PlacementStatus>().notNull(),
    note: text('note').notNull().default(''),
    /** The side that made the change; set when there is no actor to tell (a contact answering through its link). */
    side: varchar('side', { length: 20 }).$type<'volunteer' | 'organisation' | 'office'>(),
  },
  (t) => [index('placement_events_placement').on(t.placementId, t.at)],
);

export const placementMessages = pgTable(
  'placement_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    placementId: uuid('placement_id')
      .notNull()
      .references(() => placements.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    side: varchar('side', { length: 20 }).$type<'volunteer' | 'organisation' | 'office'>().notNull(),
    body: text('body').notNull(),
  },
  (t) => [index('placement_messages_placement').on(t.placementId, t.at)],
);
