import { isNetworkAdmin, type Actor } from '../../platform/policy.ts';
import type { Organisation } from './schema.ts';
import type { OrganisationRole } from './queries.ts';

/*
 * Who may do what with organisations. Inside an organisation, its admins manage the profile and the
 * members; every member works on its offers. The network office of the organisation's network may do
 * all of that as well and decides on verification; the office of another network may not.
 */

type Subject = Pick<Organisation, 'networkId' | 'status'>;

/** Any signed-in person may register the club or initiative they act for. */
export function canRegisterOrganisation(actor: Actor): boolean {
  return actor.userId !== null;
}

/** Verified organisations are public; others only for their own people and the office. */
export function canViewOrganisation(actor: Actor, organisation: Subject, role: OrganisationRole): boolean {
  return organisation.status === 'verified' || role !== null || isNetworkAdmin(actor, organisation.networkId);
}

export function canEditOrganisation(actor: Actor, organisation: Subject, role: OrganisationRole): boolean {
  return actor.userId !== null && (role === 'admin' || isNetworkAdmin(actor, organisation.networkId));
}

export function canManageOrganisationMembers(actor: Actor, organisation: Subject, role: OrganisationRole): boolean {
  return canEditOrganisation(actor, organisation, role);
}

/** Seeing who belongs to the organisation: its own people and the office. */
export function canViewOrganisationMembers(actor: Actor, organisation: Subject, role: OrganisationRole): boolean {
  return actor.userId !== null && (role !== null || isNetworkAdmin(actor, organisation.networkId));
}

export function canVerifyOrganisation(actor: Actor, organisation: Pick<Organisation, 'networkId'>): boolean {
  return isNetworkAdmin(actor, organisation.networkId);
}

/** Setting an organisation's position by hand instead of the one derived from its address: the office. */
export function canCorrectOrganisationPosition(actor: Actor, organisation: Pick<Organisation, 'networkId'>): boolean {
  return isNetworkAdmin(actor, organisation.networkId);
}
