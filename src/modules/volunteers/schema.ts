import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, integer, pgTable, smallint, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.ts';
import { municipalities } from '../../platform/networks/schema.ts';
import type { Field, TimeOfDay } from '../../platform/vocabulary.ts';

/**
 * A volunteer's profile: what they like to do, when and how far they travel. Never public;
 * organisations see it only when `contactable` is set (opt-in) and through matching.
 */
export const volunteerProfiles = pgTable('volunteer_profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  homeMunicipalityId: uuid('home_municipality_id').references(() => municipalities.id, { onDelete: 'set null' }),
  postcode: varchar('postcode', { length: 10 }).notNull().default(''),
  lat: doublePrecision('lat'),
  lng: doublePrecision('lng'),
  radiusKm: integer('radius_km').notNull().default(15),
  fields: text('fields').array().$type<Field[]>().notNull().default(sql`'{}'::text[]`),
  skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
  weekdays: smallint('weekdays').array().notNull().default(sql`'{}'::smallint[]`),
  timesOfDay: text('times_of_day').array().$type<TimeOfDay[]>().notNull().default(sql`'{}'::text[]`),
  languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
  remoteOk: boolean('remote_ok').notNull().default(false),
  about: text('about').notNull().default(''),
  /** Opt-in: organisations and the network office may suggest offers and contact this person. */
  contactable: boolean('contactable').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type VolunteerProfile = typeof volunteerProfiles.$inferSelect;
