import { and, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { Actor } from '../../platform/policy.ts';
import { type FieldProblems, findMunicipalityInNetwork, positionFromAddress, type Organisation } from '../organisations/index.ts';
import { isUuid } from '../../platform/http/ids.ts';
import type { OfferInput } from './form.ts';
import { canTransition, type OfferAction } from './lifecycle.ts';
import { getOffer, type OfferDetails } from './queries.ts';
import { offers, type Offer, type OfferStatus } from './schema.ts';
import { mayBePublic, PUBLIC_STATUS } from './visibility.ts';

const DAY = 86_400_000;

export type OfferFailure =
  | { ok: false; code: 'offers.not_found' }
  | { ok: false; code: 'offers.transition_forbidden'; from: OfferStatus; action: OfferAction }
  /** Someone else changed the status in between; nothing was done. */
  | { ok: false; code: 'offers.stale' }
  /** The offer would go public while its organisation is not verified. */
  | { ok: false; code: 'offers.organisation_unverified' };

export type OfferDone = { ok: true; offer: Offer };

function expiryFrom(now: Date, lifetimeDays: number): Date {
  return new Date(now.getTime() + lifetimeDays * DAY);
}

/**
 * Where the offer stands on the map: a position the network office set by hand, else the point of its
 * postcode or its municipality's centre (as for organisations), so radius search finds it. An edit that
 * keeps postcode and municipality keeps the stored position: an imported one may be more exact. An offer
 * done only from home (no municipality) has no position unless the office gives one.
 */
async function positionOf(
  db: Db,
  networkId: string,
  input: OfferInput,
  stored: Offer | undefined,
): Promise<{ ok: true; lat: number | null; lng: number | null } | { ok: false; problems: FieldProblems }> {
  if (!input.municipalityId) return { ok: true, lat: input.coordinates?.lat ?? null, lng: input.coordinates?.lng ?? null };
  const municipality = await findMunicipalityInNetwork(db, networkId, input.municipalityId);
  if (!municipality) return { ok: false, problems: { municipalityId: 'offers.error.municipality' } };
  const unchanged = stored && stored.postcode === input.postcode && stored.municipalityId === input.municipalityId && stored.lat !== null && stored.lng !== null;
  if (unchanged && !input.coordinates) return { ok: true, lat: stored.lat, lng: stored.lng };
  const placed = await positionFromAddress(db, { postcode: input.postcode, municipality, correction: input.coordinates });
  if (!placed.ok) return { ok: false, problems: { postcode: 'offers.error.postcodeUnknown' } };
  return { ok: true, lat: placed.position?.lat ?? null, lng: placed.position?.lng ?? null };
}

async function contentColumns(db: Db, networkId: string, input: OfferInput, stored?: Offer) {
  const position = await positionOf(db, networkId, input, stored);
  if (!position.ok) return position;
  const { lat, lng } = position;
  const columns = {
    title: input.title,
    summary: input.summary,
    description: input.description,
    field: input.field,
    targetGroups: input.targetGroups,
    skills: input.skills,
    tags: input.tags,
    commitment: input.commitment,
    hoursPerWeek: input.hoursPerWeek,
    weekdays: input.weekdays,
    timesOfDay: input.timesOfDay,
    suitability: input.suitability,
    remote: input.remote,
    municipalityId: input.municipalityId,
    street: input.street,
    postcode: input.postcode,
    place: input.place,
    district: input.district,
    lat,
    lng,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    peopleWanted: input.peopleWanted,
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    contactPhone: input.contactPhone,
  };
  return { ok: true as const, columns };
}

/**
 * Creates a new offer as a draft, or saves new content for an existing one (its status stays).
 * For a new offer the form's idempotency key becomes its id: the same form sent twice creates one offer.
 */
export async function saveDraft(
  db: Db,
  args: {
    actor: Actor;
    organisation: Pick<Organisation, 'id' | 'networkId'>;
    offerId?: string | undefined;
    input: OfferInput;
    idempotencyKey?: string | undefined;
    now: Date;
  },
): Promise<
  | (OfferDone & { repeated: boolean })
  | OfferFailure
  | { ok: false; code: 'offers.invalid'; problems: FieldProblems }
  | { ok: false; code: 'offers.key_taken' }
> {
  const { organisation, input, now } = args;
  const existing = args.offerId ? await getOffer(db, args.offerId) : undefined;
  if (args.offerId && (!existing || existing.organisationId !== organisation.id)) return { ok: false, code: 'offers.not_found' };
  const content = await contentColumns(db, organisation.networkId, input, existing);
  if (!content.ok) return { ok: false, code: 'offers.invalid', problems: content.problems };
  const { columns } = content;

  if (existing) {
    if (!canTransition(existing.status, 'edit')) {
      return { ok: false, code: 'offers.transition_forbidden', from: existing.status, action: 'edit' };
    }
    const [updated] = await db
      .update(offers)
      .set({ ...columns, updatedAt: now })
      .where(and(eq(offers.id, existing.id), eq(offers.status, existing.status)))
      .returning();
    if (!updated) return { ok: false, code: 'offers.stale' };
    return { ok: true, offer: updated, repeated: false };
  }

  const id = isUuid(args.idempotencyKey) ? args.idempotencyKey : undefined;
  const [created] = await db
    .insert(offers)
    .values({
      ...(id ? { id } : {}),
      networkId: organisation.networkId,
      organisationId: organisation.id,
      ...columns,
      status: 'draft',
      createdBy: args.actor.userId,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: offers.id })
    .returning();
  if (created) return { ok: true, offer: created, repeated: false };
  const [earlier] = await db.select().from(offers).where(eq(offers.id, id ?? ''));
  if (earlier && earlier.organisationId === organisation.id && earlier.createdBy === args.actor.userId) {
    return { ok: true, offer: earlier, repeated: true };
  }
  return { ok: false, code: 'offers.key_taken' };
}

/**
 * Moves an offer along the transition table. The update only happens if the status is still the one
 * the decision was made on, so two people clicking at once cannot both succeed.
 */
async function transition(
  db: Db,
  offerId: string,
  action: OfferAction,
  decide: (offer: OfferDetails) => { to: OfferStatus; set?: Partial<typeof offers.$inferInsert>; where?: ReturnType<typeof eq> },
  now: Date,
): Promise<OfferDone | OfferFailure> {
  const offer = await getOffer(db, offerId);
  if (!offer) return { ok: false, code: 'offers.not_found' };
  if (!canTransition(offer.status, action)) return { ok: false, code: 'offers.transition_forbidden', from: offer.status, action };
  const { to, set, where } = decide(offer);
  if (!canTransition(offer.status, action, to)) return { ok: false, code: 'offers.transition_forbidden', from: offer.status, action };
  // Nothing of an unverified organisation goes public (visibility.ts); the office verifies it first.
  if (to === PUBLIC_STATUS && !mayBePublic(offer.organisationStatus)) return { ok: false, code: 'offers.organisation_unverified' };
  // The office's "new in review" notice counts from the moment it arrives there, not from later edits.
  const submitted = to === 'in_review' && offer.status !== 'in_review' ? { submittedAt: now } : {};
  const [updated] = await db
    .update(offers)
    .set({ ...set, ...submitted, status: to, updatedAt: now })
    .where(and(eq(offers.id, offer.id), eq(offers.status, offer.status), where))
    .returning();
  if (!updated) return { ok: false, code: 'offers.stale' };
  return { ok: true, offer: updated };
}

function publication(offer: OfferDetails, now: Date): Partial<typeof offers.$inferInsert> {
  return {
    publishedAt: now,
    expiresAt: expiryFrom(now, offer.network.offerLifetimeDays),
    expiryReminderSentAt: null,
    statusReason: '',
  };
}

/** Whether an offer has to wait for the network office before it is public. */
export function needsReview(offer: Pick<OfferDetails, 'organisationStatus' | 'statusReason' | 'network'>): boolean {
  return (
    offer.network.moderation === 'offers' ||
    offer.organisationStatus !== 'verified' ||
    // The office took it down or sent it back with a reason: it looks again before it returns.
    offer.statusReason !== ''
  );
}

/** Submits for publication: straight to the public, or into the office's review queue. */
export async function submitOffer(db: Db, offerId: string, now: Date): Promise<OfferDone | OfferFailure> {
  return transition(
    db,
    offerId,
    'submit',
    (offer) => (needsReview(offer) ? { to: 'in_review' } : { to: 'published', set: publication(offer, now) }),
    now,
  );
}

export async function approveOffer(db: Db, offerId: string, now: Date): Promise<OfferDone | OfferFailure> {
  return transition(db, offerId, 'approve', (offer) => ({ to: 'published', set: publication(offer, now) }), now);
}

/** Sent back to the organisation as a draft; the reason is shown to it. */
export async function rejectOffer(db: Db, offerId: string, reason: string, now: Date): Promise<OfferDone | OfferFailure> {
  return transition(db, offerId, 'reject', () => ({ to: 'draft', set: { statusReason: reason } }), now);
}

export async function pauseOffer(db: Db, offerId: string, now: Date): Promise<OfferDone | OfferFailure> {
  return transition(db, offerId, 'pause', () => ({ to: 'paused' }), now);
}

/** Back online; a pause does not eat the whole lifetime, but an end already passed starts a new one. */
export async function resumeOffer(db: Db, offerId: string, now: Date): Promise<OfferDone | OfferFailure> {
  return transition(
    db,
    offerId,
    'resume',
    (offer) => ({
      to: 'published',
      set:
        !offer.expiresAt || offer.expiresAt <= now
          ? { expiresAt: expiryFrom(now, offer.network.offerLifetimeDays), expiryReminderSentAt: null }
          : {},
    }),
    now,
  );
}

export async function archiveOffer(db: Db, offerId: string, now: Date): Promise<OfferDone | OfferFailure> {
  return transition(db, offerId, 'archive', () => ({ to: 'archived' }), now);
}

/** The network office takes an offer off the public pages; the organisation sees the reason. */
export async function unpublishOffer(db: Db, offerId: string, reason: string, now: Date): Promise<OfferDone | OfferFailure> {
  return transition(db, offerId, 'unpublish', () => ({ to: 'draft', set: { statusReason: reason } }), now);
}

/**
 * "Still current": a new lifetime from now, and a new reminder before it ends. With `expectedExpiresAt`
 * (from a mailed link) it only works while the offer still has the end the link was made for, so each
 * link works once.
 */
export async function confirmOfferCurrent(
  db: Db,
  offerId: string,
  now: Date,
  expectedExpiresAt?: Date,
): Promise<OfferDone | OfferFailure> {
  return transition(
    db,
    offerId,
    'confirm',
    (offer) => ({
      to: 'published',
      set: {
        expiresAt: expiryFrom(now, offer.network.offerLifetimeDays),
        expiryReminderSentAt: null,
        publishedAt: offer.publishedAt ?? now,
      },
      ...(expectedExpiresAt ? { where: eq(offers.expiresAt, expectedExpiresAt) } : {}),
    }),
    now,
  );
}

/** Published offers whose time is up become expired; returns their ids. */
export async function expireOffers(db: Db, now: Date): Promise<string[]> {
  const rows = await db
    .update(offers)
    .set({ status: 'expired', updatedAt: now })
    .where(and(eq(offers.status, 'published'), lte(offers.expiresAt, now)))
    .returning();
  return rows.map((r) => r.id);
}

/** Marks the reminder as sent; true only for the one caller that did it (several workers may race). */
export async function claimExpiryReminder(db: Db, offerId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(offers)
    .set({ expiryReminderSentAt: now })
    .where(and(eq(offers.id, offerId), eq(offers.status, 'published'), sql`${offers.expiryReminderSentAt} is null`))
    .returning();
  return rows.length > 0;
}

/**
 * When the office verifies an organisation in a network that reviews organisations only, the offers
 * that waited for that check go public.
 */
export async function publishWaitingOffers(db: Db, organisationId: string, now: Date): Promise<string[]> {
  const waiting = await db
    .select({ id: offers.id })
    .from(offers)
    .where(and(eq(offers.organisationId, organisationId), eq(offers.status, 'in_review'), eq(offers.statusReason, '')));
  const published: string[] = [];
  for (const { id } of waiting) {
    const offer = await getOffer(db, id);
    if (!offer || needsReview(offer)) continue;
    const result = await approveOffer(db, id, now);
    if (result.ok) published.push(id);
  }
  return published;
}
