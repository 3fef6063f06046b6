import type { T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CsrfField, ErrorSummary, Notice } from '../../../platform/ui/form.tsx';
import type { Municipality, Network } from '../../networks/schema.ts';
import type { MemberRow } from '../queries.ts';
import { needsMunicipalities } from '../rules.ts';
import { AdminNav, adminPath, CheckboxGroup, roleLabel, Table } from './common.tsx';

function displayName(t: T, member: MemberRow): string {
  return member.name || t('members.list.noName');
}

export function MemberList({ t, network, members, notice }: { t: T; network: Network; members: MemberRow[]; notice?: string | undefined }) {
  return (
    <>
      <h1>{t('members.list.title')}</h1>
      <AdminNav t={t} slug={network.slug} current="members" />
      {notice && <Notice kind="success">{notice}</Notice>}
      <p>
        <a href={adminPath(network.slug, '/einladungen')}>{t('members.overview.taskInvite')}</a>
      </p>
      {members.length === 0 ? (
        <p>{t('members.list.empty')}</p>
      ) : (
        <Table
          caption={t('members.list.caption', { network: network.name })}
          head={[t('members.list.name'), t('members.list.email'), t('members.list.role'), t('members.list.municipalities'), t('members.list.actions')]}
        >
          {members.map((m) => {
            const name = displayName(t, m);
            const role = roleLabel(t, m.role);
            return (
              <tr key={m.membershipId}>
                <th scope="row">{name}</th>
                <td>{m.email}</td>
                <td>{role}</td>
                <td>{m.municipalities.length > 0 ? m.municipalities.map((p) => p.name).join(', ') : t('members.none')}</td>
                <td>
                  <ul class="nav-list">
                    {needsMunicipalities(m.role) && (
                      <li>
                        <a
                          href={adminPath(network.slug, `/mitglieder/${m.membershipId}/kommunen`)}
                          aria-label={t('members.list.editMunicipalitiesFor', { name })}
                        >
                          {t('members.list.editMunicipalities')}
                        </a>
                      </li>
                    )}
                    <li>
                      <a
                        href={adminPath(network.slug, `/mitglieder/${m.membershipId}/entfernen`)}
                        aria-label={t('members.list.removeFor', { role, name })}
                      >
                        {t('members.list.remove')}
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
      <h1>{t('members.remove.title')}</h1>
      <AdminNav t={t} slug={network.slug} current="members" />
      {refusal ? (
        <>
          <div class="error-summary" role="alert">
            <p>{refusal}</p>
          </div>
          <p>
            <a href={adminPath(network.slug, '/einladungen')}>{t('members.overview.taskInvite')}</a>
            {' · '}
            <a href={adminPath(network.slug, '/mitglieder')}>{t('members.back')}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t('members.remove.question', { name, role: roleLabel(t, member.role), network: network.name })}</p>
          <p>{t('members.remove.explain')}</p>
          <form method="post" action={adminPath(network.slug, `/mitglieder/${member.membershipId}/entfernen`)}>
            <CsrfField token={csrfToken} />
            <div class="actions">
              <button type="submit" class="danger">
                {t('members.remove.confirm')}
              </button>
              <a href={adminPath(network.slug, '/mitglieder')}>{t('members.cancel')}</a>
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
      <h1>{t('members.places.title', { name })}</h1>
      <AdminNav t={t} slug={network.slug} current="members" />
      <ErrorSummary errors={errors} labels={{ municipalityIds: t('members.places.legend') }} t={t} />
      <p>{t('members.places.intro', { role: roleLabel(t, member.role), name })}</p>
      <form method="post" action={adminPath(network.slug, `/mitglieder/${member.membershipId}/kommunen`)} novalidate>
        <CsrfField token={csrfToken} />
        <CheckboxGroup
          name="municipalityIds"
          legend={t('members.places.legend')}
          hint={t('members.places.hint')}
          error={errors.municipalityIds}
          options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
          checked={checked}
        />
        <div class="actions">
          <button type="submit">{t('form.save')}</button>
          <a href={adminPath(network.slug, '/mitglieder')}>{t('members.cancel')}</a>
        </div>
      </form>
    </>
  );
}
