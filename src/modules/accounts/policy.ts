import type { Actor } from '../../platform/policy.ts';

/** Everyone signed in manages their own account, and only their own: handlers act on actor.userId. */
export function mayManageOwnAccount(actor: Actor): actor is Actor & { userId: string } {
  return actor.userId !== null;
}
