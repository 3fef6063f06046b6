import { date, integer, pgTable, primaryKey, unique, uuid, varchar } from 'drizzle-orm/pg-core';
import { networks } from '../../platform/networks/schema.ts';

/*
 * The overview's count tables: derived data, kept up to date by statement-level triggers on offers,
 * needs and placements and recomputed by overview_rebuild() (drizzle/0010, with the functions and
 * triggers Drizzle cannot express). Never written by the app; left out of backups and rebuilt after
 * a restore (see the table comments and src/platform/backup.ts).
 *
 * Months are German calendar months (their first day). A placement belongs to the municipality of
 * its offer, else of its need. municipality_id has no foreign key: the triggers move counts away
 * when an offer or need moves, and a null municipality is a key value of its own (NULLS NOT DISTINCT).
 */

const network = () =>
  uuid('network_id')
    .notNull()
    .references(() => networks.id, { onDelete: 'cascade' });
const month = () => date('month').notNull();

/** Placements opened per month, by municipality and current status. */
export const overviewPlacementMonths = pgTable(
  'overview_placement_months',
  {
    networkId: network(),
    municipalityId: uuid('municipality_id'),
    month: month(),
    status: varchar('status', { length: 20 }).notNull(),
    placements: integer('placements').notNull(),
  },
  (t) => [unique('overview_placement_months_key').on(t.networkId, t.municipalityId, t.month, t.status).nullsNotDistinct()],
);

/** The same per network (a network's figures would otherwise add up every municipality's rows). */
export const overviewNetworkPlacementMonths = pgTable(
  'overview_network_placement_months',
  {
    networkId: network(),
    month: month(),
    status: varchar('status', { length: 20 }).notNull(),
    placements: integer('placements').notNull(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.month, t.status] })],
);

/** Answered placements per month and response time in whole minutes, per municipality. */
export const overviewResponseMinutes = pgTable(
  'overview_response_minutes',
  {
    networkId: network(),
    municipalityId: uuid('municipality_id'),
    month: month(),
    minutes: integer('minutes').notNull(),
    answered: integer('answered').notNull(),
  },
  (t) => [unique('overview_response_minutes_key').on(t.networkId, t.municipalityId, t.month, t.minutes).nullsNotDistinct()],
);

/**
 * Per network, in whole minutes and in whole hours (floor(minutes / 60)): a network's median is
 * found from a few hundred hour rows first, then from the minutes of that hour only.
 */
export const overviewNetworkResponseMinutes = pgTable(
  'overview_network_response_minutes',
  {
    networkId: network(),
    month: month(),
    minutes: integer('minutes').notNull(),
    answered: integer('answered').notNull(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.month, t.minutes] })],
);

export const overviewNetworkResponseHours = pgTable(
  'overview_network_response_hours',
  {
    networkId: network(),
    month: month(),
    hours: integer('hours').notNull(),
    answered: integer('answered').notNull(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.month, t.hours] })],
);

/** Published offers now, per municipality and field. */
export const overviewOfferCounts = pgTable(
  'overview_offer_counts',
  {
    networkId: network(),
    municipalityId: uuid('municipality_id'),
    field: varchar('field', { length: 30 }).notNull(),
    published: integer('published').notNull(),
  },
  (t) => [unique('overview_offer_counts_key').on(t.networkId, t.municipalityId, t.field).nullsNotDistinct()],
);

/** Offers by the month they were first published, whatever their status now. */
export const overviewOfferMonths = pgTable(
  'overview_offer_months',
  {
    networkId: network(),
    municipalityId: uuid('municipality_id'),
    month: month(),
    offers: integer('offers').notNull(),
  },
  (t) => [unique('overview_offer_months_key').on(t.networkId, t.municipalityId, t.month).nullsNotDistinct()],
);
