import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '../../platform/policy.ts';
import { ROLES, type Role } from './schema.ts';
import {
  canAcceptInvitation,
  canAdministerNetwork,
  canEditNetworkSettings,
  canManageMembers,
  canManageMunicipalities,
  canViewAuditLog,
} from './policy.ts';
import { canDownloadBackup, canManageNetworks, canViewFailedJobs, canViewOutbox } from '../operations/policy.ts';

const HERE = 'network-here';
const THERE = 'network-there';

function withRole(role: Role, networkId = HERE): Actor {
  return { userId: `user-${role}`, isPlatformAdmin: false, roles: [{ networkId, role, municipalityIds: [] }] };
}

const PLATFORM_ADMIN: Actor = { userId: 'admin', isPlatformAdmin: true, roles: [] };

const networkRules = {
  canAdministerNetwork,
  canManageMembers,
  canEditNetworkSettings,
  canManageMunicipalities,
  canViewAuditLog,
};
const platformRules = { canViewOutbox, canViewFailedJobs, canManageNetworks, canDownloadBackup };

// One row per kind of person; `networkAdmin` says whether they administer network HERE.
const cases: Array<{ who: string; actor: Actor; networkAdmin: boolean; platform: boolean; signedIn: boolean }> = [
  { who: 'anonymous', actor: ANONYMOUS, networkAdmin: false, platform: false, signedIn: false },
  { who: 'signed in without a role', actor: { userId: 'u', isPlatformAdmin: false, roles: [] }, networkAdmin: false, platform: false, signedIn: true },
  ...ROLES.map((role) => ({
    who: role,
    actor: withRole(role),
    networkAdmin: role === 'network_office',
    platform: false,
    signedIn: true,
  })),
  { who: 'network_office of another network', actor: withRole('network_office', THERE), networkAdmin: false, platform: false, signedIn: true },
  {
    who: 'network_office here and volunteer there',
    actor: {
      userId: 'both',
      isPlatformAdmin: false,
      roles: [
        { networkId: THERE, role: 'volunteer', municipalityIds: [] },
        { networkId: HERE, role: 'network_office', municipalityIds: [] },
      ],
    },
    networkAdmin: true,
    platform: false,
    signedIn: true,
  },
  { who: 'platform admin', actor: PLATFORM_ADMIN, networkAdmin: true, platform: true, signedIn: true },
];

describe('members policy', () => {
  it('covers every role of the schema', () => {
    for (const role of ROLES) expect(cases.some((c) => c.who === role)).toBe(true);
  });

  for (const c of cases) {
    describe(c.who, () => {
      for (const [name, rule] of Object.entries(networkRules)) {
        it(`${name}: ${c.networkAdmin ? 'allowed' : 'refused'} in the network`, () => {
          expect(rule(c.actor, HERE)).toBe(c.networkAdmin);
        });
      }
      for (const [name, rule] of Object.entries(platformRules)) {
        it(`${name}: ${c.platform ? 'allowed' : 'refused'}`, () => {
          expect(rule(c.actor)).toBe(c.platform);
        });
      }
      it(`may ${c.signedIn ? '' : 'not '}accept an invitation`, () => {
        expect(canAcceptInvitation(c.actor)).toBe(c.signedIn);
      });
    });
  }

  it('a network office administers only its own network', () => {
    const office = withRole('network_office', HERE);
    for (const rule of Object.values(networkRules)) {
      expect(rule(office, HERE)).toBe(true);
      expect(rule(office, THERE)).toBe(false);
    }
  });
});
