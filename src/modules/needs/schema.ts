import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { tsvector } from '../../platform/db-types.ts';
import { users } from '../../platform/auth/schema.ts';
import { municipalities, networks } from '../../platform/networks/schema.ts';
import { organisations } from '../organisations/index.ts';
import type { Field, TimeOfDay } from '../../platform/vocabulary.ts';

export const NEED_STATUSES = ['open', 'in_progress', 'matched', 'closed'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/**
 * A need (Gesuch): help that a person or organisation asks for. Private by default: only the
 * network office and the guides of its municipality see it, unless it is made public.
 */
export const needs = pgTable(
  'needs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    municipalityId: uuid('municipality_id').references(() => municipalities.id, { onDelete: 'set null' }),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** The person who needs help; never shown publicly. */
    requesterName: varchar('requester_name', { length: 120 }).notNull().default(''),
    requesterEmail: varchar('requester_email', { length: 254 }).notNull().default(''),
    requesterPhone: varchar('requester_phone', { length: 50 }).notNull().default(''),
    title: varchar('title', { length: 200 }).notNull(),
    description: text('description').notNull().default(''),
    field: varchar('field', { length: 30 }).$type<Field>().notNull().default('sozial'),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    weekdays: smallint('weekdays').array().notNull().default(sql`'{}'::smallint[]`),
    timesOfDay: text('times_of_day').array().$type<TimeOfDay[]>().notNull().default(sql`'{}'::text[]`),
    place: varchar('place', { length: 120 }).notNull().default(''),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    isPublic: boolean('is_public').notNull().default(false),
    status: varchar('status', { length: 20 }).$type<NeedStatus>().notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    search: tsvector('search'),
  },
  (t) => [
    index('needs_network_status').on(t.networkId, t.status),
    index('needs_municipality').on(t.municipalityId),
    index('needs_search').using('gin', t.search),
  ],
);

export type Need = typeof needs.$inferSelect;
