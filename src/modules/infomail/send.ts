import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/deps.ts';
import { translator } from '../../platform/i18n/index.ts';
import { networks } from '../networks/schema.ts';
import { resolveAudience } from './audience.ts';
import { renderBody, renderMail } from './render.ts';
import { infomailLists, infomailMailings, infomailRecipients, infomailSettings, type Mailing, type Recipient } from './schema.ts';
import { preferencesUrl, unsubscribeUrl } from './subscriptions.ts';

export const SEND_QUEUE = 'infomail.send';
/** Attempts per recipient before a temporary refusal counts as failed. */
export const MAX_ATTEMPTS = 5;
/** A row claimed longer ago than this belongs to a process that died while sending it. */
const STALE_CLAIM_MS = 10 * 60 * 1000;

export type BatchOutcome = { next: 'now' } | { next: 'later'; at: Date } | { next: 'none' };

/** Queues the next batch of a mailing (or the start of a scheduled one). */
export async function queueBatch(deps: AppDeps, mailingId: string, startAfter?: Date): Promise<void> {
  await deps.jobs.send(SEND_QUEUE, { mailingId }, { ...(startAfter ? { startAfter } : {}), retryLimit: 10, retryDelay: 30, retryBackoff: true });
}

/** How many mails one job sends: about ten seconds' worth at the configured rate. */
export function batchSize(ratePerMinute: number): number {
  return Math.max(5, Math.min(500, Math.ceil(ratePerMinute / 6)));
}

/**
 * One job's work for a mailing: a scheduled mailing whose time has come gets its recipients (worked
 * out here, in the worker, not in the web process); then a batch of queued recipients is claimed in
 * one statement (queued → sending, rows locked and skipped by any other worker) and sent at the
 * operator's rate. A permanent refusal (5xx) fails that recipient only; a temporary one is retried
 * with growing waits. Each row is claimed before its mail goes out, so after a crash it is never sent
 * again: a claim left behind is marked failed ("interrupted") instead of being repeated.
 */
export async function runBatch(deps: AppDeps, mailingId: string, limit?: number): Promise<BatchOutcome> {
  const { db } = deps;
  let [mailing] = await db.select().from(infomailMailings).where(eq(infomailMailings.id, mailingId));
  if (!mailing) return { next: 'none' };
  if (mailing.status === 'scheduled') {
    if (mailing.scheduledAt && mailing.scheduledAt > deps.clock()) return { next: 'later', at: mailing.scheduledAt };
    mailing = await materialise(deps, mailing);
  }
  if (mailing.status !== 'sending') return { next: 'none' };

  const now = deps.clock();
  await db
    .update(infomailRecipients)
    .set({ state: 'failed', lastError: 'interrupted: delivery unknown, not repeated' })
    .where(and(eq(infomailRecipients.mailingId, mailingId), eq(infomailRecipients.state, 'sending'), lte(infomailRecipients.claimedAt, new Date(now.getTime() - STALE_CLAIM_MS))));

  const rate = deps.config.infomailRatePerMinute;
  const claimed = await claim(deps, mailingId, limit ?? batchSize(rate), now);
  if (claimed.length > 0) await sendClaimed(deps, mailing, claimed, rate);
  return afterBatch(deps, mailingId);
}

