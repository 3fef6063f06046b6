import type { FastifyPluginAsync } from 'fastify';
import { allow } from '../../platform/http/errors.tsx';
import { formatDay, pendingErasure, undoErasureByToken, undoOwnErasure } from './erasure.ts';
import { canManageOwnPrivacy } from './policy.ts';
import { MessagePage } from '../../platform/ui/message-page.tsx';
import { ButtonPage } from './views/data.tsx';

export const erasureRoutes: FastifyPluginAsync = async (app) => {
  const { deps } = app;

  const tooLate = (t: (key: 'privacy.erasure.undoTooLateTitle' | 'privacy.erasure.undoTooLateText') => string) => (
    <MessagePage title={t('privacy.erasure.undoTooLateTitle')} text={t('privacy.erasure.undoTooLateText')} />
  );

  // The mail's undo link: the page only shows a button, so a mail scanner opening the link changes nothing.
  app.get('/konto/loeschung-abbrechen/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const t = request.t;
    return reply.page(
      t('privacy.erasure.undo'),
      <ButtonPage
        title={t('privacy.erasure.pendingTitle')}
        text={t('privacy.erasure.undoConfirmText')}
        action={`/konto/loeschung-abbrechen/${encodeURIComponent(token)}`}
        submit={t('privacy.erasure.undo')}
        csrfToken={reply.generateCsrf()}
      />,
    );
  });

  app.post('/konto/loeschung-abbrechen/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const t = request.t;
    const undone = await undoErasureByToken(deps.db, token, deps.clock());
    if (!undone) return reply.page(t('privacy.erasure.undoTooLateTitle'), tooLate(t), { status: 410 });
    return reply.page(t('privacy.erasure.undone'), <MessagePage title={t('privacy.erasure.undone')} text={t('privacy.erasure.undone')} link={{ href: '/anmelden', label: t('layout.login') }} />);
  });

  // After "Konto löschen": signed out, with the day the erasure is due.
  app.get('/konto/loeschung/vorgemerkt', async (request, reply) => {
    const t = request.t;
    const day = (request.query as Record<string, unknown>).am;
    const due = typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T12:00:00Z`) : null;
    if (!due || Number.isNaN(due.getTime())) return reply.redirect('/', 303);
    return reply.page(
      t('privacy.erasure.scheduledTitle'),
      <MessagePage title={t('privacy.erasure.scheduledTitle')} text={t('privacy.erasure.scheduledText', { date: formatDay(request.locale, due) })} />,
    );
  });

  // Where a person lands after signing in during the grace period.
  app.get('/konto/loeschung', async (request, reply) => {
    if (!allow(request, reply, canManageOwnPrivacy(request.actor))) return reply;
    const t = request.t;
    const pending = await pendingErasure(deps.db, request.actor.userId!);
    if (!pending) return reply.redirect('/konto', 303);
    return reply.page(
      t('privacy.erasure.pendingTitle'),
      <ButtonPage
        title={t('privacy.erasure.pendingTitle')}
        text={t('privacy.erasure.pendingText', { date: formatDay(request.locale, pending.dueAt) })}
        action="/konto/loeschung/abbrechen"
        submit={t('privacy.erasure.undo')}
        csrfToken={reply.generateCsrf()}
      />,
    );
  });

  app.post('/konto/loeschung/abbrechen', async (request, reply) => {
    if (!allow(request, reply, canManageOwnPrivacy(request.actor))) return reply;
    const t = request.t;
    if (!(await undoOwnErasure(deps.db, request.actor.userId!, deps.clock()))) {
      return reply.page(t('privacy.erasure.undoTooLateTitle'), tooLate(t), { status: 410 });
    }
    return reply.page(t('privacy.erasure.undone'), <MessagePage title={t('privacy.erasure.undone')} text={t('privacy.erasure.undone')} link={{ href: '/konto', label: t('layout.account') }} />);
  });
};
