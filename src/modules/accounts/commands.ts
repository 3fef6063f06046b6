import { and, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import { createSession, destroySession, purgeExpiredSessions } from '../../platform/auth/sessions.ts';
import { hashSecret, newSecret } from '../../platform/auth/tokens.ts';
import { sessions, tokens, users, type TokenPurpose, type User } from './schema.ts';
import { findUserByEmail, findUserById } from './queries.ts';

/** How long each kind of mailed link works. */
export const TOKEN_TTL = {
  confirm: 48 * 3_600_000,
  reset: 2 * 3_600_000,
  magic: 30 * 60_000,
  adminLogin: 24 * 3_600_000,
  emailRevoke: 7 * 86_400_000,
} as const;

/** How many days the old address may undo a change of address (named in the mail). */
export const EMAIL_REVOKE_DAYS = TOKEN_TTL.emailRevoke / 86_400_000;

/** The privacy notice a person agreed to at registration; bump when the text changes. */
export const PRIVACY_VERSION = 'privacy-1';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Executor = Db | Tx;

export type Failure<C extends string> = { ok: false; code: C };

const ACCOUNT_EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function normalise(email: string): string {
  return email.trim().toLowerCase();
}

function isUniqueViolation(error: unknown): boolean {
  // node-postgres and PGlite both expose the SQLSTATE as `code`; drizzle may wrap it in `cause`.
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}

async function issueToken(
  db: Executor,
  input: { purpose: TokenPurpose; userId: string; email: string; ttlMs: number; data?: Record<string, unknown> },
  now: Date,
): Promise<string> {
  const secret = newSecret();
  await db.insert(tokens).values({
    id: hashSecret(secret),
    purpose: input.purpose,
    email: input.email,
    userId: input.userId,
    data: input.data ?? {},
    createdAt: now,
    expiresAt: new Date(now.getTime() + input.ttlMs),
  });
  return secret;
}

/** Marks a token used and returns it, in one statement: of two concurrent uses only one succeeds. */
async function consumeToken(db: Executor, purpose: TokenPurpose, secret: string, now: Date) {
  const [token] = await db
    .update(tokens)
    .set({ usedAt: now })
    .where(
      and(eq(tokens.id, hashSecret(secret)), eq(tokens.purpose, purpose), isNull(tokens.usedAt), gt(tokens.expiresAt, now)),
    )
    .returning();
  return token;
}

/**
 * Cancels every open link of an account: confirmations (also of a pending change of address), password
 * resets and login links. Called on every change of credentials (password reset, password change, change
 * of address and its revocation), so a link mailed before the change cannot undo it. Only the old
 * address's revocation links survive, unless `revocations` is set: they are the owner's way back.
 */
export async function cancelPendingTokens(db: Executor, userId: string, now: Date, options: { revocations?: boolean } = {}): Promise<void> {
  await db
    .update(tokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(tokens.userId, userId),
        isNull(tokens.usedAt),
        options.revocations ? undefined : ne(tokens.purpose, 'email_revoke'),
      ),
    );
}

/** A fresh session for every sign-in; the one the browser came with (if any) ends, so ids are never reused. */
export async function startSession(db: Db, userId: string, previousSessionId: string | null, now: Date): Promise<string> {
  if (previousSessionId) await destroySession(db, previousSessionId);
  return createSession(db, userId, now);
}

export interface Registration {
  name: string;
  email: string;
  password: string;
  locale: string;
}

/**
 * Creates an unconfirmed account and a confirmation token, and records the privacy consent.
 * An address that already has an account gives `account.email_taken`; the caller must answer
 * exactly as on success, so nobody learns which addresses are registered.
 */
export async function registerAccount(
  db: Db,
  input: Registration,
  now: Date,
): Promise<{ ok: true; userId: string; email: string; token: string } | (Failure<'account.email_taken'> & { email: string })> {
  const email = normalise(input.email);
  // Hash before looking the address up, so both answers take the same time.
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email, name: input.name.trim(), passwordHash, locale: input.locale, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!user) return { ok: false as const, code: 'account.email_taken' as const, email };
    await tx.insert(auditLog).values({
      at: now,
      actorId: user.id,
      action: 'account.consent',
      subjectId: user.id,
      details: { version: PRIVACY_VERSION },
    });
    const token = await issueToken(tx, { purpose: 'confirm', userId: user.id, email, ttlMs: TOKEN_TTL.confirm }, now);
    return { ok: true as const, userId: user.id, email, token };
  });
}

export type SignInResult =
  | { ok: true; user: User; sessionSecret: string }
  | Failure<'account.bad_credentials'>
  | (Failure<'account.unverified'> & { user: User });

