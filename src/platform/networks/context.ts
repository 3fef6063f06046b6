import type { FastifyReply, FastifyRequest } from 'fastify';
import { allow, sendError } from '../http/errors.tsx';
import type { Actor } from '../policy.ts';
import { findNetworkBySlug } from './queries.ts';
import type { Network } from './schema.ts';

/**
 * Loads the network named by the `:slug` route parameter and makes it the page's network.
 * Answers 404 and returns undefined when there is none.
 */
export async function networkOf(request: FastifyRequest, reply: FastifyReply): Promise<Network | undefined> {
  const slug = (request.params as { slug?: string }).slug ?? '';
  const network = await findNetworkBySlug(request.server.deps.db, slug);
  if (!network) {
    await sendError(request, reply, 404);
    return undefined;
  }
  request.network = { id: network.id, slug: network.slug, name: network.name };
  return network;
}

/**
 * The `:slug` network, if the actor may use this part of its admin area by `rule`. Answers 404, 403
 * or the login redirect itself and returns undefined when not.
 */
export async function adminNetwork(
  request: FastifyRequest,
  reply: FastifyReply,
  rule: (actor: Actor, networkId: string) => boolean,
): Promise<Network | undefined> {
  const network = await networkOf(request, reply);
  if (!network) return undefined;
  if (!allow(request, reply, rule(request.actor, network.id))) return undefined;
  return network;
}
