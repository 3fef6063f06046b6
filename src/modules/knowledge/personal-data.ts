import { eq } from 'drizzle-orm';
import type { PersonalDataPart } from '../../platform/privacy.ts';
import { knowledgeEntries, knowledgeFiles, knowledgeRevisions } from './schema.ts';

/*
 * The knowledge base keeps what people wrote for the network; erasure takes away who wrote, uploaded
 * or changed it (the entries stay: they belong to the network), including the name kept with revisions.
 */
export const knowledgePersonalData: PersonalDataPart[] = [
  {
    name: 'wissen-eintraege',
    label: 'knowledge.privacy.entries',
    tables: [{ table: 'knowledge_entries', columns: ['created_by', 'body'] }],
    async export(db, subject) {
      return db
        .select({ title: knowledgeEntries.title, kind: knowledgeEntries.kind, status: knowledgeEntries.status, body: knowledgeEntries.body, createdAt: knowledgeEntries.createdAt })
        .from(knowledgeEntries)
        .where(eq(knowledgeEntries.createdBy, subject.userId));
    },
    // The text stays with the network (it was written for it); only the link to its author goes.
    async erase(db, subject) {
      await db.update(knowledgeEntries).set({ createdBy: null }).where(eq(knowledgeEntries.createdBy, subject.userId));
    },
  },
  {
    name: 'wissen-dateien',
    label: 'knowledge.privacy.files',
    tables: [{ table: 'knowledge_files', columns: ['uploaded_by', 'file_name'] }],
    async export(db, subject) {
      return db
        .select({ fileName: knowledgeFiles.fileName, size: knowledgeFiles.size, uploadedAt: knowledgeFiles.createdAt })
        .from(knowledgeFiles)
        .where(eq(knowledgeFiles.uploadedBy, subject.userId));
    },
    async erase(db, subject) {
      await db.update(knowledgeFiles).set({ uploadedBy: null }).where(eq(knowledgeFiles.uploadedBy, subject.userId));
    },
  },
  {
    name: 'wissen-versionen',
    label: 'knowledge.privacy.revisions',
    tables: [{ table: 'knowledge_revisions', columns: ['author_id', 'author_name', 'note'] }],
    async export(db, subject) {
      return db
        .select({ title: knowledgeRevisions.title, authorName: knowledgeRevisions.authorName, note: knowledgeRevisions.note, createdAt: knowledgeRevisions.createdAt })
        .from(knowledgeRevisions)
        .where(eq(knowledgeRevisions.authorId, subject.userId));
    },
    async erase(db, subject) {
      await db.update(knowledgeRevisions).set({ authorId: null, authorName: '' }).where(eq(knowledgeRevisions.authorId, subject.userId));
    },
  },
];