export async function signIn(
  db: Db,
  input: { email: string; password: string; previousSessionId: string | null },
  now: Date,
): Promise<SignInResult> {
  const user = await findUserByEmail(db, input.email);
  const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !valid) return { ok: false, code: 'account.bad_credentials' };
  // Only someone who knows the password learns that the account waits for confirmation.
  if (!user.emailVerifiedAt) return { ok: false, code: 'account.unverified', user };
  const sessionSecret = await startSession(db, user.id, input.previousSessionId, now);
  return { ok: true, user, sessionSecret };
}

/** A new confirmation token for an unconfirmed account; nothing for unknown or confirmed addresses. */
export async function requestConfirmation(db: Db, email: string, now: Date): Promise<{ user: User; token: string } | null> {
  const user = await findUserByEmail(db, email);
  if (!user || user.emailVerifiedAt) return null;
  const token = await issueToken(db, { purpose: 'confirm', userId: user.id, email: user.email, ttlMs: TOKEN_TTL.confirm }, now);
  return { user, token };
}

export async function requestPasswordReset(db: Db, email: string, now: Date): Promise<{ user: User; token: string } | null> {
  const user = await findUserByEmail(db, email);
  if (!user) return null;
  const token = await issueToken(db, { purpose: 'reset', userId: user.id, email: user.email, ttlMs: TOKEN_TTL.reset }, now);
  return { user, token };
}

export async function requestMagicLink(db: Db, email: string, now: Date): Promise<{ user: User; token: string } | null> {
  const user = await findUserByEmail(db, email);
  if (!user) return null;
  const token = await issueToken(db, { purpose: 'magic', userId: user.id, email: user.email, ttlMs: TOKEN_TTL.magic }, now);
  return { user, token };
}

/** The address an account had before a change, and the link that undoes the change. */
export interface ChangedFrom {
  email: string;
  locale: string;
  revokeToken: string;
}

/**
 * Uses a confirmation token: confirms the address of a new account, or (token data `newEmail`)
 * switches the account to the new address it was sent to. Signs the person in either way.
 */
export async function confirmEmail(
  db: Db,
  input: { secret: string; previousSessionId: string | null },
  now: Date,
): Promise<
  | { ok: true; userId: string; sessionSecret: string; changedFrom: ChangedFrom | null }
  | Failure<'token.invalid' | 'account.email_taken'>
> {
  let outcome: { userId: string; changedFrom: ChangedFrom | null } | Failure<'token.invalid' | 'account.email_taken'>;
  try {
    outcome = await db.transaction(async (tx) => {
      const token = await consumeToken(tx, 'confirm', input.secret, now);
      if (!token?.userId) return { ok: false as const, code: 'token.invalid' as const };
      const [user] = await tx.select().from(users).where(eq(users.id, token.userId));
      if (!user) return { ok: false as const, code: 'token.invalid' as const };
      const newEmail = typeof token.data.newEmail === 'string' ? token.data.newEmail : null;
      if (newEmail && newEmail !== user.email) {
        await tx
          .update(users)
          .set({ email: newEmail, emailVerifiedAt: now, updatedAt: now })
          .where(eq(users.id, user.id));
        // Links mailed to the old address end with it; the old address gets a link to undo the change.
        await cancelPendingTokens(tx, user.id, now);
        const revokeToken = await issueToken(
          tx,
          { purpose: 'email_revoke', userId: user.id, email: user.email, ttlMs: TOKEN_TTL.emailRevoke, data: { oldEmail: user.email, newEmail } },
          now,
        );
        await tx.insert(auditLog).values({ at: now, actorId: user.id, action: 'account.email_changed', subjectId: user.id, details: {} });
        return { userId: user.id, changedFrom: { email: user.email, locale: user.locale, revokeToken } };
      }
      if (!newEmail && token.email !== user.email) return { ok: false as const, code: 'token.invalid' as const };
      await tx
        .update(users)
        .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)`, updatedAt: now })
        .where(eq(users.id, user.id));
      return { userId: user.id, changedFrom: null };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, code: 'account.email_taken' };
    throw error;
  }
  if ('ok' in outcome) return outcome;
  const sessionSecret = await startSession(db, outcome.userId, input.previousSessionId, now);
  return { ok: true, ...outcome, sessionSecret };
}

/** Sets a new password from a reset link; ends every session of the person, then signs in anew. */
export async function resetPassword(
  db: Db,
  input: { secret: string; password: string; previousSessionId: string | null },
  now: Date,
): Promise<{ ok: true; userId: string; sessionSecret: string } | Failure<'token.invalid'>> {
  const passwordHash = await hashPassword(input.password);
  const userId = await db.transaction(async (tx) => {
    const token = await consumeToken(tx, 'reset', input.secret, now);
    if (!token?.userId) return null;
    // The link proves the person reads this mailbox, which is what confirmation means.
    await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)`, updatedAt: now })
      .where(eq(users.id, token.userId));
    await cancelPendingTokens(tx, token.userId, now);
    await tx.delete(sessions).where(eq(sessions.userId, token.userId));
    return token.userId;
  });
  if (!userId) return { ok: false, code: 'token.invalid' };
  const sessionSecret = await createSession(db, userId, now);
  return { ok: true, userId, sessionSecret };
}

