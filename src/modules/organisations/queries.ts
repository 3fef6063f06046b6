import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { users } from '../../platform/auth/schema.ts';
import { municipalities, networks, type Municipality, type Network } from '../../platform/networks/schema.ts';
import { isUuid } from '../../platform/http/ids.ts';
import { organisationMembers, organisations, type Organisation, type OrganisationMemberRole } from './schema.ts';

export type OrganisationRole = OrganisationMemberRole | null;

export interface OrganisationDetails extends Organisation {
  municipalityName: string | null;
  network: Pick<Network, 'id' | 'slug' | 'name' | 'moderation' | 'offerLifetimeDays'>;
}

export async function getOrganisation(db: Db, id: string): Promise<Organisation | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

/** An organisation with what its pages show around it: the municipality's name and its network. */
export async function getOrganisationDetails(db: Db, id: string): Promise<OrganisationDetails | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({
      organisation: organisations,
      municipalityName: municipalities.name,
      network: {
        id: networks.id,
        slug: networks.slug,
        name: networks.name,
        moderation: networks.moderation,
        offerLifetimeDays: networks.offerLifetimeDays,
      },
    })
    .from(organisations)
    .innerJoin(networks, eq(networks.id, organisations.networkId))
    .leftJoin(municipalities, eq(municipalities.id, organisations.municipalityId))
    .where(eq(organisations.id, id));
  if (!row) return undefined;
  return { ...row.organisation, municipalityName: row.municipalityName, network: row.network };
}

/** The person's role inside the organisation, or null when they do not belong to it. */
export async function organisationRoleOf(db: Db, organisationId: string, userId: string | null): Promise<OrganisationRole> {
  if (!userId || !isUuid(organisationId)) return null;
  const [row] = await db
    .select({ role: organisationMembers.role })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)));
  return row?.role ?? null;
}

export interface MyOrganisation {
  id: string;
  name: string;
  status: Organisation['status'];
  role: OrganisationMemberRole;
  networkSlug: string;
  networkName: string;
}

export async function listOrganisationsOfUser(db: Db, userId: string): Promise<MyOrganisation[]> {
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      status: organisations.status,
      role: organisationMembers.role,
      networkSlug: networks.slug,
      networkName: networks.name,
    })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .innerJoin(networks, eq(networks.id, organisations.networkId))
    .where(eq(organisationMembers.userId, userId))
    .orderBy(asc(organisations.name));
}

export interface OrganisationMember {
  userId: string;
  name: string;
  email: string;
  role: OrganisationMemberRole;
}

export async function listOrganisationMembers(db: Db, organisationId: string): Promise<OrganisationMember[]> {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: organisationMembers.role })
    .from(organisationMembers)
    .innerJoin(users, eq(users.id, organisationMembers.userId))
    .where(eq(organisationMembers.organisationId, organisationId))
    .orderBy(asc(organisationMembers.role), asc(users.name));
}

/** Where mail for an organisation goes: its members; the organisation's own address when it has none (imports). */
export async function organisationRecipients(db: Db, organisationId: string): Promise<string[]> {
  const members = await listOrganisationMembers(db, organisationId);
  if (members.length > 0) return members.map((m) => m.email);
  const organisation = await getOrganisation(db, organisationId);
  return organisation?.email ? [organisation.email] : [];
}

export interface PendingOrganisation {
  id: string;
  name: string;
  type: Organisation['type'];
  municipalityName: string | null;
  createdAt: Date;
}

export async function listPendingOrganisations(db: Db, networkId: string): Promise<PendingOrganisation[]> {
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      type: organisations.type,
      municipalityName: municipalities.name,
      createdAt: organisations.createdAt,
    })
    .from(organisations)
    .leftJoin(municipalities, eq(municipalities.id, organisations.municipalityId))
    .where(and(eq(organisations.networkId, networkId), eq(organisations.status, 'pending')))
    .orderBy(asc(organisations.createdAt));
}

export async function findMunicipalityInNetwork(db: Db, networkId: string, municipalityId: string): Promise<Municipality | undefined> {
  if (!isUuid(municipalityId)) return undefined;
  const [row] = await db
    .select()
    .from(municipalities)
    .where(and(eq(municipalities.id, municipalityId), eq(municipalities.networkId, networkId)));
  return row;
}

export async function countAdmins(db: Db, organisationId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.role, 'admin')));
  return row?.count ?? 0;
}
