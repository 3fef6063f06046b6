import fs from 'node:fs';
import { and, asc, eq, gt, isNull, lte } from 'drizzle-orm';
import { hashSecret, newSecret } from '../../platform/auth/tokens.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { isLocale, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/index.ts';
import type { DataSubject, PendingErasure } from '../../platform/privacy.ts';
import type { Db } from '../../platform/db.ts';
import { sessions, users } from '../../platform/auth/schema.ts';
import { personalDataParts } from './download.ts';
import { exportFilePath } from './files.ts';
import { dataExports, erasureRequests } from './schema.ts';

const DAY_MS = 86_400_000;

export function formatDay(locale: string, date: Date): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(date);
}

export async function pendingErasure(db: Db, userId: string): Promise<(PendingErasure & { id: string }) | null> {
  const [row] = await db
    .select({ id: erasureRequests.id, dueAt: erasureRequests.dueAt })
    .from(erasureRequests)
    .where(and(eq(erasureRequests.userId, userId), isNull(erasureRequests.cancelledAt), isNull(erasureRequests.doneAt)));
  return row ?? null;
}

/**
 * Schedules the erasure of an account after the grace period, ends its sessions, stops queued downloads
 * and mails an undo link. Asked twice (a double click, the person and the office at once), the one
 * scheduled erasure stays: a partial unique index allows one open request per account.
 */
export async function requestErasure(
  deps: AppDeps,
  input: { userId: string; requestedBy: string | null; networkId: string | null },
): Promise<PendingErasure & { already: boolean }> {
  const now = deps.clock();
  const { db } = deps;
  const [user] = await db.select().from(users).where(eq(users.id, input.userId));
  if (!user) throw new Error('Erasure requested for an unknown account');
  const secret = newSecret();
  const dueAt = new Date(now.getTime() + deps.config.erasureGraceDays * DAY_MS);
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(erasureRequests)
      .values({ userId: user.id, requestedAt: now, dueAt, requestedBy: input.requestedBy, networkId: input.networkId, undoTokenHash: hashSecret(secret) })
      .onConflictDoNothing()
      .returning();
    if (!row) return null;
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await tx.update(dataExports).set({ status: 'failed', finishedAt: now }).where(and(eq(dataExports.userId, user.id), eq(dataExports.status, 'queued')));
    await tx.insert(auditLog).values({
      at: now,
      actorId: input.requestedBy ?? user.id,
      networkId: input.networkId,
      action: input.requestedBy ? 'privacy.erasure.requested_by_office' : 'privacy.erasure.requested',
      subjectId: row.id,
      details: { dueAt: dueAt.toISOString() },
    });
    return row;
  });
  if (!created) {
    const open = await pendingErasure(db, user.id);
    if (!open) throw new Error('Erasure request vanished');
    return { dueAt: open.dueAt, already: true };
  }
  const locale = isLocale(user.locale) ? user.locale : 'de';
  const t = translator(locale);
  const values = { date: formatDay(locale, dueAt), link: `${deps.config.publicUrl}/konto/loeschung-abbrechen/${secret}` };
  await queueMail(deps.jobs, {
    to: user.email,
    subject: t('privacy.mail.erasureSubject', values),
    text: t(input.requestedBy ? 'privacy.mail.erasureByOfficeText' : 'privacy.mail.erasureText', values),
  });
  return { dueAt, already: false };
}

/** Undoes a scheduled erasure by its mail link; null once the grace period is over or it was undone before. */
export async function undoErasureByToken(db: Db, secret: string, now: Date): Promise<{ userId: string } | null> {
  const [row] = await db
    .update(erasureRequests)
    .set({ cancelledAt: now, undoTokenHash: null })
    .where(
      and(
        eq(erasureRequests.undoTokenHash, hashSecret(secret)),
        isNull(erasureRequests.cancelledAt),
        isNull(erasureRequests.doneAt),
        gt(erasureRequests.dueAt, now),
      ),
    )
    .returning();
  if (!row?.userId) return null;
  await db.insert(auditLog).values({ at: now, actorId: row.userId, action: 'privacy.erasure.undone', subjectId: row.id, details: {} });
  return { userId: row.userId };
}

/** Undoes the signed-in person's own scheduled erasure (after signing in again during the grace period). */
export async function undoOwnErasure(db: Db, userId: string, now: Date): Promise<boolean> {
  const [row] = await db
    .update(erasureRequests)
    .set({ cancelledAt: now, undoTokenHash: null })
    .where(and(eq(erasureRequests.userId, userId), isNull(erasureRequests.cancelledAt), isNull(erasureRequests.doneAt), gt(erasureRequests.dueAt, now)))
    .returning();
  if (!row) return false;
  await db.insert(auditLog).values({ at: now, actorId: userId, action: 'privacy.erasure.undone', subjectId: row.id, details: {} });
  return true;
}

/**
 * Carries out one due erasure: every module's erase part in one transaction, in reverse module order (the
 * account last), then the request is marked done. Returns false when it was undone or done meanwhile.
 */
export async function carryOutErasure(deps: AppDeps, requestId: string, now: Date): Promise<boolean> {
  const files: string[] = [];
  const done = await deps.db.transaction(async (tx) => {
    // The row lock makes a second job (or an undo) wait and then see the request as done.
    const [request] = await tx
      .select()
      .from(erasureRequests)
      .where(and(eq(erasureRequests.id, requestId), isNull(erasureRequests.cancelledAt), isNull(erasureRequests.doneAt), lte(erasureRequests.dueAt, now)))
      .for('update');
    if (!request?.userId) return false;
    const [user] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, request.userId));
    if (!user) return false;
    const subject: DataSubject = { userId: user.id, email: user.email };
    const exportsOf = await tx.select({ file: dataExports.file }).from(dataExports).where(eq(dataExports.userId, user.id));
    for (const row of exportsOf) if (row.file) files.push(exportFilePath(deps.config.dataDir, row.file));
    for (const part of [...personalDataParts()].reverse()) await part.erase(tx, subject, deps);
    await tx.update(erasureRequests).set({ doneAt: now, undoTokenHash: null, userId: null }).where(eq(erasureRequests.id, request.id));
    await tx.insert(auditLog).values({ at: now, actorId: null, networkId: request.networkId, action: 'privacy.erasure.done', subjectId: request.id, details: {} });
    return true;
  });
  // Files go after the commit: a rolled-back erasure keeps the person's download.
  for (const file of files) fs.rmSync(file, { force: true });
  return done;
}

/** The daily job: carries out every erasure whose grace period has ended. */
export async function runDueErasures(deps: AppDeps, now: Date): Promise<number> {
  const due = await deps.db
    .select({ id: erasureRequests.id })
    .from(erasureRequests)
    .where(and(isNull(erasureRequests.cancelledAt), isNull(erasureRequests.doneAt), lte(erasureRequests.dueAt, now)))
    .orderBy(asc(erasureRequests.dueAt))
    .limit(500);
  let count = 0;
  for (const request of due) if (await carryOutErasure(deps, request.id, now)) count++;
  return count;
}