async function claim(deps: AppDeps, mailingId: string, limit: number, now: Date): Promise<Recipient[]> {
  const { db } = deps;
  const due = db
    .select({ id: infomailRecipients.id })
    .from(infomailRecipients)
    .where(
      and(
        eq(infomailRecipients.mailingId, mailingId),
        eq(infomailRecipients.state, 'queued'),
        or(isNull(infomailRecipients.nextAttemptAt), lte(infomailRecipients.nextAttemptAt, now)),
      ),
    )
    .orderBy(asc(infomailRecipients.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(infomailRecipients)
    .set({ state: 'sending', claimedAt: now, attempts: sql`${infomailRecipients.attempts} + 1` })
    .where(and(inArray(infomailRecipients.id, due), eq(infomailRecipients.state, 'queued')))
    .returning();
}

async function sendClaimed(deps: AppDeps, mailing: Mailing, recipients: Recipient[], ratePerMinute: number): Promise<void> {
  const { db } = deps;
  const [network] = await db.select().from(networks).where(eq(networks.id, mailing.networkId));
  const [list] = await db.select().from(infomailLists).where(eq(infomailLists.id, mailing.listId));
  const [settings] = await db.select().from(infomailSettings).where(eq(infomailSettings.networkId, mailing.networkId));
  if (!network || !list) return;
  const t = translator('de');
  const rendered = renderBody(mailing.body, deps.config.publicUrl);
  const gap = 60_000 / ratePerMinute;
  const started = Date.now();
  for (const [index, recipient] of recipients.entries()) {
    // Paced from the batch's start, so the rate holds however long each delivery takes.
    const wait = started + index * gap - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const links = {
      unsubscribe: unsubscribeUrl(deps, list.id, recipient.email),
      preferences: recipient.subscriberId ? preferencesUrl(deps, recipient.subscriberId) : undefined,
      archive: list.isPublic ? `${deps.config.publicUrl}/netzwerk/${network.slug}/infomail/archiv/${mailing.id}` : undefined,
    };
    const parts = renderMail({
      network,
      subject: mailing.subject,
      body: mailing.body,
      publicUrl: deps.config.publicUrl,
      links,
      rendered,
      footer: {
        unsubscribe: t('infomail.mail.unsubscribe'),
        preferences: t('infomail.mail.preferences'),
        archive: t('infomail.mail.archive'),
        why: t('infomail.mail.why', { list: list.name, network: network.name }),
      },
    });
    try {
      await deps.mailer.deliver({
        to: recipient.email,
        subject: parts.subject,
        text: parts.text,
        html: parts.html,
        fromName: settings?.fromName || network.name,
        ...(settings?.replyTo ? { replyTo: settings.replyTo } : network.contactEmail ? { replyTo: network.contactEmail } : {}),
        headers: {
          'List-Unsubscribe': `<${links.unsubscribe}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'List-Id': `${list.name.replace(/[<>"\r\n]/g, '')} <${list.id}.${network.slug}.infomail>`,
          // Comes back inside a bounce report and names the row it belongs to.
          'X-Infomail-Recipient': recipient.id,
        },
      });
      await db.update(infomailRecipients).set({ state: 'sent', sentAt: deps.clock(), lastError: null }).where(eq(infomailRecipients.id, recipient.id));
    } catch (error) {
      await recordFailure(deps, recipient, error);
    }
  }
}

async function recordFailure(deps: AppDeps, recipient: Recipient, error: unknown): Promise<void> {
  const code = (error as { responseCode?: number }).responseCode;
  const message = String((error as Error).message ?? error).slice(0, 480);
  const permanent = typeof code === 'number' && code >= 500;
  const exhausted = recipient.attempts >= MAX_ATTEMPTS;
  if (permanent || exhausted) {
    await deps.db.update(infomailRecipients).set({ state: 'failed', lastError: message }).where(eq(infomailRecipients.id, recipient.id));
    return;
  }
  // Temporary (4xx, connection lost): back to the queue after 30 s, 1 min, 2 min, …
  const delay = 30_000 * 2 ** (recipient.attempts - 1);
  await deps.db
    .update(infomailRecipients)
    .set({ state: 'queued', lastError: message, nextAttemptAt: new Date(deps.clock().getTime() + delay) })
    .where(eq(infomailRecipients.id, recipient.id));
}

async function afterBatch(deps: AppDeps, mailingId: string): Promise<BatchOutcome> {
  const { db } = deps;
  const [mailing] = await db.select({ status: infomailMailings.status }).from(infomailMailings).where(eq(infomailMailings.id, mailingId));
  if (mailing?.status !== 'sending') return { next: 'none' };
  const [open] = await db
    .select({
      due: sql<number>`count(*) filter (where ${infomailRecipients.state} = 'queued' and (${infomailRecipients.nextAttemptAt} is null or ${infomailRecipients.nextAttemptAt} <= ${deps.clock()}))::int`,
      waiting: sql<Date | string | null>`min(${infomailRecipients.nextAttemptAt}) filter (where ${infomailRecipients.state} = 'queued')`,
      sending: sql<number>`count(*) filter (where ${infomailRecipients.state} = 'sending')::int`,
    })
    .from(infomailRecipients)
    .where(eq(infomailRecipients.mailingId, mailingId));
  if ((open?.due ?? 0) > 0) return { next: 'now' };
  if (open?.waiting) return { next: 'later', at: new Date(open.waiting) };
  if ((open?.sending ?? 0) > 0) return { next: 'later', at: new Date(deps.clock().getTime() + STALE_CLAIM_MS) };
  await db.update(infomailMailings).set({ status: 'sent', sentAt: deps.clock() }).where(and(eq(infomailMailings.id, mailingId), eq(infomailMailings.status, 'sending')));
  return { next: 'none' };
}

/** The scheduled mailing starts: its recipients are fixed now (those who left meanwhile are not among them). */
async function materialise(deps: AppDeps, mailing: Mailing): Promise<Mailing> {
  const { db } = deps;
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(infomailMailings).where(eq(infomailMailings.id, mailing.id)).for('update');
    if (!locked || locked.status !== 'scheduled') return locked ?? mailing;
    const [list] = await tx.select().from(infomailLists).where(eq(infomailLists.id, locked.listId));
    const audience = list ? await resolveAudience(tx as unknown as typeof db, list) : [];
    for (let i = 0; i < audience.length; i += 1000) {
      const chunk = audience.slice(i, i + 1000);
      await tx
        .insert(infomailRecipients)
        .values(chunk.map((a) => ({ mailingId: locked.id, email: a.email, subscriberId: a.subscriberId })))
        .onConflictDoNothing();
    }
    const [started] = await tx
      .update(infomailMailings)
      .set({ status: 'sending', startedAt: deps.clock() })
      .where(eq(infomailMailings.id, locked.id))
      .returning();
    return started ?? locked;
  });
}

/** The queue's worker: one batch per job, and the next job queued until the mailing is done. */
export async function startSendWorker(deps: AppDeps): Promise<void> {
  await deps.jobs.work<{ mailingId: string }>(SEND_QUEUE, { pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    const outcome = await runBatch(deps, job.data.mailingId);
    if (outcome.next === 'now') await queueBatch(deps, job.data.mailingId);
    if (outcome.next === 'later') await queueBatch(deps, job.data.mailingId, outcome.at);
  });
}
