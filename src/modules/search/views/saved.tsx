import type { FieldErrors } from '../../../platform/http/forms.ts';
import type { T } from '../../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/ui/form.tsx';
import { EmptyState } from '../../../platform/ui/empty-state.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import { toQueryString } from '../params.ts';
import type { SavedSearch } from '../queries.ts';

export function SavedSearchesPage({
  t,
  searches,
  csrfToken,
  notice,
}: {
  t: T;
  searches: SavedSearch[];
  csrfToken: string;
  notice: string | undefined;
}) {
  return (
    <>
      <h1>{t('search.saved.title')}</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <p>{t('search.saved.intro')}</p>
      {searches.length === 0 ? (
        <EmptyState action={{ href: '/angebote', label: t('search.saved.findLink') }}>{t('search.saved.empty')}</EmptyState>
      ) : (
        <DataTable
          id="gespeicherte-suchen"
          caption={t('search.saved.caption')}
          rows={searches}
          rowKey={(s) => s.id}
          columns={[
            {
              label: t('search.saved.name'),
              rowHeader: true,
              cell: (s) => {
                const query = toQueryString(s.query);
                return <a href={query ? `/angebote?${query}` : '/angebote'}>{s.name}</a>;
              },
            },
            { label: t('search.saved.alerts'), cell: (s) => (s.alerts === 'daily' ? t('search.saved.on') : t('search.saved.off')) },
            {
              label: t('search.saved.actions'),
              cell: (s) => {
                const on = s.alerts === 'daily';
                return (
                  <div class="actions">
                    <form method="post" action={`/konto/suchen/${s.id}/benachrichtigung`} class="inline-form">
                      <CsrfField token={csrfToken} />
                      <input type="hidden" name="alerts" value={on ? 'none' : 'daily'} />
                      <button type="submit" class="secondary" aria-label={t(on ? 'search.saved.disableNamed' : 'search.saved.enableNamed', { name: s.name })}>
                        {on ? t('search.saved.disable') : t('search.saved.enable')}
                      </button>
                    </form>
                    <form method="post" action={`/konto/suchen/${s.id}/loeschen`} class="inline-form">
                      <CsrfField token={csrfToken} />
                      <button type="submit" class="danger" aria-label={t('search.saved.deleteNamed', { name: s.name })}>
                        {t('search.saved.delete')}
                      </button>
                    </form>
                  </div>
                );
              },
            },
          ]}
        />
      )}
    </>
  );
}

/** The save form on its own, when the name was missing or too long. */
export function SaveSearchForm({
  t,
  csrfToken,
  values,
  errors,
}: {
  t: T;
  csrfToken: string;
  values: { name: string; suche: string };
  errors: FieldErrors;
}) {
  const labels = { name: t('search.save.name'), suche: t('search.title') };
  return (
    <>
      <h1>{t('search.save.heading')}</h1>
      <ErrorSummary errors={errors} labels={labels} t={t} />
      <form method="post" action="/angebote/suche-speichern" class="stack" noValidate>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="suche" value={values.suche} />
        <Field name="name" label={labels.name} hint={t('search.save.hint')} value={values.name} error={errors.name} required maxLength={120} />
        <div class="actions">
          <button type="submit">{t('search.save.submit')}</button>
          <a href={values.suche ? `/angebote?${values.suche}` : '/angebote'}>{t('search.title')}</a>
        </div>
      </form>
    </>
  );
}

export function UnsubscribePage({
  t,
  search,
  token,
  csrfToken,
  done,
}: {
  t: T;
  search: SavedSearch | undefined;
  token: string;
  csrfToken: string;
  done: boolean;
}) {
  return (
    <>
      <h1>{t('search.unsubscribe.title')}</h1>
      {!search ? (
        <p>{t('search.unsubscribe.invalid')}</p>
      ) : done ? (
        <Notice kind="success">{t('search.unsubscribe.done', { name: search.name })}</Notice>
      ) : (
        <form method="post" action={`/konto/suchen/${search.id}/abbestellen`} class="stack">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="token" value={token} />
          <p>{t('search.unsubscribe.question', { name: search.name })}</p>
          <button type="submit">{t('search.unsubscribe.button')}</button>
        </form>
      )}
    </>
  );
}
