import { isNetworkAdmin, type Actor } from '../../platform/policy.ts';

/*
 * Each person sees, downloads and erases only their own data. The network office (and a platform admin)
 * may erase an account on the person's request and sets its network's retention periods.
 */

export function canManageOwnPrivacy(actor: Actor): boolean {
  return actor.userId !== null;
}

export function canAdministerPrivacy(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId);
}
