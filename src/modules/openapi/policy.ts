import type { Actor } from '../../platform/policy.ts';
import type { Offer } from '../offers/index.ts';
import type { OrganisationRole, Organisation } from '../organisations/index.ts';
import type { ApiScope } from './schema.ts';

/*
 * Who may do what through the public API. Reading public data needs nobody. A token stands for one
 * organisation and may do only what its scopes say, only with that organisation's offers. Tokens are
 * the organisation's keys: only its admins make and revoke them (not the network office, which has
 * its own pages and no need to act as the organisation).
 */

interface TokenSubject {
  organisationId: string;
  scopes: readonly ApiScope[];
}

export function canManageApiTokens(actor: Actor, role: OrganisationRole): boolean {
  return actor.userId !== null && role === 'admin';
}

export function hasScope(token: TokenSubject, scope: ApiScope): boolean {
  return token.scopes.includes(scope);
}

export function ownsOffer(token: TokenSubject, offer: Pick<Offer, 'organisationId'>): boolean {
  return offer.organisationId === token.organisationId;
}

/** Writing offers: the write scope, the token's own organisation, and not while the office refused it. */
export function canWriteOffersOf(token: TokenSubject, organisation: Pick<Organisation, 'id' | 'status'>): boolean {
  return hasScope(token, 'write') && token.organisationId === organisation.id && organisation.status !== 'rejected';
}

/** Published offers are public; the organisation's others only with its own token's read scope. */
export function canReadOffer(token: TokenSubject | null, offer: Pick<Offer, 'organisationId' | 'status'>): boolean {
  if (offer.status === 'published') return true;
  return token !== null && hasScope(token, 'read') && ownsOffer(token, offer);
}
