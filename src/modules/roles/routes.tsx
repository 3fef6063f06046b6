import type { FastifyPluginAsync } from 'fastify';
import { adminRoutes } from './routes/admin.tsx';
import { invitationsRoutes } from './routes/invitations.tsx';
import { membersRoutes } from './routes/members.tsx';
import { municipalitiesRoutes } from './routes/municipalities.tsx';
import { settingsRoutes } from './routes/settings.tsx';

/** The network office's admin area and invitations, one file per job (routes/). */
export const routes: FastifyPluginAsync = async (app, options) => {
  for (const part of [adminRoutes, membersRoutes, invitationsRoutes, settingsRoutes, municipalitiesRoutes]) await part(app, options);
};
