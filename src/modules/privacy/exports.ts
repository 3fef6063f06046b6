import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { hashSecret, newSecret } from '../../platform/auth/tokens.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { isLocale, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { users } from '../../platform/auth/schema.ts';
import { collectPersonalData, rowCount, zipStream, type CollectedKind } from './download.ts';
import { pendingErasure } from './erasure.ts';
import { exportFilePath } from './files.ts';
import { dataExports } from './schema.ts';

export const EXPORT_QUEUE = 'privacy.export';
/** How long a built download waits for its single use. */
export const EXPORT_LINK_HOURS = 48;

export type ExportRequest =
  | { kind: 'inline'; kinds: CollectedKind[]; email: string }
  | { kind: 'queued' }
  | { kind: 'already' }
  | { kind: 'erasing' };

/**
 * A small account's download is answered at once; a large one (more rows than EXPORT_INLINE_ROWS) is built
 * by a job. A second request while one waits makes no second job (one queued row per person).
 */
export async function requestExport(deps: AppDeps, userId: string): Promise<ExportRequest> {
  const { db } = deps;
  if (await pendingErasure(db, userId)) return { kind: 'erasing' };
  const [user] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, userId));
  if (!user) return { kind: 'erasing' };
  const [waiting] = await db.select({ id: dataExports.id }).from(dataExports).where(and(eq(dataExports.userId, userId), eq(dataExports.status, 'queued')));
  if (waiting) return { kind: 'already' };
  const kinds = await collectPersonalData(db, { userId, email: user.email });
  if (rowCount(kinds) <= deps.config.exportInlineRows) return { kind: 'inline', kinds, email: user.email };
  const [row] = await db
    .insert(dataExports)
    .values({ userId, requestedAt: deps.clock() })
    .onConflictDoNothing()
    .returning();
  if (!row) return { kind: 'already' };
  await deps.jobs.send(EXPORT_QUEUE, { exportId: row.id }, { retryLimit: 2, retryDelay: 60, singletonKey: row.id });
  return { kind: 'queued' };
}

/**
 * The job: writes the ZIP to the data folder and mails a single-use link. When the account is being erased
 * (or is gone) by then, nothing is written or sent and the request ends as failed.
 */
export async function buildExport(deps: AppDeps, exportId: string): Promise<'ready' | 'dropped'> {
  const { db } = deps;
  const [request] = await db.select().from(dataExports).where(and(eq(dataExports.id, exportId), eq(dataExports.status, 'queued')));
  if (!request) return 'dropped';
  const [user] = await db.select().from(users).where(eq(users.id, request.userId));
  if (!user || (await pendingErasure(db, user.id))) {
    await db.update(dataExports).set({ status: 'failed', finishedAt: deps.clock() }).where(eq(dataExports.id, exportId));
    return 'dropped';
  }
  const now = deps.clock();
  const kinds = await collectPersonalData(db, { userId: user.id, email: user.email });
  const file = `${exportId}.zip`;
  const target = exportFilePath(deps.config.dataDir, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  await pipeline(zipStream(kinds, { userId: user.id, email: user.email }, now), fs.createWriteStream(target, { mode: 0o600 }));
  const secret = newSecret();
  const expiresAt = new Date(now.getTime() + EXPORT_LINK_HOURS * 3_600_000);
  // Still queued means no erasure was requested meanwhile (that marks waiting downloads failed).
  const [ready] = await db
    .update(dataExports)
    .set({ status: 'ready', finishedAt: now, file, tokenHash: hashSecret(secret), expiresAt })
    .where(and(eq(dataExports.id, exportId), eq(dataExports.status, 'queued')))
    .returning();
  if (!ready) {
    fs.rmSync(target, { force: true });
    return 'dropped';
  }
  const locale = isLocale(user.locale) ? user.locale : 'de';
  const t = translator(locale);
  const values = { link: `${deps.config.publicUrl}/konto/daten/${secret}`, hours: EXPORT_LINK_HOURS };
  await queueMail(deps.jobs, { to: user.email, subject: t('privacy.mail.exportSubject'), text: t('privacy.mail.exportText', values) });
  return 'ready';
}

/** Spends a download link of the signed-in person: the file's path once, then never again. */
export async function useExportLink(deps: AppDeps, userId: string, secret: string): Promise<string | null> {
  const now = deps.clock();
  const [row] = await deps.db
    .update(dataExports)
    .set({ downloadedAt: now })
    .where(
      and(
        eq(dataExports.tokenHash, hashSecret(secret)),
        eq(dataExports.userId, userId),
        eq(dataExports.status, 'ready'),
        isNull(dataExports.downloadedAt),
        gt(dataExports.expiresAt, now),
      ),
    )
    .returning();
  if (!row?.file) return null;
  const file = exportFilePath(deps.config.dataDir, row.file);
  return fs.existsSync(file) ? file : null;
}

/** Removes downloaded and expired files, so no copy of a person's data outlives its link. */
export async function purgeExportFiles(deps: AppDeps, now: Date): Promise<void> {
  const rows = await deps.db.select().from(dataExports).where(eq(dataExports.status, 'ready'));
  for (const row of rows) {
    const spent = row.downloadedAt !== null || (row.expiresAt !== null && row.expiresAt < now);
    if (spent && row.file) fs.rmSync(exportFilePath(deps.config.dataDir, row.file), { force: true });
  }
  await deps.db.delete(dataExports).where(lt(dataExports.requestedAt, new Date(now.getTime() - 30 * 86_400_000)));
}
