import { isNetworkAdmin, type Actor } from '../../platform/policy.ts';

/*
 * A volunteer profile is private. Its owner edits it; nobody else ever opens it. Organisations and the
 * network office meet opted-in volunteers only as suggestions (name and reasons, never the address).
 */

export function canEditOwnProfile(actor: Actor): boolean {
  return actor.userId !== null;
}

export function canSeeOwnSuggestions(actor: Actor): boolean {
  return actor.userId !== null;
}

/** Volunteers for an offer: the members of the offering organisation and the office of its network. */
export function canSeeVolunteersForOffer(
  actor: Actor,
  offer: { networkId: string },
  facts: { isOrganisationMember: boolean },
): boolean {
  return isNetworkAdmin(actor, offer.networkId) || facts.isOrganisationMember;
}
