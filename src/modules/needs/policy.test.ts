import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '../../platform/policy.ts';
import type { Role } from '../../platform/roles/schema.ts';
import { NEXT_STATUSES } from './commands.ts';
import {
  canCreateOnBehalf,
  canListNeeds,
  canManageNeed,
  canViewNeed,
  onBehalfMunicipalities,
  statusChangesAllowed,
  type NeedFacts,
} from './policy.ts';
import { NEED_STATUSES } from './schema.ts';

const HERE = 'network-here';
const THERE = 'network-there';
const need: NeedFacts = { networkId: HERE, municipalityId: 'krostitz', createdBy: 'creator', organisationId: 'org' };

function actor(userId: string, role?: Role, networkId = HERE, municipalityIds: string[] = []): Actor {
  return { userId, isPlatformAdmin: false, roles: role ? [{ networkId, role, municipalityIds }] : [] };
}

const cases: Array<{ who: string; actor: Actor; member?: boolean; view: boolean; manage: boolean }> = [
  { who: 'anonymous', actor: ANONYMOUS, view: false, manage: false },
  { who: 'volunteer', actor: actor('v', 'volunteer'), view: false, manage: false },
  { who: 'organisation role, not a member', actor: actor('o', 'organisation'), view: false, manage: false },
  { who: 'member of the need’s organisation', actor: actor('m', 'organisation'), member: true, view: true, manage: false },
  { who: 'guide of another municipality', actor: actor('g1', 'guide', HERE, ['taucha']), view: false, manage: false },
  { who: 'guide of Krostitz in another network', actor: actor('g2', 'guide', THERE, ['krostitz']), view: false, manage: false },
  { who: 'guide of the municipality', actor: actor('g3', 'guide', HERE, ['taucha', 'krostitz']), view: true, manage: true },
  { who: 'municipality contact of the municipality', actor: actor('mc', 'municipality_contact', HERE, ['krostitz']), view: false, manage: false },
  { who: 'office of the other network', actor: actor('o2', 'network_office', THERE), view: false, manage: false },
  { who: 'office of the network', actor: actor('o1', 'network_office'), view: true, manage: true },
  { who: 'platform admin', actor: { userId: 'admin', isPlatformAdmin: true, roles: [] }, view: true, manage: true },
  { who: 'creator', actor: actor('creator'), view: true, manage: false },
];

describe('needs policy', () => {
  for (const c of cases) {
    it(`${c.who}: view ${c.view}, manage ${c.manage}`, () => {
      const facts = { isOrganisationMember: c.member ?? false };
      expect(canViewNeed(c.actor, need, facts)).toBe(c.view);
      expect(canManageNeed(c.actor, need)).toBe(c.manage);
      const changes = statusChangesAllowed(c.actor, need, facts);
      if (c.manage) expect(changes).toBe('all');
      else if (c.view) expect(changes).toEqual(['closed', 'open']);
      else expect(changes).toEqual([]);
    });
  }

  it('does not let a guide without municipality see needs that have none', () => {
    const nowhere = { ...need, municipalityId: null, createdBy: null, organisationId: null };
    expect(canViewNeed(actor('g', 'guide', HERE, []), nowhere, { isOrganisationMember: false })).toBe(false);
    expect(canViewNeed(actor('o', 'network_office'), nowhere, { isOrganisationMember: false })).toBe(true);
  });

  it('lets the office and guides list needs and file them for others; guides only in their municipalities', () => {
    expect(canListNeeds(actor('o', 'network_office'), HERE)).toBe(true);
    expect(canListNeeds(actor('g', 'guide', HERE, ['x']), HERE)).toBe(true);
    expect(canListNeeds(actor('v', 'volunteer'), HERE)).toBe(false);
    expect(canListNeeds(actor('o', 'network_office', THERE), HERE)).toBe(false);
    expect(canCreateOnBehalf(actor('v', 'volunteer'), HERE)).toBe(false);
    expect(onBehalfMunicipalities(actor('o', 'network_office'), HERE)).toBeNull();
    expect(onBehalfMunicipalities(actor('g', 'guide', HERE, ['a', 'b']), HERE)).toEqual(['a', 'b']);
  });

  it('allows only the documented status steps', () => {
    for (const from of NEED_STATUSES) {
      expect(NEXT_STATUSES[from]).not.toContain(from);
    }
    expect(NEXT_STATUSES.open).not.toContain('matched');
    expect(NEXT_STATUSES.closed).toEqual(['open']);
  });
});
