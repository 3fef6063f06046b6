import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.ts';
import { networks } from '../../platform/networks/schema.ts';

/**
 * Who a list reaches. `subscription`: people who subscribed (double opt-in). `segment`: an audience the
 * office composes from platform data; it is worked out again at each send.
 */
export const LIST_KINDS = ['subscription', 'segment'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/** Saved segment criteria; each given criterion narrows the audience. */
export interface SegmentCriteria {
  /** Members holding one of these roles in the network. */
  roles?: string[];
  /** Contacts (members) of the network's organisations. */
  organisationContacts?: boolean;
  /** Volunteers with a profile who agreed to be contacted. */
  contactableVolunteers?: boolean;
  /** Only people linked to these municipalities (volunteer profile, guide area, organisation seat). */
  municipalityIds?: string[];
  /** Only volunteers interested in / organisations active in these fields. */
  fields?: string[];
  /** People registered for this event (when the events module is present). */
  eventId?: string;
}

export const infomailLists = pgTable(
  'infomail_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 120 }).notNull(),
    description: varchar('description', { length: 500 }).notNull().default(''),
    kind: varchar('kind', { length: 20 }).$type<ListKind>().notNull().default('subscription'),
    /** Anyone may subscribe, and its sent mails appear in the public archive. */
    isPublic: boolean('is_public').notNull().default(false),
    segment: jsonb('segment').$type<SegmentCriteria>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('infomail_lists_network').on(t.networkId)],
);

/**
 * A subscriber of a network's info mails, with or without an account. Confirmed by double opt-in; the
 * confirmation link is single-use (only its hash is kept). Unsubscribing from everything deletes the
 * row: what remains is a hash on the suppression list.
 */
export const infomailSubscribers = pgTable(
  'infomail_subscribers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    /** Normalised: lower case, domain in Unicode (IDN). */
    email: varchar('email', { length: 320 }).notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmTokenHash: varchar('confirm_token_hash', { length: 64 }),
    /** When the last confirmation mail went out: at most one per address and hour. */
    confirmSentAt: timestamp('confirm_sent_at', { withTimezone: true }),
    /** 'all': every info mail; 'digest': only the weekly digest. */
    frequency: varchar('frequency', { length: 10 }).$type<'all' | 'digest'>().notNull().default('all'),
    /** Weekly digest of new offers and events, narrowed to these municipalities and fields (empty: all). */
    digest: boolean('digest').notNull().default(false),
    digestMunicipalityIds: jsonb('digest_municipality_ids').$type<string[]>().notNull().default([]),
    digestFields: jsonb('digest_fields').$type<string[]>().notNull().default([]),
    lastDigestAt: timestamp('last_digest_at', { withTimezone: true }),
    /** Set after repeated hard bounces: no more mail to this address. */
    bouncedAt: timestamp('bounced_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('infomail_subscribers_network_email').on(t.networkId, t.email)],
);

export const infomailSubscriptions = pgTable(
  'infomail_subscriptions',
  {
    subscriberId: uuid('subscriber_id')
      .notNull()
      .references(() => infomailSubscribers.id, { onDelete: 'cascade' }),
    listId: uuid('list_id')
      .notNull()
      .references(() => infomailLists.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.subscriberId, t.listId] }), index('infomail_subscriptions_list').on(t.listId)],
);

/**
 * Addresses that must get no more mail, kept only as a SHA-256 hash of the normalised address. A row
 * with a list applies to that list; one without a list to every info mail of the network.
 */
export const infomailSuppressions = pgTable(
  'infomail_suppressions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    listId: uuid('list_id').references(() => infomailLists.id, { onDelete: 'cascade' }),
    emailHash: varchar('email_hash', { length: 64 }).notNull(),
    reason: varchar('reason', { length: 20 }).$type<'unsubscribed' | 'bounced'>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('infomail_suppressions_unique').on(t.networkId, t.emailHash, sql`coalesce(${t.listId}, '00000000-0000-0000-0000-000000000000'::uuid)`)],
);

/** Sender name, reply-to address and the two-person rule, per network. */
export const infomailSettings = pgTable('infomail_settings', {
  networkId: uuid('network_id')
    .primaryKey()
    .references(() => networks.id, { onDelete: 'cascade' }),
  fromName: varchar('from_name', { length: 120 }).notNull().default(''),
  replyTo: varchar('reply_to', { length: 320 }).notNull().default(''),
  /** One person writes, another approves before anything is sent. */
  requireApproval: boolean('require_approval').notNull().default(false),
});

export const MAILING_STATUSES = ['draft', 'awaiting_approval', 'scheduled', 'sending', 'paused', 'sent'] as const;
export type MailingStatus = (typeof MAILING_STATUSES)[number];

/** One info mail to one list. */
export const infomailMailings = pgTable(
  'infomail_mailings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    listId: uuid('list_id')
      .notNull()
      .references(() => infomailLists.id, { onDelete: 'cascade' }),
    subject: varchar('subject', { length: 200 }).notNull(),
    body: text('body').notNull().default(''),
    status: varchar('status', { length: 20 }).$type<MailingStatus>().notNull().default('draft'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('infomail_mailings_network').on(t.networkId, t.status)],
);

export const RECIPIENT_STATES = ['queued', 'sending', 'sent', 'failed', 'bounced', 'unsubscribed'] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

/**
 * One recipient of one mailing. A worker claims a row (queued → sending) in one statement before it
 * sends, so two workers or a restarted one never send the same mail twice.
 */
export const infomailRecipients = pgTable(
  'infomail_recipients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mailingId: uuid('mailing_id')
      .notNull()
      .references(() => infomailMailings.id, { onDelete: 'cascade' }),
    email: varchar('email', { length: 320 }).notNull(),
    subscriberId: uuid('subscriber_id').references(() => infomailSubscribers.id, { onDelete: 'set null' }),
    state: varchar('state', { length: 20 }).$type<RecipientState>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: varchar('last_error', { length: 500 }),
  },
  (t) => [
    uniqueIndex('infomail_recipients_unique').on(t.mailingId, t.email),
    index('infomail_recipients_queue').on(t.mailingId, t.state),
    index('infomail_recipients_email').on(t.email),
  ],
);

/** A delivery report: hard (5.x.x) or soft (4.x.x), with the server's words, for the office. */
export const infomailBounces = pgTable(
  'infomail_bounces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').references(() => networks.id, { onDelete: 'cascade' }),
    email: varchar('email', { length: 320 }).notNull(),
    recipientId: uuid('recipient_id').references(() => infomailRecipients.id, { onDelete: 'set null' }),
    hard: boolean('hard').notNull(),
    status: varchar('status', { length: 20 }).notNull().default(''),
    diagnostic: varchar('diagnostic', { length: 500 }).notNull().default(''),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('infomail_bounces_email').on(t.email)],
);

export type InfomailList = typeof infomailLists.$inferSelect;
export type Subscriber = typeof infomailSubscribers.$inferSelect;
export type Mailing = typeof infomailMailings.$inferSelect;
export type Recipient = typeof infomailRecipients.$inferSelect;
export type InfomailSettings = typeof infomailSettings.$inferSelect;
