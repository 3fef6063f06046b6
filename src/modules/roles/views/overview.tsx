import { formatNumber, type Locale, type T } from '../../../platform/i18n/index.ts';
import type { Network } from '../../../platform/networks/schema.ts';
import { ROLES, type Role } from '../schema.ts';
import { navigationLinks, networkAdminScope } from '../../../platform/navigation.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import { AdminNav, adminPath, roleLabel } from './common.tsx';

export function NetworkOverview({
  t,
  locale,
  network,
  counts,
  openInvitations,
}: {
  t: T;
  locale: Locale;
  network: Network;
  counts: Map<Role, number>;
  openInvitations: number;
}) {
  return (
    <>
      <h1>{t('roles.overview.title', { network: network.name })}</h1>
      <AdminNav t={t} slug={network.slug} current="" />
      <h2>{t('roles.overview.roles')}</h2>
      <DataTable
        id="rollen"
        caption={t('roles.overview.rolesCaption')}
        columns={[
          { label: t('roles.overview.role'), cell: (role) => roleLabel(t, role), rowHeader: true },
          { label: t('roles.overview.count'), cell: (role) => formatNumber(locale, counts.get(role) ?? 0), numeric: true },
        ]}
        rows={ROLES}
        rowKey={(role) => role}
        stack={false}
      />
      <h2>{t('roles.overview.invitations')}</h2>
      <p>
        <a href={adminPath(network.slug, '/einladungen')}>
          {t('roles.overview.openInvitations', { count: formatNumber(locale, openInvitations) })}
        </a>
      </p>
      <h2>{t('roles.overview.tasks')}</h2>
      <ul>
        {/* Every section of the admin area, whichever module brings it. */}
        {navigationLinks('network-admin', networkAdminScope(network.slug))
          .filter((link) => link.href !== adminPath(network.slug))
          .map((link) => (
            <li key={link.href}>
              <a href={link.href}>{t(link.label)}</a>
            </li>
          ))}
      </ul>
    </>
  );
}
