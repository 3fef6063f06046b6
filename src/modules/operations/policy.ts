import type { Actor } from '../../platform/policy.ts';

/* Platform operations are the operator's (platform admin's) alone: they concern every network. */

/** The outbox holds mail to everyone on the instance, so only the operator reads it. */
export function canViewOutbox(actor: Actor): boolean {
  return actor.isPlatformAdmin;
}

export function canViewFailedJobs(actor: Actor): boolean {
  return actor.isPlatformAdmin;
}

/** Creating networks and seeing all of them is the operator's job. */
export function canManageNetworks(actor: Actor): boolean {
  return actor.isPlatformAdmin;
}

/** A backup holds every person's data and password hash, of all networks: the operator's alone. */
export function canDownloadBackup(actor: Actor): boolean {
  return actor.isPlatformAdmin;
}
