import { and, eq, lt } from 'drizzle-orm';
import type { PersonalDataPart, RetentionRule } from '../../platform/privacy.ts';
import { contentReports, officeNoticeSettings } from './schema.ts';

export const moderationPersonalData: PersonalDataPart[] = [
  {
    name: 'meldungen',
    label: 'privacy.kind.reports',
    tables: [{ table: 'content_reports', columns: ['reporter_id', 'resolved_by', 'reason', 'resolution'] }],
    async export(db, subject) {
      return db
        .select({ subjectType: contentReports.subjectType, reason: contentReports.reason, createdAt: contentReports.createdAt, resolvedAt: contentReports.resolvedAt })
        .from(contentReports)
        .where(eq(contentReports.reporterId, subject.userId));
    },
    async erase(db, subject) {
      // A report is about content, not its reporter: it stays for the office, without who made or settled it.
      await db.update(contentReports).set({ reporterId: null }).where(eq(contentReports.reporterId, subject.userId));
      await db.update(contentReports).set({ resolvedBy: null }).where(eq(contentReports.resolvedBy, subject.userId));
    },
  },
  {
    name: 'benachrichtigungen',
    label: 'privacy.kind.noticeSettings',
    tables: [{ table: 'office_notice_settings', columns: ['user_id'] }],
    async export(db, subject) {
      return db
        .select({ network: officeNoticeSettings.networkId, mode: officeNoticeSettings.mode })
        .from(officeNoticeSettings)
        .where(eq(officeNoticeSettings.userId, subject.userId));
    },
    async erase(db, subject) {
      await db.delete(officeNoticeSettings).where(eq(officeNoticeSettings.userId, subject.userId));
    },
  },
];

/** Retention: settled reports are removed after the network's period. */
export const moderationRetention: RetentionRule[] = [
  {
    key: 'moderation.resolved',
    label: 'privacy.retention.moderation.resolved',
    defaultMonths: 12,
    minMonths: 1,
    maxMonths: 60,
    async purge(db, scope) {
      const removed = await db
        .delete(contentReports)
        .where(and(eq(contentReports.networkId, scope.networkId), lt(contentReports.resolvedAt, scope.before)))
        .returning();
      return removed.length;
    },
  },
];
