import type { AppModule, NavigationScope } from '../../platform/module.ts';
import { adminPath } from '../../platform/navigation.tsx';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';
import { rolesPersonalData } from './personal-data.ts';

/**
 * Roles in a network and invitations into them, with the network office's admin area (overview, members,
 * invitations, municipalities, settings, audit log); other modules add their sections to the area's navigation.
 */
export const rolesModule: AppModule = {
  name: 'roles',
  navigation: [
    ...(
      [
        ['', 'roles.admin.overview', 0],
        ['/mitglieder', 'roles.admin.members', 10],
        ['/einladungen', 'roles.admin.invitations', 20],
        ['/kommunen', 'roles.admin.municipalities', 60],
        ['/einstellungen', 'roles.admin.settings', 70],
        ['/protokoll', 'roles.admin.audit', 80],
      ] as const
    ).map(([path, label, order]) => ({
      area: 'network-admin' as const,
      label,
      href: (scope: NavigationScope) => (scope.networkSlug ? adminPath(scope.networkSlug, path) : null),
      order,
    })),
  ],
  personalData: rolesPersonalData,
  messages: { de, en },
  routes,
};
