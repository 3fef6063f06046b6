import { and, asc, count, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { users } from '../../platform/auth/schema.ts';
import { events } from '../events/index.ts';
import { municipalities, networks } from '../../platform/networks/schema.ts';
import { knowledgeEntries, knowledgeFiles, knowledgeRevisions, type EntryKind, type KnowledgeEntry, type Theme } from './schema.ts';

export interface EntryListItem {
  id: string;
  networkSlug: string;
  networkName: string;
  kind: EntryKind;
  status: KnowledgeEntry['status'];
  visibility: KnowledgeEntry['visibility'];
  theme: Theme | null;
  tags: string[];
  title: string;
  summary: string;
  updatedAt: Date;
  snippet: string | null;
}

export interface EntryFilters {
  networkId?: string | undefined;
  words?: string | undefined;
  kind?: EntryKind | undefined;
  theme?: Theme | undefined;
  tag?: string | undefined;
  /** Members see members-only entries too. */
  member: boolean;
}

/** A query the person typed, as a German full-text query (websearch syntax: words, "phrases", -not). */
function tsQuery(words: string): SQL {
  return sql`websearch_to_tsquery('german', ${words})`;
}

function publishedWhere(filters: EntryFilters): SQL {
  const parts: SQL[] = [eq(knowledgeEntries.status, 'published')];
  if (!filters.member) parts.push(eq(knowledgeEntries.visibility, 'public'));
  if (filters.networkId) parts.push(eq(knowledgeEntries.networkId, filters.networkId));
  if (filters.kind) parts.push(eq(knowledgeEntries.kind, filters.kind));
  if (filters.theme) parts.push(eq(knowledgeEntries.theme, filters.theme));
  if (filters.tag) parts.push(sql`${knowledgeEntries.tags} @> array[${filters.tag}]::text[]`);
  if (filters.words) parts.push(sql`${knowledgeEntries.search} @@ ${tsQuery(filters.words)}`);
  return and(...parts)!;
}

/** Published entries, newest first, or by relevance when words are given (with a highlighted snippet). */
export async function listEntries(db: Db, filters: EntryFilters, page: { limit: number; offset: number }): Promise<{ items: EntryListItem[]; total: number }> {
  const condition = publishedWhere(filters);
  const words = filters.words?.trim();
  const snippet = words
    ? sql<string>`ts_headline('german', left(${knowledgeEntries.summary} || ' ' || ${knowledgeEntries.body} || ' ' || ${knowledgeEntries.situation} || ' ' || ${knowledgeEntries.fileText}, 20000), ${tsQuery(words)}, 'MaxFragments=1, MaxWords=30, MinWords=10, StartSel=«, StopSel=»')`
    : sql<null>`null`;
  const [items, totals] = await Promise.all([
    db
      .select({
        id: knowledgeEntries.id,
        networkSlug: networks.slug,
        networkName: networks.name,
        kind: knowledgeEntries.kind,
        status: knowledgeEntries.status,
        visibility: knowledgeEntries.visibility,
        theme: knowledgeEntries.theme,
        tags: knowledgeEntries.tags,
        title: knowledgeEntries.title,
        summary: knowledgeEntries.summary,
        updatedAt: knowledgeEntries.updatedAt,
        snippet,
      })
      .from(knowledgeEntries)
      .innerJoin(networks, eq(networks.id, knowledgeEntries.networkId))
      .where(condition)
      .orderBy(
        ...(words ? [desc(sql`ts_rank(${knowledgeEntries.search}, ${tsQuery(words)})`)] : []),
        desc(knowledgeEntries.publishedAt),
        asc(knowledgeEntries.id),
      )
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(knowledgeEntries).where(condition),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

/** Drafts and entries in review: all of them for the office, one's own for authors. */
export async function unpublishedEntries(db: Db, networkId: string, authorId: string | null): Promise<Array<{ id: string; title: string; status: KnowledgeEntry['status']; kind: EntryKind; updatedAt: Date }>> {
  const parts: SQL[] = [eq(knowledgeEntries.networkId, networkId), ne(knowledgeEntries.status, 'published')];
  if (authorId) parts.push(eq(knowledgeEntries.createdBy, authorId));
  return db
    .select({ id: knowledgeEntries.id, title: knowledgeEntries.title, status: knowledgeEntries.status, kind: knowledgeEntries.kind, updatedAt: knowledgeEntries.updatedAt })
    .from(knowledgeEntries)
    .where(and(...parts))
    .orderBy(desc(knowledgeEntries.updatedAt))
    .limit(200);
}

/** Tags in use among the entries a person can see, most used first. */
export async function tagsInUse(db: Db, networkId: string, member: boolean): Promise<string[]> {
  const rows = await db.execute<{ tag: string }>(sql`
    select tag from (select unnest(${knowledgeEntries.tags}) as tag from ${knowledgeEntries}
      where ${knowledgeEntries.networkId} = ${networkId} and ${knowledgeEntries.status} = 'published'
      ${member ? sql`` : sql`and ${knowledgeEntries.visibility} = 'public'`}) t
    group by tag order by count(*) desc, tag limit 30`);
  return (rows as unknown as { rows: Array<{ tag: string }> }).rows.map((r) => r.tag);
}

export interface EntryDetail extends KnowledgeEntry {
  networkSlug: string;
  networkName: string;
  municipalityName: string | null;
  event: { id: string; title: string; startsAt: Date } | null;
}

export async function findEntry(db: Db, id: string, networkId?: string): Promise<EntryDetail | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db
    .select({
      entry: knowledgeEntries,
      networkSlug: networks.slug,
      networkName: networks.name,
      municipalityName: municipalities.name,
      eventId: events.id,
      eventTitle: events.title,
      eventStartsAt: events.startsAt,
    })
    .from(knowledgeEntries)
    .innerJoin(networks, eq(networks.id, knowledgeEntries.networkId))
    .leftJoin(municipalities, eq(municipalities.id, knowledgeEntries.municipalityId))
    .leftJoin(events, eq(events.id, knowledgeEntries.eventId))
    .where(networkId ? and(eq(knowledgeEntries.id, id), eq(knowledgeEntries.networkId, networkId)) : eq(knowledgeEntries.id, id));
  if (!row) return undefined;
  return {
    ...row.entry,
    networkSlug: row.networkSlug,
    networkName: row.networkName,
    municipalityName: row.municipalityName,
    event: row.eventId && row.eventTitle && row.eventStartsAt ? { id: row.eventId, title: row.eventTitle, startsAt: row.eventStartsAt } : null,
  };
}

export async function entryFiles(db: Db, entryId: string) {
  return db.select().from(knowledgeFiles).where(eq(knowledgeFiles.entryId, entryId)).orderBy(asc(knowledgeFiles.createdAt));
}

export async function findFile(db: Db, fileId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) return undefined;
  const [row] = await db.select().from(knowledgeFiles).where(eq(knowledgeFiles.id, fileId));
  return row;
}

export async function revisionsOf(db: Db, entryId: string) {
  return db
    .select({
      id: knowledgeRevisions.id,
      authorName: knowledgeRevisions.authorName,
      title: knowledgeRevisions.title,
      content: knowledgeRevisions.content,
      note: knowledgeRevisions.note,
      createdAt: knowledgeRevisions.createdAt,
    })
    .from(knowledgeRevisions)
    .where(eq(knowledgeRevisions.entryId, entryId))
    .orderBy(desc(knowledgeRevisions.createdAt), desc(knowledgeRevisions.id));
}

export async function entryOfEvent(db: Db, eventId: string): Promise<KnowledgeEntry | undefined> {
  const [row] = await db
    .select()
    .from(knowledgeEntries)
    .where(and(eq(knowledgeEntries.eventId, eventId), eq(knowledgeEntries.kind, 'documentation')))
    .orderBy(desc(knowledgeEntries.createdAt))
    .limit(1);
  return row;
}

export async function userName(db: Db, userId: string | null): Promise<string> {
  if (!userId) return '';
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? '';
}

