import { and, eq, gt, lt } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db.ts';
import type { Actor } from '../policy.ts';
import { sessions, users, type User } from './schema.ts';
import { membershipMunicipalities, memberships } from '../roles/schema.ts';
import { hashSecret, newSecret } from './tokens.ts';

export const SESSION_COOKIE = 'mmn_session';
export const SESSION_DAYS = 30;

export async function createSession(db: Db, userId: string, now: Date): Promise<string> {
  const secret = newSecret();
  await db.insert(sessions).values({
    id: hashSecret(secret),
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000),
  });
  return secret;
}

export async function loadSession(
  db: Db,
  secret: string,
  now: Date,
): Promise<{ id: string; user: User; actor: Actor } | null> {
  const id = hashSecret(secret);
  const [row] = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
  if (!row) return null;
  return { id, user: row.user, actor: await loadActor(db, row.user) };
}

export async function loadActor(db: Db, user: User): Promise<Actor> {
  const rows = await db
    .select({
      networkId: memberships.networkId,
      role: memberships.role,
      municipalityId: membershipMunicipalities.municipalityId,
      membershipId: memberships.id,
    })
    .from(memberships)
    .leftJoin(membershipMunicipalities, eq(membershipMunicipalities.membershipId, memberships.id))
    .where(eq(memberships.userId, user.id));
  const byMembership = new Map<string, { networkId: string; role: (typeof rows)[number]['role']; municipalityIds: string[] }>();
  for (const row of rows) {
    const entry = byMembership.get(row.membershipId) ?? { networkId: row.networkId, role: row.role, municipalityIds: [] };
    if (row.municipalityId) entry.municipalityIds.push(row.municipalityId);
    byMembership.set(row.membershipId, entry);
  }
  return { userId: user.id, isPlatformAdmin: user.isPlatformAdmin, roles: [...byMembership.values()] };
}

export async function destroySession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of a person, e.g. after a password change or reset. */
export async function destroyUserSessions(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function purgeExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

/** Secure over HTTPS comes from the cookie plugin's defaults (app.ts), as for every cookie of the app. */
export function setSessionCookie(_request: FastifyRequest, reply: FastifyReply, secret: string): void {
  reply.setCookie(SESSION_COOKIE, secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    maxAge: SESSION_DAYS * 86_400,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
