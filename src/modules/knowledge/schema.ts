import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { tsvector } from '../../platform/db-types.ts';
import { users } from '../../platform/auth/schema.ts';
import { events } from '../events/index.ts';
import { municipalities, networks } from '../../platform/networks/schema.ts';

export const ENTRY_KINDS = ['article', 'practice', 'publication', 'faq', 'documentation'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** The themes the seed networks name (strategy, network management, participation, …). */
export const THEMES = ['strategie', 'netzwerkmanagement', 'beteiligung', 'asyl_flucht', 'digitalisierung', 'laendlicher_raum'] as const;
export type Theme = (typeof THEMES)[number];

/** draft: only editors; review: waits for the office; published: shown by its visibility. */
export const ENTRY_STATUSES = ['draft', 'review', 'published'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const VISIBILITIES = ['public', 'members'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/**
 * One entry of a network's knowledge base. The body is Markdown, rendered through the platform's one
 * sanitising pipeline. Practice examples fill the structured fields; event documentation points to its event.
 */
export const knowledgeEntries = pgTable(
  'knowledge_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    kind: varchar('kind', { length: 20 }).$type<EntryKind>().notNull(),
    status: varchar('status', { length: 20 }).$type<EntryStatus>().notNull().default('draft'),
    visibility: varchar('visibility', { length: 10 }).$type<Visibility>().notNull().default('public'),
    theme: varchar('theme', { length: 30 }).$type<Theme>(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    title: varchar('title', { length: 200 }).notNull(),
    summary: varchar('summary', { length: 500 }).notNull().default(''),
    body: text('body').notNull().default(''),
    situation: text('situation').notNull().default(''),
    approach: text('approach').notNull().default(''),
    result: text('result').notNull().default(''),
    contact: varchar('contact', { length: 300 }).notNull().default(''),
    municipalityId: uuid('municipality_id').references(() => municipalities.id, { onDelete: 'set null' }),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    /** Text of the entry's PDF files, for the full-text search only. */
    fileText: text('file_text').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    search: tsvector('search'),
  },
  (t) => [
    index('knowledge_entries_network').on(t.networkId, t.status, t.updatedAt),
    index('knowledge_entries_event').on(t.eventId),
    index('knowledge_entries_search').using('gin', t.search),
  ],
);

export type KnowledgeEntry = typeof knowledgeEntries.$inferSelect;

/** A file of a publication or documentation (PDF, office document, image), stored under the data folder. */
export const knowledgeFiles = pgTable(
  'knowledge_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => knowledgeEntries.id, { onDelete: 'cascade' }),
    fileName: varchar('file_name', { length: 200 }).notNull(),
    mediaType: varchar('media_type', { length: 120 }).notNull(),
    size: integer('size').notNull(),
    /** Path below DATA_DIR/knowledge; never built from the uploaded name. */
    storageKey: varchar('storage_key', { length: 80 }).notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('knowledge_files_entry').on(t.entryId)],
);

export type KnowledgeFile = typeof knowledgeFiles.$inferSelect;

/** Every saved version of an entry: who changed it, when, and the text as it was then. */
export const knowledgeRevisions = pgTable(
  'knowledge_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => knowledgeEntries.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** The author's name when saved, replaced by a neutral word when the account is erased. */
    authorName: varchar('author_name', { length: 120 }).notNull().default(''),
    title: varchar('title', { length: 200 }).notNull(),
    /** The whole entry as text (title, fields and body), compared line by line in the diff. */
    content: text('content').notNull(),
    note: varchar('note', { length: 300 }).notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('knowledge_revisions_entry').on(t.entryId, t.createdAt)],
);

export type KnowledgeRevision = typeof knowledgeRevisions.$inferSelect;
