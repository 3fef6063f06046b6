import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { pdfText } from './files.ts';
import { knowledgeEntries, knowledgeFiles, knowledgeRevisions, type EntryStatus, type KnowledgeEntry } from './schema.ts';

export type EntryContent = Pick<
  KnowledgeEntry,
  'kind' | 'title' | 'summary' | 'body' | 'situation' | 'approach' | 'result' | 'contact' | 'municipalityId' | 'theme' | 'tags' | 'visibility'
>;

/** The entry as one text, compared line by line between revisions. */
export function revisionText(content: EntryContent): string {
  const parts = [
    `# ${content.title}`,
    content.summary,
    content.body,
    content.situation && `## Ausgangslage\n${content.situation}`,
    content.approach && `## Vorgehen\n${content.approach}`,
    content.result && `## Ergebnis\n${content.result}`,
    content.contact && `Kontakt: ${content.contact}`,
    content.tags.length > 0 ? `Schlagworte: ${content.tags.join(', ')}` : '',
    `Thema: ${content.theme ?? '–'} · Sichtbarkeit: ${content.visibility}`,
  ];
  return `${parts.filter(Boolean).join('\n\n')}\n`;
}

interface Author {
  id: string | null;
  name: string;
}

export async function createEntry(
  db: Db,
  input: { networkId: string; content: EntryContent; status: EntryStatus; author: Author; eventId?: string | null },
  now: Date,
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(knowledgeEntries)
      .values({
        ...input.content,
        networkId: input.networkId,
        status: input.status,
        eventId: input.eventId ?? null,
        createdBy: input.author.id,
        publishedAt: input.status === 'published' ? now : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(knowledgeRevisions).values({
      entryId: row!.id,
      authorId: input.author.id,
      authorName: input.author.name,
      title: input.content.title,
      content: revisionText(input.content),
      createdAt: now,
    });
    return row!.id;
  });
}

/** Saves a change and records it as a revision (unless nothing changed). */
export async function updateEntry(db: Db, entry: KnowledgeEntry, content: EntryContent, status: EntryStatus, author: Author, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(knowledgeEntries)
      .set({ ...content, status, updatedAt: now, publishedAt: status === 'published' ? (entry.publishedAt ?? now) : entry.publishedAt })
      .where(eq(knowledgeEntries.id, entry.id));
    const text = revisionText(content);
    if (text !== revisionText(entry)) {
      await tx.insert(knowledgeRevisions).values({ entryId: entry.id, authorId: author.id, authorName: author.name, title: content.title, content: text, createdAt: now });
    }
  });
}

export async function setEntryStatus(db: Db, entry: KnowledgeEntry, status: EntryStatus, now: Date): Promise<void> {
  await db
    .update(knowledgeEntries)
    .set({ status, updatedAt: now, publishedAt: status === 'published' ? (entry.publishedAt ?? now) : entry.publishedAt })
    .where(eq(knowledgeEntries.id, entry.id));
}

/** Keeps a stored file on the entry; a PDF's text joins the entry's search text. */
export async function addFile(
  db: Db,
  entry: KnowledgeEntry,
  file: { fileName: string; mediaType: string; size: number; storageKey: string; uploadedBy: string | null; data: Buffer },
  now: Date,
): Promise<void> {
  const text = file.mediaType === 'application/pdf' ? await pdfText(file.data) : '';
  await db.transaction(async (tx) => {
    await tx.insert(knowledgeFiles).values({
      entryId: entry.id,
      fileName: file.fileName,
      mediaType: file.mediaType,
      size: file.size,
      storageKey: file.storageKey,
      uploadedBy: file.uploadedBy,
      createdAt: now,
    });
    if (text) {
      const [current] = await tx.select({ fileText: knowledgeEntries.fileText }).from(knowledgeEntries).where(eq(knowledgeEntries.id, entry.id)).for('update');
      await tx
        .update(knowledgeEntries)
        .set({ fileText: `${current?.fileText ?? ''}\n${text}`.slice(0, 1_000_000) })
        .where(eq(knowledgeEntries.id, entry.id));
    }
  });
}

export async function removeFile(db: Db, entryId: string, fileId: string, texts: (key: string) => Promise<string>): Promise<string | undefined> {
  const [removed] = await db.delete(knowledgeFiles).where(and(eq(knowledgeFiles.id, fileId), eq(knowledgeFiles.entryId, entryId))).returning();
  if (!removed) return undefined;
  // The remaining PDFs' text is read again: the stored search text has no seams per file.
  const rest = await db.select().from(knowledgeFiles).where(eq(knowledgeFiles.entryId, entryId));
  const parts: string[] = [];
  for (const f of rest) if (f.mediaType === 'application/pdf') parts.push(await texts(f.storageKey));
  await db.update(knowledgeEntries).set({ fileText: parts.join('\n').slice(0, 1_000_000) }).where(eq(knowledgeEntries.id, entryId));
  return removed.storageKey;
}
