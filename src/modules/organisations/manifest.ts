import type { AppModule } from '../../platform/module.ts';
import { claimRoutes } from './claim-routes.tsx';
import { invitationRoutes } from './invitation-routes.tsx';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';
import { organisationsPersonalData, organisationsRetention } from './personal-data.ts';

export const organisationsModule: AppModule = {
  name: 'organisations',
  personalData: organisationsPersonalData,
  retention: organisationsRetention,
  messages: { de, en },
  async routes(app) {
    await app.register(routes);
    await app.register(claimRoutes);
    await app.register(invitationRoutes);
  },
};
