import { hasRole, isNetworkAdmin, type Actor } from '../../platform/policy.ts';
import { isNetworkMember } from '../events/index.ts';
import type { KnowledgeEntry } from './schema.ts';

/*
 * The knowledge base belongs to the network office: it publishes. People who work in the network
 * (organisations, guides, municipality contacts) write drafts and send them for review. Published
 * entries are public or for members only (anyone with a role in the network); members-only entries do
 * not exist for visitors, not even in the search.
 */

type Subject = Pick<KnowledgeEntry, 'networkId' | 'status' | 'visibility' | 'createdBy'>;

export function canContribute(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId) || hasRole(actor, networkId, 'organisation', 'guide', 'municipality_contact');
}

export function canPublishEntry(actor: Actor, networkId: string): boolean {
  return isNetworkAdmin(actor, networkId);
}

/** The office edits everything; an author their own entry until it is published. */
export function canEditEntry(actor: Actor, entry: Subject): boolean {
  if (isNetworkAdmin(actor, entry.networkId)) return true;
  return actor.userId !== null && entry.createdBy === actor.userId && entry.status !== 'published' && canContribute(actor, entry.networkId);
}

export function canReadVisibility(actor: Actor, networkId: string, visibility: KnowledgeEntry['visibility']): boolean {
  return visibility === 'public' || isNetworkMember(actor, networkId);
}

export function canViewEntry(actor: Actor, entry: Subject): boolean {
  if (entry.status === 'published') return canReadVisibility(actor, entry.networkId, entry.visibility);
  return canEditEntry(actor, entry);
}
