import type { FieldErrors } from '../../../platform/http/forms.ts';
import { LOCALES, type MessageKey } from '../../../platform/i18n/index.ts';
import type { NavigationLink } from '../../../platform/navigation.tsx';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/ui/form.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import type { NetworkRole } from '../queries.ts';
import type { User } from '../schema.ts';
import { EMPTY_FORM, type FormState, type ViewContext } from './common.tsx';

export type AccountForm = 'profile' | 'password' | 'email';

export interface AccountPageProps {
  ctx: ViewContext;
  user: User;
  roles: NetworkRole[];
  /** The `account` entries of the registered modules that this person sees, in order. */
  links: NavigationLink[];
  notice?: string | undefined;
  /** The form that came back with errors, if any. */
  failed?: { form: AccountForm; state: FormState } | undefined;
}

export function AccountPage({ ctx, user, roles, links, notice, failed }: AccountPageProps) {
  const { t } = ctx;
  const stateOf = (form: AccountForm): FormState => (failed?.form === form ? failed.state : EMPTY_FORM);
  const profile = stateOf('profile');
  const password = stateOf('password');
  const email = stateOf('email');
  const hasPassword = user.passwordHash !== null;

  // The e-mail form's password field gets its own id: the password form above has one with the same name.
  const emailErrors: FieldErrors = {};
  for (const [field, message] of Object.entries(email.errors)) {
    emailErrors[field === 'current_password' ? 'email-current_password' : field] = message;
  }
  const summary = {
    profile: { errors: profile.errors, labels: { name: t('accounts.field.name'), locale: t('accounts.field.locale') } },
    password: {
      errors: password.errors,
      labels: {
        current_password: t('accounts.field.currentPassword'),
        password: t('accounts.field.newPassword'),
        password_confirm: t('accounts.field.newPasswordConfirm'),
      },
    },
    email: {
      errors: emailErrors,
      labels: { email: t('accounts.field.newEmail'), 'email-current_password': t('accounts.field.currentPassword') },
    },
  };
  const shown = failed ? summary[failed.form] : null;
  const locale = profile.values.locale ?? user.locale;

  return (
    <>
      <h1>{t('accounts.account.title')}</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      {shown && <ErrorSummary errors={shown.errors} labels={shown.labels} t={t} />}

      <nav aria-labelledby="engagement" class="link-panel">
        <h2 id="engagement">{t('accounts.account.engagement')}</h2>
        <ul class="link-grid">
          {links.map((link) => (
            <li key={link.href}>
              <a href={link.href}>{t(link.label)}</a>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="profil">
        <h2 id="profil">{t('accounts.account.profile')}</h2>
        <p>
          {t('accounts.account.currentEmail')}: <strong>{user.email}</strong>
        </p>
        <form method="post" action="/konto" class="stack" noValidate>
          <CsrfField token={ctx.csrfToken} />
          <Field
            name="name"
            label={t('accounts.field.name')}
            value={profile.values.name ?? user.name}
            error={profile.errors.name}
            autocomplete="name"
            required
            maxLength={120}
          />
          <div class={profile.errors.locale ? 'field field--error' : 'field'}>
            <label for="f-locale">{t('accounts.field.locale')}</label>
            {profile.errors.locale && (
              <p class="field-error" id="f-locale-error">
                {profile.errors.locale}
              </p>
            )}
            <select
              id="f-locale"
              name="locale"
              aria-invalid={profile.errors.locale ? 'true' : undefined}
              aria-describedby={profile.errors.locale ? 'f-locale-error' : undefined}
            >
              {LOCALES.map((l) => (
                <option key={l} value={l} selected={l === locale} lang={l}>
                  {t(`accounts.locale.${l}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div class="actions">
            <button type="submit">{t('accounts.account.saveProfile')}</button>
          </div>
        </form>
      </section>

      <section aria-labelledby="rollen">
        <h2 id="rollen">{t('accounts.account.roles')}</h2>
        {user.isPlatformAdmin && <p>{t('accounts.account.platformAdmin')}</p>}
        {roles.length === 0 ? (
          <p>{t('accounts.account.noRoles')}</p>
        ) : (
          <DataTable
            id="rollen-tabelle"
            caption={t('accounts.account.rolesCaption')}
            rows={roles}
            rowKey={(r) => `${r.networkSlug}-${r.role}`}
            columns={[
              { label: t('accounts.account.network'), rowHeader: true, cell: (r) => <a href={`/netzwerk/${r.networkSlug}`}>{r.networkName}</a> },
              { label: t('accounts.account.role'), cell: (r) => t(`accounts.role.${r.role}` as MessageKey) },
            ]}
          />
        )}
      </section>

      <section aria-labelledby="passwort">
        <h2 id="passwort">{hasPassword ? t('accounts.account.passwordHeading') : t('accounts.account.passwordSetHeading')}</h2>
        {!hasPassword && <p>{t('accounts.account.passwordNone')}</p>}
        <form method="post" action="/konto/passwort" class="stack" noValidate>
          <CsrfField token={ctx.csrfToken} />
          {hasPassword && (
            <Field
              name="current_password"
              type="password"
              label={t('accounts.field.currentPassword')}
              error={password.errors.current_password}
              autocomplete="current-password"
              required
            />
          )}
          <Field
            name="password"
            type="password"
            label={t('accounts.field.newPassword')}
            hint={t('accounts.field.passwordHint')}
            error={password.errors.password}
            autocomplete="new-password"
            required
          />
          <Field
            name="password_confirm"
            type="password"
            label={t('accounts.field.newPasswordConfirm')}
            error={password.errors.password_confirm}
            autocomplete="new-password"
            required
          />
          <div class="actions">
            <button type="submit">{t('accounts.account.passwordSubmit')}</button>
          </div>
        </form>
      </section>

      <section aria-labelledby="email-aendern">
        <h2 id="email-aendern">{t('accounts.account.emailHeading')}</h2>
        <p>{t('accounts.account.emailIntro')}</p>
        <form method="post" action="/konto/email" class="stack" noValidate>
          <CsrfField token={ctx.csrfToken} />
          <Field
            name="email"
            type="email"
            label={t('accounts.field.newEmail')}
            value={email.values.email}
            error={email.errors.email}
            autocomplete="email"
            required
            maxLength={254}
          />
          {hasPassword && <PasswordInput id="f-email-current_password" label={t('accounts.field.currentPassword')} error={email.errors.current_password} />}
          <div class="actions">
            <button type="submit">{t('accounts.account.emailSubmit')}</button>
          </div>
        </form>
      </section>

      <section aria-labelledby="loeschen">
        <h2 id="loeschen">{t('accounts.account.deleteHeading')}</h2>
        <p>
          <a href="/konto/loeschen">{t('accounts.account.deleteLink')}</a>
        </p>
      </section>
    </>
  );
}

/** A `current_password` input with an id of its own (see the e-mail form). */
function PasswordInput({ id, label, error }: { id: string; label: string; error: string | undefined }) {
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={id}>{label}</label>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        id={id}
        name="current_password"
        type="password"
        autoComplete="current-password"
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}

export function DeleteAccountPage({ ctx, user, form }: { ctx: ViewContext; user: User; form: FormState }) {
  const { t } = ctx;
  const hasPassword = user.passwordHash !== null;
  const labels = { current_password: t('accounts.field.currentPassword'), confirm_email: t('accounts.field.confirmEmail') };
  return (
    <>
      <h1>{t('accounts.delete.title')}</h1>
      <p class="lead">{t('accounts.delete.text')}</p>
      <ErrorSummary errors={form.errors} labels={labels} t={t} />
      <form method="post" action="/konto/loeschen" class="stack" noValidate>
        <CsrfField token={ctx.csrfToken} />
        {hasPassword ? (
          <>
            <p>{t('accounts.delete.passwordIntro')}</p>
            <Field
              name="current_password"
              type="password"
              label={labels.current_password}
              error={form.errors.current_password}
              autocomplete="current-password"
              required
            />
          </>
        ) : (
          <>
            <p>{t('accounts.delete.emailIntro')}</p>
            <Field
              name="confirm_email"
              type="email"
              label={labels.confirm_email}
              value={form.values.confirm_email}
              error={form.errors.confirm_email}
              autocomplete="off"
              required
              maxLength={254}
            />
          </>
        )}
        <div class="actions">
          <button type="submit" class="danger">
            {t('accounts.delete.submit')}
          </button>
          <a href="/konto">{t('accounts.delete.cancel')}</a>
        </div>
      </form>
    </>
  );
}
