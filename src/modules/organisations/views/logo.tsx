import type { T } from '../../../platform/i18n/index.ts';
import { CsrfField, Notice } from '../../../platform/ui/form.tsx';
import type { Organisation } from '../schema.ts';

interface Props {
  t: T;
  organisation: Organisation;
  csrfToken: string;
  error?: string | undefined;
  notice?: string | undefined;
}

/** Upload and removal of the logo: its own form, because files travel as multipart. */
export function LogoSection({ t, organisation, csrfToken, error, notice }: Props) {
  const id = 'f-logo';
  return (
    <section aria-labelledby="logo" id="logo-bereich">
      <h2 id="logo">{t('organisations.field.logo')}</h2>
      {notice && <Notice kind="success">{notice}</Notice>}
      {organisation.logoPath && (
        <figure>
          <img class="organisation-logo" width={160} src={`/uploads/${organisation.logoPath}`} alt={t('organisations.logo.alt', { name: organisation.name })} />
          <figcaption>{t('organisations.logo.current')}</figcaption>
        </figure>
      )}
      <form method="post" action={`/organisationen/${organisation.id}/logo`} encType="multipart/form-data" class="stack">
        <CsrfField token={csrfToken} />
        <div class={error ? 'field field--error' : 'field'}>
          <label for={id}>{t('organisations.field.logo')}</label>
          <p class="hint" id={`${id}-hint`}>
            {t('organisations.field.logoHint')}
          </p>
          {error && (
            <p class="field-error" id={`${id}-error`} role="alert">
              {error}
            </p>
          )}
          <input
            type="file"
            id={id}
            name="logo"
            accept="image/png,image/jpeg"
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          />
        </div>
        <div class="actions">
          <button type="submit">{t('organisations.logo.upload')}</button>
        </div>
      </form>
      {organisation.logoPath && (
        <form method="post" action={`/organisationen/${organisation.id}/logo/entfernen`} class="inline-form">
          <CsrfField token={csrfToken} />
          <button type="submit" class="secondary">
            {t('organisations.logo.remove')}
          </button>
        </form>
      )}
    </section>
  );
}
