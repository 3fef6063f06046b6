import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { Actor } from '../../platform/policy.ts';
import { isNetworkAdmin } from '../../platform/policy.ts';
import { users } from '../../platform/auth/schema.ts';
import type { FieldProblems, OrganisationInput } from './form.ts';
import { isUuid } from '../../platform/http/ids.ts';
import { positionFromAddress } from './position.ts';
import { findMunicipalityInNetwork } from './queries.ts';
import { organisationMembers, organisations, type Organisation, type OrganisationMemberRole } from './schema.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type Invalid = { ok: false; code: 'organisations.invalid'; problems: FieldProblems };

/**
 * The municipality (which must belong to the network) and the position on the map. An edit that leaves
 * postcode and municipality as they were keeps the stored position: an imported one may be more exact
 * than a postcode's point.
 */
async function placeOf(
  db: Db | Tx,
  networkId: string,
  input: OrganisationInput,
  stored?: Organisation,
): Promise<{ ok: true; lat: number | null; lng: number | null } | Invalid> {
  const municipality = await findMunicipalityInNetwork(db as Db, networkId, input.municipalityId);
  if (!municipality) return { ok: false, code: 'organisations.invalid', problems: { municipalityId: 'organisations.error.municipality' } };
  const unchanged = stored && stored.postcode === input.postcode && stored.municipalityId === input.municipalityId && stored.lat !== null && stored.lng !== null;
  if (unchanged && !input.correction) return { ok: true, lat: stored.lat, lng: stored.lng };
  const placed = await positionFromAddress(db as Db, { postcode: input.postcode, municipality, correction: input.correction });
  if (!placed.ok) return { ok: false, code: 'organisations.invalid', problems: placed.problems };
  return { ok: true, lat: placed.position?.lat ?? null, lng: placed.position?.lng ?? null };
}

function columns(input: OrganisationInput) {
  return {
    name: input.name,
    type: input.type,
    municipalityId: input.municipalityId,
    street: input.street,
    postcode: input.postcode,
    place: input.place,
    website: input.website,
    email: input.email,
    phone: input.phone,
    description: input.description,
  };
}

/**
 * Registers an organisation in a network; the person who does it becomes its admin. It waits for the
 * network office's check, unless the office itself registers it. The form's idempotency key becomes
 * the organisation's id, so a form sent twice registers it once.
 */
export async function registerOrganisation(
  db: Db,
  args: { actor: Actor; networkId: string; input: OrganisationInput; idempotencyKey?: string | undefined; now: Date },
): Promise<{ ok: true; organisation: Organisation; repeated: boolean } | Invalid | { ok: false; code: 'organisations.signed_out' | 'organisations.key_taken' }> {
  const { actor, networkId, input, now } = args;
  if (!actor.userId) return { ok: false, code: 'organisations.signed_out' };
  const userId = actor.userId;
  const place = await placeOf(db, networkId, input);
  if (!place.ok) return place;
  const byOffice = isNetworkAdmin(actor, networkId);
  const id = isUuid(args.idempotencyKey) ? args.idempotencyKey : undefined;
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(organisations)
      .values({
        ...(id ? { id } : {}),
        networkId,
        ...columns(input),
        lat: place.lat,
        lng: place.lng,
        status: byOffice ? 'verified' : 'pending',
        verifiedAt: byOffice ? now : null,
        createdBy: userId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: organisations.id })
      .returning();
    if (!created) {
      const [existing] = await tx.select().from(organisations).where(eq(organisations.id, id ?? ''));
      if (existing && existing.createdBy === userId && existing.networkId === networkId) {
        return { ok: true as const, organisation: existing, repeated: true };
      }
      return { ok: false as const, code: 'organisations.key_taken' as const };
    }
    await tx.insert(organisationMembers).values({ organisationId: created.id, userId, role: 'admin', createdAt: now });
    return { ok: true as const, organisation: created, repeated: false };
  });
}

