import type { FastifyPluginAsync } from 'fastify';
import { WaitingBox, waitingCounts } from '../../moderation/index.ts';
import { adminNetwork } from '../../../platform/networks/context.ts';
import { canAdministerNetwork, canViewAuditLog } from '../policy.ts';
import { countMembersByRole, countOpenInvitations, listAuditLog } from '../queries.ts';
import { AuditLogPage } from '../views/audit.tsx';
import { NetworkOverview } from '../views/overview.tsx';
import { pageTitle } from '../route-helpers.ts';

/* The admin area's overview and audit log. */

export const adminRoutes: FastifyPluginAsync = async (app) => {
  const { db, clock } = app.deps;

  // ---- network admin: overview ----

  app.get('/netzwerk/:slug/verwaltung', async (request, reply) => {
    const network = await adminNetwork(request, reply, canAdministerNetwork);
    if (!network) return reply;
    const counts = await countMembersByRole(db, network.id);
    const open = await countOpenInvitations(db, network.id, clock());
    const waiting = await waitingCounts(db, network.id, clock());
    return reply.page(
      request.t('roles.admin.title'),
      <>
        <NetworkOverview t={request.t} locale={request.locale} network={network} counts={counts} openInvitations={open} />
        <WaitingBox t={request.t} slug={network.slug} counts={waiting} />
      </>,
    );
  });

  // ---- network admin: audit log ----

  app.get('/netzwerk/:slug/verwaltung/protokoll', async (request, reply) => {
    const network = await adminNetwork(request, reply, canViewAuditLog);
    if (!network) return reply;
    const raw = Number((request.query as Record<string, unknown> | undefined)?.seite ?? 1);
    const page = Number.isInteger(raw) && raw >= 1 && raw <= 100_000 ? raw : 1;
    const { rows, hasMore } = await listAuditLog(db, network.id, page);
    return reply.page(
      pageTitle(request.t, 'roles.audit.title'),
      <AuditLogPage t={request.t} locale={request.locale} network={network} rows={rows} page={page} hasMore={hasMore} />,
    );
  });
};
