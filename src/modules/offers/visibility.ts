import type { OfferStatus } from './schema.ts';
import type { OrganisationStatus } from '../organisations/index.ts';

/*
 * The one rule for what the public sees of offers: an offer is public when it is published, and it can
 * only be published while its organisation is verified. The second half is kept where offers become
 * published (`transition` in commands.ts refuses it, and a trigger in the database, migration 0015,
 * refuses any other writer), so every public query, search index, feed, widget, API and sitemap may
 * keep asking the one cheap question `status = 'published'`, and an offer of an unverified
 * organisation is out of all of them at once.
 */

export const PUBLIC_STATUS: OfferStatus = 'published';

/** Whether an offer in this status of an organisation in that status may be (or become) public. */
export function mayBePublic(organisationStatus: OrganisationStatus): boolean {
  return organisationStatus === 'verified';
}

export function isPublicOffer(offer: { status: OfferStatus; organisationStatus: OrganisationStatus }): boolean {
  return offer.status === PUBLIC_STATUS && mayBePublic(offer.organisationStatus);
}
