import type { FastifyPluginAsync } from 'fastify';
import { allow } from '../../platform/http/errors.tsx';
import { withdrawConsentById } from './consents.ts';
import { canManageOwnPrivacy } from './policy.ts';
import { dataRoutes } from './data-routes.tsx';
import { erasureRoutes } from './erasure-routes.tsx';
import { officeRoutes } from './office-routes.tsx';
import { findUser, listConsentsOf } from './queries.ts';
import { ConsentsPage } from './views/consents.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const routes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;

  app.get('/konto/einwilligungen', async (request, reply) => {
    if (!allow(request, reply, canManageOwnPrivacy(request.actor))) return reply;
    const user = await findUser(db, request.actor.userId!);
    if (!user) return allow(request, reply, false) && reply;
    const query = request.query as Record<string, unknown>;
    const notice = query.widerrufen !== undefined ? 'withdrawn' : query.unbekannt !== undefined ? 'notFound' : undefined;
    return reply.page(
      request.t('privacy.consents.title'),
      <ConsentsPage
        t={request.t}
        locale={request.locale}
        csrfToken={reply.generateCsrf()}
        rows={await listConsentsOf(db, { userId: user.id, email: user.email })}
        notice={notice}
      />,
    );
  });

  // Withdrawing takes one click, as giving did (Art. 7(3) DSGVO); no confirmation step.
  app.post('/konto/einwilligungen/:id/widerrufen', async (request, reply) => {
    if (!allow(request, reply, canManageOwnPrivacy(request.actor))) return reply;
    const { id } = request.params as { id: string };
    const user = await findUser(db, request.actor.userId!);
    const withdrawn = user && UUID.test(id) ? await withdrawConsentById(db, { userId: user.id, email: user.email }, id, app.deps.clock()) : null;
    return reply.redirect(`/konto/einwilligungen?${withdrawn ? 'widerrufen' : 'unbekannt'}=1`, 303);
  });

  await app.register(dataRoutes);
  await app.register(erasureRoutes);
  await app.register(officeRoutes);
};
