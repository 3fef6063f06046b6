import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { hashSecret, newSecret } from '../../platform/auth/tokens.ts';
import { users } from '../../platform/auth/schema.ts';
import { tokens } from '../accounts/index.ts';
import { organisationAccessLinks } from './access-links.ts';
import { organisationMembers, organisations } from './schema.ts';

/*
 * Claiming an organisation nobody has an account for (imported, demo): whoever holds its access link
 * asks for a confirmation link to the contact address the access link was sent to; that link (single
 * use, two days) lets them set a password. The result is an account that is the organisation's admin;
 * every access link of the organisation ends with it, since from now on the members answer.
 */

export const CLAIM_KIND = 'organisation_claim';
export const CLAIM_DAYS = 2;

/** The token lives in the shared tokens table under the placement purpose, where the access links live too. */
export async function issueClaim(db: Db, organisationId: string, email: string, now: Date): Promise<string> {
  const secret = newSecret();
  await db.insert(tokens).values({
    id: hashSecret(secret),
    purpose: 'placement',
    email: email.toLowerCase(),
    data: { kind: CLAIM_KIND, organisationId },
    createdAt: now,
    expiresAt: new Date(now.getTime() + CLAIM_DAYS * 86_400_000),
  });
  return secret;
}

export interface ClaimView {
  organisationId: string;
  organisationName: string;
  email: string;
  /** An account with that address exists already: it becomes the admin, and keeps its password. */
  hasAccount: boolean;
}

function claimCondition(secret: string, now: Date) {
  return and(
    eq(tokens.id, hashSecret(secret)),
    eq(tokens.purpose, 'placement'),
    sql`${tokens.data}->>'kind' = ${CLAIM_KIND}`,
    isNull(tokens.usedAt),
    gt(tokens.expiresAt, now),
  );
}

const unclaimed = sql`not exists (select 1 from ${organisationMembers} where ${organisationMembers.organisationId} = ${organisations.id})`;

/** The claim a link stands for, while it is unused, unexpired and the organisation still unclaimed. */
export async function findClaim(db: Db, secret: string, now: Date): Promise<ClaimView | undefined> {
  if (secret.length > 100) return undefined;
  const [row] = await db
    .select({ organisationId: organisations.id, organisationName: organisations.name, email: tokens.email })
    .from(tokens)
    .innerJoin(organisations, sql`${organisations.id}::text = ${tokens.data}->>'organisationId'`)
    .where(and(claimCondition(secret, now), unclaimed));
  if (!row) return undefined;
  const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, row.email));
  return { ...row, hasAccount: account !== undefined };
}

/**
 * Uses the link: makes (or finds) the account for the address, makes it the organisation's admin and
 * ends the organisation's access links. The token and the organisation row are taken under lock, so a
 * link works once and two claims cannot both win.
 */
export async function claimOrganisation(
  db: Db,
  input: { secret: string; name: string; password: string | undefined; now: Date },
): Promise<{ ok: true; organisationId: string; email: string; created: boolean } | { ok: false }> {
  const { secret, now } = input;
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction(async (tx) => {
    const [token] = await tx.update(tokens).set({ usedAt: now }).where(claimCondition(secret, now)).returning();
    const organisationId = token?.data.organisationId;
    if (!token || typeof organisationId !== 'string') return { ok: false as const };
    const [organisation] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.id, organisationId), unclaimed))
      .for('update');
    if (!organisation) return { ok: false as const };
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, token.email));
    let userId = existing?.id;
    if (!userId) {
      if (!passwordHash) return { ok: false as const };
      // The link in the mail proves the address: the account is confirmed from the start.
      const [created] = await tx
        .insert(users)
        .values({ email: token.email, name: input.name.trim(), passwordHash, emailVerifiedAt: now, createdAt: now, updatedAt: now })
        .returning();
      userId = created?.id;
    }
    if (!userId) return { ok: false as const };
    await tx.insert(organisationMembers).values({ organisationId, userId, role: 'admin', createdAt: now }).onConflictDoNothing();
    await organisationAccessLinks().cancel(tx as unknown as Db, organisationId, now);
    return { ok: true as const, organisationId, email: token.email, created: !existing };
  });
}