export async function updateOrganisation(
  db: Db,
  organisation: Organisation,
  input: OrganisationInput,
  now: Date,
): Promise<{ ok: true } | Invalid> {
  const place = await placeOf(db, organisation.networkId, input, organisation);
  if (!place.ok) return place;
  await db
    .update(organisations)
    .set({ ...columns(input), lat: place.lat, lng: place.lng, updatedAt: now })
    .where(eq(organisations.id, organisation.id));
  return { ok: true };
}

/** Adds a person with an existing account, found by e-mail address. */
export async function addOrganisationMember(
  db: Db,
  organisationId: string,
  email: string,
  role: OrganisationMemberRole,
  now: Date,
): Promise<{ ok: true; userId: string } | { ok: false; code: 'organisations.member_unknown' | 'organisations.member_exists' }> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase()));
  if (!user) return { ok: false, code: 'organisations.member_unknown' };
  const [added] = await db
    .insert(organisationMembers)
    .values({ organisationId, userId: user.id, role, createdAt: now })
    .onConflictDoNothing()
    .returning();
  if (!added) return { ok: false, code: 'organisations.member_exists' };
  return { ok: true, userId: user.id };
}

/**
 * Removes a person from the organisation. The last admin stays: otherwise nobody could manage it.
 * The organisation row is locked, so two admins removing each other at once cannot both succeed.
 */
export async function removeOrganisationMember(
  db: Db,
  organisationId: string,
  userId: string,
): Promise<{ ok: true } | { ok: false; code: 'organisations.member_missing' | 'organisations.last_admin' }> {
  if (!isUuid(userId)) return { ok: false, code: 'organisations.member_missing' };
  return db.transaction(async (tx) => {
    await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).for('update');
    const [member] = await tx
      .select()
      .from(organisationMembers)
      .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)));
    if (!member) return { ok: false as const, code: 'organisations.member_missing' as const };
    if (member.role === 'admin') {
      const otherAdmins = await tx
        .select({ userId: organisationMembers.userId })
        .from(organisationMembers)
        .where(
          and(
            eq(organisationMembers.organisationId, organisationId),
            eq(organisationMembers.role, 'admin'),
            ne(organisationMembers.userId, userId),
          ),
        );
      if (otherAdmins.length === 0) return { ok: false as const, code: 'organisations.last_admin' as const };
    }
    await tx
      .delete(organisationMembers)
      .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)));
    return { ok: true as const };
  });
}

/** The network office has checked the organisation. Returns false when it was not waiting for that. */
export async function verifyOrganisation(db: Db, organisationId: string, now: Date): Promise<boolean> {
  const updated = await db
    .update(organisations)
    .set({ status: 'verified', statusReason: null, verifiedAt: now, updatedAt: now })
    .where(and(eq(organisations.id, organisationId), ne(organisations.status, 'verified')))
    .returning();
  return updated.length > 0;
}

/** Not admitted (or no longer): its public page disappears; the reason is kept with the organisation. */
export async function rejectOrganisation(db: Db, organisationId: string, now: Date, reason: string | null = null): Promise<boolean> {
  const updated = await db
    .update(organisations)
    .set({ status: 'rejected', statusReason: reason, updatedAt: now })
    .where(and(eq(organisations.id, organisationId), ne(organisations.status, 'rejected')))
    .returning();
  return updated.length > 0;
}

/** Sets (or clears) the logo; returns the file name it replaces, so the caller can delete that file. */
export async function setOrganisationLogo(db: Db, organisationId: string, logoPath: string | null, now: Date): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ logoPath: organisations.logoPath })
      .from(organisations)
      .where(eq(organisations.id, organisationId))
      .for('update');
    await tx.update(organisations).set({ logoPath, updatedAt: now }).where(eq(organisations.id, organisationId));
    return before?.logoPath ?? null;
  });
}
