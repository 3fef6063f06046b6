import { and, asc, desc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { users } from '../../platform/auth/schema.ts';
import { tokens } from '../accounts/index.ts';
import { municipalities, networks, type Municipality, type Network } from '../../platform/networks/schema.ts';
import { INVITATION_DAYS } from './rules.ts';
import { invitations, membershipMunicipalities, memberships, type Invitation, type Role } from './schema.ts';

export interface MunicipalityRef {
  id: string;
  name: string;
}

export interface MemberRow {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  createdAt: Date;
  municipalities: MunicipalityRef[];
}

/** Invitations older than this are expired even if nobody answered them. */
function openSince(now: Date): Date {
  return new Date(now.getTime() - INVITATION_DAYS * 86_400_000);
}

export async function countMembersByRole(db: Db, networkId: string): Promise<Map<Role, number>> {
  const rows = await db
    .select({ role: memberships.role, count: sql<number>`count(*)::int` })
    .from(memberships)
    .where(eq(memberships.networkId, networkId))
    .groupBy(memberships.role);
  return new Map(rows.map((r) => [r.role, r.count]));
}

export async function countOpenInvitations(db: Db, networkId: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(invitations)
    .where(openInvitation(networkId, now));
  return row?.count ?? 0;
}

function openInvitation(networkId: string, now: Date) {
  return and(
    eq(invitations.networkId, networkId),
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
    gt(invitations.createdAt, openSince(now)),
  );
}

async function municipalitiesOfMemberships(db: Db, membershipIds: string[]): Promise<Map<string, MunicipalityRef[]>> {
  const result = new Map<string, MunicipalityRef[]>();
  if (membershipIds.length === 0) return result;
  const rows = await db
    .select({ membershipId: membershipMunicipalities.membershipId, id: municipalities.id, name: municipalities.name })
    .from(membershipMunicipalities)
    .innerJoin(municipalities, eq(municipalities.id, membershipMunicipalities.municipalityId))
    .where(inArray(membershipMunicipalities.membershipId, membershipIds))
    .orderBy(asc(municipalities.name));
  for (const row of rows) {
    const list = result.get(row.membershipId) ?? [];
    list.push({ id: row.id, name: row.name });
    result.set(row.membershipId, list);
  }
  return result;
}

/** Roles in a network with the person behind each and their municipalities; `where` narrows them down. */
async function members(db: Db, networkId: string, where?: SQL): Promise<MemberRow[]> {
  const rows = await db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.networkId, networkId), where))
    .orderBy(asc(users.name), asc(users.email), asc(memberships.role));
  const places = await municipalitiesOfMemberships(
    db,
    rows.map((r) => r.membershipId),
  );
  return rows.map((r) => ({ ...r, municipalities: places.get(r.membershipId) ?? [] }));
}

/** Everyone with a role in the network, one row per role, ordered by name. */
export function listMembers(db: Db, networkId: string): Promise<MemberRow[]> {
  return members(db, networkId);
}

/** One role of one person, only if it belongs to this network. */
export async function findMember(db: Db, networkId: string, membershipId: string): Promise<MemberRow | undefined> {
  return (await members(db, networkId, eq(memberships.id, membershipId)))[0];
}

export interface InvitationRow extends Invitation {
  expiresAt: Date;
  municipalities: MunicipalityRef[];
}

function withDetails(invitation: Invitation, names: Map<string, string>): InvitationRow {
  return {
    ...invitation,
    expiresAt: new Date(invitation.createdAt.getTime() + INVITATION_DAYS * 86_400_000),
    municipalities: invitation.municipalityIds
      .filter((id) => names.has(id))
      .map((id) => ({ id, name: names.get(id) ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name, 'de')),
  };
}

async function municipalityNames(db: Db, networkId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: municipalities.id, name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.networkId, networkId));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function listOpenInvitations(db: Db, networkId: string, now: Date): Promise<InvitationRow[]> {
  const rows = await db.select().from(invitations).where(openInvitation(networkId, now)).orderBy(desc(invitations.createdAt));
  const names = await municipalityNames(db, networkId);
  return rows.map((r) => withDetails(r, names));
}

/** What an invitation link points to; undefined when the link is unknown. */
export async function findInvitationByToken(
  db: Db,
  tokenHash: string,
): Promise<{ invitation: InvitationRow; network: Network; tokenExpiresAt: Date; tokenUsedAt: Date | null } | undefined> {
  const [row] = await db
    .select({ token: tokens, invitation: invitations, network: networks })
    .from(tokens)
    .innerJoin(invitations, eq(invitations.id, sql`(${tokens.data}->>'invitationId')::uuid`))
    .innerJoin(networks, eq(networks.id, invitations.networkId))
    .where(and(eq(tokens.id, tokenHash), eq(tokens.purpose, 'invite')));
  if (!row) return undefined;
  const names = await municipalityNames(db, row.network.id);
  return {
    invitation: withDetails(row.invitation, names),
    network: row.network,
    tokenExpiresAt: row.token.expiresAt,
    tokenUsedAt: row.token.usedAt,
  };
}

export async function hasMembership(db: Db, networkId: string, userId: string, role: Role): Promise<boolean> {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.networkId, networkId), eq(memberships.userId, userId), eq(memberships.role, role)));
  return row !== undefined;
}

export async function findMunicipality(db: Db, networkId: string, municipalityId: string): Promise<Municipality | undefined> {
  const [row] = await db
    .select()
    .from(municipalities)
    .where(and(eq(municipalities.networkId, networkId), eq(municipalities.id, municipalityId)));
  return row;
}

export interface AuditRow {
  id: number;
  at: Date;
  action: string;
  subjectId: string | null;
  details: Record<string, unknown>;
  actorId: string | null;
  /** Null when there was no actor or the account no longer exists. */
  actorName: string | null;
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of the network's audit log, newest first; `hasMore` says whether an older page exists. */
export async function listAuditLog(db: Db, networkId: string, page: number): Promise<{ rows: AuditRow[]; hasMore: boolean }> {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      subjectId: auditLog.subjectId,
      details: auditLog.details,
      actorId: auditLog.actorId,
      actorName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(eq(auditLog.networkId, networkId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}
