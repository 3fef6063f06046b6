import type { T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/ui/form.tsx';

/* The pages of claiming an organisation: ask for the link, then set a password. */

export function ClaimStart(props: { t: T; csrfToken: string; name: string; email: string; action: string; sent: boolean }) {
  const { t } = props;
  return (
    <>
      <h1>{t('organisations.claim.title', { name: props.name })}</h1>
      {props.sent && <Notice kind="success">{t('organisations.claim.sent', { email: props.email })}</Notice>}
      <p>{t('organisations.claim.intro', { email: props.email })}</p>
      <form method="post" action={props.action}>
        <CsrfField token={props.csrfToken} />
        <button type="submit">{t('organisations.claim.send')}</button>
      </form>
    </>
  );
}

export function ClaimForm(props: {
  t: T;
  csrfToken: string;
  name: string;
  email: string;
  hasAccount: boolean;
  action: string;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const { t, errors, values } = props;
  const labels = { name: t('organisations.claim.yourName'), password: t('organisations.claim.password') };
  return (
    <>
      <h1>{t('organisations.claim.title', { name: props.name })}</h1>
      <ErrorSummary errors={errors} labels={labels} t={t} />
      <p>{props.hasAccount ? t('organisations.claim.existing', { email: props.email }) : t('organisations.claim.newAccount', { email: props.email })}</p>
      <form method="post" action={props.action} noValidate>
        <CsrfField token={props.csrfToken} />
        {!props.hasAccount && (
          <>
            <Field name="name" label={labels.name} value={values.name} error={errors.name} autocomplete="name" required maxLength={120} />
            <Field
              name="password"
              type="password"
              label={labels.password}
              hint={t('organisations.claim.passwordHint')}
              error={errors.password}
              autocomplete="new-password"
              required
            />
          </>
        )}
        <button type="submit">{t('organisations.claim.submit')}</button>
      </form>
    </>
  );
}

export function ClaimDone(props: { t: T; email: string; created: boolean }) {
  const { t } = props;
  return (
    <>
      <h1>{t('organisations.claim.doneTitle')}</h1>
      <Notice kind="success">{t(props.created ? 'organisations.claim.doneNew' : 'organisations.claim.doneExisting', { email: props.email })}</Notice>
      <p>
        <a href="/anmelden">{t('organisations.claim.login')}</a>
      </p>
    </>
  );
}

export function ClaimInvalid(props: { t: T }) {
  return (
    <>
      <h1>{props.t('organisations.claim.invalidTitle')}</h1>
      <p>{props.t('organisations.claim.invalidText')}</p>
    </>
  );
}
