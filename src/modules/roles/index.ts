import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';
import { rolesPersonalData } from './personal-data.ts';

/** Roles in a network and invitations into them, with the network office's admin area (members, settings, municipalities, audit log). */
export const rolesModule: AppModule = {
  name: 'roles',
  personalData: rolesPersonalData,
  messages: { de, en },
  routes,
};
