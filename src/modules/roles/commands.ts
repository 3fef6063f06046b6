import { and, asc, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { Jobs } from '../../platform/jobs/index.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { hashSecret, newSecret } from '../../platform/auth/tokens.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { normaliseEmail } from '../../platform/http/forms.ts';
import { isUniqueViolation } from '../../platform/db-errors.ts';
import { isUuid } from '../../platform/http/ids.ts';
import { users } from '../../platform/auth/schema.ts';
import { tokens } from '../accounts/index.ts';
import { municipalities, networks, type Network } from '../../platform/networks/schema.ts';
import { invitationMail } from './mails.ts';
import {
  colourProblem,
  INVITATION_DAYS,
  needsMunicipalities,
  parseMunicipality,
  type MunicipalityInput,
  type Problems,
} from './rules.ts';
import { invitations, membershipMunicipalities, memberships, type Role } from './schema.ts';

/*
 * Every change an admin makes to members, invitations, municipalities and network settings goes
 * through one of these commands, and each writes a row to the audit log in the same transaction.
 * Expected failures come back as values; only the unexpected throws.
 */

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type Invalid = { ok: false; code: 'roles.invalid'; problems: Problems };
export type NotFound = { ok: false; code: 'roles.not_found' };

const NOT_FOUND: NotFound = { ok: false, code: 'roles.not_found' };

function invalid(problems: Problems): Invalid {
  return { ok: false, code: 'roles.invalid', problems };
}

/** Who did what: ids and the role only, never copies of names or addresses. */
async function audit(
  tx: Tx | Db,
  entry: { at: Date; actorId: string | null; networkId: string; action: string; subjectId: string; details?: Record<string, unknown> },
): Promise<void> {
  await tx.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
}


/** Municipality ids that really belong to the network, or a problem for the form field. */
async function checkMunicipalities(
  db: Db | Tx,
  networkId: string,
  role: Role,
  municipalityIds: readonly string[],
): Promise<{ ok: true; ids: string[] } | { ok: false; problems: Problems }> {
  if (!needsMunicipalities(role)) return { ok: true, ids: [] };
  const wanted = [...new Set(municipalityIds)];
  if (wanted.length === 0) return { ok: false, problems: { municipalityIds: { key: 'roles.error.municipalityRequired' } } };
  if (!wanted.every(isUuid)) return { ok: false, problems: { municipalityIds: { key: 'roles.error.unknownMunicipality' } } };
  const found = await db
    .select({ id: municipalities.id })
    .from(municipalities)
    .where(and(eq(municipalities.networkId, networkId), inArray(municipalities.id, wanted)));
  if (found.length !== wanted.length) return { ok: false, problems: { municipalityIds: { key: 'roles.error.unknownMunicipality' } } };
  return { ok: true, ids: wanted };
}

// ---- invitations ---------------------------------------------------------------------------

export async function inviteMember(
  deps: { db: Db; jobs: Jobs; publicUrl: string },
  input: { network: Network; email: string; role: Role; municipalityIds: readonly string[]; actorId: string; now: Date },
): Promise<{ ok: true; invitationId: string } | Invalid> {
  const { db } = deps;
  const { network, role, now } = input;
  const email = normaliseEmail(input.email);

  const places = await checkMunicipalities(db, network.id, role, input.municipalityIds);
  if (!places.ok) return invalid(places.problems);

  const [existing] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.networkId, network.id), eq(memberships.role, role), eq(users.email, email)));
  if (existing) return invalid({ email: { key: 'roles.error.alreadyMember' } });

  const openSince = new Date(now.getTime() - INVITATION_DAYS * 86_400_000);
  const [pending] = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.networkId, network.id),
        eq(invitations.role, role),
        sql`lower(${invitations.email}) = ${email}`,
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.createdAt, openSince),
      ),
    );
  if (pending) return invalid({ email: { key: 'roles.error.invitationOpen' } });

  const secret = newSecret();
  const invitationId = await db.transaction(async (tx) => {
    const [invitation] = await tx
      .insert(invitations)
      .values({ networkId: network.id, email, role, municipalityIds: places.ids, invitedBy: input.actorId, createdAt: now })
      .returning();
    if (!invitation) throw new Error('invitation not stored');
    await tx.insert(tokens).values({
      id: hashSecret(secret),
      purpose: 'invite',
      email,
      data: { invitationId: invitation.id },
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
    });
    await audit(tx, { at: now, actorId: input.actorId, networkId: network.id, action: 'member.invited', subjectId: invitation.id, details: { role } });
    return invitation.id;
  });

  // Queued after the commit: the mail must never announce an invitation that was rolled back.
  const names = places.ids.length
    ? (await db.select({ name: municipalities.name }).from(municipalities).where(inArray(municipalities.id, places.ids)))
        .map((m) => m.name)
        .sort((a, b) => a.localeCompare(b, 'de'))
    : [];
  await queueMail(
    deps.jobs,
    invitationMail({ to: email, networkName: network.name, role, municipalityNames: names, link: `${deps.publicUrl}/einladung/${secret}` }),
  );
  return { ok: true, invitationId };
}

