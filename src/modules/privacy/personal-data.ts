import fs from 'node:fs';
import { eq, or, sql } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/schema.ts';
import type { PersonalDataPart } from '../../platform/privacy.ts';
import { exportFilePath } from './files.ts';
import { consents, dataExports, erasureRequests } from './schema.ts';

/** The privacy module's own records, and the platform's audit log, which no other module owns. */
export const privacyPersonalData: PersonalDataPart[] = [
  {
    name: 'einwilligungen',
    label: 'privacy.kind.consents',
    tables: [{ table: 'consents', columns: ['user_id', 'email'] }],
    async export(db, subject) {
      return db
        .select({ purpose: consents.purpose, network: consents.networkId, version: consents.version, method: consents.method, givenAt: consents.givenAt, withdrawnAt: consents.withdrawnAt })
        .from(consents)
        .where(or(eq(consents.userId, subject.userId), eq(consents.email, subject.email)));
    },
    async erase(db, subject) {
      await db.delete(consents).where(or(eq(consents.userId, subject.userId), eq(consents.email, subject.email)));
    },
  },
  {
    name: 'datenauskuenfte',
    label: 'privacy.kind.exports',
    tables: [{ table: 'data_exports', columns: ['user_id'] }],
    async export(db, subject) {
      return db
        .select({ status: dataExports.status, requestedAt: dataExports.requestedAt, finishedAt: dataExports.finishedAt, downloadedAt: dataExports.downloadedAt })
        .from(dataExports)
        .where(eq(dataExports.userId, subject.userId));
    },
    async erase(db, subject, deps) {
      const rows = await db.delete(dataExports).where(eq(dataExports.userId, subject.userId)).returning();
      for (const row of rows) if (row.file) fs.rmSync(exportFilePath(deps.config.dataDir, row.file), { force: true });
    },
  },
  {
    name: 'loeschantraege',
    label: 'privacy.kind.erasures',
    tables: [{ table: 'erasure_requests', columns: ['user_id', 'requested_by'] }],
    async export(db, subject) {
      return db
        .select({ requestedAt: erasureRequests.requestedAt, dueAt: erasureRequests.dueAt, cancelledAt: erasureRequests.cancelledAt })
        .from(erasureRequests)
        .where(eq(erasureRequests.userId, subject.userId));
    },
    async erase(db, subject) {
      // The request itself stays as proof that the erasure happened; it loses every link to the person.
      await db.update(erasureRequests).set({ requestedBy: null }).where(eq(erasureRequests.requestedBy, subject.userId));
    },
  },
  {
    name: 'protokoll',
    label: 'privacy.kind.audit',
    tables: [{ table: 'audit_log', columns: ['actor_id', 'subject_id', 'details'] }],
    async export(db, subject) {
      return db
        .select({ at: auditLog.at, action: auditLog.action, network: auditLog.networkId, details: auditLog.details })
        .from(auditLog)
        .where(or(eq(auditLog.actorId, subject.userId), eq(auditLog.subjectId, subject.userId)));
    },
    async erase(db, subject) {
      // What happened stays on record (accountability, Art. 5(2)); who it was and the details about them go.
      await db.update(auditLog).set({ actorId: null, details: {} }).where(eq(auditLog.actorId, subject.userId));
      await db.update(auditLog).set({ subjectId: null, details: {} }).where(eq(auditLog.subjectId, subject.userId));
      // Entries about something else that name the person's address (an invitation, say) lose their details.
      await db.update(auditLog).set({ details: {} }).where(sql`position(${subject.email} in lower(${auditLog.details}::text)) > 0`);
    },
  },
  {
    name: 'warteschlange',
    label: 'privacy.kind.mailQueue',
    // pg-boss's own tables (schema pgboss), outside the catalogue guard's public schema.
    tables: [],
    async export() {
      // Queued and recently sent mails are working copies of what the other kinds hold; nothing of their own.
      return [];
    },
    async erase(db, subject) {
      const mentions = (table: string) =>
        sql`delete from ${sql.raw(table)} where position(${subject.email} in lower(data::text)) > 0 or position(${subject.userId} in data::text) > 0`;
      await db.execute(mentions('pgboss.job'));
      await db.execute(mentions('pgboss.archive'));
    },
  },
];
