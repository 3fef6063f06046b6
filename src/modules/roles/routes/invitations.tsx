import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { allow, sendError } from '../../../platform/http/errors.tsx';
import { fieldErrorsFromValidation, type FieldErrors } from '../../../platform/http/forms.ts';
import { idParam } from '../../../platform/http/ids.ts';
import { hashSecret } from '../../../platform/auth/tokens.ts';
import { adminNetwork } from '../../../platform/networks/context.ts';
import { listMunicipalities } from '../../../platform/networks/queries.ts';
import type { Network } from '../../../platform/networks/schema.ts';
import { acceptInvitation, inviteMember, revokeInvitation } from '../commands.ts';
import { canAcceptInvitation, canManageMembers } from '../policy.ts';
import { findInvitationByToken, hasMembership, listOpenInvitations } from '../queries.ts';
import { INVITATION_DAYS, needsMunicipalities } from '../rules.ts';
import { ROLES, type Role } from '../schema.ts';
import { adminPath } from '../views/common.tsx';
import { InvitationPage, InvitationProblem, type InvitationState } from '../views/invitation.tsx';
import { InvitationsPage, type InviteFormValues } from '../views/invitations.tsx';
import { actorId, list, messagesFor, notice, pageTitle, text } from '../route-helpers.ts';

/* Invitations: sending and revoking them in the admin area, and accepting one through its link. */

const inviteBody = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
  role: Type.Union(ROLES.map((r) => Type.Literal(r))),
  municipalityIds: Type.Optional(Type.Array(Type.String({ maxLength: 36 }), { maxItems: 1000 })),
});

