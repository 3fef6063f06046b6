import type { Actor } from '../../platform/policy.ts';

/** Anyone may search; saving a search needs an account, because alerts go to a confirmed address. */
export function canSaveSearch(actor: Actor): boolean {
  return actor.userId !== null;
}

/** A saved search is private to the person who saved it; not even the network office sees it. */
export function canManageSavedSearch(actor: Actor, search: { userId: string }): boolean {
  return actor.userId !== null && actor.userId === search.userId;
}
