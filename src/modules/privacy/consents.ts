import { and, desc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { consents, type Consent, type ConsentMethod } from './schema.ts';

/**
 * Whose consent: an account, or an e-mail address for people without one (an info-mail subscriber, an
 * inquiry without account). With both, rows of either kind count as the person's.
 */
export interface ConsentSubject {
  userId?: string | null | undefined;
  email?: string | null | undefined;
}

/** A purpose, optionally for one network (its info mails); a platform-wide purpose has no network. */
export interface ConsentScope extends ConsentSubject {
  purpose: string;
  networkId?: string | null | undefined;
}

export interface ConsentInput extends ConsentScope {
  /** The version of the wording shown when the person agreed. */
  version: string;
  method: ConsentMethod;
}

type Executor = Pick<Db, 'select' | 'selectDistinct' | 'insert' | 'update'>;

function normaliseEmail(email: string | null | undefined): string | null {
  const value = email?.trim().toLowerCase();
  return value ? value : null;
}

function subjectCondition(subject: ConsentSubject): SQL | undefined {
  const email = normaliseEmail(subject.email);
  const byUser = subject.userId ? eq(consents.userId, subject.userId) : undefined;
  // Rows given by address before an account existed belong to the account with that address.
  const byEmail = email ? and(eq(consents.email, email), subject.userId ? isNull(consents.userId) : undefined) : undefined;
  if (!byUser && !byEmail) throw new Error('A consent subject needs a user id or an e-mail address');
  return byUser && byEmail ? or(byUser, byEmail) : (byUser ?? byEmail);
}

function scopeCondition(scope: ConsentScope): SQL | undefined {
  return and(
    subjectCondition(scope),
    eq(consents.purpose, scope.purpose),
    scope.networkId ? eq(consents.networkId, scope.networkId) : isNull(consents.networkId),
  );
}

/**
 * Records a consent. A consent in force with the same wording stays as it is (a repeated submit records
 * nothing twice); one with older wording is closed and the new one starts.
 */
export async function recordConsent(db: Db, input: ConsentInput, now: Date): Promise<Consent> {
  return db.transaction(async (tx) => {
    const active = await tx
      .select()
      .from(consents)
      .where(and(scopeCondition(input), isNull(consents.withdrawnAt)));
    const same = active.find((row) => row.version === input.version);
    if (same) return same;
    if (active.length > 0) {
      await tx
        .update(consents)
        .set({ withdrawnAt: now })
        .where(and(scopeCondition(input), isNull(consents.withdrawnAt)));
    }
    const [row] = await tx
      .insert(consents)
      .values({
        userId: input.userId ?? null,
        email: input.userId ? null : normaliseEmail(input.email),
        networkId: input.networkId ?? null,
        purpose: input.purpose,
        version: input.version,
        method: input.method,
        givenAt: now,
      })
      .returning();
    return row!;
  });
}

type WithdrawHandler = (db: Db, scope: ConsentScope, now: Date) => Promise<void>;
const withdrawHandlers = new Map<string, WithdrawHandler[]>();

/**
 * Lets the module that owns a purpose follow a withdrawal made elsewhere (the consents page): the
 * volunteers module clears the profile's "contactable" flag, an info-mail module ends the subscription.
 */
export function onConsentWithdrawn(purpose: string, handler: WithdrawHandler): void {
  withdrawHandlers.set(purpose, [...(withdrawHandlers.get(purpose) ?? []), handler]);
}

async function afterWithdrawal(db: Db, scope: ConsentScope, now: Date): Promise<void> {
  for (const handler of withdrawHandlers.get(scope.purpose) ?? []) await handler(db, scope, now);
}

/** Withdraws the subject's consent for a purpose; returns how many records it closed (0: none was in force). */
export async function withdrawConsent(db: Db, scope: ConsentScope, now: Date): Promise<number> {
  const closed = await db
    .update(consents)
    .set({ withdrawnAt: now })
    .where(and(scopeCondition(scope), isNull(consents.withdrawnAt)))
    .returning();
  if (closed.length > 0) await afterWithdrawal(db, scope, now);
  return closed.length;
}

/** Withdraws one record from the consents page, only if it is the subject's own and still in force. */
export async function withdrawConsentById(db: Db, subject: ConsentSubject, id: string, now: Date): Promise<Consent | null> {
  const [row] = await db
    .update(consents)
    .set({ withdrawnAt: now })
    .where(and(eq(consents.id, id), subjectCondition(subject), isNull(consents.withdrawnAt)))
    .returning();
  if (!row) return null;
  await afterWithdrawal(db, { ...subject, purpose: row.purpose, networkId: row.networkId }, now);
  return row;
}

/** The consents in force for a subject. */
export async function currentConsents(db: Executor, subject: ConsentSubject): Promise<Consent[]> {
  return db
    .select()
    .from(consents)
    .where(and(subjectCondition(subject), isNull(consents.withdrawnAt)))
    .orderBy(desc(consents.givenAt));
}

/** Every consent record of a subject, withdrawn ones included (the page's history and the data download). */
export async function consentHistory(db: Executor, subject: ConsentSubject): Promise<Consent[]> {
  return db
    .select()
    .from(consents)
    .where(subjectCondition(subject))
    .orderBy(desc(consents.givenAt));
}

/** Whether a consent for this purpose (and network) is in force: the check before contacting anyone. */
export async function hasConsent(db: Executor, scope: ConsentScope): Promise<boolean> {
  const [row] = await db
    .select({ id: consents.id })
    .from(consents)
    .where(and(scopeCondition(scope), isNull(consents.withdrawnAt)))
    .limit(1);
  return row !== undefined;
}

/** Which of these accounts have a consent for this platform-wide purpose in force: one query for a list. */
export async function usersWithConsent(db: Executor, purpose: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ userId: consents.userId })
    .from(consents)
    .where(and(inArray(consents.userId, [...userIds]), eq(consents.purpose, purpose), isNull(consents.networkId), isNull(consents.withdrawnAt)));
  return new Set(rows.flatMap((row) => (row.userId ? [row.userId] : [])));
}
