import type { T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/ui/form.tsx';
import type { Organisation } from '../schema.ts';
import { ORGANISATION_MEMBER_ROLES } from '../schema.ts';
import type { OrganisationMember } from '../queries.ts';
import type { PendingInvitation } from '../invitations.ts';
import { SelectField } from '../../../platform/ui/field.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';

interface Props {
  t: T;
  organisation: Organisation;
  members: OrganisationMember[];
  /** Open invitations, with shortened addresses; only for those who manage members. */
  invitations: PendingInvitation[];
  canManage: boolean;
  csrfToken: string;
  values: { email?: string; role?: string };
  errors: FieldErrors;
  notice?: string | undefined;
  /** Why the last action did not work (e.g. removing the last admin). */
  problem?: string | undefined;
}

export function MembersPage({ t, organisation, members, invitations, canManage, csrfToken, values, errors, notice, problem }: Props) {
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
      <DataTable
        id="mitglieder-tabelle"
        caption={t('organisations.members.caption')}
        rows={members}
        rowKey={(m) => m.userId}
        columns={[
          { label: t('organisations.members.name'), rowHeader: true, cell: (m) => m.name },
          { label: t('organisations.members.email'), cell: (m) => m.email },
          { label: t('organisations.members.role'), cell: (m) => t(`organisations.role.${m.role}`) },
          ...(canManage
            ? [
                {
                  label: t('organisations.members.actions'),
                  cell: (m: OrganisationMember) => (
                    <form method="post" action={`/organisationen/${organisation.id}/mitglieder/${m.userId}/entfernen`} class="inline-form">
                      <CsrfField token={csrfToken} />
                      <button type="submit" class="danger" aria-label={t('organisations.members.removeLabel', { name: m.name || m.email })}>
                        {t('organisations.members.remove')}
                      </button>
                    </form>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canManage && invitations.length > 0 && (
        <section aria-labelledby="einladungen">
          <h2 id="einladungen">{t('organisations.members.pending')}</h2>
          <p>{t('organisations.members.pendingIntro')}</p>
          <DataTable
            id="einladungen-tabelle"
            caption={t('organisations.members.pending')}
            rows={invitations}
            rowKey={(i) => i.id}
            columns={[
              { label: t('organisations.members.pendingAddress'), rowHeader: true, cell: (i) => i.maskedEmail },
              { label: t('organisations.members.role'), cell: (i) => t(`organisations.role.${i.role}`) },
              { label: t('organisations.members.pendingSince'), cell: (i) => <time dateTime={i.createdAt.toISOString()}>{i.createdAt.toISOString().slice(0, 10)}</time> },
              {
                label: t('organisations.members.actions'),
                cell: (i: PendingInvitation) => (
                  <form method="post" action={`/organisationen/${organisation.id}/einladungen/${i.id}/zurueckziehen`} class="inline-form">
                    <CsrfField token={csrfToken} />
                    <button type="submit" class="danger">
                      {t('organisations.members.revoke')}
                    </button>
                  </form>
                ),
              },
            ]}
          />
        </section>
      )}
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
