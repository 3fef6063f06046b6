import type { FieldErrors } from '../../../platform/http/forms.ts';
import type { T } from '../../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/ui/form.tsx';

/** What every account view needs from the request. */
export interface ViewContext {
  t: T;
  csrfToken: string;
}

export interface FormState {
  values: Record<string, string>;
  errors: FieldErrors;
}

export const EMPTY_FORM: FormState = { values: {}, errors: {} };

/** "Check your inbox": the same page whether or not an account exists for the address. */
export function MailSentPage({ ctx, text }: { ctx: ViewContext; text: string }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t('accounts.sent.title')}</h1>
      <p class="lead">{text}</p>
      <p>{t('accounts.sent.spam')}</p>
    </>
  );
}

/** One e-mail field and a button: forgotten password, login link, new confirmation mail. */
export function EmailRequestPage({
  ctx,
  form,
  title,
  intro,
  action,
  submit,
}: {
  ctx: ViewContext;
  form: FormState;
  title: string;
  intro: string;
  action: string;
  submit: string;
}) {
  const { t } = ctx;
  return (
    <>
      <h1>{title}</h1>
      <p class="lead">{intro}</p>
      <ErrorSummary errors={form.errors} labels={{ email: t('accounts.field.email') }} t={t} />
      <form method="post" action={action} class="stack" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <Field
          name="email"
          type="email"
          label={t('accounts.field.email')}
          value={form.values.email}
          error={form.errors.email}
          autocomplete="email"
          required
          maxLength={254}
        />
        <div class="actions">
          <button type="submit">{submit}</button>
        </div>
      </form>
    </>
  );
}

/**
 * The landing page of a mailed link: it only shows a button. Mail scanners fetch links with GET;
 * the token is spent by the POST this button sends, so a scanner cannot use it up.
 */
export function TokenButtonPage({
  ctx,
  title,
  text,
  action,
  submit,
}: {
  ctx: ViewContext;
  title: string;
  text: string;
  action: string;
  submit: string;
}) {
  return (
    <>
      <h1>{title}</h1>
      <p>{text}</p>
      <form method="post" action={action}>
        <CsrfField token={ctx.csrfToken} />
        <button type="submit">{submit}</button>
      </form>
    </>
  );
}

export function TokenInvalidPage({
  ctx,
  again,
  text,
}: {
  ctx: ViewContext;
  again: { href: string; label: string };
  text?: string;
}) {
  const { t } = ctx;
  return (
    <>
      <h1>{t('accounts.token.invalidTitle')}</h1>
      <p>{text ?? t('accounts.token.invalidText')}</p>
      <p>
        <a class="button" href={again.href}>
          {again.label}
        </a>
      </p>
    </>
  );
}
