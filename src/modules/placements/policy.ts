import { hasRole, isNetworkAdmin, municipalitiesOf, type Actor } from '../../platform/policy.ts';
import type { PlacementStatus } from './schema.ts';
import { canTransition, nextStatuses, type Mover } from './status.ts';

/*
 * Who may do what with a placement. A placement has two sides: the volunteer, and the side that
 * receives the inquiry (the organisation's members, backed by the network office and the guides of
 * the municipality). Nobody else sees it, not even the office, until the volunteer has confirmed it.
 */

/** The roles a person can hold towards one placement; one person may hold several. */
export type Party = 'volunteer' | 'organisation' | 'office' | 'guide';

/** What the route knows about the placement and the request, found out by queries beforehand. */
export interface PlacementFacts {
  networkId: string;
  municipalityId: string | null;
  volunteerId: string | null;
  confirmed: boolean;
  /** The actor is a member of the organisation that published the offer. */
  isOrganisationMember: boolean;
  /** The request carried the volunteer's private link (people without an account). */
  hasVolunteerAccess: boolean;
  /** The request carried the organisation's private link (an organisation nobody has claimed yet). */
  hasOrganisationAccess?: boolean;
}

export function partiesOf(actor: Actor, facts: PlacementFacts): Party[] {
  if (!facts.confirmed) return [];
  const parties: Party[] = [];
  if (facts.hasVolunteerAccess || (actor.userId !== null && actor.userId === facts.volunteerId)) {
    parties.push('volunteer');
  }
  if (facts.isOrganisationMember || facts.hasOrganisationAccess) parties.push('organisation');
  if (isNetworkAdmin(actor, facts.networkId)) parties.push('office');
  if (facts.municipalityId && municipalitiesOf(actor, facts.networkId, 'guide').includes(facts.municipalityId)) {
    parties.push('guide');
  }
  return parties;
}

export function canViewPlacement(parties: readonly Party[]): boolean {
  return parties.length > 0;
}

function moversOf(parties: readonly Party[]): Mover[] {
  const movers: Mover[] = [];
  if (parties.includes('volunteer')) movers.push('volunteer');
  if (parties.some((p) => p !== 'volunteer')) movers.push('staff');
  return movers;
}

export function canChangeStatus(parties: readonly Party[], from: PlacementStatus, to: PlacementStatus): boolean {
  return moversOf(parties).some((mover) => canTransition(from, to, mover));
}

export function allowedStatuses(parties: readonly Party[], from: PlacementStatus): PlacementStatus[] {
  return nextStatuses(from, moversOf(parties));
}

export function canWriteMessage(parties: readonly Party[]): boolean {
  return parties.length > 0;
}

/** The side a message or a status change is recorded for; acting as the volunteer comes first. */
export function sideOf(parties: readonly Party[]): 'volunteer' | 'organisation' | 'office' {
  if (parties.includes('volunteer')) return 'volunteer';
  if (parties.includes('organisation')) return 'organisation';
  return 'office';
}

/**
 * Releasing an e-mail address is each side's own decision: the volunteer releases theirs; the
 * organisation's members release the organisation's. Where no organisation stands behind the
 * placement (a need the office handles), the office and the guides speak for the receiving side.
 */
export function canShareContact(parties: readonly Party[], side: 'volunteer' | 'organisation', hasOrganisation: boolean): boolean {
  if (side === 'volunteer') return parties.includes('volunteer');
  if (hasOrganisation) return parties.includes('organisation');
  return parties.includes('office') || parties.includes('guide');
}

/** The office's list of every placement in its network. */
export function canViewNetworkPlacements(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId);
}

/** The guides' list, restricted to their municipalities. */
export function canViewGuidePlacements(actor: Actor, networkId: string): boolean {
  return hasRole(actor, networkId, 'guide');
}

/**
 * Opening a placement for a chosen volunteer: the office anywhere in its network, a guide only where
 * the need or offer lies in one of their municipalities.
 */
export function canOpenPlacement(actor: Actor, networkId: string, municipalityIds: ReadonlyArray<string | null>): boolean {
  if (isNetworkAdmin(actor, networkId)) return true;
  const mine = municipalitiesOf(actor, networkId, 'guide');
  const places = municipalityIds.filter((m): m is string => m !== null);
  return places.length > 0 && places.every((m) => mine.includes(m));
}

export function canRequestAsSignedIn(actor: Actor): boolean {
  return actor.userId !== null;
}
