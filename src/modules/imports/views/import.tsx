import type { T } from '../../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary } from '../../../platform/ui/form.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { describeProblem, describeWhere, summaryLines, type ImportSummary } from '../summary.ts';
import { AdminNav } from '../../../platform/navigation.tsx';

export const UPLOAD_FIELD = 'datei';

function ResultTable({ t, id, caption, rows }: { t: T; id: string; caption: string; rows: Array<{ where: string; text: string }> }) {
  return (
    <DataTable
      id={id}
      caption={caption}
      rows={rows}
      columns={[
        { label: t('imports.page.where'), rowHeader: true, cell: (row) => row.where },
        { label: t('imports.page.reason'), cell: (row) => row.text },
      ]}
    />
  );
}

/** What the import did; every value from the file is shown as text, never as markup. */
export function ImportResult({ t, summary }: { t: T; summary: ImportSummary }) {
  const [counts, organisations] = summaryLines(t, summary);
  const skipped = summary.skipped.map((s) => ({
    where: describeWhere(t, summary.format, s.where),
    text: s.reasons.map((r) => describeProblem(t, r)).join(' '),
  }));
  const warnings = summary.warnings.map((w) => ({ where: describeWhere(t, summary.format, w.where), text: describeProblem(t, w.problem) }));
  return (
    <section aria-labelledby="ergebnis">
      <h2 id="ergebnis">{t('imports.page.resultHeading')}</h2>
      {summary.fatal && (
        <div class="error-summary" role="alert">
          <p>{t('imports.page.fatal')}</p>
          <p>
            {describeWhere(t, summary.format, summary.fatal.where)}: {describeProblem(t, summary.fatal.problem)}
          </p>
        </div>
      )}
      <div class={`notice${summary.fatal ? '' : ' notice--success'}`} role="status">
        <p>{counts}</p>
        {summary.organisationsCreated > 0 && <p>{organisations}</p>}
      </div>
      {skipped.length > 0 && (
        <>
          <ResultTable t={t} id="uebersprungen" caption={t('imports.page.skippedCaption')} rows={skipped} />
          {summary.skippedCount > skipped.length && <p>{t('imports.page.more', { count: summary.skippedCount - skipped.length })}</p>}
        </>
      )}
      {warnings.length > 0 && (
        <>
          <ResultTable t={t} id="warnungen" caption={t('imports.page.warningsCaption')} rows={warnings} />
          {summary.warningCount > warnings.length && <p>{t('imports.page.more', { count: summary.warningCount - warnings.length })}</p>}
        </>
      )}
    </section>
  );
}

export function ImportPage({
  t,
  slug,
  networkName,
  csrfToken,
  maxMegabytes,
  errors = {},
  summary,
}: {
  t: T;
  slug: string;
  networkName: string;
  csrfToken: string;
  maxMegabytes: number;
  errors?: FieldErrors;
  summary?: ImportSummary | undefined;
}) {
  const id = `f-${UPLOAD_FIELD}`;
  const error = errors[UPLOAD_FIELD];
  const base = `/netzwerk/${slug}/verwaltung`;
  return (
    <>
      <h1>{t('imports.page.title')}</h1>
      <AdminNav t={t} slug={slug} current="/import" />
      <p>
        <a href={base}>{networkName}</a>
      </p>
      <ErrorSummary errors={errors} labels={{ [UPLOAD_FIELD]: t('imports.page.file') }} t={t} />
      {summary && <ImportResult t={t} summary={summary} />}
      <h2>{t('imports.page.importHeading')}</h2>
      <p>{t('imports.page.intro')}</p>
      <form method="post" action={`${base}/import`} encType="multipart/form-data" class="stack">
        <CsrfField token={csrfToken} />
        <div class={error ? 'field field--error' : 'field'}>
          <label for={id}>{t('imports.page.file')}</label>
          <p class="hint" id={`${id}-hint`}>
            {t('imports.page.fileHint', { size: maxMegabytes })}
          </p>
          {error && (
            <p class="field-error" id={`${id}-error`}>
              {error}
            </p>
          )}
          <input
            type="file"
            id={id}
            name={UPLOAD_FIELD}
            accept=".xml,.csv,text/xml,application/xml,text/csv"
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          />
        </div>
        <p>{t('imports.page.formats')}</p>
        <div class="actions">
          <button type="submit">{t('imports.page.submit')}</button>
        </div>
      </form>
      <h2>{t('imports.page.exportHeading')}</h2>
      <p>{t('imports.page.exportText')}</p>
      <p>
        <a class="button secondary" href={`${base}/export/angebote.csv`} download>
          {t('imports.page.exportLink')}
        </a>
      </p>
    </>
  );
}
