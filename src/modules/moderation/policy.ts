import { isNetworkAdmin, type Actor } from '../../platform/policy.ts';

/*
 * Moderation belongs to the network office of the network concerned (and the platform admin).
 * Volunteers, organisations, guides and the office of another network cannot moderate here.
 * Anyone — signed in or not — may report content; the rate limit keeps that from becoming a flood.
 */

export function canModerate(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId);
}

export function canEditModerationSettings(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId);
}

export function canReportContent(_actor: Actor): boolean {
  return true;
}
