import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { needs } from '../needs/index.ts';
import { offers } from '../offers/index.ts';
import { isUuid } from '../../platform/http/ids.ts';
import { organisations } from '../organisations/index.ts';
import { contentReports } from './schema.ts';

export const SUBJECT_TYPES = ['offer', 'organisation', 'need'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export type ContentReport = typeof contentReports.$inferSelect;

export interface ReportSubject {
  type: SubjectType;
  id: string;
  networkId: string;
  /** What a reader recognises it by: the title or name. */
  title: string;
}

/**
 * Public content a report can be about, with its network; undefined when it does not exist or is not
 * public (a report form must not reveal the title of a draft or a private need to whoever has its id).
 */
export async function findReportSubject(db: Db, type: SubjectType, id: string): Promise<ReportSubject | undefined> {
  if (!isUuid(id)) return undefined;
  if (type === 'offer') {
    const [row] = await db
      .select({ networkId: offers.networkId, title: offers.title })
      .from(offers)
      .where(and(eq(offers.id, id), eq(offers.status, 'published')));
    return row && { type, id, ...row };
  }
  if (type === 'organisation') {
    const [row] = await db
      .select({ networkId: organisations.networkId, title: organisations.name })
      .from(organisations)
      .where(and(eq(organisations.id, id), eq(organisations.status, 'verified')));
    return row && { type, id, ...row };
  }
  const [row] = await db
    .select({ networkId: needs.networkId, title: needs.title })
    .from(needs)
    .where(and(eq(needs.id, id), eq(needs.isPublic, true)));
  return row && { type, id, ...row };
}

export interface OpenReport extends ContentReport {
  subjectTitle: string | null;
}

/** Open reports of a network, oldest first, with the title of what they are about. */
export async function listOpenReports(db: Db, networkId: string): Promise<OpenReport[]> {
  return db
    .select({
      id: contentReports.id,
      networkId: contentReports.networkId,
      subjectType: contentReports.subjectType,
      subjectId: contentReports.subjectId,
      reason: contentReports.reason,
      reporterId: contentReports.reporterId,
      createdAt: contentReports.createdAt,
      resolvedAt: contentReports.resolvedAt,
      resolvedBy: contentReports.resolvedBy,
      resolution: contentReports.resolution,
      subjectTitle: sql<string | null>`coalesce(${offers.title}, ${organisations.name}, ${needs.title})`,
    })
    .from(contentReports)
    .leftJoin(offers, and(eq(contentReports.subjectType, 'offer'), eq(offers.id, contentReports.subjectId)))
    .leftJoin(organisations, and(eq(contentReports.subjectType, 'organisation'), eq(organisations.id, contentReports.subjectId)))
    .leftJoin(needs, and(eq(contentReports.subjectType, 'need'), eq(needs.id, contentReports.subjectId)))
    .where(and(eq(contentReports.networkId, networkId), isNull(contentReports.resolvedAt)))
    .orderBy(asc(contentReports.createdAt));
}

export async function getReport(db: Db, id: string): Promise<ContentReport | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(contentReports).where(eq(contentReports.id, id));
  return row;
}
