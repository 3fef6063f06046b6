import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '../../platform/policy.ts';
import { ROLES, type Role } from '../../platform/roles/schema.ts';
import {
  canEditOrganisation,
  canManageOrganisationMembers,
  canRegisterOrganisation,
  canVerifyOrganisation,
  canViewOrganisation,
  canViewOrganisationMembers,
} from './policy.ts';
import type { OrganisationRole } from './queries.ts';
import { ORGANISATION_STATUSES } from './schema.ts';

const HERE = 'network-here';
const THERE = 'network-there';
const withRole = (role: Role, networkId = HERE): Actor => ({ userId: `user-${role}`, isPlatformAdmin: false, roles: [{ networkId, role, municipalityIds: [] }] });

const people: Array<{ who: string; actor: Actor; office: boolean }> = [
  { who: 'anonymous', actor: ANONYMOUS, office: false },
  ...ROLES.map((role) => ({ who: role, actor: withRole(role), office: role === 'network_office' })),
  { who: 'network office of another network', actor: withRole('network_office', THERE), office: false },
  { who: 'platform admin', actor: { userId: 'admin', isPlatformAdmin: true, roles: [] }, office: true },
];

describe('organisation policy, per role', () => {
  for (const { who, actor, office } of people) {
    for (const role of [null, 'member', 'admin'] as OrganisationRole[]) {
      if (actor.userId === null && role !== null) continue;
      it(`${who}, organisation role ${role ?? 'none'}`, () => {
        expect(canRegisterOrganisation(actor)).toBe(actor.userId !== null);
        expect(canVerifyOrganisation(actor, { networkId: HERE })).toBe(office);
        for (const status of ORGANISATION_STATUSES) {
          const organisation = { networkId: HERE, status };
          expect(canViewOrganisation(actor, organisation, role)).toBe(status === 'verified' || role !== null || office);
          expect(canEditOrganisation(actor, organisation, role)).toBe(role === 'admin' || office);
          expect(canManageOrganisationMembers(actor, organisation, role)).toBe(role === 'admin' || office);
          expect(canViewOrganisationMembers(actor, organisation, role)).toBe(role !== null || office);
        }
      });
    }
  }
});
