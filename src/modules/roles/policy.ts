import { isNetworkAdmin, type Actor } from '../../platform/policy.ts';

/*
 * Who may do what with members, invitations and network settings. The network office is the admin
 * of its own network and of no other; the platform admin (Betrieb) may do everything everywhere.
 */

/** Opens the network's admin area at all (overview, lists). */
export function canAdministerNetwork(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId);
}

/** Invites, removes roles, changes the municipalities of guides and municipality contacts. */
export function canManageMembers(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId);
}

export function canEditNetworkSettings(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId);
}

export function canManageMunicipalities(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId);
}

export function canViewAuditLog(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId);
}

/** Any signed-in person may try to accept an invitation; the invitation itself decides whether it is theirs. */
export function canAcceptInvitation(actor: Actor): boolean {
  return actor.userId !== null;
}
