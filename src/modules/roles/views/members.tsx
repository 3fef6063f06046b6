import type { Locale, T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CheckboxGroup } from '../../../platform/ui/checkbox-group.tsx';
import { CsrfField, ErrorSummary, Notice } from '../../../platform/ui/form.tsx';
import { DataTable, sortValue, type Column } from '../../../platform/ui/table.tsx';
import type { Municipality, Network } from '../../../platform/networks/schema.ts';
import type { MemberRow } from '../queries.ts';
import { needsMunicipalities } from '../rules.ts';
import { AdminNav, adminPath, roleLabel } from './common.tsx';

function displayName(t: T, member: MemberRow): string {
  return member.name || t('roles.list.noName');
}

/** The columns the member list sorts by (the `sortierung` parameter), and the order it starts in. */
export const MEMBER_SORTS = ['name', 'email', 'rolle'] as const;
export const MEMBER_DEFAULT_SORT = { by: 'name', descending: false };

/** The list in the order the reader asked for, by the text each column shows in the reader's language. */
function sorted(t: T, locale: Locale, members: MemberRow[], sort: { by: string; descending: boolean }): MemberRow[] {
  const text = (m: MemberRow) => (sort.by === 'email' ? m.email : sort.by === 'rolle' ? roleLabel(t, m.role) : displayName(t, m));
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  // The query's order (name, e-mail, role) breaks ties, as Array.prototype.sort is stable.
  return [...members].sort((a, b) => (sort.descending ? -1 : 1) * collator.compare(text(a), text(b)));
}

export function MemberList({
  t,
  locale,
  network,
  members,
  sort,
  notice,
}: {
  t: T;
  locale: Locale;
  network: Network;
  members: MemberRow[];
  sort: { by: string; descending: boolean };
  notice?: string | undefined;
}) {
  const base = adminPath(network.slug, '/mitglieder');
  const columns: Array<Column<MemberRow>> = [
    { label: t('roles.list.name'), cell: (m) => displayName(t, m), rowHeader: true, sort: 'name' },
    { label: t('roles.list.email'), cell: (m) => m.email, sort: 'email' },
    { label: t('roles.list.role'), cell: (m) => roleLabel(t, m.role), sort: 'rolle' },
    {
      label: t('roles.list.municipalities'),
      cell: (m) => (m.municipalities.length > 0 ? m.municipalities.map((p) => p.name).join(', ') : t('roles.none')),
    },
    {
      label: t('roles.list.actions'),
      cell: (m) => {
        const name = displayName(t, m);
        return (
          <ul class="nav-list">
            {needsMunicipalities(m.role) && (
              <li>
                <a href={`${base}/${m.membershipId}/kommunen`} aria-label={t('roles.list.editMunicipalitiesFor', { name })}>
                  {t('roles.list.editMunicipalities')}
                </a>
              </li>
            )}
            <li>
              <a href={`${base}/${m.membershipId}/entfernen`} aria-label={t('roles.list.removeFor', { role: roleLabel(t, m.role), name })}>
                {t('roles.list.remove')}
              </a>
            </li>
          </ul>
        );
      },
    },
  ];
  return (
    <>
      <h1>{t('roles.list.title')}</h1>
      <AdminNav t={t} slug={network.slug} current="/mitglieder" />
      {notice && <Notice kind="success">{notice}</Notice>}
      <p>
        <a href={adminPath(network.slug, '/einladungen')}>{t('roles.overview.taskInvite')}</a>
      </p>
      {members.length === 0 ? (
        <p>{t('roles.list.empty')}</p>
      ) : (
        <DataTable
          id="mitglieder"
          caption={t('roles.list.caption', { network: network.name })}
          columns={columns}
          rows={sorted(t, locale, members, sort)}
          rowKey={(m) => m.membershipId}
          sort={{ ...sort, href: (by, descending) => `${base}?sortierung=${sortValue(by, descending)}` }}
        />
      )}
    </>
  );
}

/** Asks once more before a role goes; shows why not when it is the network's last office. */
export function RemoveConfirm({
  t,
  csrfToken,
  network,
  member,
  refusal,
}: {
  t: T;
  csrfToken: string;
  network: Network;
  member: MemberRow;
  refusal?: string | undefined;
}) {
  const name = displayName(t, member);
  return (
    <>
      <h1>{t('roles.remove.title')}</h1>
      <AdminNav t={t} slug={network.slug} current="/mitglieder" />
      {refusal ? (
        <>
          <div class="error-summary" role="alert">
            <p>{refusal}</p>
          </div>
          <p>
            <a href={adminPath(network.slug, '/einladungen')}>{t('roles.overview.taskInvite')}</a>
            {' · '}
            <a href={adminPath(network.slug, '/mitglieder')}>{t('roles.back')}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t('roles.remove.question', { name, role: roleLabel(t, member.role), network: network.name })}</p>
          <p>{t('roles.remove.explain')}</p>
          <form method="post" action={adminPath(network.slug, `/mitglieder/${member.membershipId}/entfernen`)}>
            <CsrfField token={csrfToken} />
            <div class="actions">
              <button type="submit" class="danger">
                {t('roles.remove.confirm')}
              </button>
              <a href={adminPath(network.slug, '/mitglieder')}>{t('roles.cancel')}</a>
            </div>
          </form>
        </>
      )}
    </>
  );
}

export function MemberMunicipalitiesForm({
  t,
  csrfToken,
  network,
  member,
  municipalities,
  checked,
  errors,
}: {
  t: T;
  csrfToken: string;
  network: Network;
  member: MemberRow;
  municipalities: Municipality[];
  checked: ReadonlySet<string>;
  errors: FieldErrors;
}) {
  const name = displayName(t, member);
  return (
    <>
      <h1>{t('roles.places.title', { name })}</h1>
      <AdminNav t={t} slug={network.slug} current="/mitglieder" />
      <ErrorSummary errors={errors} labels={{ municipalityIds: t('roles.places.legend') }} t={t} />
      <p>{t('roles.places.intro', { role: roleLabel(t, member.role), name })}</p>
      <form method="post" action={adminPath(network.slug, `/mitglieder/${member.membershipId}/kommunen`)} novalidate>
        <CsrfField token={csrfToken} />
        <CheckboxGroup
          name="municipalityIds"
          legend={t('roles.places.legend')}
          hint={t('roles.places.hint')}
          error={errors.municipalityIds}
          options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
          selected={checked}
          columns
        />
        <div class="actions">
          <button type="submit">{t('form.save')}</button>
          <a href={adminPath(network.slug, '/mitglieder')}>{t('roles.cancel')}</a>
        </div>
      </form>
    </>
  );
}
