import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { hashSecret, newSecret } from '../../platform/auth/tokens.ts';
import { tokens } from '../accounts/index.ts';
import { offers } from '../offers/index.ts';
import { organisationMembers, organisations } from '../organisations/index.ts';

/*
 * The organisation's access link: organisations without an account (imported, demo, or simply never
 * claimed) answer their inquiries through a personal link in each mail, as volunteers without an
 * account do. Only the hash is stored. A link opens the inquiries of its one organisation, and only
 * while nobody has claimed the organisation and the address it went to is still the organisation's
 * (or one of its offers') contact address: claiming or changing the address cancels every link at once.
 */

export const ORGANISATION_ACCESS_KIND = 'organisation_access';
/** Long enough to answer after holidays; every mail brings a fresh link. */
export const ORGANISATION_ACCESS_DAYS = 60;

export async function issueOrganisationAccess(db: Db, organisationId: string, email: string, now: Date): Promise<string> {
  const secret = newSecret();
  await db.insert(tokens).values({
    id: hashSecret(secret),
    purpose: 'placement',
    email: email.toLowerCase(),
    data: { kind: ORGANISATION_ACCESS_KIND, organisationId },
    createdAt: now,
    expiresAt: new Date(now.getTime() + ORGANISATION_ACCESS_DAYS * 86_400_000),
  });
  return secret;
}

/** What a live organisation link opens: the organisation and the address it was sent to. */
export interface OrganisationAccess {
  organisationId: string;
  email: string;
}

/**
 * The organisation and address a link stands for, if it is live: not expired, not used up, the
 * organisation still without members, and the address still one of its contact addresses.
 */
export async function findOrganisationAccess(db: Db, secret: string | undefined, now: Date): Promise<OrganisationAccess | undefined> {
  if (!secret || secret.length > 100) return undefined;
  const [row] = await db
    .select({ organisationId: sql<string>`${tokens.data}->>'organisationId'`, email: tokens.email })
    .from(tokens)
    .where(
      and(
        eq(tokens.id, hashSecret(secret)),
        eq(tokens.purpose, 'placement'),
        sql`${tokens.data}->>'kind' = ${ORGANISATION_ACCESS_KIND}`,
        isNull(tokens.usedAt),
        gt(tokens.expiresAt, now),
      ),
    );
  if (!row) return undefined;
  const [live] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      and(
        sql`${organisations.id}::text = ${row.organisationId}`,
        sql`not exists (select 1 from ${organisationMembers} where ${organisationMembers.organisationId} = ${organisations.id})`,
        sql`(lower(${organisations.email}) = ${row.email} or exists (select 1 from ${offers} where ${offers.organisationId} = ${organisations.id} and lower(${offers.contactEmail}) = ${row.email}))`,
      ),
    );
  return live ? { organisationId: row.organisationId, email: row.email } : undefined;
}

/** Ends every link of an organisation (it was claimed). */
export async function cancelOrganisationAccess(db: Db, organisationId: string, now: Date): Promise<void> {
  await db
    .update(tokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(tokens.purpose, 'placement'),
        sql`${tokens.data}->>'kind' = ${ORGANISATION_ACCESS_KIND}`,
        sql`${tokens.data}->>'organisationId' = ${organisationId}`,
        isNull(tokens.usedAt),
      ),
    );
}
