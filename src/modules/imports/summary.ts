import type { MessageKey, T } from '../../platform/i18n/index.ts';
import type { Problem, Where } from './record.ts';

export type ImportFormat = 'freinet' | 'csv';

/** What an import did, for the command line and the admin page alike. */
export interface ImportSummary {
  format: ImportFormat;
  /** Records found in the file, good or bad. */
  read: number;
  created: number;
  updated: number;
  organisationsCreated: number;
  skippedCount: number;
  /** The first skipped records with their reasons (all of them up to LIST_LIMIT). */
  skipped: Array<{ where: Where; reasons: Problem[] }>;
  warningCount: number;
  warnings: Array<{ where: Where | null; problem: Problem }>;
  /** Set when reading had to stop; what was imported before it stays. */
  fatal: { where: Where | null; problem: Problem } | null;
}

/** A broken file can have a problem in every line; the summary names the first ones and counts the rest. */
export const LIST_LIMIT = 500;

export function emptySummary(format: ImportFormat): ImportSummary {
  return { format, read: 0, created: 0, updated: 0, organisationsCreated: 0, skippedCount: 0, skipped: [], warningCount: 0, warnings: [], fatal: null };
}

export function addSkipped(summary: ImportSummary, where: Where, reasons: Problem[]): void {
  summary.skippedCount++;
  if (summary.skipped.length < LIST_LIMIT) summary.skipped.push({ where, reasons });
}

export function addWarning(summary: ImportSummary, where: Where | null, problem: Problem): void {
  summary.warningCount++;
  if (summary.warnings.length < LIST_LIMIT) summary.warnings.push({ where, problem });
}

/** "Angebot 7 (angebotsId 1007, Zeile 88)" or "Zeile 5 (Externe ID A-17)". */
export function describeWhere(t: T, format: ImportFormat, where: Where | null): string {
  if (!where) return t('imports.where.file');
  const id = where.externalId ?? '';
  if (format === 'freinet' && where.index !== undefined) {
    return id
      ? t('imports.where.freinet', { index: where.index, id, line: where.line ?? '?' })
      : t('imports.where.freinetNoId', { index: where.index, line: where.line ?? '?' });
  }
  if (where.line !== undefined) return id ? t('imports.where.csv', { line: where.line, id }) : t('imports.where.line', { line: where.line });
  return t('imports.where.file');
}

export function describeProblem(t: T, problem: Problem): string {
  return t(problem.key as MessageKey, problem.params);
}

/** The summary as lines of text (the command line prints these). */
export function summaryLines(t: T, summary: ImportSummary): string[] {
  const lines: string[] = [];
  lines.push(
    t('imports.summary.counts', {
      read: summary.read,
      created: summary.created,
      updated: summary.updated,
      skipped: summary.skippedCount,
      warnings: summary.warningCount,
    }),
  );
  if (summary.organisationsCreated > 0) lines.push(t('imports.summary.organisations', { count: summary.organisationsCreated }));
  if (summary.skippedCount > 0) {
    lines.push('', t('imports.summary.skippedHeading'));
    for (const s of summary.skipped) {
      lines.push(`  ${describeWhere(t, summary.format, s.where)}: ${s.reasons.map((r) => describeProblem(t, r)).join('; ')}`);
    }
    if (summary.skippedCount > summary.skipped.length) lines.push(`  ${t('imports.summary.more', { count: summary.skippedCount - summary.skipped.length })}`);
  }
  if (summary.warningCount > 0) {
    lines.push('', t('imports.summary.warningsHeading'));
    for (const w of summary.warnings) lines.push(`  ${describeWhere(t, summary.format, w.where)}: ${describeProblem(t, w.problem)}`);
    if (summary.warningCount > summary.warnings.length) lines.push(`  ${t('imports.summary.more', { count: summary.warningCount - summary.warnings.length })}`);
  }
  if (summary.fatal) {
    lines.push('', `${t('imports.summary.fatal')} ${describeWhere(t, summary.format, summary.fatal.where)}: ${describeProblem(t, summary.fatal.problem)}`);
  }
  return lines;
}
