import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db.ts';
import type { Actor } from '../../platform/policy.ts';
import { knowledgeEntries } from '../knowledge/schema.ts';
import { isNetworkMember } from './policy.ts';
import type { EventDetail } from './queries.ts';
import type { Network } from '../networks/schema.ts';

type Loader = (request: FastifyRequest, reply: FastifyReply) => Promise<{ network: Network; event: EventDetail; memberOf: boolean } | undefined>;

/** The event's documentation in the knowledge base, when published and visible to the person. */
export async function documentationOf(db: Db, eventId: string, actor: Actor): Promise<{ href: string; title: string } | null> {
  const [entry] = await db
    .select({ id: knowledgeEntries.id, title: knowledgeEntries.title, networkId: knowledgeEntries.networkId, visibility: knowledgeEntries.visibility, status: knowledgeEntries.status })
    .from(knowledgeEntries)
    .where(and(eq(knowledgeEntries.eventId, eventId), eq(knowledgeEntries.kind, 'documentation'), eq(knowledgeEntries.status, 'published')))
    .orderBy(desc(knowledgeEntries.updatedAt))
    .limit(1);
  if (!entry) return null;
  if (entry.visibility === 'members' && !isNetworkMember(actor, entry.networkId)) return null;
  return { href: `/wissen/${entry.id}`, title: entry.title };
}

/** Documentation routes (minutes, results, files → a knowledge entry); filled in with the knowledge base. */
export async function registerDocumentationRoutes(_app: FastifyInstance, _loaders: { loadManaged: Loader; loadEvent: Loader }): Promise<void> {}
