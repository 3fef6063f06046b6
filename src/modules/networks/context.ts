import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../../platform/http/errors.tsx';
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