export async function signInWithMagicLink(
  db: Db,
  input: { secret: string; previousSessionId: string | null },
  now: Date,
): Promise<{ ok: true; userId: string; sessionSecret: string } | Failure<'token.invalid'>> {
  const token = await consumeToken(db, 'magic', input.secret, now);
  if (!token?.userId) return { ok: false, code: 'token.invalid' };
  await db
    .update(users)
    .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)` })
    .where(eq(users.id, token.userId));
  const sessionSecret = await startSession(db, token.userId, input.previousSessionId, now);
  return { ok: true, userId: token.userId, sessionSecret };
}

export async function updateProfile(db: Db, userId: string, input: { name: string; locale: string }, now: Date): Promise<void> {
  await db.update(users).set({ name: input.name.trim(), locale: input.locale, updatedAt: now }).where(eq(users.id, userId));
}

/** Accounts without a password (magic links only) may set one without knowing an old one. */
async function checkCurrentPassword(user: User, password: string | undefined): Promise<boolean> {
  if (!user.passwordHash) return true;
  return verifyPassword(user.passwordHash, password ?? '');
}

/** Changes the password and ends every other session of the person (the current one stays). */
export async function changePassword(
  db: Db,
  input: { userId: string; sessionId: string | null; currentPassword?: string | undefined; password: string },
  now: Date,
): Promise<{ ok: true } | Failure<'account.wrong_password' | 'account.not_found'>> {
  const user = await findUserById(db, input.userId);
  if (!user) return { ok: false, code: 'account.not_found' };
  if (!(await checkCurrentPassword(user, input.currentPassword))) return { ok: false, code: 'account.wrong_password' };
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, user.id));
    await tx
      .delete(sessions)
      .where(input.sessionId ? and(eq(sessions.userId, user.id), ne(sessions.id, input.sessionId)) : eq(sessions.userId, user.id));
    await cancelPendingTokens(tx, user.id, now);
  });
  return { ok: true };
}

/**
 * Starts a change of address: the new address receives a confirmation link and takes effect only
 * when it is opened. When the new address already belongs to an account, no token is made
 * (`taken: true`); the caller answers the same way, so this reveals nothing.
 */
export async function requestEmailChange(
  db: Db,
  input: { userId: string; newEmail: string; currentPassword?: string | undefined },
  now: Date,
): Promise<
  | { ok: true; newEmail: string; locale: string; token: string | null }
  | Failure<'account.wrong_password' | 'account.same_email' | 'account.not_found'>
> {
  const user = await findUserById(db, input.userId);
  if (!user) return { ok: false, code: 'account.not_found' };
  if (!(await checkCurrentPassword(user, input.currentPassword))) return { ok: false, code: 'account.wrong_password' };
  const newEmail = normalise(input.newEmail);
  if (newEmail === user.email) return { ok: false, code: 'account.same_email' };
  if (await findUserByEmail(db, newEmail)) return { ok: true, newEmail, locale: user.locale, token: null };
  const token = await issueToken(
    db,
    { purpose: 'confirm', userId: user.id, email: newEmail, ttlMs: TOKEN_TTL.confirm, data: { newEmail } },
    now,
  );
  return { ok: true, newEmail, locale: user.locale, token };
}

/**
 * Undoes a change of address from the link mailed to the old address: the old address comes back, the
 * password is removed (whoever changed the address may know it), every session ends and every link dies,
 * the other revocation links included (a later change must not be able to flip it back). What is left is
 * a fresh reset link for the old address, on whose page the owner sets a new password.
 */
export async function revokeEmailChange(
  db: Db,
  input: { secret: string },
  now: Date,
): Promise<{ ok: true; userId: string; email: string; resetToken: string } | Failure<'token.invalid' | 'account.email_taken'>> {
  try {
    return await db.transaction(async (tx) => {
      const token = await consumeToken(tx, 'email_revoke', input.secret, now);
      const oldEmail = typeof token?.data.oldEmail === 'string' ? token.data.oldEmail : null;
      if (!token?.userId || !oldEmail) return { ok: false as const, code: 'token.invalid' as const };
      const [user] = await tx
        .update(users)
        .set({ email: oldEmail, passwordHash: null, updatedAt: now })
        .where(eq(users.id, token.userId))
        .returning();
      if (!user) return { ok: false as const, code: 'token.invalid' as const };
      await tx.delete(sessions).where(eq(sessions.userId, user.id));
      await cancelPendingTokens(tx, user.id, now, { revocations: true });
      const resetToken = await issueToken(tx, { purpose: 'reset', userId: user.id, email: oldEmail, ttlMs: TOKEN_TTL.reset }, now);
      await tx.insert(auditLog).values({ at: now, actorId: user.id, action: 'account.email_change_revoked', subjectId: user.id, details: {} });
      return { ok: true as const, userId: user.id, email: oldEmail, resetToken };
    });
  } catch (error) {
    // The old address was taken by a new account in the meantime.
    if (isUniqueViolation(error)) return { ok: false, code: 'account.email_taken' };
    throw error;
  }
}

/**
 * Deletes the account for good. Sessions, tokens and memberships go with the row (foreign keys);
 * the audit log keeps only the id.
 */
export async function deleteAccount(
  db: Db,
  input: { userId: string; currentPassword?: string | undefined; confirmEmail?: string | undefined },
  now: Date,
): Promise<{ ok: true } | Failure<'account.wrong_password' | 'account.email_mismatch' | 'account.not_found'>> {
  const user = await findUserById(db, input.userId);
  if (!user) return { ok: false, code: 'account.not_found' };
  if (user.passwordHash) {
    if (!(await verifyPassword(user.passwordHash, input.currentPassword ?? ''))) {
      return { ok: false, code: 'account.wrong_password' };
    }
  } else if (normalise(input.confirmEmail ?? '') !== user.email) {
    return { ok: false, code: 'account.email_mismatch' };
  }
  await db.transaction(async (tx) => {
    await tx.delete(users).where(eq(users.id, user.id));
    await tx.insert(auditLog).values({ at: now, actorId: user.id, action: 'account.deleted', subjectId: user.id, details: {} });
  });
  return { ok: true };
}

/**
 * For the command line: creates a confirmed platform admin, or makes an existing account one,
 * and returns a one-time login token (path /anmeldelink/<token>, valid 24 hours).
 */
export async function createAdmin(
  db: Db,
  input: { email: string; name: string },
  now: Date,
): Promise<{ ok: true; email: string; loginToken: string } | { ok: false; message: string }> {
  const email = normalise(input.email);
  if (email.length > 254 || !ACCOUNT_EMAIL_PATTERN.test(email)) {
    return { ok: false, message: `"${input.email}" is not a valid e-mail address.` };
  }
  const name = input.name.trim().slice(0, 120);
  const existing = await findUserByEmail(db, email);
  let userId: string;
  if (existing) {
    await db
      .update(users)
      .set({
        isPlatformAdmin: true,
        emailVerifiedAt: existing.emailVerifiedAt ?? now,
        ...(name && !existing.name ? { name } : {}),
        updatedAt: now,
      })
      .where(eq(users.id, existing.id));
    userId = existing.id;
  } else {
    const [user] = await db
      .insert(users)
      .values({ email, name, isPlatformAdmin: true, emailVerifiedAt: now, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: users.email, set: { isPlatformAdmin: true, updatedAt: now } })
      .returning();
    if (!user) return { ok: false, message: 'The account could not be created.' };
    userId = user.id;
  }
  await db.insert(auditLog).values({ at: now, actorId: null, action: 'account.platform_admin', subjectId: userId, details: {} });
  const loginToken = await issueToken(db, { purpose: 'magic', userId, email, ttlMs: TOKEN_TTL.adminLogin }, now);
  return { ok: true, email, loginToken };
}

/** Spent and expired links are kept a week (to explain "this link was already used"), then removed. */
export const TOKEN_RETENTION_MS = 7 * 86_400_000;

/** Removes expired sessions and old tokens: nothing about a login is kept longer than it is useful. */
export async function purgeExpiredLogins(db: Db, now: Date): Promise<void> {
  await purgeExpiredSessions(db, now);
  const cutoff = new Date(now.getTime() - TOKEN_RETENTION_MS);
  await db.delete(tokens).where(or(lt(tokens.expiresAt, cutoff), lt(tokens.usedAt, cutoff)));
}

export async function signOut(db: Db, sessionId: string | null): Promise<void> {
  if (sessionId) await destroySession(db, sessionId);
}
