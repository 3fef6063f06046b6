import { formatDateTime, type Locale, type T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/ui/form.tsx';
import type { Municipality, Network } from '../../../platform/networks/schema.ts';
import type { InvitationRow } from '../queries.ts';
import { INVITATION_DAYS } from '../rules.ts';
import { ROLES } from '../schema.ts';
import { CheckboxGroup } from '../../../platform/ui/checkbox-group.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import { AdminNav, adminPath, roleHint, roleLabel } from './common.tsx';

export interface InviteFormValues {
  email: string;
  role: string;
  municipalityIds: ReadonlySet<string>;
}

/** Role choice as radio buttons, each with the one line that says what the role does. */
function RoleChoice({ t, value, error }: { t: T; value: string; error?: string | undefined }) {
  const id = 'f-role';
  return (
    // aria-invalid is not allowed on radio buttons; the group carries the error through its description.
    <fieldset class={error ? 'field field--error' : 'field'} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t('roles.invite.role')}</legend>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {ROLES.map((role, i) => {
        const inputId = i === 0 ? id : `${id}-${role}`;
        return (
          <div class="checkbox" key={role}>
            <input
              type="radio"
              id={inputId}
              name="role"
              value={role}
              checked={value === role}
            />
            <label for={inputId}>
              {roleLabel(t, role)}
              <span class="hint">
                {' – '}
                {roleHint(t, role)}
              </span>
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

export function InvitationsPage({
  t,
  locale,
  csrfToken,
  network,
  municipalities,
  invitations,
  values,
  errors,
  notice,
}: {
  t: T;
  locale: Locale;
  csrfToken: string;
  network: Network;
  municipalities: Municipality[];
  invitations: InvitationRow[];
  values: InviteFormValues;
  errors: FieldErrors;
  notice?: string | undefined;
}) {
  const labels = {
    email: t('roles.invite.email'),
    role: t('roles.invite.role'),
    municipalityIds: t('roles.invite.municipalities'),
  };
  return (
    <>
      <h1>{t('roles.invite.title')}</h1>
      <AdminNav t={t} slug={network.slug} current="/einladungen" />
      {notice && <Notice kind="success">{notice}</Notice>}
      <h2>{t('roles.invite.new')}</h2>
      <ErrorSummary errors={errors} labels={labels} t={t} />
      <p>{t('roles.invite.intro', { days: INVITATION_DAYS })}</p>
      <form method="post" action={adminPath(network.slug, '/einladungen')} class="stack" novalidate>
        <CsrfField token={csrfToken} />
        <Field name="email" type="email" label={labels.email} value={values.email} error={errors.email} autocomplete="off" required maxLength={254} />
        <RoleChoice t={t} value={values.role} error={errors.role} />
        <CheckboxGroup
          name="municipalityIds"
          legend={labels.municipalityIds}
          hint={t('roles.invite.municipalitiesHint')}
          error={errors.municipalityIds}
          options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
          selected={values.municipalityIds}
          columns
        />
        <div class="actions">
          <button type="submit">{t('roles.invite.submit')}</button>
        </div>
      </form>

      <h2>{t('roles.invite.open')}</h2>
      {invitations.length === 0 ? (
        <p>{t('roles.invite.none')}</p>
      ) : (
        <DataTable
          id="einladungen"
          caption={t('roles.invite.openCaption')}
          columns={[
            { label: t('roles.list.email'), cell: (i) => i.email, rowHeader: true },
            { label: t('roles.list.role'), cell: (i) => roleLabel(t, i.role) },
            {
              label: t('roles.list.municipalities'),
              cell: (i) => (i.municipalities.length > 0 ? i.municipalities.map((m) => m.name).join(', ') : t('roles.none')),
            },
            { label: t('roles.invite.invitedAt'), cell: (i) => formatDateTime(locale, i.createdAt) },
            { label: t('roles.invite.validUntil'), cell: (i) => formatDateTime(locale, i.expiresAt) },
            {
              label: t('roles.list.actions'),
              cell: (i) => (
                <form method="post" action={adminPath(network.slug, `/einladungen/${i.id}/zurueckziehen`)} class="inline-form">
                  <CsrfField token={csrfToken} />
                  <button type="submit" class="secondary" aria-label={t('roles.invite.revokeFor', { email: i.email })}>
                    {t('roles.invite.revoke')}
                  </button>
                </form>
              ),
            },
          ]}
          rows={invitations}
          rowKey={(i) => i.id}
        />
      )}
    </>
  );
}
