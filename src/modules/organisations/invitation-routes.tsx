import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { acceptOrganisationInvitation, findOrganisationInvitation, invitationProblem, ORGANISATION_INVITATION_DAYS, type InvitationProblem } from './invitations.ts';
import { InvitationGone, InvitationPage, type InvitationState } from './views/invitation.tsx';

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** Accepting an invitation into an organisation, from the mailed link. */
export const invitationRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;

  const GONE: Record<InvitationProblem, { key: MessageKey; status: number }> = {
    unknown: { key: 'organisations.invitation.unknown', status: 404 },
    expired: { key: 'organisations.invitation.expired', status: 410 },
    used: { key: 'organisations.invitation.used', status: 410 },
    revoked: { key: 'organisations.invitation.revoked', status: 410 },
    wrong_email: { key: 'organisations.invitation.unknown', status: 403 },
  };

  function gone(request: FastifyRequest, reply: FastifyReply, problem: InvitationProblem) {
    const { key, status } = GONE[problem];
    return reply.page(
      request.t('organisations.invitation.goneTitle'),
      <InvitationGone t={request.t} text={request.t(key, { days: String(ORGANISATION_INVITATION_DAYS) })} />,
      { status },
    );
  }

  async function show(request: FastifyRequest, reply: FastifyReply, status = 200) {
    const token = String((request.params as { token?: string }).token ?? '');
    const view = TOKEN.test(token) ? await findOrganisationInvitation(db, token) : undefined;
    const problem = invitationProblem(view, app.deps.clock());
    if (problem || !view) return gone(request, reply, problem ?? 'unknown');
    const path = `/organisationen/einladung/${token}`;
    const user = request.user;
    let state: InvitationState;
    if (!user) {
      const back = encodeURIComponent(path);
      state = { kind: 'anonymous', loginHref: `/anmelden?weiter=${back}`, registerHref: `/registrieren?weiter=${back}` };
    } else if (user.email !== view.email) {
      state = { kind: 'wrong_email', accountEmail: user.email };
    } else {
      state = { kind: 'ready', action: path };
    }
    return reply.page(
      request.t('organisations.invitation.title', { organisation: view.organisationName }),
      <InvitationPage t={request.t} csrfToken={reply.generateCsrf()} organisationName={view.organisationName} role={view.role} state={state} />,
      { status },
    );
  }

  app.get('/organisationen/einladung/:token', (request, reply) => show(request, reply));

  app.post('/organisationen/einladung/:token', async (request, reply) => {
    const token = String((request.params as { token?: string }).token ?? '');
    const user = request.user;
    if (!TOKEN.test(token)) return gone(request, reply, 'unknown');
    if (!user) return reply.redirect(`/anmelden?weiter=${encodeURIComponent(`/organisationen/einladung/${token}`)}`, 303);
    const result = await acceptOrganisationInvitation(db, { secret: token, user, now: app.deps.clock() });
    if (result.ok) return reply.redirect(`/organisationen/${result.organisationId}?hinweis=beigetreten`, 303);
    if (result.code === 'wrong_email') return show(request, reply, 403);
    return gone(request, reply, result.code);
  });
};
