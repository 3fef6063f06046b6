import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/deps.ts';
import { translator } from '../../platform/i18n/index.ts';
import { SMTP_CONNECTIONS, type MailMessage } from '../../platform/mail/index.ts';
import { networks } from '../../platform/networks/schema.ts';
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
 * How many recipients are claimed and written back at a time: about a second's worth. Their states are
 * written in one statement each chunk (a commit per mail was the send's limit on the embedded
 * database); a crash can leave at most one chunk "sending", and those are marked failed, never repeated.
 */
export function chunkSize(ratePerMinute: number): number {
  return Math.max(5, Math.min(100, Math.ceil(ratePerMinute / 60)));
}

/** Deliveries in flight at once (each on its own pooled SMTP connection). */
const IN_FLIGHT = SMTP_CONNECTIONS;

/**
 * The process's send pace, shared by all mailings and batches. Mails start evenly, 60,000/rate ms
 * apart; one that starts late (the process was busy) lets the next ones catch up, by at most a second's
 * worth, so short stalls do not lower the rate (after a second without sending it starts afresh). The start times of the last `rate` mails are kept, and
 * a mail waits until the one `rate` places before it started a minute ago: no minute, counted from any
 * moment, holds more than the configured rate.
 */
class Pace {
  private next = 0;
  private last = 0;
  private starts: Float64Array = new Float64Array(0);
  private index = 0;

