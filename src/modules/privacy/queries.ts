import { and, desc, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { users } from '../../platform/auth/schema.ts';
import { networks } from '../../platform/networks/schema.ts';
import { consents, type Consent } from './schema.ts';

export interface ConsentRow extends Consent {
  networkName: string | null;
}

/** A person's consents with their network's name: the account's own and those given by its address before. */
export async function listConsentsOf(db: Db, subject: { userId: string; email: string }): Promise<ConsentRow[]> {
  return db
    .select({
      id: consents.id,
      userId: consents.userId,
      email: consents.email,
      networkId: consents.networkId,
      purpose: consents.purpose,
      version: consents.version,
      method: consents.method,
      givenAt: consents.givenAt,
      withdrawnAt: consents.withdrawnAt,
      networkName: networks.name,
    })
    .from(consents)
    .leftJoin(networks, eq(networks.id, consents.networkId))
    .where(or(eq(consents.userId, subject.userId), and(isNull(consents.userId), eq(consents.email, subject.email))))
    .orderBy(desc(consents.givenAt))
    .limit(500);
}

export async function findUser(db: Db, userId: string): Promise<{ id: string; email: string; name: string; locale: string } | undefined> {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}
