import type { T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/ui/form.tsx';
import type { Organisation } from '../schema.ts';
import { ORGANISATION_MEMBER_ROLES } from '../schema.ts';
import type { OrganisationMember } from '../queries.ts';
import { SelectField } from './fields.tsx';

interface Props {
  t: T;
  organisation: Organisation;
  members: OrganisationMember[];
  canManage: boolean;
  csrfToken: string;
  values: { email?: string; role?: string };
  errors: FieldErrors;
  notice?: string | undefined;
  /** Why the last action did not work (e.g. removing the last admin). */
  problem?: string | undefined;
}

export function MembersPage({ t, organisation, members, canManage, csrfToken, values, errors, notice, problem }: Props) {
  return (
    <>
      <p>
        <a href={`/organisationen/${organisation.id}`}>{t('organisations.back')}</a>
      </p>
      <h1>{t('organisations.members.title', { name: organisation.name })}</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      {problem && (
        <div class="error-summary" role="alert">
          <p>{problem}</p>
        </div>
      )}
      <p>{t('organisations.members.intro')}</p>
      <div class="table-scroll">
        <table>
          <caption>{t('organisations.members.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('organisations.members.name')}</th>
              <th scope="col">{t('organisations.members.email')}</th>
              <th scope="col">{t('organisations.members.role')}</th>
              {canManage && <th scope="col">{t('organisations.members.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <th scope="row">{m.name}</th>
                <td>{m.email}</td>
                <td>{t(`organisations.role.${m.role}`)}</td>
                {canManage && (
                  <td>
                    <form method="post" action={`/organisationen/${organisation.id}/mitglieder/${m.userId}/entfernen`} class="inline-form">
                      <CsrfField token={csrfToken} />
                      <button type="submit" class="danger" aria-label={t('organisations.members.removeLabel', { name: m.name || m.email })}>
                        {t('organisations.members.remove')}
                      </button>
                    </form>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canManage && (
        <section aria-labelledby="hinzufuegen">
          <h2 id="hinzufuegen">{t('organisations.members.add')}</h2>
          <ErrorSummary
            errors={errors}
            labels={{ email: t('organisations.field.memberEmail'), role: t('organisations.field.memberRole') }}
            t={t}
          />
          <form method="post" action={`/organisationen/${organisation.id}/mitglieder`} class="stack" noValidate>
            <CsrfField token={csrfToken} />
            <Field
              name="email"
              type="email"
              label={t('organisations.field.memberEmail')}
              hint={t('organisations.field.memberEmailHint')}
              value={values.email}
              error={errors.email}
              required
              maxLength={254}
            />
            <SelectField
              name="role"
              label={t('organisations.field.memberRole')}
              options={ORGANISATION_MEMBER_ROLES.map((r) => ({ value: r, label: t(`organisations.role.${r}`) }))}
              value={values.role ?? 'member'}
              error={errors.role}
            />
            <div class="actions">
              <button type="submit">{t('organisations.members.add')}</button>
            </div>
          </form>
        </section>
      )}
    </>
  );
}
