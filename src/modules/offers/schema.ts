import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { tsvector } from '../../platform/db-types.ts';
import { users } from '../../platform/auth/schema.ts';
import { municipalities, networks } from '../../platform/networks/schema.ts';
import { organisations } from '../organisations/index.ts';
import type { Commitment, Field, Suitability, TargetGroup, TimeOfDay } from '../../platform/vocabulary.ts';

export const OFFER_STATUSES = ['draft', 'in_review', 'published', 'paused', 'expired', 'archived'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** An engagement offer (Engagementangebot): a way to help that an organisation publishes. */
export const offers = pgTable(
  'offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    municipalityId: uuid('municipality_id').references(() => municipalities.id, { onDelete: 'set null' }),
    /** Id in the system the record was imported from (FreiNet angebotsId). */
    externalId: varchar('external_id', { length: 64 }),
    title: varchar('title', { length: 200 }).notNull(),
    summary: varchar('summary', { length: 500 }).notNull().default(''),
    /** Sanitised HTML of a small safe subset (paragraphs, lists, emphasis, links). */
    description: text('description').notNull().default(''),
    field: varchar('field', { length: 30 }).$type<Field>().notNull().default('sonstiges'),
    targetGroups: text('target_groups').array().$type<TargetGroup[]>().notNull().default(sql`'{}'::text[]`),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    commitment: varchar('commitment', { length: 20 }).$type<Commitment>().notNull().default('regular'),
    hoursPerWeek: real('hours_per_week'),
    weekdays: smallint('weekdays').array().notNull().default(sql`'{}'::smallint[]`),
    timesOfDay: text('times_of_day').array().$type<TimeOfDay[]>().notNull().default(sql`'{}'::text[]`),
    suitability: text('suitability').array().$type<Suitability[]>().notNull().default(sql`'{}'::text[]`),
    remote: boolean('remote').notNull().default(false),
    street: varchar('street', { length: 200 }).notNull().default(''),
    postcode: varchar('postcode', { length: 10 }).notNull().default(''),
    place: varchar('place', { length: 120 }).notNull().default(''),
    district: varchar('district', { length: 120 }).notNull().default(''),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    peopleWanted: integer('people_wanted'),
    contactName: varchar('contact_name', { length: 120 }).notNull().default(''),
    contactEmail: varchar('contact_email', { length: 254 }).notNull().default(''),
    contactPhone: varchar('contact_phone', { length: 50 }).notNull().default(''),
    status: varchar('status', { length: 20 }).$type<OfferStatus>().notNull().default('draft'),
    statusReason: text('status_reason').notNull().default(''),
    /** When it last entered the office's review queue; edits while it waits there leave it alone. */
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    expiryReminderSentAt: timestamp('expiry_reminder_sent_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Weighted German full text: title A, organisation and tags B, summary and description C. Trigger-maintained. */
    search: tsvector('search'),
  },
  (t) => [
    uniqueIndex('offers_external').on(t.networkId, t.externalId).where(sql`${t.externalId} is not null`),
    index('offers_network_status').on(t.networkId, t.status, t.publishedAt),
    index('offers_organisation').on(t.organisationId),
    index('offers_search').using('gin', t.search),
    index('offers_title_trgm').using('gin', sql`${t.title} gin_trgm_ops`),
    index('offers_lat_lng').on(t.lat, t.lng),
    index('offers_expires').on(t.expiresAt).where(sql`${t.status} = 'published'`),
    // The search: newest first (the listing without words, and the offers read when many match),
    // remote offers apart (they match every place), and a GiST index for the box around a place.
    index('offers_published_newest').on(t.publishedAt.desc().nullsLast(), t.id).where(sql`${t.status} = 'published'`),
    index('offers_field_newest').on(t.field, t.publishedAt.desc().nullsLast(), t.id).where(sql`${t.status} = 'published'`),
    // These two serve word searches too, whose place condition is planned apart from the status.
    index('offers_remote_newest').on(t.publishedAt.desc().nullsLast(), t.id).where(sql`${t.remote}`),
    index('offers_position').using('gist', sql`point(${t.lng}, ${t.lat})`),
  ],
);

/** A search a person saved, with an optional daily e-mail of new matching offers. */
export const savedSearches = pgTable(
  'saved_searches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 120 }).notNull(),
    /** The search form's parameters, as sent. */
    query: jsonb('query').$type<Record<string, string | string[]>>().notNull(),
    alerts: varchar('alerts', { length: 10 }).$type<'none' | 'daily'>().notNull().default('daily'),
    lastNotifiedAt: timestamp('last_notified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('saved_searches_user').on(t.userId)],
);

export type Offer = typeof offers.$inferSelect;
