import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/deps.ts';
import type { Db } from '../../platform/db.ts';
import { queueMail } from '../../platform/mail/index.ts';
import type { Network } from '../../platform/networks/schema.ts';
import { recordConsent, withdrawConsent } from '../privacy/index.ts';
import { addressHash, normaliseAddress, type AddressProblem } from './address.ts';
import { infomailLists, infomailMailings, infomailRecipients, infomailSubscribers, infomailSubscriptions, infomailSuppressions, type Subscriber } from './schema.ts';
import { randomToken, signLink, tokenHash } from './tokens.ts';

export const INFOMAIL_PURPOSE = 'infomail';
/** The version of the consent wording on the subscribe page (messages infomail.subscribe.consent). */
export const CONSENT_VERSION = '2026-12';
const CONFIRM_EVERY_MS = 60 * 60 * 1000;
const CONFIRM_VALID_MS = 7 * 24 * 60 * 60 * 1000;

export interface SubscribeInput {
  email: string;
  listIds: string[];
  userId?: string | null;
  digest?: boolean;
  digestMunicipalityIds?: string[];
  digestFields?: string[];
}

export type SubscribeResult = { ok: true; mailed: boolean } | { ok: false; problem: AddressProblem | 'no_list' };

/**
 * Asks for a subscription: the subscriber (new or pending) keeps the chosen lists, and a confirmation link
 * goes out — at most one per address and hour, however often the form is sent. Nothing is sent yet:
 * only a confirmed address receives info mails. The answer never tells whether the address was known.
 */
export async function requestSubscription(deps: AppDeps, network: Network, input: SubscribeInput, texts: ConfirmTexts): Promise<SubscribeResult> {
  const { db } = deps;
  const now = deps.clock();
  const normal = normaliseAddress(input.email);
  if (!normal.ok) return normal;
  const lists = input.listIds.length
    ? await db
        .select({ id: infomailLists.id })
        .from(infomailLists)
        .where(and(eq(infomailLists.networkId, network.id), eq(infomailLists.isPublic, true), eq(infomailLists.kind, 'subscription'), inArray(infomailLists.id, input.listIds)))
    : [];
  if (lists.length === 0 && !input.digest) return { ok: false, problem: 'no_list' };

  const { token, hash } = randomToken();
  // The mail is queued after the transaction: on PGlite the job queue shares the one connection.
  const decision = await db.transaction(async (tx): Promise<{ mail: 'confirm' | 'known' | null; subscriberId: string }> => {
    await tx
      .insert(infomailSubscribers)
      .values({ networkId: network.id, email: normal.email, userId: input.userId ?? null })
      .onConflictDoNothing();
    // Locked, so that two requests at once cannot both decide to send a confirmation.
    const [subscriber] = await tx
      .select()
      .from(infomailSubscribers)
      .where(and(eq(infomailSubscribers.networkId, network.id), eq(infomailSubscribers.email, normal.email)))
      .for('update');
    if (!subscriber) throw new Error('subscriber vanished');
    if (subscriber.confirmedAt) {
      // Already confirmed: nothing changes without the person's own link; the preferences link is mailed.
      if (recentlyMailed(subscriber, now)) return { mail: null, subscriberId: subscriber.id };
      await tx.update(infomailSubscribers).set({ confirmSentAt: now }).where(eq(infomailSubscribers.id, subscriber.id));
      return { mail: 'known', subscriberId: subscriber.id };
    }
    for (const list of lists) {
      await tx.insert(infomailSubscriptions).values({ subscriberId: subscriber.id, listId: list.id }).onConflictDoNothing();
    }
    await tx
      .update(infomailSubscribers)
      .set({
        digest: input.digest ?? subscriber.digest,
        digestMunicipalityIds: input.digestMunicipalityIds ?? subscriber.digestMunicipalityIds,
        digestFields: input.digestFields ?? subscriber.digestFields,
      })
      .where(eq(infomailSubscribers.id, subscriber.id));
    if (recentlyMailed(subscriber, now)) return { mail: null, subscriberId: subscriber.id };
    await tx.update(infomailSubscribers).set({ confirmSentAt: now, confirmTokenHash: hash }).where(eq(infomailSubscribers.id, subscriber.id));
    return { mail: 'confirm', subscriberId: subscriber.id };
  });
  if (decision.mail === 'known') await queueMail(deps.jobs, texts.known(preferencesUrl(deps, decision.subscriberId), normal.email));
  if (decision.mail === 'confirm') await queueMail(deps.jobs, texts.confirm(`${deps.config.publicUrl}/netzwerk/${network.slug}/infomail/bestaetigen/${token}`, normal.email));
  return { ok: true, mailed: decision.mail !== null };
}

function recentlyMailed(subscriber: Subscriber, now: Date): boolean {
  return subscriber.confirmSentAt !== null && now.getTime() - subscriber.confirmSentAt.getTime() < CONFIRM_EVERY_MS;
}

export interface ConfirmTexts {
  confirm: (url: string, to: string) => { to: string; subject: string; text: string };
  known: (url: string, to: string) => { to: string; subject: string; text: string };
}

