import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { hashSecret, newSecret } from '../../platform/auth/tokens.ts';
import { translator } from '../../platform/i18n/index.ts';
import type { MailMessage } from '../../platform/mail/index.ts';
import { users } from '../../platform/auth/schema.ts';
import { tokens } from '../accounts/index.ts';
import { organisationInvitations, organisationMembers, organisations, type OrganisationMemberRole } from './schema.ts';

/*
 * Membership of an organisation by invitation (issue 12, finding 6). Adding someone at once told the
 * inviter which addresses have accounts and made people members without asking them. Now the answer is
 * the same for every address, the mail goes to the address itself, and only the person who reads it can
 * accept — signed in with that address, or after registering with it through the link.
 */

export const ORGANISATION_INVITATION_DAYS = 7;
/** Invitations one person may send per hour (all organisations together). */
export const INVITATIONS_PER_HOUR = 10;

export type InvitationProblem = 'unknown' | 'expired' | 'used' | 'revoked' | 'wrong_email';

/**
 * Invites an address into the organisation and returns the secret for the mail. An open invitation for
 * the same address is replaced, so asking again sends a fresh link. Current members are refused: the
 * inviter sees them in the list anyway.
 */
export async function inviteToOrganisation(
  db: Db,
  input: { organisationId: string; email: string; role: OrganisationMemberRole; invitedBy: string; now: Date },
): Promise<{ ok: true; secret: string } | { ok: false; code: 'organisations.member_exists' }> {
  const email = input.email.trim().toLowerCase();
  const { now } = input;
  const [member] = await db
    .select({ userId: organisationMembers.userId })
    .from(organisationMembers)
    .innerJoin(users, eq(users.id, organisationMembers.userId))
    .where(and(eq(organisationMembers.organisationId, input.organisationId), eq(users.email, email)));
  if (member) return { ok: false, code: 'organisations.member_exists' };
  const secret = newSecret();
  await db.transaction(async (tx) => {
    await tx
      .update(organisationInvitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(organisationInvitations.organisationId, input.organisationId),
          eq(organisationInvitations.email, email),
          isNull(organisationInvitations.acceptedAt),
          isNull(organisationInvitations.revokedAt),
        ),
      );
    const [invitation] = await tx
      .insert(organisationInvitations)
      .values({ organisationId: input.organisationId, email, role: input.role, invitedBy: input.invitedBy, createdAt: now })
      .returning();
    if (!invitation) throw new Error('invitation not stored');
    await tx.insert(tokens).values({
      id: hashSecret(secret),
      purpose: 'org_invite',
      email,
      data: { invitationId: invitation.id },
      createdAt: now,
      expiresAt: new Date(now.getTime() + ORGANISATION_INVITATION_DAYS * 86_400_000),
    });
    await tx.insert(auditLog).values({
      at: now,
      actorId: input.invitedBy,
      action: 'organisation.member_invited',
      subjectId: input.organisationId,
      details: { invitationId: invitation.id, role: input.role },
    });
  });
  return { ok: true, secret };
}

