import { hasRole, isNetworkAdmin, municipalitiesOf, type Actor } from '../../platform/policy.ts';

/*
 * Who may do what in recognition. Volunteers keep their own hours log and apply; the organisation (any of
 * its members) confirms hours logged with it and issues certificates for them; the municipality contact
 * decides on applications from their municipalities, the network office on all of its network and keeps
 * the acceptance points.
 */

export function canKeepHoursLog(actor: Actor): boolean {
  return actor.userId !== null;
}

export function canDecideHours(actor: Actor, organisation: { networkId: string }, role: 'admin' | 'member' | null): boolean {
  return actor.userId !== null && (role !== null || isNetworkAdmin(actor, organisation.networkId));
}

/** Seeing the applications page of a network: the office, and municipality contacts for their municipalities. */
export function canSeeApplications(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId) || hasRole(actor, networkId, 'municipality_contact');
}

/** The municipalities whose applications a person may see and decide; null for all of the network. */
export function applicationScope(actor: Actor, networkId: string): string[] | null {
  return isNetworkAdmin(actor, networkId) ? null : municipalitiesOf(actor, networkId, 'municipality_contact');
}

export function canDecideApplication(actor: Actor, application: { networkId: string; municipalityId: string | null }): boolean {
  if (isNetworkAdmin(actor, application.networkId)) return true;
  return application.municipalityId !== null && municipalitiesOf(actor, application.networkId, 'municipality_contact').includes(application.municipalityId);
}

export function canConfigureCards(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId);
}

export function canManageAcceptancePoints(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId);
}

/** Hours at the office's own events and the network's totals per person: the network office. */
export function canSeeNetworkHours(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId);
}