/** The double opt-in's second step: single-use link, valid a week; records the consent. */
export async function confirmSubscription(deps: AppDeps, network: Network, token: string): Promise<Subscriber | null> {
  const now = deps.clock();
  const [subscriber] = await deps.db
    .update(infomailSubscribers)
    .set({ confirmedAt: now, confirmTokenHash: null })
    .where(
      and(
        eq(infomailSubscribers.networkId, network.id),
        eq(infomailSubscribers.confirmTokenHash, tokenHash(token)),
        isNull(infomailSubscribers.confirmedAt),
        sql`${infomailSubscribers.confirmSentAt} > ${new Date(now.getTime() - CONFIRM_VALID_MS)}`,
      ),
    )
    .returning();
  if (!subscriber) return null;
  await recordConsent(
    deps.db,
    { purpose: INFOMAIL_PURPOSE, networkId: network.id, email: subscriber.email, userId: subscriber.userId, version: CONSENT_VERSION, method: 'double_opt_in' },
    now,
  );
  // Asking again after leaving lifts the earlier unsubscription.
  await deps.db
    .delete(infomailSuppressions)
    .where(and(eq(infomailSuppressions.networkId, network.id), eq(infomailSuppressions.emailHash, addressHash(subscriber.email)), eq(infomailSuppressions.reason, 'unsubscribed')));
  return subscriber;
}

export function preferencesUrl(deps: AppDeps, subscriberId: string): string {
  // In the query, as the unsubscribe link: the token is longer than the router allows for a path segment.
  return `${deps.config.publicUrl}/infomail/einstellungen?t=${signLink(deps.config.cookieSecret ?? '', { k: 'p', i: subscriberId })}`;
}

export function unsubscribeUrl(deps: AppDeps, listId: string, email: string): string {
  // In the query: the token is longer than the router allows for a path segment.
  return `${deps.config.publicUrl}/api/infomail/abmelden?t=${signLink(deps.config.cookieSecret ?? '', { k: 'u', i: listId, e: email })}`;
}

/**
 * Leaves one list: the subscription ends, the address's hash goes on the list's suppression list (a
 * segment recipient has no subscription to end), and mails of that list still queued for it are dropped.
 * Someone left with no list and no digest is unsubscribed from everything.
 */
export async function unsubscribeFromList(db: Db, networkId: string, listId: string, email: string, now: Date): Promise<void> {
  const normal = normaliseAddress(email);
  const address = normal.ok ? normal.email : email;
  const hash = addressHash(address);
  await db.insert(infomailSuppressions).values({ networkId, listId, emailHash: hash, reason: 'unsubscribed' }).onConflictDoNothing();
  await dropQueued(db, networkId, address, listId);
  const [subscriber] = await db
    .select()
    .from(infomailSubscribers)
    .where(and(eq(infomailSubscribers.networkId, networkId), eq(infomailSubscribers.email, address)));
  if (!subscriber) return;
  await db.delete(infomailSubscriptions).where(and(eq(infomailSubscriptions.subscriberId, subscriber.id), eq(infomailSubscriptions.listId, listId)));
  const [left] = await db.select({ n: sql<number>`count(*)::int` }).from(infomailSubscriptions).where(eq(infomailSubscriptions.subscriberId, subscriber.id));
  if ((left?.n ?? 0) === 0 && !subscriber.digest) await unsubscribeAll(db, subscriber, now);
}

/**
 * Leaves everything: the subscriber row goes, only the address's hash stays (on the network-wide
 * suppression list), the consent is withdrawn, queued mails are dropped and the address disappears
 * from the per-recipient states (replaced by a mark).
 */
export async function unsubscribeAll(db: Db, subscriber: Subscriber, now: Date): Promise<void> {
  const hash = addressHash(subscriber.email);
  await db.insert(infomailSuppressions).values({ networkId: subscriber.networkId, listId: null, emailHash: hash, reason: 'unsubscribed' }).onConflictDoNothing();
  await dropQueued(db, subscriber.networkId, subscriber.email, null);
  await db
    .update(infomailRecipients)
    .set({ email: `entfernt:${hash.slice(0, 24)}`, subscriberId: null })
    .where(
      and(
        eq(infomailRecipients.email, subscriber.email),
        inArray(infomailRecipients.mailingId, db.select({ id: infomailMailings.id }).from(infomailMailings).where(eq(infomailMailings.networkId, subscriber.networkId))),
      ),
    );
  await db.delete(infomailSubscribers).where(eq(infomailSubscribers.id, subscriber.id));
  await withdrawConsent(db, { purpose: INFOMAIL_PURPOSE, networkId: subscriber.networkId, email: subscriber.email, userId: subscriber.userId }, now);
}

/** Mails not yet claimed by a sender are not sent to someone who just left. */
async function dropQueued(db: Db, networkId: string, email: string, listId: string | null): Promise<void> {
  const mailings = db
    .select({ id: infomailMailings.id })
    .from(infomailMailings)
    .where(and(eq(infomailMailings.networkId, networkId), listId ? eq(infomailMailings.listId, listId) : undefined));
  await db
    .update(infomailRecipients)
    .set({ state: 'unsubscribed' })
    .where(and(eq(infomailRecipients.email, email), eq(infomailRecipients.state, 'queued'), inArray(infomailRecipients.mailingId, mailings)));
}
