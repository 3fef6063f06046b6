import { CsrfField, ErrorSummary, Field } from '../../../platform/ui/form.tsx';
import type { FormState, ViewContext } from './common.tsx';

export function LoginPage({
  ctx,
  form,
  weiter,
  failed,
  waitMinutes,
}: {
  ctx: ViewContext;
  form: FormState;
  weiter: string;
  failed: boolean;
  /** Set when failed logins for this address are being throttled. */
  waitMinutes?: number | undefined;
}) {
  const { t } = ctx;
  const labels = { email: t('accounts.field.email'), password: t('accounts.field.password') };
  return (
    <>
      <h1>{t('accounts.login.title')}</h1>
      {failed && (
        // One message for every wrong combination, so the page never tells which addresses have accounts.
        <div class="error-summary" role="alert" tabIndex={-1} id="fehler">
          <p>{t('accounts.login.failed')}</p>
        </div>
      )}
      {waitMinutes !== undefined && (
        <div class="error-summary" role="alert" tabIndex={-1} id="fehler">
          <p>{t('accounts.login.throttled', { minutes: String(waitMinutes) })}</p>
        </div>
      )}
      <ErrorSummary errors={form.errors} labels={labels} t={t} />
      <form method="post" action="/anmelden" class="stack" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="weiter" value={weiter} />
        <Field
          name="email"
          type="email"
          label={labels.email}
          value={form.values.email}
          error={form.errors.email}
          autocomplete="email"
          required
          maxLength={254}
        />
        <Field
          name="password"
          type="password"
          label={labels.password}
          error={form.errors.password}
          autocomplete="current-password"
          required
        />
        <div class="actions">
          <button type="submit">{t('accounts.login.submit')}</button>
        </div>
      </form>
      <ul>
        <li>
          <a href="/passwort-vergessen">{t('accounts.login.forgot')}</a>
        </li>
        <li>
          <a href="/anmeldelink">{t('accounts.login.magic')}</a>
        </li>
        <li>
          {t('accounts.login.noAccount')} <a href="/registrieren">{t('accounts.register.title')}</a>
        </li>
      </ul>
    </>
  );
}

/** Shown instead of signing in when the password was right but the address is not confirmed yet. */
export function UnverifiedPage({ ctx, email }: { ctx: ViewContext; email: string }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t('accounts.login.unverifiedTitle')}</h1>
      <p>{t('accounts.login.unverifiedText')}</p>
      <form method="post" action="/registrieren/erneut-senden">
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="email" value={email} />
        <button type="submit">{t('accounts.login.resend')}</button>
      </form>
    </>
  );
}
