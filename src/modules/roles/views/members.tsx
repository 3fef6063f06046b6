import type { T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CsrfField, ErrorSummary, Notice } from '../../../platform/ui/form.tsx';
import type { Municipality, Network } from '../../../platform/networks/schema.ts';
import type { MemberRow } from '../queries.ts';
import { needsMunicipalities } from '../rules.ts';
import { AdminNav, adminPath, CheckboxGroup, roleLabel, Table } from './common.tsx';

function displayName(t: T, member: MemberRow): string {
  return member.name || t('roles.list.noName');
}

export function MemberList({ t, network, members, notice }: { t: T; network: Network; members: MemberRow[]; notice?: string | undefined }) {
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
        <Table
          caption={t('roles.list.caption', { network: network.name })}
          head={[t('roles.list.name'), t('roles.list.email'), t('roles.list.role'), t('roles.list.municipalities'), t('roles.list.actions')]}
        >
          {members.map((m) => {
            const name = displayName(t, m);
            const role = roleLabel(t, m.role);
            return (
              <tr key={m.membershipId}>
                <th scope="row">{name}</th>
                <td>{m.email}</td>
                <td>{role}</td>
                <td>{m.municipalities.length > 0 ? m.municipalities.map((p) => p.name).join(', ') : t('roles.none')}</td>
                <td>
                  <ul class="nav-list">
                    {needsMunicipalities(m.role) && (
                      <li>
                        <a
                          href={adminPath(network.slug, `/mitglieder/${m.membershipId}/kommunen`)}
                          aria-label={t('roles.list.editMunicipalitiesFor', { name })}
                        >
                          {t('roles.list.editMunicipalities')}
                        </a>
                      </li>
                    )}
                    <li>
                      <a
                        href={adminPath(network.slug, `/mitglieder/${m.membershipId}/entfernen`)}
                        aria-label={t('roles.list.removeFor', { role, name })}
                      >
                        {t('roles.list.remove')}
                      </a>
                    </li>
                  </ul>
                </td>
              </tr>
            );
          })}
        </Table>
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
          checked={checked}
        />
        <div class="actions">
          <button type="submit">{t('form.save')}</button>
          <a href={adminPath(network.slug, '/mitglieder')}>{t('roles.cancel')}</a>
        </div>
      </form>
    </>
  );
}