  async slot(ratePerMinute: number): Promise<void> {
    const rate = Math.max(1, Math.floor(ratePerMinute));
    const now = Date.now();
    if (this.starts.length !== rate) {
      // A new rate starts afresh: no catch-up carried over from the slots of the old one.
      this.starts = new Float64Array(rate);
      this.index = 0;
      this.next = now;
      this.last = now;
    }
    const gap = 60_000 / rate;
    // After a pause in sending (no mail asked for a slot within a second) the pace starts afresh, without a burst.
    this.next = now - this.last > 1000 ? Math.max(this.next, now) : Math.max(this.next, now - 1000);
    this.last = now;
    const at = Math.max(this.next, this.starts[this.index]! + 60_000);
    this.next = at + gap;
    this.starts[this.index] = Math.max(at, now);
    this.index = (this.index + 1) % rate;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}
const pace = new Pace();

/**
 * One job's work for a mailing: a scheduled mailing whose time has come gets its recipients (worked
 * out here, in the worker, not in the web process); then up to a batch of queued recipients is sent at
 * the operator's rate, a chunk at a time: the chunk is claimed in one statement (queued → sending,
 * rows locked and skipped by any other worker), its mails go out several at a time over pooled
 * connections, and its outcomes are written back in one statement per outcome. A permanent refusal
 * (5xx) fails that recipient only; a temporary one is retried with growing waits. Each row is claimed
 * before its mail goes out, so after a crash it is never sent again: a claim left behind is marked
 * failed ("interrupted") instead of being repeated. A pause is seen between chunks.
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
  const sender = await senderOf(deps, mailing);
  if (!sender) return { next: 'none' };
  // The next chunk is claimed while this one goes out, and a chunk's outcomes are written while the
  // next one is sent, so the pace does not stop for the database.
  let left = limit ?? batchSize(rate);
  const claimNext = async (): Promise<Recipient[]> => {
    const size = Math.min(left, chunkSize(rate));
    if (size <= 0) return [];
    const [current] = await db.select({ status: infomailMailings.status }).from(infomailMailings).where(eq(infomailMailings.id, mailingId));
    if (current?.status !== 'sending') return [];
    const claimed = await claim(deps, mailingId, size, deps.clock());
    left -= claimed.length;
    return claimed;
  };
  let written: Promise<void> = Promise.resolve();
  let next = settle(claimNext());
  for (;;) {
    const claimed = unwrap(await next);
    if (claimed.length === 0) break;
    next = settle(claimNext());
    const outcomes = await deliverAll(sender, claimed, rate);
    const previous = written;
    written = settle(previous.then(async () => record(deps, await Promise.all(outcomes)))).then(unwrap);
    // Kept from being reported unhandled while the next chunk goes out; awaited below.
    written.catch(() => undefined);
  }
  await written;
  return afterBatch(deps, mailingId);
}

/**
 * Claims up to `limit` due recipients in one statement. The rows are chosen in a WITH query, which runs
 * once: as a subquery of the UPDATE (id IN (SELECT … LIMIT … FOR UPDATE SKIP LOCKED)) PostgreSQL may run
 * it again for the rows it has not yet joined, and then, skipping the rows this same statement has just
 * set to 'sending', it hands out further ones — more than the limit (seen in the pause test).
 */
async function claim(deps: AppDeps, mailingId: string, limit: number, now: Date): Promise<Recipient[]> {
  const { db } = deps;
  const due = db.$with('due').as(
    db
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
      .for('update', { skipLocked: true }),
  );
  return db
    .with(due)
    .update(infomailRecipients)
    .set({ state: 'sending', claimedAt: now, attempts: sql`${infomailRecipients.attempts} + 1` })
    .where(and(inArray(infomailRecipients.id, db.select({ id: due.id }).from(due)), eq(infomailRecipients.state, 'queued')))
    .returning();
}

/** What every mail of a mailing shares: rendered once per batch; only the personal links differ. */
interface Sender {
  deps: AppDeps;
  mailing: Mailing;
  message: (recipient: Recipient) => MailMessage;
}

async function senderOf(deps: AppDeps, mailing: Mailing): Promise<Sender | null> {
  const { db } = deps;
  const [network] = await db.select().from(networks).where(eq(networks.id, mailing.networkId));
  const [list] = await db.select().from(infomailLists).where(eq(infomailLists.id, mailing.listId));
  const [settings] = await db.select().from(infomailSettings).where(eq(infomailSettings.networkId, mailing.networkId));
  if (!network || !list) return null;
  const t = translator('de');
  const rendered = renderBody(mailing.body, deps.config.publicUrl);
  const footer = {
    unsubscribe: t('infomail.mail.unsubscribe'),
    preferences: t('infomail.mail.preferences'),
    archive: t('infomail.mail.archive'),
    why: t('infomail.mail.why', { list: list.name, network: network.name }),
  };
  const archive = list.isPublic ? `${deps.config.publicUrl}/netzwerk/${network.slug}/infomail/archiv/${mailing.id}` : undefined;
  const listId = `${list.name.replace(/[<>"\r\n]/g, '')} <${list.id}.${network.slug}.infomail>`;
  const replyTo = settings?.replyTo || network.contactEmail || undefined;
  return {
    deps,
    mailing,
    message(recipient) {
      const links = {
        unsubscribe: unsubscribeUrl(deps, list.id, recipient.email),
        preferences: recipient.subscriberId ? preferencesUrl(deps, recipient.subscriberId) : undefined,
        archive,
      };
      const parts = renderMail({ network, subject: mailing.subject, body: mailing.body, publicUrl: deps.config.publicUrl, links, rendered, footer });
      return {
        to: recipient.email,
        subject: parts.subject,
        text: parts.text,
        html: parts.html,
        fromName: settings?.fromName || network.name,
        ...(replyTo ? { replyTo } : {}),
        headers: {
          'List-Unsubscribe': `<${links.unsubscribe}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'List-Id': listId,
          // Comes back inside a bounce report and names the row it belongs to.
          'X-Infomail-Recipient': recipient.id,
        },
      };
    },
  };
}

type Outcome = { recipient: Recipient; error?: unknown };
type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects (its failure is given back by unwrap), so it may wait unobserved. */
function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function unwrap<T>(settled: Settled<T>): T {
  if (!settled.ok) throw settled.error;
  return settled.value;
}

/** Starts each delivery in its slot of the pace, several in flight at once; resolves to their outcomes. */
async function deliverAll(sender: Sender, recipients: Recipient[], ratePerMinute: number): Promise<Array<Promise<Outcome>>> {
  const outcomes: Array<Promise<Outcome>> = [];
  const inFlight = new Set<Promise<Outcome>>();
  for (const recipient of recipients) {
    while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    await pace.slot(ratePerMinute);
    const delivery: Promise<Outcome> = sender.deps.mailer.deliver(sender.message(recipient)).then(
      () => ({ recipient }),
      (error: unknown) => ({ recipient, error }),
    );
    const tracked = delivery.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    outcomes.push(delivery);
  }
  return outcomes;
}

/** A chunk's outcomes written back: one statement for all sent, one per kind of failure. */
async function record(deps: AppDeps, outcomes: Outcome[]): Promise<void> {
  const { db } = deps;
  const sent = outcomes.filter((o) => o.error === undefined).map((o) => o.recipient.id);
  if (sent.length > 0) await db.update(infomailRecipients).set({ state: 'sent', sentAt: deps.clock(), lastError: null }).where(inArray(infomailRecipients.id, sent));
  const failures = new Map<string, { set: Partial<Recipient>; ids: string[] }>();
  for (const { recipient, error } of outcomes) {
    if (error === undefined) continue;
    const set = failure(deps, recipient, error);
    const key = JSON.stringify(set);
    const group = failures.get(key) ?? { set, ids: [] };
    group.ids.push(recipient.id);
    failures.set(key, group);
  }
  for (const { set, ids } of failures.values()) await db.update(infomailRecipients).set(set).where(inArray(infomailRecipients.id, ids));
}

/** A refused delivery's new state: failed when permanent (5xx) or out of attempts, else queued again after a growing wait. */
function failure(deps: AppDeps, recipient: Recipient, error: unknown): Partial<Recipient> {
  const code = (error as { responseCode?: number }).responseCode;
  const message = String((error as Error).message ?? error).slice(0, 480);
  const permanent = typeof code === 'number' && code >= 500;
  const exhausted = recipient.attempts >= MAX_ATTEMPTS;
  if (permanent || exhausted) return { state: 'failed', lastError: message };
  // Temporary (4xx, connection lost): back to the queue after 30 s, 1 min, 2 min, …
  const delay = 30_000 * 2 ** (recipient.attempts - 1);
  return { state: 'queued', lastError: message, nextAttemptAt: new Date(deps.clock().getTime() + delay) };
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
