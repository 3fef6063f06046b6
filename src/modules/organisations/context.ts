import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../../platform/http/errors.tsx';
import { getOrganisationDetails, organisationRoleOf, type OrganisationDetails, type OrganisationRole } from './queries.ts';

/**
 * Loads the organisation named by the `:id` route parameter, makes its network the page's network and
 * finds the person's role in it. Answers 404 and returns undefined when there is none; the caller
 * decides with its own policy what the role allows.
 */
export async function organisationOf(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<{ organisation: OrganisationDetails; role: OrganisationRole } | undefined> {
  const { id } = request.params as { id: string };
  const db = request.server.deps.db;
  const organisation = await getOrganisationDetails(db, id);
  if (!organisation) {
    await sendError(request, reply, 404);
    return undefined;
  }
  request.network = { id: organisation.network.id, slug: organisation.network.slug, name: organisation.network.name };
  return { organisation, role: await organisationRoleOf(db, organisation.id, request.actor.userId) };
}
