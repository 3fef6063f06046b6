import { isNetworkAdmin, type Actor } from '../../platform/policy.ts';

/*
 * The network office runs its info mails: lists, segments, writing, sending, approving, the bounce
 * report. Subscribing, confirming, preferences and unsubscribing need no account: a personal link
 * (signed, or single-use for the confirmation) stands for the person.
 */
export function canManageInfomail(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId);
}
