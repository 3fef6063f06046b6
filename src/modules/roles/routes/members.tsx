import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { sendError } from '../../../platform/http/errors.tsx';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { idParam } from '../../../platform/http/ids.ts';
import { parseSort } from '../../../platform/ui/table.tsx';
import { adminNetwork } from '../../../platform/networks/context.ts';
import { listMunicipalities } from '../../../platform/networks/queries.ts';
import type { Network } from '../../../platform/networks/schema.ts';
import { removeMembership, setMemberMunicipalities } from '../commands.ts';
import { canManageMembers } from '../policy.ts';
import { findMember, listMembers } from '../queries.ts';
import { needsMunicipalities } from '../rules.ts';
import { adminPath } from '../views/common.tsx';
import { MEMBER_DEFAULT_SORT, MEMBER_SORTS, MemberList, MemberMunicipalitiesForm, RemoveConfirm } from '../views/members.tsx';
import { actorId, list, messagesFor, notice, pageTitle } from '../route-helpers.ts';

/* Members of a network: the list, removing a role, the municipalities of a guide or municipality contact. */

const memberPlacesBody = Type.Object({
  municipalityIds: Type.Optional(Type.Array(Type.String({ maxLength: 36 }), { maxItems: 1000 })),
});

export const membersRoutes: FastifyPluginAsync = async (app) => {
  const { db, clock } = app.deps;

  // ---- network admin: members ----

  app.get('/netzwerk/:slug/verwaltung/mitglieder', async (request, reply) => {
    const network = await adminNetwork(request, reply, canManageMembers);
    if (!network) return reply;
    const members = await listMembers(db, network.id);
    const sort = parseSort((request.query as Record<string, unknown> | undefined)?.sortierung, MEMBER_SORTS, MEMBER_DEFAULT_SORT);
    const done = notice(request, { entfernt: 'roles.list.removed', kommunen: 'roles.list.municipalitiesSaved' });
    return reply.page(
      pageTitle(request.t, 'roles.list.title'),
      <MemberList t={request.t} locale={request.locale} network={network} members={members} sort={sort} notice={done} />,
    );
  });

  app.get('/netzwerk/:slug/verwaltung/mitglieder/:membershipId/entfernen', async (request, reply) => {
    const network = await adminNetwork(request, reply, canManageMembers);
    if (!network) return reply;
    const id = idParam(request, 'membershipId');
    const member = id && (await findMember(db, network.id, id));
    if (!member) return sendError(request, reply, 404);
    return reply.page(
      pageTitle(request.t, 'roles.remove.title'),
      <RemoveConfirm t={request.t} csrfToken={reply.generateCsrf()} network={network} member={member} />,
    );
  });

  app.post('/netzwerk/:slug/verwaltung/mitglieder/:membershipId/entfernen', async (request, reply) => {
    const network = await adminNetwork(request, reply, canManageMembers);
    if (!network) return reply;
    const id = idParam(request, 'membershipId');
    const member = id && (await findMember(db, network.id, id));
    if (!id || !member) return sendError(request, reply, 404);
    const result = await removeMembership(db, { networkId: network.id, membershipId: id, actorId: actorId(request), now: clock() });
    if (result.ok) return reply.redirect(`${adminPath(network.slug, '/mitglieder')}?hinweis=entfernt`, 303);
    if (result.code === 'roles.not_found') return sendError(request, reply, 404);
    const t = request.t;
    return reply.page(
      pageTitle(t, 'roles.remove.title'),
      <RemoveConfirm
        t={t}
        csrfToken={reply.generateCsrf()}
        network={network}
        member={member}
        refusal={t('roles.error.lastNetworkOffice', { name: member.name || t('roles.list.noName') })}
      />,
      { status: 409 },
    );
  });

  const memberPlaces = async (request: FastifyRequest, reply: FastifyReply) => {
    const network = await adminNetwork(request, reply, canManageMembers);
    if (!network) return { reply };
    const id = idParam(request, 'membershipId');
    const member = id && (await findMember(db, network.id, id));
    if (!member || !needsMunicipalities(member.role)) return { reply: await sendError(request, reply, 404) };
    return { network, member };
  };

  const renderMemberPlaces = async (
    request: FastifyRequest,
    reply: FastifyReply,
    network: Network,
    member: NonNullable<Awaited<ReturnType<typeof findMember>>>,
    checked: ReadonlySet<string>,
    errors: FieldErrors,
    status = 200,
  ) =>
    reply.page(
      pageTitle(request.t, 'roles.admin.members'),
      <MemberMunicipalitiesForm
        t={request.t}
        csrfToken={reply.generateCsrf()}
        network={network}
        member={member}
        municipalities={await listMunicipalities(db, network.id)}
        checked={checked}
        errors={errors}
      />,
      { status },
    );

  app.get('/netzwerk/:slug/verwaltung/mitglieder/:membershipId/kommunen', async (request, reply) => {
    const found = await memberPlaces(request, reply);
    if (!found.network) return found.reply;
    return renderMemberPlaces(request, reply, found.network, found.member, new Set(found.member.municipalities.map((m) => m.id)), {});
  });

  app.post('/netzwerk/:slug/verwaltung/mitglieder/:membershipId/kommunen', {
    schema: { body: memberPlacesBody },
    attachValidation: true,
    handler: async (request, reply) => {
      const found = await memberPlaces(request, reply);
      if (!found.network) return found.reply;
      const { network, member } = found;
      const ids = list(request.body, 'municipalityIds');
      const result = request.validationError
        ? ({ ok: false, code: 'roles.invalid', problems: { municipalityIds: { key: 'roles.error.unknownMunicipality' } } } as const)
        : await setMemberMunicipalities(db, {
            networkId: network.id,
            membershipId: member.membershipId,
            municipalityIds: ids,
            actorId: actorId(request),
            now: clock(),
          });
      if (result.ok) return reply.redirect(`${adminPath(network.slug, '/mitglieder')}?hinweis=kommunen`, 303);
      if (result.code === 'roles.not_found') return sendError(request, reply, 404);
      return renderMemberPlaces(request, reply, network, member, new Set(ids), messagesFor(request, result.problems), 422);
    },
  });
};
