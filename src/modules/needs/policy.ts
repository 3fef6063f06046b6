import { hasRole, isNetworkAdmin, municipalitiesOf, type Actor } from '../../platform/policy.ts';
import type { NeedStatus } from './schema.ts';

/*
 * A need is private by default: the network office and the guides (Engagementlotsen) whose
 * municipalities include the need's municipality handle it; the person who wrote it down, and the
 * members of the organisation it was written for, may follow it. A public need shows its title,
 * description, field and municipality to everyone, never who asked.
 */

export interface NeedFacts {
  networkId: string;
  municipalityId: string | null;
  createdBy: string | null;
  organisationId: string | null;
}

export function isGuideOf(actor: Actor, need: Pick<NeedFacts, 'networkId' | 'municipalityId'>): boolean {
  return need.municipalityId !== null && municipalitiesOf(actor, need.networkId, 'guide').includes(need.municipalityId);
}

/** Handles the need: sees the requester, changes the status, gets suggestions. */
export function canManageNeed(actor: Actor, need: NeedFacts): boolean {
  return isNetworkAdmin(actor, need.networkId) || isGuideOf(actor, need);
}

export function canViewNeed(actor: Actor, need: NeedFacts, facts: { isOrganisationMember: boolean }): boolean {
  if (canManageNeed(actor, need)) return true;
  if (actor.userId !== null && need.createdBy === actor.userId) return true;
  return need.organisationId !== null && facts.isOrganisationMember;
}

/** Whoever may see the whole need may correct it. */
export const canEditNeed = canViewNeed;

/**
 * Status changes: the office and the guides move a need along; the person who asked may only close
 * it (help found elsewhere) or open it again.
 */
export function statusChangesAllowed(
  actor: Actor,
  need: NeedFacts,
  facts: { isOrganisationMember: boolean },
): readonly NeedStatus[] | 'all' {
  if (canManageNeed(actor, need)) return 'all';
  if (canViewNeed(actor, need, facts)) return ['closed', 'open'];
  return [];
}

/** The list of all needs of a network (guides: of their municipalities). */
export function canListNeeds(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId) || hasRole(actor, networkId, 'guide');
}

/** Anyone signed in may ask for help. */
export function canCreateNeed(actor: Actor): boolean {
  return actor.userId !== null;
}

/** The office and guides write down needs for people who phoned or came by. */
export function canCreateOnBehalf(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId) || hasRole(actor, networkId, 'guide');
}

/**
 * Municipalities a person may file a need on someone else's behalf in: the office anywhere in its
 * network (null), a guide only in the municipalities they look after.
 */
export function onBehalfMunicipalities(actor: Actor, networkId: string): string[] | null {
  if (isNetworkAdmin(actor, networkId)) return null;
  return municipalitiesOf(actor, networkId, 'guide');
}
