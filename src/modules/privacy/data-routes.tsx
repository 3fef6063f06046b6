import fs from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import { allow } from '../../platform/http/errors.tsx';
import { personalDataParts, zipName, zipStream } from './download.ts';
import { pendingErasure } from './erasure.ts';
import { EXPORT_LINK_HOURS, requestExport, useExportLink } from './exports.ts';
import { canManageOwnPrivacy } from './policy.ts';
import { MessagePage } from '../../platform/ui/message-page.tsx';
import { DataPage } from './views/data.tsx';

const NOTICES = { angefordert: 'queued', laeuft: 'already' } as const;

export const dataRoutes: FastifyPluginAsync = async (app) => {
  const { deps } = app;

  app.get('/konto/daten', async (request, reply) => {
    if (!allow(request, reply, canManageOwnPrivacy(request.actor))) return reply;
    const query = request.query as Record<string, unknown>;
    const found = Object.entries(NOTICES).find(([param]) => query[param] !== undefined)?.[1];
    const erasing = (await pendingErasure(deps.db, request.actor.userId!)) !== null;
    return reply.page(
      request.t('privacy.data.title'),
      <DataPage
        t={request.t}
        csrfToken={reply.generateCsrf()}
        kinds={personalDataParts().map((part) => request.t(part.label))}
        notice={erasing ? 'erasing' : found}
        large={false}
        hours={EXPORT_LINK_HOURS}
      />,
    );
  });

  app.post('/konto/daten', async (request, reply) => {
    if (!allow(request, reply, canManageOwnPrivacy(request.actor))) return reply;
    const result = await requestExport(deps, request.actor.userId!);
    if (result.kind === 'queued') return reply.redirect('/konto/daten?angefordert=1', 303);
    if (result.kind === 'already') return reply.redirect('/konto/daten?laeuft=1', 303);
    if (result.kind === 'erasing') {
      return reply.page(request.t('privacy.data.title'), <MessagePage title={request.t('privacy.data.title')} text={request.t('privacy.data.erasing')} />, {
        status: 409,
      });
    }
    const now = deps.clock();
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${zipName(now)}"`)
      .header('cache-control', 'no-store')
      .send(zipStream(result.kinds, { userId: request.actor.userId!, email: result.email }, now));
  });

  app.get('/konto/daten/:token', async (request, reply) => {
    if (!allow(request, reply, canManageOwnPrivacy(request.actor))) return reply;
    const { token } = request.params as { token: string };
    const file = await useExportLink(deps, request.actor.userId!, token);
    if (!file) {
      const t = request.t;
      return reply.page(
        t('privacy.data.linkInvalidTitle'),
        <MessagePage title={t('privacy.data.linkInvalidTitle')} text={t('privacy.data.linkInvalidText')} link={{ href: '/konto/daten', label: t('privacy.data.requestAgain') }} />,
        { status: 410 },
      );
    }
    const stream = fs.createReadStream(file);
    // Single use: the file goes once it has been sent.
    stream.on('close', () => fs.rmSync(file, { force: true }));
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${zipName(deps.clock())}"`)
      .header('cache-control', 'no-store')
      .send(stream);
  });
};
