import type { FieldErrors } from '../../../platform/http/forms.ts';
import type { Locale, MessageKey, T } from '../../../platform/i18n/index.ts';
import { StatusBadge, type BadgeTone } from '../../../platform/ui/badge.tsx';
import { EmptyState } from '../../../platform/ui/empty-state.tsx';
import { SelectField } from '../../../platform/ui/field.tsx';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/ui/form.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import type { HoursRow, totalsOf } from '../queries.ts';
import { formatDay, formatHours } from './format.ts';

export const STATUS_TONE: Record<HoursRow['status'], BadgeTone> = { pending: 'warning', confirmed: 'success', rejected: 'danger' };

interface HoursPageProps {
  t: T;
  locale: Locale;
  csrfToken: string;
  entries: HoursRow[];
  totals: ReturnType<typeof totalsOf>;
  organisations: Array<{ id: string; name: string; network: string }>;
  values: Record<string, string>;
  errors: FieldErrors;
  notice: string | null;
}

export function HoursPage(props: HoursPageProps) {
  const { t, locale, errors, values } = props;
  const groups = [...new Set(props.organisations.map((o) => o.network))].map((network) => ({
    label: network,
    options: props.organisations.filter((o) => o.network === network).map((o) => ({ value: o.id, label: o.name })),
  }));
  const labels = {
    organisationId: t('recognition.hours.organisation'),
    day: t('recognition.hours.day'),
    hours: t('recognition.hours.hours'),
    activity: t('recognition.hours.activity'),
  };
  return (
    <>
      <h1>{t('recognition.hours.title')}</h1>
      <p>{t('recognition.hours.intro')}</p>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      <section aria-labelledby="stunden-eintragen">
        <h2 id="stunden-eintragen">{t('recognition.hours.add')}</h2>
        <ErrorSummary errors={errors} labels={labels} t={t} />
        <form method="post" action="/konto/stunden" class="stack-form" noValidate>
          <CsrfField token={props.csrfToken} />
          <SelectField
            name="organisationId"
            label={labels.organisationId}
            groups={groups}
            value={values.organisationId}
            error={errors.organisationId}
            placeholder={t('recognition.hours.organisationChoose')}
            required
          />
          <Field name="day" type="date" label={labels.day} value={values.day} error={errors.day} required />
          <Field name="hours" label={labels.hours} inputMode="decimal" value={values.hours} error={errors.hours} hint={t('recognition.hours.hoursHint')} required maxLength={6} />
          <Field name="activity" label={labels.activity} value={values.activity} error={errors.activity} hint={t('recognition.hours.activityHint')} required maxLength={300} />
          <button type="submit">{t('recognition.hours.save')}</button>
        </form>
      </section>

      <section aria-labelledby="stunden-summen">
        <h2 id="stunden-summen">{t('recognition.hours.totals')}</h2>
        {props.totals.years.length === 0 ? (
          <EmptyState>{t('recognition.hours.none')}</EmptyState>
        ) : (
          <>
            <DataTable
              id="stunden-jahre"
              caption={t('recognition.hours.totalsByYear')}
              stack={false}
              columns={[
                { label: t('recognition.hours.year'), cell: (r) => r.year, rowHeader: true },
                { label: t('recognition.hours.confirmed'), cell: (r) => formatHours(locale, r.confirmed), numeric: true },
                { label: t('recognition.hours.pending'), cell: (r) => formatHours(locale, r.pending), numeric: true },
              ]}
              rows={props.totals.years}
            />
            <DataTable
              id="stunden-monate"
              caption={t('recognition.hours.totalsByMonth')}
              stack={false}
              columns={[
                { label: t('recognition.hours.month'), cell: (r) => formatMonth(locale, r.month), rowHeader: true },
                { label: t('recognition.hours.confirmed'), cell: (r) => formatHours(locale, r.confirmed), numeric: true },
                { label: t('recognition.hours.pending'), cell: (r) => formatHours(locale, r.pending), numeric: true },
              ]}
              rows={props.totals.months.slice(0, 12)}
            />
          </>
        )}
        <p>
          <a href="/konto/ehrenamtskarte">{t('recognition.hours.toCard')}</a>
        </p>
      </section>

      {props.entries.length > 0 && (
        <DataTable
          id="stunden-eintraege"
          caption={t('recognition.hours.list')}
          columns={[
            { label: t('recognition.hours.day'), cell: (r) => formatDay(locale, r.day), rowHeader: true },
            { label: t('recognition.hours.organisation'), cell: (r) => r.organisation },
            { label: t('recognition.hours.activity'), cell: (r) => r.activity },
            { label: t('recognition.hours.hours'), cell: (r) => formatHours(locale, r.hours), numeric: true },
            {
              label: t('recognition.hours.status'),
              cell: (r) => (
                <>
                  <StatusBadge label={t(`recognition.hours.status.${r.status}` as MessageKey)} tone={STATUS_TONE[r.status]} />
                  {r.status === 'rejected' && r.reason && <span class="hint"> {t('recognition.hours.rejectedBecause', { reason: r.reason })}</span>}
                </>
              ),
            },
            {
              label: t('recognition.hours.withdraw'),
              cell: (r) =>
                r.status !== 'confirmed' && (
                  <form method="post" action={`/konto/stunden/${r.id}/loeschen`} class="inline-form">
                    <CsrfField token={props.csrfToken} />
                    <button type="submit" class="link-button">
                      {t('recognition.hours.withdraw')}
                    </button>
                  </form>
                ),
            },
          ]}
          rows={props.entries}
          rowKey={(r) => r.id}
        />
      )}
    </>
  );
}

function formatMonth(locale: Locale, month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, m - 1, 1)));
}