export type AcceptFailure =
  | { ok: false; code: 'roles.invitation.unknown' }
  | { ok: false; code: 'roles.invitation.expired' }
  | { ok: false; code: 'roles.invitation.revoked' }
  | { ok: false; code: 'roles.invitation.used' }
  | { ok: false; code: 'roles.invitation.wrong_email' };

/**
 * Gives the signed-in person the invited role. Accepting again is harmless: the membership is
 * not duplicated, and the person is told they are already in.
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; user: { id: string; email: string }; now: Date },
): Promise<{ ok: true; networkId: string; role: Role; alreadyAccepted: boolean } | AcceptFailure> {
  const tokenHash = hashSecret(input.token);
  return db.transaction(async (tx) => {
    const [token] = await tx.select().from(tokens).where(and(eq(tokens.id, tokenHash), eq(tokens.purpose, 'invite')));
    const invitationId = typeof token?.data.invitationId === 'string' ? token.data.invitationId : undefined;
    if (!token || !invitationId) return { ok: false, code: 'roles.invitation.unknown' } as const;
    // The row lock makes two simultaneous accepts wait for each other instead of both inserting.
    const [invitation] = await tx.select().from(invitations).where(eq(invitations.id, invitationId)).for('update');
    if (!invitation) return { ok: false, code: 'roles.invitation.unknown' } as const;
    if (invitation.revokedAt) return { ok: false, code: 'roles.invitation.revoked' } as const;
    if (normaliseEmail(invitation.email) !== normaliseEmail(input.user.email)) {
      return { ok: false, code: 'roles.invitation.wrong_email' } as const;
    }
    if (invitation.acceptedAt) {
      const [held] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.networkId, invitation.networkId), eq(memberships.userId, input.user.id), eq(memberships.role, invitation.role)));
      if (held) return { ok: true, networkId: invitation.networkId, role: invitation.role, alreadyAccepted: true } as const;
      return { ok: false, code: 'roles.invitation.used' } as const;
    }
    if (token.expiresAt.getTime() <= input.now.getTime()) return { ok: false, code: 'roles.invitation.expired' } as const;

    await tx
      .insert(memberships)
      .values({ networkId: invitation.networkId, userId: input.user.id, role: invitation.role, createdAt: input.now })
      .onConflictDoNothing();
    const [membership] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.networkId, invitation.networkId), eq(memberships.userId, input.user.id), eq(memberships.role, invitation.role)));
    if (!membership) throw new Error('membership not stored');
    if (invitation.municipalityIds.length > 0) {
      // Municipalities deleted since the invitation was sent are skipped.
      const still = await tx
        .select({ id: municipalities.id })
        .from(municipalities)
        .where(and(eq(municipalities.networkId, invitation.networkId), inArray(municipalities.id, invitation.municipalityIds)));
      if (still.length > 0) {
        await tx
          .insert(membershipMunicipalities)
          .values(still.map((m) => ({ membershipId: membership.id, municipalityId: m.id })))
          .onConflictDoNothing();
      }
    }
    await tx.update(invitations).set({ acceptedAt: input.now }).where(eq(invitations.id, invitation.id));
    await tx.update(tokens).set({ usedAt: input.now }).where(eq(tokens.id, tokenHash));
    await audit(tx, {
      at: input.now,
      actorId: input.user.id,
      networkId: invitation.networkId,
      action: 'member.invitation_accepted',
      subjectId: invitation.id,
      details: { role: invitation.role, membershipId: membership.id },
    });
    return { ok: true, networkId: invitation.networkId, role: invitation.role, alreadyAccepted: false } as const;
  });
}

export async function revokeInvitation(
  db: Db,
  input: { networkId: string; invitationId: string; actorId: string; now: Date },
): Promise<{ ok: true } | NotFound> {
  return db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(invitations)
      .set({ revokedAt: input.now })
      .where(
        and(
          eq(invitations.networkId, input.networkId),
          eq(invitations.id, input.invitationId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning();
    if (!revoked) return NOT_FOUND;
    await audit(tx, {
      at: input.now,
      actorId: input.actorId,
      networkId: input.networkId,
      action: 'member.invitation_revoked',
      subjectId: revoked.id,
      details: { role: revoked.role },
    });
    return { ok: true } as const;
  });
}

// ---- memberships ---------------------------------------------------------------------------

/** Removes one role of a person. A network always keeps at least one network office. */
export async function removeMembership(
  db: Db,
  input: { networkId: string; membershipId: string; actorId: string; now: Date },
): Promise<{ ok: true } | NotFound | { ok: false; code: 'roles.last_network_office' }> {
  return db.transaction(async (tx) => {
    const [membership] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.networkId, input.networkId), eq(memberships.id, input.membershipId)));
    if (!membership) return NOT_FOUND;
    if (membership.role === 'network_office') {
      // Lock every office row of the network, always in the same order: two admins removing the
      // last two offices at once then wait for each other (no deadlock) and the second sees one left.
      const offices = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.networkId, input.networkId), eq(memberships.role, 'network_office')))
        .orderBy(asc(memberships.id))
        .for('update');
      if (!offices.some((o) => o.id === membership.id)) return NOT_FOUND;
      if (offices.length <= 1) return { ok: false, code: 'roles.last_network_office' } as const;
    }
    const removed = await tx.delete(memberships).where(eq(memberships.id, membership.id)).returning();
    if (removed.length === 0) return NOT_FOUND;
    await audit(tx, {
      at: input.now,
      actorId: input.actorId,
      networkId: input.networkId,
      action: 'member.role_removed',
      subjectId: membership.id,
      details: { role: membership.role, userId: membership.userId },
    });
    return { ok: true } as const;
  });
}

