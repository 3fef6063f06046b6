import { describe, expect, it } from 'vitest';
import { PLACEMENT_STATUSES } from './schema.ts';
import { canTransition, nextStatuses, TRANSITIONS, type Mover } from './status.ts';
import { allowedStatuses, canChangeStatus, canOpenPlacement, canShareContact, partiesOf, type PlacementFacts } from './policy.ts';
import type { Actor } from '../../platform/policy.ts';

const MOVERS: Mover[] = ['staff', 'volunteer', 'system'];

/** The workflow as the issue names it, written out once more by hand so a slip in the table shows. */
const EXPECTED = new Set([
  'requested>in_contact:staff',
  'requested>first_meeting:staff',
  'requested>placed:staff',
  'requested>declined:staff',
  'requested>declined:volunteer',
  'requested>no_answer:system',
  'in_contact>first_meeting:staff',
  'in_contact>placed:staff',
  'in_contact>declined:staff',
  'in_contact>declined:volunteer',
  'first_meeting>placed:staff',
  'first_meeting>declined:staff',
  'first_meeting>declined:volunteer',
  'placed>ended:staff',
  'no_answer>in_contact:staff',
]);

describe('placement transitions', () => {
  it('allows exactly the listed moves and refuses every other combination', () => {
    let refused = 0;
    for (const from of PLACEMENT_STATUSES) {
      for (const to of PLACEMENT_STATUSES) {
        for (const mover of MOVERS) {
          const expected = EXPECTED.has(`${from}>${to}:${mover}`);
          expect(canTransition(from, to, mover), `${from} → ${to} by ${mover}`).toBe(expected);
          if (!expected) refused++;
        }
      }
    }
    expect(refused).toBe(7 * 7 * 3 - EXPECTED.size);
  });

  it('never moves a closed placement on, except a late answer after "keine Rückmeldung"', () => {
    expect(Object.keys(TRANSITIONS.ended)).toEqual([]);
    expect(Object.keys(TRANSITIONS.declined)).toEqual([]);
    expect(nextStatuses('no_answer', ['volunteer', 'system'])).toEqual([]);
    expect(nextStatuses('no_answer', ['staff'])).toEqual(['in_contact']);
  });

  it('offers staff the steps forward and the volunteer only the withdrawal', () => {
    expect(allowedStatuses(['organisation'], 'requested')).toEqual(['in_contact', 'first_meeting', 'placed', 'declined']);
    expect(allowedStatuses(['volunteer'], 'requested')).toEqual(['declined']);
    expect(allowedStatuses(['volunteer'], 'placed')).toEqual([]);
    expect(canChangeStatus(['guide'], 'placed', 'ended')).toBe(true);
    expect(canChangeStatus(['volunteer'], 'requested', 'placed')).toBe(false);
    expect(canChangeStatus([], 'requested', 'declined')).toBe(false);
  });
});

describe('placement parties', () => {
  const network = 'n1';
  const facts: PlacementFacts = {
    networkId: network,
    municipalityId: 'm1',
    volunteerId: 'v1',
    confirmed: true,
    isOrganisationMember: false,
    hasVolunteerAccess: false,
  };
  const actor = (userId: string, roles: Actor['roles'] = []): Actor => ({ userId, isPlatformAdmin: false, roles });

  it('knows the volunteer, the organisation, the office and the guide of the municipality', () => {
    expect(partiesOf(actor('v1'), facts)).toEqual(['volunteer']);
    expect(partiesOf(actor('o1'), { ...facts, isOrganisationMember: true })).toEqual(['organisation']);
    expect(partiesOf(actor('x', [{ networkId: network, role: 'network_office', municipalityIds: [] }]), facts)).toEqual(['office']);
    expect(partiesOf(actor('g', [{ networkId: network, role: 'guide', municipalityIds: ['m1'] }]), facts)).toEqual(['guide']);
  });

  it('knows nobody else: other guides, other offices, other roles, strangers, unconfirmed inquiries', () => {
    expect(partiesOf(actor('g', [{ networkId: network, role: 'guide', municipalityIds: ['m2'] }]), facts)).toEqual([]);
    expect(partiesOf(actor('x', [{ networkId: 'n2', role: 'network_office', municipalityIds: [] }]), facts)).toEqual([]);
    expect(partiesOf(actor('x', [{ networkId: network, role: 'municipality_contact', municipalityIds: ['m1'] }]), facts)).toEqual([]);
    expect(partiesOf(actor('stranger'), facts)).toEqual([]);
    expect(partiesOf(actor('v1'), { ...facts, confirmed: false })).toEqual([]);
    expect(partiesOf({ userId: null, isPlatformAdmin: false, roles: [] }, { ...facts, hasVolunteerAccess: true })).toEqual(['volunteer']);
  });

  it('lets each side release only its own address', () => {
    expect(canShareContact(['volunteer'], 'organisation', true)).toBe(false);
    expect(canShareContact(['office'], 'organisation', true)).toBe(false);
    expect(canShareContact(['office'], 'organisation', false)).toBe(true);
    expect(canShareContact(['organisation'], 'volunteer', true)).toBe(false);
  });

  it('lets a guide open placements only within their municipalities', () => {
    const guide = actor('g', [{ networkId: network, role: 'guide', municipalityIds: ['m1'] }]);
    expect(canOpenPlacement(guide, network, ['m1'])).toBe(true);
    expect(canOpenPlacement(guide, network, ['m1', 'm2'])).toBe(false);
    expect(canOpenPlacement(guide, network, [])).toBe(false);
    expect(canOpenPlacement(actor('x', [{ networkId: network, role: 'network_office', municipalityIds: [] }]), network, [])).toBe(true);
  });
});
