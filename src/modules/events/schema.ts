import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { tsvector } from '../../platform/db-types.ts';
import { users } from '../../platform/auth/schema.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { municipalities, networks } from '../../platform/networks/schema.ts';
import type { Field } from '../../platform/vocabulary.ts';
import { organisations } from '../organisations/index.ts';

export const EVENT_KINDS = ['network_meeting', 'workshop', 'training', 'village_workshop', 'reception', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** draft: only the organiser; review: an organisation's event waits for the office; cancelled stays visible. */
export const EVENT_STATUSES = ['draft', 'review', 'published', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const EVENT_MODES = ['onsite', 'online'] as const;
export type EventMode = (typeof EVENT_MODES)[number];

/** A question asked at registration: free text or one choice among options. */
export interface EventQuestion {
  id: string;
  label: string;
  type: 'text' | 'choice';
  options: string[];
  required: boolean;
}

/**
 * An event (Veranstaltung) of a network: organised by the office (organisationId null) or by a member
 * organisation. Events of one series share `seriesId` (the same event repeated on other dates).
 */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    seriesId: uuid('series_id'),
    kind: varchar('kind', { length: 30 }).$type<EventKind>().notNull(),
    status: varchar('status', { length: 20 }).$type<EventStatus>().notNull().default('draft'),
    title: varchar('title', { length: 200 }).notNull(),
    description: text('description').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    mode: varchar('mode', { length: 10 }).$type<EventMode>().notNull().default('onsite'),
    place: varchar('place', { length: 300 }).notNull().default(''),
    accessibility: text('accessibility').notNull().default(''),
    municipalityId: uuid('municipality_id').references(() => municipalities.id, { onDelete: 'set null' }),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    /** Only registered people see it. */
    onlineUrl: varchar('online_url', { length: 500 }).notNull().default(''),
    audience: varchar('audience', { length: 300 }).notNull().default(''),
    fields: text('fields').array().$type<Field[]>().notNull().default(sql`'{}'::text[]`),
    /** Seats; null means no limit. */
    capacity: integer('capacity'),
    registrationOpensAt: timestamp('registration_opens_at', { withTimezone: true }),
    registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }),
    registrationEnabled: boolean('registration_enabled').notNull().default(true),
    questions: jsonb('questions').$type<EventQuestion[]>().notNull().default(sql`'[]'::jsonb`),
    costs: varchar('costs', { length: 300 }).notNull().default(''),
    /** The registration mail carries a QR code with a personal check-in link the organiser scans. */
    checkinQr: boolean('checkin_qr').notNull().default(false),
    /**
     * Seats taken and arrivals counted, both changed only while the event's row is locked (FOR UPDATE):
     * the lock orders concurrent registrations, so seats are never given twice and the waiting list keeps
     * the order of arrival on PGlite and on PostgreSQL alike.
     */
    seatsTaken: integer('seats_taken').notNull().default(0),
    arrivals: bigint('arrivals', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    search: tsvector('search'),
  },
  (t) => [
    index('events_network_starts').on(t.networkId, t.startsAt),
    index('events_starts').on(t.startsAt),
    index('events_series').on(t.seriesId),
    index('events_search').using('gin', t.search),
  ],
);

export type Event = typeof events.$inferSelect;

export const REGISTRATION_STATUSES = ['pending', 'confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/**
 * A person's registration. Without an account it is `pending` until the e-mail address is confirmed
 * through the personal link; only then does it take a seat or a place on the waiting list.
 */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    name: varchar('name', { length: 120 }).notNull(),
    email: varchar('email', { length: 254 }).notNull(),
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    status: varchar('status', { length: 20 }).$type<RegistrationStatus>().notNull().default('pending'),
    /** Order of arrival (the event's counter when the seat or waiting place was given). */
    position: bigint('position', { mode: 'number' }),
    /** SHA-256 of the personal link's secret. */
    tokenHash: varchar('token_hash', { length: 64 }).notNull(),
    /** The language the person registered in: every later mail is written in it. */
    locale: varchar('locale', { length: 2 }).$type<Locale>().notNull().default('de'),
    /** null: not taken yet; true present; false no-show. */
    attended: boolean('attended'),
    /** When the organiser confirmed attendance through the QR code's check-in link (used once). */
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    // Nobody twice: one live registration per address and event.
    uniqueIndex('event_registrations_once').on(t.eventId, t.email).where(sql`${t.status} <> 'cancelled'`),
    uniqueIndex('event_registrations_token').on(t.tokenHash),
    index('event_registrations_event').on(t.eventId, t.status, t.position),
    index('event_registrations_user').on(t.userId),
    index('event_registrations_email').on(t.email),
  ],
);

export type EventRegistration = typeof eventRegistrations.$inferSelect;