export interface InvitationView {
  organisationId: string;
  organisationName: string;
  email: string;
  role: OrganisationMemberRole;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

/** What a link stands for, used or not (the page explains why a link no longer works). */
export async function findOrganisationInvitation(db: Db, secret: string): Promise<InvitationView | undefined> {
  if (secret.length > 100) return undefined;
  const [token] = await db
    .select()
    .from(tokens)
    .where(and(eq(tokens.id, hashSecret(secret)), eq(tokens.purpose, 'org_invite')));
  const invitationId = token?.data.invitationId;
  if (!token || typeof invitationId !== 'string') return undefined;
  const [row] = await db
    .select({
      organisationId: organisations.id,
      organisationName: organisations.name,
      email: organisationInvitations.email,
      role: organisationInvitations.role,
      acceptedAt: organisationInvitations.acceptedAt,
      revokedAt: organisationInvitations.revokedAt,
    })
    .from(organisationInvitations)
    .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
    .where(eq(organisationInvitations.id, invitationId));
  return row ? { ...row, expiresAt: token.expiresAt } : undefined;
}

export function invitationProblem(view: InvitationView | undefined, now: Date): InvitationProblem | null {
  if (!view) return 'unknown';
  if (view.revokedAt) return 'revoked';
  if (view.acceptedAt) return 'used';
  if (view.expiresAt.getTime() <= now.getTime()) return 'expired';
  return null;
}

/** Makes the signed-in person a member, once, if the invitation is for their address and still open. */
export async function acceptOrganisationInvitation(
  db: Db,
  input: { secret: string; user: { id: string; email: string }; now: Date },
): Promise<{ ok: true; organisationId: string } | { ok: false; code: InvitationProblem }> {
  const { now } = input;
  return db.transaction(async (tx) => {
    const [token] = await tx
      .select()
      .from(tokens)
      .where(and(eq(tokens.id, hashSecret(input.secret)), eq(tokens.purpose, 'org_invite')))
      .for('update');
    const invitationId = token?.data.invitationId;
    if (!token || typeof invitationId !== 'string') return { ok: false as const, code: 'unknown' as const };
    const [invitation] = await tx.select().from(organisationInvitations).where(eq(organisationInvitations.id, invitationId)).for('update');
    if (!invitation) return { ok: false as const, code: 'unknown' as const };
    if (invitation.revokedAt) return { ok: false as const, code: 'revoked' as const };
    if (invitation.acceptedAt || token.usedAt) return { ok: false as const, code: 'used' as const };
    if (token.expiresAt.getTime() <= now.getTime()) return { ok: false as const, code: 'expired' as const };
    if (invitation.email !== input.user.email.trim().toLowerCase()) return { ok: false as const, code: 'wrong_email' as const };
    await tx
      .insert(organisationMembers)
      .values({ organisationId: invitation.organisationId, userId: input.user.id, role: invitation.role, createdAt: now })
      .onConflictDoNothing();
    await tx.update(organisationInvitations).set({ acceptedAt: now }).where(eq(organisationInvitations.id, invitation.id));
    await tx.update(tokens).set({ usedAt: now }).where(eq(tokens.id, token.id));
    await tx.insert(auditLog).values({
      at: now,
      actorId: input.user.id,
      action: 'organisation.invitation_accepted',
      subjectId: invitation.organisationId,
      details: { invitationId: invitation.id, role: invitation.role },
    });
    return { ok: true as const, organisationId: invitation.organisationId };
  });
}

export async function revokeOrganisationInvitation(db: Db, organisationId: string, invitationId: string, now: Date): Promise<boolean> {
  const revoked = await db
    .update(organisationInvitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(organisationInvitations.id, invitationId),
        eq(organisationInvitations.organisationId, organisationId),
        isNull(organisationInvitations.acceptedAt),
        isNull(organisationInvitations.revokedAt),
      ),
    )
    .returning();
  return revoked.length > 0;
}

export interface PendingInvitation {
  id: string;
  /** The address with most of it hidden: the list never shows an address nobody has confirmed. */
  maskedEmail: string;
  role: OrganisationMemberRole;
  createdAt: Date;
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}…@${domain.slice(0, 1)}…`;
}

export async function listPendingInvitations(db: Db, organisationId: string, now: Date): Promise<PendingInvitation[]> {
  const since = new Date(now.getTime() - ORGANISATION_INVITATION_DAYS * 86_400_000);
  const rows = await db
    .select({ id: organisationInvitations.id, email: organisationInvitations.email, role: organisationInvitations.role, createdAt: organisationInvitations.createdAt })
    .from(organisationInvitations)
    .where(
      and(
        eq(organisationInvitations.organisationId, organisationId),
        isNull(organisationInvitations.acceptedAt),
        isNull(organisationInvitations.revokedAt),
        gt(organisationInvitations.createdAt, since),
      ),
    )
    .orderBy(asc(organisationInvitations.createdAt));
  return rows.map(({ email, ...rest }) => ({ ...rest, maskedEmail: maskEmail(email) }));
}

/**
 * The invitation mail. The invited person's language is unknown (they may have no account): German
 * first, English below. It names the organisation and the task; whether the address has an account
 * makes no difference to it.
 */
export function organisationInvitationMail(input: { to: string; organisationName: string; role: OrganisationMemberRole; link: string }): MailMessage {
  const de = translator('de');
  const en = translator('en');
  const part = (t: typeof de) =>
    [
      t('organisations.invitation.mailText', {
        organisation: input.organisationName,
        role: t(`organisations.role.${input.role}`),
        days: String(ORGANISATION_INVITATION_DAYS),
      }),
      '',
      input.link,
      '',
      t('organisations.invitation.mailIgnore'),
    ].join('\n');
  return {
    to: input.to,
    subject: de('organisations.invitation.mailSubject', { organisation: input.organisationName }),
    text: `${part(de)}\n\n---\n\n${part(en)}\n`,
  };
}
