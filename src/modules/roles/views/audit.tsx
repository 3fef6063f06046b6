import { formatDateTime, type Locale, type MessageKey, type T } from '../../../platform/i18n/index.ts';
import type { Network } from '../../../platform/networks/schema.ts';
import type { AuditRow } from '../queries.ts';
import { ROLES, type Role } from '../schema.ts';
import { DataTable } from '../../../platform/ui/table.tsx';
import { AdminNav, adminPath, roleLabel } from './common.tsx';

const KNOWN_ACTIONS = new Set([
  'member.invited',
  'member.invitation_accepted',
  'member.invitation_revoked',
  'member.role_removed',
  'member.municipalities_changed',
  'network.settings_updated',
  'network.created',
  'municipality.created',
  'municipality.updated',
]);

function actionLabel(t: T, action: string): string {
  // Other modules write to the same log; their actions show by their code until they bring labels.
  return KNOWN_ACTIONS.has(action) ? t(`roles.action.${action}` as MessageKey) : action;
}

function details(t: T, row: AuditRow): string {
  const parts: string[] = [];
  const role = row.details.role;
  if (typeof role === 'string' && (ROLES as readonly string[]).includes(role)) parts.push(roleLabel(t, role as Role));
  const fields = row.details.fields;
  if (Array.isArray(fields) && fields.length > 0) parts.push(t('roles.audit.fields', { list: fields.join(', ') }));
  return parts.join(' · ') || t('roles.none');
}

export function AuditLogPage({
  t,
  locale,
  network,
  rows,
  page,
  hasMore,
}: {
  t: T;
  locale: Locale;
  network: Network;
  rows: AuditRow[];
  page: number;
  hasMore: boolean;
}) {
  const base = adminPath(network.slug, '/protokoll');
  return (
    <>
      <h1>{t('roles.audit.title')}</h1>
      <AdminNav t={t} slug={network.slug} current="/protokoll" />
      <p>{t('roles.audit.intro')}</p>
      {rows.length === 0 ? (
        <p>{t('roles.audit.empty')}</p>
      ) : (
        <DataTable
          id="protokoll"
          caption={t('roles.audit.caption', { network: network.name, page })}
          columns={[
            { label: t('roles.audit.at'), cell: (row) => <time dateTime={row.at.toISOString()}>{formatDateTime(locale, row.at)}</time> },
            {
              label: t('roles.audit.actor'),
              cell: (row) => (row.actorId === null ? t('roles.audit.system') : (row.actorName ?? t('roles.audit.deletedAccount')) || t('roles.list.noName')),
            },
            { label: t('roles.audit.action'), cell: (row) => actionLabel(t, row.action) },
            { label: t('roles.audit.details'), cell: (row) => details(t, row) },
          ]}
          rows={rows}
          rowKey={(row) => row.id}
        />
      )}
      {(page > 1 || hasMore) && (
        <nav aria-label={t('roles.audit.pages')}>
          <ul class="nav-list">
            {page > 1 && (
              <li>
                <a href={page === 2 ? base : `${base}?seite=${page - 1}`} rel="prev">
                  {t('roles.audit.newer')}
                </a>
              </li>
            )}
            {hasMore && (
              <li>
                <a href={`${base}?seite=${page + 1}`} rel="next">
                  {t('roles.audit.older')}
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </>
  );
}