/** Sets which municipalities a guide or municipality contact looks after. */
export async function setMemberMunicipalities(
  db: Db,
  input: { networkId: string; membershipId: string; municipalityIds: readonly string[]; actorId: string; now: Date },
): Promise<{ ok: true } | NotFound | Invalid> {
  return db.transaction(async (tx) => {
    const [membership] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.networkId, input.networkId), eq(memberships.id, input.membershipId)))
      .for('update');
    if (!membership || !needsMunicipalities(membership.role)) return NOT_FOUND;
    const places = await checkMunicipalities(tx, input.networkId, membership.role, input.municipalityIds);
    if (!places.ok) return invalid(places.problems);
    await tx.delete(membershipMunicipalities).where(eq(membershipMunicipalities.membershipId, membership.id));
    await tx.insert(membershipMunicipalities).values(places.ids.map((municipalityId) => ({ membershipId: membership.id, municipalityId })));
    await audit(tx, {
      at: input.now,
      actorId: input.actorId,
      networkId: input.networkId,
      action: 'member.municipalities_changed',
      subjectId: membership.id,
      details: { role: membership.role, municipalityIds: places.ids },
    });
    return { ok: true } as const;
  });
}

// ---- network settings ----------------------------------------------------------------------

export interface NetworkSettings {
  name: string;
  kind: string;
  region: string;
  description: string;
  contactEmail: string;
  primaryColor: string;
  accentColor: string;
  imprint: string;
  privacyStatement: string;
  accessibilityStatement: string;
}

