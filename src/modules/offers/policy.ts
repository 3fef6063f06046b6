import { isNetworkAdmin, type Actor } from '../../platform/policy.ts';
import type { OrganisationRole, Organisation } from '../organisations/index.ts';
import { OFFICE_ACTIONS, ORGANISATION_ACTIONS, type OfferAction } from './lifecycle.ts';
import type { Offer } from './schema.ts';

/*
 * Who may do what with offers. `role` is the person's role inside the offer's organisation
 * (organisation_members), not a network role: being "an organisation" in a network gives no right
 * over another organisation's offers. The network office of the offer's network may do everything;
 * the office of another network nothing.
 */

type OfferSubject = Pick<Offer, 'networkId' | 'status'>;

/** Members of the organisation and the office; not while the office has refused the organisation. */
export function canCreateOffer(actor: Actor, organisation: Pick<Organisation, 'networkId' | 'status'>, role: OrganisationRole): boolean {
  if (actor.userId === null) return false;
  if (isNetworkAdmin(actor, organisation.networkId)) return true;
  return role !== null && organisation.status !== 'rejected';
}

export function canEditOffer(actor: Actor, offer: OfferSubject, role: OrganisationRole): boolean {
  return actor.userId !== null && (role !== null || isNetworkAdmin(actor, offer.networkId));
}

/** A status change: the organisation's own steps for its people, the moderation steps for the office only. */
export function canChangeOfferStatus(actor: Actor, offer: OfferSubject, role: OrganisationRole, action: OfferAction): boolean {
  if (actor.userId === null) return false;
  if (OFFICE_ACTIONS.includes(action)) return isNetworkAdmin(actor, offer.networkId);
  if (ORGANISATION_ACTIONS.includes(action)) return canEditOffer(actor, offer, role);
  return false; // expiry is the clock's
}

/** Published offers are public; the others only for the organisation's people and the office. */
export function canViewOffer(actor: Actor, offer: OfferSubject, role: OrganisationRole): boolean {
  return offer.status === 'published' || canEditOffer(actor, offer, role);
}

export function canModerateOffers(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId);
}
