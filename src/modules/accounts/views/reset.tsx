import { CsrfField, ErrorSummary, Field } from '../../../platform/ui/form.tsx';
import type { FormState, ViewContext } from './common.tsx';

export function ResetPasswordPage({ ctx, form, action }: { ctx: ViewContext; form: FormState; action: string }) {
  const { t } = ctx;
  const labels = { password: t('accounts.field.newPassword'), password_confirm: t('accounts.field.newPasswordConfirm') };
  return (
    <>
      <h1>{t('accounts.reset.title')}</h1>
      <ErrorSummary errors={form.errors} labels={labels} t={t} />
      <form method="post" action={action} class="stack" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <Field
          name="password"
          type="password"
          label={labels.password}
          hint={t('accounts.field.passwordHint')}
          error={form.errors.password}
          autocomplete="new-password"
          required
        />
        <Field
          name="password_confirm"
          type="password"
          label={labels.password_confirm}
          error={form.errors.password_confirm}
          autocomplete="new-password"
          required
        />
        <div class="actions">
          <button type="submit">{t('accounts.reset.submit')}</button>
        </div>
      </form>
    </>
  );
}
