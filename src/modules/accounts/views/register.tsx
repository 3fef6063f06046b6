import { CsrfField, ErrorSummary, Field } from '../../../platform/ui/form.tsx';
import type { FormState, ViewContext } from './common.tsx';

export function RegisterPage({ ctx, form, weiter = '' }: { ctx: ViewContext; form: FormState; weiter?: string }) {
  const { t } = ctx;
  const { values, errors } = form;
  const labels = {
    name: t('accounts.field.name'),
    email: t('accounts.field.email'),
    password: t('accounts.field.password'),
    consent: t('accounts.consent.label'),
  };
  const consentDescribedBy = errors.consent ? 'f-consent-error' : undefined;
  return (
    <>
      <h1>{t('accounts.register.title')}</h1>
      <p class="lead">{t('accounts.register.intro')}</p>
      <ErrorSummary errors={errors} labels={labels} t={t} />
      <form method="post" action="/registrieren" class="stack" noValidate>
        <CsrfField token={ctx.csrfToken} />
        {weiter && <input type="hidden" name="weiter" value={weiter} />}
        <Field name="name" label={labels.name} value={values.name} error={errors.name} autocomplete="name" required maxLength={120} />
        <Field
          name="email"
          type="email"
          label={labels.email}
          value={values.email}
          error={errors.email}
          autocomplete="email"
          required
          maxLength={254}
        />
        <Field
          name="password"
          type="password"
          label={labels.password}
          hint={t('accounts.field.passwordHint')}
          error={errors.password}
          autocomplete="new-password"
          required
        />
        <div class={errors.consent ? 'field field--error' : 'field'}>
          {errors.consent && (
            <p class="field-error" id="f-consent-error">
              {errors.consent}
            </p>
          )}
          <div class="checkbox">
            <input
              type="checkbox"
              id="f-consent"
              name="consent"
              value="ja"
              checked={values.consent === 'ja'}
              required
              aria-invalid={errors.consent ? 'true' : undefined}
              aria-describedby={consentDescribedBy}
            />
            <label for="f-consent">
              {t('accounts.consent.before')}
              <a href="/datenschutz">{t('accounts.consent.link')}</a>
              {t('accounts.consent.after')}
            </label>
          </div>
        </div>
        <div class="actions">
          <button type="submit">{t('accounts.register.submit')}</button>
        </div>
      </form>
      <p>
        {t('accounts.register.haveAccount')} <a href="/anmelden">{t('accounts.login.title')}</a>
      </p>
    </>
  );
}

export function RegisterThanksPage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t('accounts.register.thanksTitle')}</h1>
      <p class="lead">{t('accounts.register.thanksText')}</p>
      <p>
        {t('accounts.register.noMail')} <a href="/registrieren/erneut-senden">{t('accounts.register.noMailLink')}</a>.
      </p>
    </>
  );
}
