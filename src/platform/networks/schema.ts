import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

/**
 * A regional network: the tenant. Everything a network office runs belongs to one. The platform owns this
 * table (and the municipalities) because sessions, roles and every module refer to it (decision 006).
 */
export const networks = pgTable('networks', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: varchar('slug', { length: 60 }).notNull().unique(),
  name: varchar('name', { length: 200 }).notNull(),
  /** e.g. "LEADER-Region", "Engagierte Stadt" */
  kind: varchar('kind', { length: 100 }).notNull().default(''),
  region: varchar('region', { length: 200 }).notNull().default(''),
  description: text('description').notNull().default(''),
  contactEmail: varchar('contact_email', { length: 254 }).notNull().default(''),
  /** Colours as #rrggbb, used as CSS custom properties. */
  primaryColor: varchar('primary_color', { length: 7 }).notNull().default('#1d5c8c'),
  accentColor: varchar('accent_color', { length: 7 }).notNull().default('#b3541e'),
  logoPath: varchar('logo_path', { length: 300 }),
  imprint: text('imprint').notNull().default(''),
  privacyStatement: text('privacy_statement').notNull().default(''),
  accessibilityStatement: text('accessibility_statement').notNull().default(''),
  /** Days an offer stays published before it expires unless someone confirms it is still current. */
  offerLifetimeDays: integer('offer_lifetime_days').notNull().default(90),
  /** 'organisations': new organisations are reviewed; 'offers': every new offer is reviewed too. */
  moderation: varchar('moderation', { length: 20 }).$type<'organisations' | 'offers'>().notNull().default('organisations'),
  /** Days without an answer to an inquiry before the organisation is reminded (then the guide and office). */
  placementReminderDays: integer('placement_reminder_days').notNull().default(5),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A municipality (Kommune) that belongs to a network. */
export const municipalities = pgTable(
  'municipalities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 200 }).notNull(),
    /** e.g. "Gemeinde", "Stadt", "Große Kreisstadt" */
    type: varchar('type', { length: 100 }).notNull().default(''),
    /** Amtlicher Gemeindeschlüssel, 8 digits, filled in by the operator. */
    ags: varchar('ags', { length: 8 }),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    inhabitants: integer('inhabitants'),
    /** GeoJSON geometry of the municipality's outline, for maps without a tile server. */
    outline: jsonb('outline'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('municipalities_network_name').on(t.networkId, t.name),
    uniqueIndex('municipalities_ags').on(t.ags).where(sql`${t.ags} is not null`),
  ],
);

export type Network = typeof networks.$inferSelect;
export type Municipality = typeof municipalities.$inferSelect;
