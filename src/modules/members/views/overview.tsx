import { formatNumber, type Locale, type T } from '../../../platform/i18n/index.ts';
import type { Network } from '../../networks/schema.ts';
import { ROLES, type Role } from '../schema.ts';
import { AdminNav, adminPath, roleLabel, Table } from './common.tsx';

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
      <h1>{t('members.overview.title', { network: network.name })}</h1>
      <AdminNav t={t} slug={network.slug} current="overview" />
      <h2>{t('members.overview.roles')}</h2>
      <Table caption={t('members.overview.rolesCaption')} head={[t('members.overview.role'), t('members.overview.count')]}>
        {ROLES.map((role) => (
          <tr key={role}>
            <th scope="row">{roleLabel(t, role)}</th>
            <td>{formatNumber(locale, counts.get(role) ?? 0)}</td>
          </tr>
        ))}
      </Table>
      <h2>{t('members.overview.invitations')}</h2>
      <p>
        <a href={adminPath(network.slug, '/einladungen')}>
          {t('members.overview.openInvitations', { count: formatNumber(locale, openInvitations) })}
        </a>
      </p>
      <h2>{t('members.overview.tasks')}</h2>
      <ul>
        <li>
          <a href={adminPath(network.slug, '/mitglieder')}>{t('members.overview.taskMembers')}</a>
        </li>
        <li>
          <a href={adminPath(network.slug, '/einladungen')}>{t('members.overview.taskInvite')}</a>
        </li>
        <li>
          <a href={adminPath(network.slug, '/kommunen')}>{t('members.overview.taskMunicipalities')}</a>
        </li>
        <li>
          <a href={adminPath(network.slug, '/einstellungen')}>{t('members.overview.taskSettings')}</a>
        </li>
        <li>
          <a href={adminPath(network.slug, '/protokoll')}>{t('members.overview.taskAudit')}</a>
        </li>
      </ul>
    </>
  );
}
