import type { FieldErrors } from '../../../platform/http/forms.ts';
import type { Locale, MessageKey, T } from '../../../platform/i18n/index.ts';
import { StatusBadge } from '../../../platform/ui/badge.tsx';
import { EmptyState } from '../../../platform/ui/empty-state.tsx';
import { SelectField } from '../../../platform/ui/field.tsx';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/ui/form.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import type { OrganisationHoursRow } from '../queries.ts';
import { formatDay, formatHours } from './format.ts';
import { STATUS_TONE } from './hours.tsx';
import type { PersonTotals } from '../consent.ts';
import { TotalsSection, type Period } from './totals.tsx';

interface OrganisationHoursProps {
  t: T;
  locale: Locale;
  csrfToken: string;
  organisation: { id: string; name: string };
  entries: OrganisationHoursRow[];
  people: Array<{ userId: string; person: string; confirmed: number; pending: number }>;
  values: Record<string, string>;
  errors: FieldErrors;
  notice: string | null;
  period: Period;
  years: number[];
  totals: PersonTotals;
}

/** The organisation's page: pending hours to confirm or reject in bulk, totals per person, direct confirmation, certificates. */
export function OrganisationHoursPage(props: OrganisationHoursProps) {
  const { t, locale, errors, values } = props;
  const base = `/organisationen/${props.organisation.id}/stunden`;
  const people = props.people.map((p) => ({ value: p.userId, label: p.person }));
  const labels = {
    entryIds: t('recognition.org.choose'),
    reason: t('recognition.org.reason'),
    userId: t('recognition.org.person'),
    day: t('recognition.org.directDay'),
    hours: t('recognition.org.directHours'),
    from: t('recognition.org.certificateFrom'),
    to: t('recognition.org.certificateTo'),
  };
  return (
    <>
      <h1>{t('recognition.org.title', { organisation: props.organisation.name })}</h1>
      <p>{t('recognition.org.intro')}</p>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      <ErrorSummary errors={errors} labels={labels} t={t} />
      <EntriesDecideForm t={t} locale={locale} csrfToken={props.csrfToken} action={`${base}/entscheiden`} entries={props.entries} values={values} errors={errors} empty={t('recognition.org.none')} />

      <TotalsSection t={t} locale={locale} action={base} period={props.period} years={props.years} totals={props.totals} csvHref={`${base}/summen.csv?jahr=${props.period.year}${props.period.month ? `&monat=${props.period.month}` : ''}`} />

      {props.people.length > 0 && (
        <>
          <section aria-labelledby="direkt">
            <h2 id="direkt">{t('recognition.org.direct')}</h2>
            <p class="hint">{t('recognition.org.directHint')}</p>
            <form method="post" action={`${base}/direkt`} class="stack-form">
              <CsrfField token={props.csrfToken} />
              <SelectField id="f-direct-userId" name="userId" label={labels.userId} options={people} value={values.userId} required />
              <Field id="f-direct-day" name="day" type="date" label={labels.day} value={values.day} error={errors.day} required />
              <Field id="f-direct-hours" name="hours" inputMode="decimal" label={labels.hours} value={values.hours} error={errors.hours} required maxLength={7} />
              <Field id="f-direct-reason" name="reason" label={t('recognition.org.directReason')} value={values.directReason} required maxLength={300} />
              <button type="submit">{t('recognition.org.directSave')}</button>
            </form>
          </section>
          <section aria-labelledby="nachweis">
            <h2 id="nachweis">{t('recognition.org.certificate')}</h2>
            <form method="post" action={`${base}/nachweis`} class="stack-form">
              <CsrfField token={props.csrfToken} />
              <SelectField id="f-cert-userId" name="userId" label={labels.userId} options={people} value={values.userId} required />
              <Field id="f-cert-from" name="from" type="date" label={labels.from} value={values.from} error={errors.from} required />
              <Field id="f-cert-to" name="to" type="date" label={labels.to} value={values.to} error={errors.to} required />
              <button type="submit">{t('recognition.org.certificateIssue')}</button>
            </form>
          </section>
        </>
      )}
    </>
  );
}

interface EntriesDecideFormProps {
  t: T;
  locale: Locale;
  csrfToken: string;
  action: string;
  entries: OrganisationHoursRow[];
  values: Record<string, string>;
  errors: FieldErrors;
  empty: string;
}

/** Logged hours with a tick box for each pending one, confirmed or rejected (with a reason) together. */
export function EntriesDecideForm(props: EntriesDecideFormProps) {
  const { t, locale, errors, values } = props;
  const pending = props.entries.filter((e) => e.status === 'pending');
  if (props.entries.length === 0) return <EmptyState>{props.empty}</EmptyState>;
  return (
    <form method="post" action={props.action}>
      <CsrfField token={props.csrfToken} />
      <DataTable
        id="stunden-organisation"
        caption={t('recognition.org.entries')}
        columns={[
          {
            label: t('recognition.org.choose'),
            cell: (r) =>
              r.status === 'pending' ? (
                <input
                  type="checkbox"
                  name="entryIds"
                  value={r.id}
                  id={r === pending[0] ? 'f-entryIds' : undefined}
                  aria-label={t('recognition.org.chooseEntry', { day: formatDay(locale, r.day), person: r.person })}
                />
              ) : null,
          },
          { label: t('recognition.hours.day'), cell: (r) => formatDay(locale, r.day), rowHeader: true },
          { label: t('recognition.org.person'), cell: (r) => r.person },
          { label: t('recognition.hours.activity'), cell: (r) => r.activity },
          { label: t('recognition.hours.hours'), cell: (r) => formatHours(locale, r.hours), numeric: true },
          { label: t('recognition.hours.status'), cell: (r) => <StatusBadge label={t(`recognition.hours.status.${r.status}` as MessageKey)} tone={STATUS_TONE[r.status]} /> },
        ]}
        rows={props.entries}
        rowKey={(r) => r.id}
      />
      {pending.length > 0 && (
        <>
          <Field name="reason" label={t('recognition.org.reason')} value={values.reason} error={errors.reason} maxLength={500} />
          <div class="actions">
            <button type="submit" name="decision" value="confirm">
              {t('recognition.org.confirm')}
            </button>
            <button type="submit" name="decision" value="reject" class="secondary">
              {t('recognition.org.reject')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
