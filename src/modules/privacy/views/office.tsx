import type { FieldErrors } from '../../../platform/http/forms.ts';
import { formatDateTime, formatNumber, type Locale, type T } from '../../../platform/i18n/index.ts';
import { ConfirmStep } from '../../../platform/ui/confirm.tsx';
import { EmptyState } from '../../../platform/ui/empty-state.tsx';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/ui/form.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import type { RetentionPeriod } from '../retention.ts';

export interface OfficeRun {
  id: number;
  at: Date;
  label: string;
  removed: number;
}

interface OfficePageProps {
  t: T;
  locale: Locale;
  csrfToken: string;
  base: string;
  networkName: string;
  graceDays: number;
  periods: readonly RetentionPeriod[];
  values: Record<string, string>;
  errors: FieldErrors;
  runs: readonly OfficeRun[];
  notice?: string | undefined;
  /** The e-mail address waiting for the confirmation step. */
  confirmEmail?: string | undefined;
}

export function retentionField(key: string): string {
  return `r_${key.replace(/[^a-z0-9]/gi, '_')}`;
}

export function OfficePrivacyPage(props: OfficePageProps) {
  const { t, errors } = props;
  const labels: Record<string, string> = { email: t('privacy.office.eraseEmail') };
  for (const { rule } of props.periods) labels[retentionField(rule.key)] = t(rule.label);
  return (
    <>
      <h1>
        {t('privacy.office.title')}: {props.networkName}
      </h1>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      <ErrorSummary errors={errors} labels={labels} t={t} />
      <section aria-labelledby="loeschen">
        <h2 id="loeschen">{t('privacy.office.eraseHeading')}</h2>
        <p>{t('privacy.office.eraseIntro', { days: props.graceDays })}</p>
        {props.confirmEmail ? (
          <ConfirmStep
            t={t}
            question={t('privacy.office.eraseQuestion', { email: props.confirmEmail })}
            action={`${props.base}/loeschen`}
            csrfToken={props.csrfToken}
            fields={{ email: props.confirmEmail }}
            confirmLabel={t('privacy.office.eraseConfirm')}
            cancelHref={props.base}
          />
        ) : (
          <form method="post" action={`${props.base}/loeschen`} novalidate>
            <CsrfField token={props.csrfToken} />
            <Field name="email" type="email" label={t('privacy.office.eraseEmail')} value={props.values.email} error={errors.email} autocomplete="off" required maxLength={254} />
            <button type="submit" class="danger">
              {t('privacy.office.eraseSubmit')}
            </button>
          </form>
        )}
      </section>
      <section aria-labelledby="fristen">
        <h2 id="fristen">{t('privacy.office.retentionHeading')}</h2>
        <p>{t('privacy.office.retentionIntro')}</p>
        <form method="post" action={`${props.base}/fristen`} novalidate>
          <CsrfField token={props.csrfToken} />
          {props.periods.map(({ rule }) => {
            const name = retentionField(rule.key);
            return (
              <Field
                key={rule.key}
                name={name}
                type="number"
                inputMode="numeric"
                min={rule.minMonths}
                max={rule.maxMonths}
                label={`${t(rule.label)} (${t('privacy.office.months')})`}
                hint={t('privacy.office.limits', { min: rule.minMonths, max: rule.maxMonths, default: rule.defaultMonths })}
                value={props.values[name]}
                error={errors[name]}
                required
              />
            );
          })}
          <button type="submit">{t('privacy.office.save')}</button>
        </form>
      </section>
      <section aria-labelledby="entfernt">
        <h2 id="entfernt">{t('privacy.office.runsHeading')}</h2>
        {props.runs.length === 0 ? (
          <EmptyState>{t('privacy.office.noRuns')}</EmptyState>
        ) : (
          <DataTable
            id="loeschlaeufe"
            caption={t('privacy.office.runsCaption')}
            rows={props.runs}
            rowKey={(run) => run.id}
            columns={[
              { label: t('privacy.office.runAt'), rowHeader: true, cell: (run) => formatDateTime(props.locale, run.at) },
              { label: t('privacy.office.kind'), cell: (run) => run.label },
              { label: t('privacy.office.runRemoved'), numeric: true, cell: (run) => formatNumber(props.locale, run.removed) },
            ]}
          />
        )}
      </section>
    </>
  );
}
