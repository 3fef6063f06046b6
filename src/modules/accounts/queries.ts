import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { hashSecret } from '../../platform/auth/tokens.ts';
import { memberships, type Role } from '../../platform/roles/schema.ts';
import { networks } from '../../platform/networks/schema.ts';
import { tokens, users, type TokenPurpose, type User } from './schema.ts';

export type Token = typeof tokens.$inferSelect;

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return user;
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

/**
 * A token that could still be used, without using it up: the GET pages behind mailed links only look,
 * so mail scanners that prefetch links do not spend them.
 */
export async function findOpenToken(db: Db, purpose: TokenPurpose, secret: string, now: Date): Promise<Token | undefined> {
  const [token] = await db
    .select()
    .from(tokens)
    .where(and(eq(tokens.id, hashSecret(secret)), eq(tokens.purpose, purpose), isNull(tokens.usedAt), gt(tokens.expiresAt, now)));
  return token;
}

export interface NetworkRole {
  networkName: string;
  networkSlug: string;
  role: Role;
}

export async function listRolesOf(db: Db, userId: string): Promise<NetworkRole[]> {
  return db
    .select({ networkName: networks.name, networkSlug: networks.slug, role: memberships.role })
    .from(memberships)
    .innerJoin(networks, eq(networks.id, memberships.networkId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(networks.name), asc(memberships.role));
}
