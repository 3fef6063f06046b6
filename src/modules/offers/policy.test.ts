import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '../../platform/policy.ts';
import { ROLES, type Role } from '../../platform/roles/schema.ts';
import type { OrganisationRole } from '../organisations/queries.ts';
import { OFFICE_ACTIONS, OFFER_ACTIONS, ORGANISATION_ACTIONS } from './lifecycle.ts';
import { canChangeOfferStatus, canCreateOffer, canEditOffer, canModerateOffers, canViewOffer } from './policy.ts';
import { OFFER_STATUSES } from './schema.ts';

const HERE = 'network-here';
const THERE = 'network-there';

const withRole = (role: Role, networkId = HERE): Actor => ({ userId: `user-${role}-${networkId}`, isPlatformAdmin: false, roles: [{ networkId, role, municipalityIds: [] }] });

// `office` says whether the person runs network HERE (the offer's network).
const people: Array<{ who: string; actor: Actor; office: boolean }> = [
  { who: 'anonymous', actor: ANONYMOUS, office: false },
  { who: 'signed in without a role', actor: { userId: 'u', isPlatformAdmin: false, roles: [] }, office: false },
  ...ROLES.map((role) => ({ who: role, actor: withRole(role), office: role === 'network_office' })),
  { who: 'network office of another network', actor: withRole('network_office', THERE), office: false },
  { who: 'platform admin', actor: { userId: 'admin', isPlatformAdmin: true, roles: [] }, office: true },
];
const orgRoles: OrganisationRole[] = [null, 'member', 'admin'];

describe('offer policy, per role', () => {
  for (const { who, actor, office } of people) {
    for (const orgRole of orgRoles) {
      // Anonymous people never belong to an organisation.
      if (actor.userId === null && orgRole !== null) continue;
      const own = orgRole !== null;
      it(`${who}, organisation role ${orgRole ?? 'none'}`, () => {
        const organisation = { networkId: HERE, status: 'verified' as const };
        expect(canCreateOffer(actor, organisation, orgRole)).toBe(own || office);
        expect(canCreateOffer(actor, { networkId: HERE, status: 'rejected' }, orgRole)).toBe(office);
        expect(canModerateOffers(actor, HERE)).toBe(office);
        for (const status of OFFER_STATUSES) {
          const offer = { networkId: HERE, status };
          expect(canEditOffer(actor, offer, orgRole)).toBe(own || office);
          expect(canViewOffer(actor, offer, orgRole)).toBe(status === 'published' || own || office);
          for (const action of OFFER_ACTIONS) {
            const expected = OFFICE_ACTIONS.includes(action) ? office : ORGANISATION_ACTIONS.includes(action) ? own || office : false;
            expect(canChangeOfferStatus(actor, offer, orgRole, action), `${action} on ${status}`).toBe(expected);
          }
        }
      });
    }
  }
});
