import { isNetworkAdmin, type Actor } from '../../platform/policy.ts';

/*
 * Importing writes offers and organisations for the whole network and publishes them unchecked;
 * exporting hands out every offer with its contact details. Both are the network office's work
 * (and the platform admin's), nobody else's.
 */

export function canImportOffers(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId);
}

export function canExportOffers(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId);
}