export const SETTINGS_FIELDS = [
  'name',
  'kind',
  'region',
  'description',
  'contactEmail',
  'primaryColor',
  'accentColor',
  'imprint',
  'privacyStatement',
  'accessibilityStatement',
] as const satisfies ReadonlyArray<keyof NetworkSettings>;

/** Problems the form schema cannot express: the colours must carry white text readably. */
export function settingsProblems(values: Pick<NetworkSettings, 'primaryColor' | 'accentColor'>): Problems {
  const problems: Problems = {};
  for (const field of ['primaryColor', 'accentColor'] as const) {
    const problem = colourProblem(values[field]);
    if (problem) problems[field] = problem;
  }
  return problems;
}

export async function updateNetworkSettings(
  db: Db,
  input: { networkId: string; values: NetworkSettings; actorId: string; now: Date },
): Promise<{ ok: true } | NotFound | Invalid> {
  const problems = settingsProblems(input.values);
  if (Object.keys(problems).length > 0) return invalid(problems);
  const values = { ...input.values, contactEmail: normaliseEmail(input.values.contactEmail), primaryColor: input.values.primaryColor.toLowerCase(), accentColor: input.values.accentColor.toLowerCase() };
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(networks).where(eq(networks.id, input.networkId)).for('update');
    if (!before) return NOT_FOUND;
    const changed = SETTINGS_FIELDS.filter((field) => before[field] !== values[field]);
    await tx.update(networks).set({ ...values, updatedAt: input.now }).where(eq(networks.id, input.networkId));
    await audit(tx, {
      at: input.now,
      actorId: input.actorId,
      networkId: input.networkId,
      action: 'network.settings_updated',
      subjectId: input.networkId,
      details: { fields: changed },
    });
    return { ok: true } as const;
  });
}

// ---- municipalities ------------------------------------------------------------------------

/** Adds a municipality to the network (no id) or changes one of its municipalities. */
export async function saveMunicipality(
  db: Db,
  input: { networkId: string; municipalityId?: string | undefined; input: MunicipalityInput; actorId: string; now: Date },
): Promise<{ ok: true; municipalityId: string } | NotFound | Invalid> {
  const parsed = parseMunicipality(input.input);
  if (!parsed.ok) return invalid(parsed.problems);
  const values = parsed.values;
  const other = input.municipalityId ? ne(municipalities.id, input.municipalityId) : undefined;

  const problems: Problems = {};
  const [sameName] = await db
    .select({ id: municipalities.id })
    .from(municipalities)
    .where(and(eq(municipalities.networkId, input.networkId), sql`lower(${municipalities.name}) = lower(${values.name})`, other));
  if (sameName) problems.name = { key: 'roles.error.municipalityNameTaken' };
  if (values.ags) {
    // The AGS identifies a municipality in all of Germany, so it is unique across networks.
    const [sameAgs] = await db.select({ id: municipalities.id }).from(municipalities).where(and(eq(municipalities.ags, values.ags), other));
    if (sameAgs) problems.ags = { key: 'roles.error.agsTaken' };
  }
  if (Object.keys(problems).length > 0) return invalid(problems);

  try {
    return await db.transaction(async (tx) => {
      let id: string;
      if (input.municipalityId) {
        const [updated] = await tx
          .update(municipalities)
          .set(values)
          .where(and(eq(municipalities.networkId, input.networkId), eq(municipalities.id, input.municipalityId)))
          .returning();
        if (!updated) return NOT_FOUND;
        id = updated.id;
      } else {
        const [created] = await tx
          .insert(municipalities)
          .values({ ...values, networkId: input.networkId, createdAt: input.now })
          .returning();
        if (!created) throw new Error('municipality not stored');
        id = created.id;
      }
      await audit(tx, {
        at: input.now,
        actorId: input.actorId,
        networkId: input.networkId,
        action: input.municipalityId ? 'municipality.updated' : 'municipality.created',
        subjectId: id,
      });
      return { ok: true, municipalityId: id } as const;
    });
  } catch (error) {
    // Someone saved the same name or AGS in the moment between our check and the write.
    if (isUniqueViolation(error)) return invalid({ name: { key: 'roles.error.municipalityNameTaken' } });
    throw error;
  }
}