export const invitationsRoutes: FastifyPluginAsync = async (app) => {
  const { db, jobs, config, clock } = app.deps;

  // ---- network admin: invitations ----

  const renderInvitations = async (
    request: FastifyRequest,
    reply: FastifyReply,
    network: Network,
    values: InviteFormValues,
    errors: FieldErrors,
    status = 200,
  ) => {
    const now = clock();
    const done = notice(request, { verschickt: 'roles.invite.sent', zurueckgezogen: 'roles.invite.revoked' });
    return reply.page(
      pageTitle(request.t, 'roles.invite.title'),
      <InvitationsPage
        t={request.t}
        locale={request.locale}
        csrfToken={reply.generateCsrf()}
        network={network}
        municipalities={await listMunicipalities(db, network.id)}
        invitations={await listOpenInvitations(db, network.id, now)}
        values={values}
        errors={errors}
        notice={status === 200 ? done : undefined}
      />,
      { status },
    );
  };

  app.get('/netzwerk/:slug/verwaltung/einladungen', async (request, reply) => {
    const network = await adminNetwork(request, reply, canManageMembers);
    if (!network) return reply;
    return renderInvitations(request, reply, network, { email: '', role: '', municipalityIds: new Set() }, {});
  });

  app.post('/netzwerk/:slug/verwaltung/einladungen', {
    schema: { body: inviteBody },
    attachValidation: true,
    handler: async (request, reply) => {
      const network = await adminNetwork(request, reply, canManageMembers);
      if (!network) return reply;
      const t = request.t;
      const values: InviteFormValues = {
        email: text(request.body, 'email'),
        role: text(request.body, 'role'),
        municipalityIds: new Set(list(request.body, 'municipalityIds')),
      };
      const errors = fieldErrorsFromValidation(request.validationError?.validation, t);
      if (errors.role) errors.role = t('roles.invite.roleRequired');
      const role = (ROLES as readonly string[]).includes(values.role) ? (values.role as Role) : undefined;
      // Tell about a missing municipality in the same round as a bad address.
      if (role && needsMunicipalities(role) && values.municipalityIds.size === 0) {
        errors.municipalityIds = t('roles.error.municipalityRequired');
      }
      if (Object.keys(errors).length > 0 || !role) return renderInvitations(request, reply, network, values, errors, 422);
      const result = await inviteMember(
        { db, jobs, publicUrl: config.publicUrl },
        { network, email: values.email, role, municipalityIds: [...values.municipalityIds], actorId: actorId(request), now: clock() },
      );
      if (!result.ok) return renderInvitations(request, reply, network, values, messagesFor(request, result.problems), 422);
      return reply.redirect(`${adminPath(network.slug, '/einladungen')}?hinweis=verschickt`, 303);
    },
  });

  app.post('/netzwerk/:slug/verwaltung/einladungen/:invitationId/zurueckziehen', async (request, reply) => {
    const network = await adminNetwork(request, reply, canManageMembers);
    if (!network) return reply;
    const id = idParam(request, 'invitationId');
    if (!id) return sendError(request, reply, 404);
    const result = await revokeInvitation(db, { networkId: network.id, invitationId: id, actorId: actorId(request), now: clock() });
    if (!result.ok) return sendError(request, reply, 404);
    return reply.redirect(`${adminPath(network.slug, '/einladungen')}?hinweis=zurueckgezogen`, 303);
  });

  // ---- accepting an invitation ----

  const TOKEN = /^[A-Za-z0-9_-]{20,128}$/;

  const invitationProblem = (request: FastifyRequest, reply: FastifyReply, kind: 'unknown' | 'expired' | 'revoked' | 'used') => {
    const t = request.t;
    const title = t(`roles.invitation.${kind}.title` as MessageKey);
    return reply.page(title, <InvitationProblem t={t} title={title} text={t(`roles.invitation.${kind}.text` as MessageKey, { days: INVITATION_DAYS })} />, {
      status: kind === 'unknown' ? 404 : 410,
    });
  };

  const showInvitation = async (request: FastifyRequest, reply: FastifyReply, status = 200) => {
    const token = String((request.params as { token?: string }).token ?? '');
    const found = TOKEN.test(token) ? await findInvitationByToken(db, hashSecret(token)) : undefined;
    if (!found) return invitationProblem(request, reply, 'unknown');
    const { invitation, network } = found;
    request.network = { id: network.id, slug: network.slug, name: network.name };
    const user = request.user;
    let state: InvitationState;
    if (invitation.revokedAt) return invitationProblem(request, reply, 'revoked');
    if (invitation.acceptedAt) {
      if (!user || !(await hasMembership(db, network.id, user.id, invitation.role))) return invitationProblem(request, reply, 'used');
      state = { kind: 'accepted' };
    } else if (found.tokenExpiresAt.getTime() <= clock().getTime()) {
      return invitationProblem(request, reply, 'expired');
    } else if (!user) {
      const back = encodeURIComponent(`/einladung/${token}`);
      state = { kind: 'anonymous', loginHref: `/anmelden?weiter=${back}`, registerHref: `/registrieren?weiter=${back}` };
    } else if (user.email.toLowerCase() !== invitation.email.toLowerCase()) {
      state = { kind: 'wrong_email', accountEmail: user.email };
    } else {
      state = { kind: 'ready' };
    }
    const t = request.t;
    return reply.page(
      t('roles.invitation.title', { network: network.name }),
      <InvitationPage t={t} locale={request.locale} csrfToken={reply.generateCsrf()} token={token} network={network} invitation={invitation} state={state} />,
      { status },
    );
  };

  app.get('/einladung/:token', async (request, reply) => showInvitation(request, reply));

  app.post('/einladung/:token', async (request, reply) => {
    if (!allow(request, reply, canAcceptInvitation(request.actor))) return reply;
    const user = request.user;
    const token = String((request.params as { token?: string }).token ?? '');
    if (!user || !TOKEN.test(token)) return invitationProblem(request, reply, 'unknown');
    const result = await acceptInvitation(db, { token, user: { id: user.id, email: user.email }, now: clock() });
    if (result.ok) return reply.redirect(`/einladung/${token}`, 303);
    switch (result.code) {
      case 'roles.invitation.wrong_email':
        return showInvitation(request, reply, 403);
      case 'roles.invitation.expired':
        return invitationProblem(request, reply, 'expired');
      case 'roles.invitation.revoked':
        return invitationProblem(request, reply, 'revoked');
      case 'roles.invitation.used':
        return invitationProblem(request, reply, 'used');
      default:
        return invitationProblem(request, reply, 'unknown');
    }
  });
};
