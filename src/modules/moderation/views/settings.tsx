import type { T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/ui/form.tsx';

interface Props {
  t: T;
  slug: string;
  values: { moderation: string; offerLifetimeDays: string };
  errors: FieldErrors;
  csrfToken: string;
  notice?: string | undefined;
}

export function ModerationSettings({ t, slug, values, errors, csrfToken, notice }: Props) {
  const root = `/netzwerk/${slug}/verwaltung/moderation`;
  return (
    <>
      <p>
        <a href={root}>{t('moderation.back')}</a>
      </p>
      <h1>{t('moderation.settings.title')}</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <ErrorSummary
        errors={errors}
        labels={{ moderation: t('moderation.settings.mode'), offerLifetimeDays: t('moderation.settings.lifetime') }}
        t={t}
      />
      <form method="post" action={`${root}/einstellungen`} class="stack" noValidate>
        <CsrfField token={csrfToken} />
        <fieldset id="f-moderation" class={errors.moderation ? 'field field--error' : 'field'} tabIndex={-1}>
          <legend>{t('moderation.settings.mode')}</legend>
          {errors.moderation && <p class="field-error">{errors.moderation}</p>}
          {(['organisations', 'offers'] as const).map((mode) => (
            <div class="checkbox" key={mode}>
              <input type="radio" id={`f-moderation-${mode}`} name="moderation" value={mode} checked={values.moderation === mode} />
              <label for={`f-moderation-${mode}`}>{t(`moderation.settings.mode.${mode}`)}</label>
            </div>
          ))}
        </fieldset>
        <Field
          name="offerLifetimeDays"
          type="number"
          label={t('moderation.settings.lifetime')}
          hint={t('moderation.settings.lifetimeHint')}
          value={values.offerLifetimeDays}
          error={errors.offerLifetimeDays}
          required
        />
        <div class="actions">
          <button type="submit">{t('moderation.settings.save')}</button>
        </div>
      </form>
    </>
  );
}
