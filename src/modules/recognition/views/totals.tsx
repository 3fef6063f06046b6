import type { Locale, T } from '../../../platform/i18n/index.ts';
import { EmptyState } from '../../../platform/ui/empty-state.tsx';
import { SelectField } from '../../../platform/ui/field.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import type { PersonTotals } from '../consent.ts';
import { formatHours } from './format.ts';

export interface Period {
  year: number;
  month: number | null;
}

export function monthName(locale: Locale, month: number): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, month - 1, 1)));
}

export function periodLabel(locale: Locale, period: Period): string {
  return period.month === null ? String(period.year) : `${monthName(locale, period.month)} ${period.year}`;
}

/** The anonymous rest as a sentence: "weitere 3 Personen ohne Freigabe: 12 Stunden". */
export function othersText(t: T, locale: Locale, others: PersonTotals['others']): string {
  const hours = formatHours(locale, others.hours);
  return others.count === 1 ? t('recognition.totals.othersOne', { hours }) : t('recognition.totals.others', { count: others.count, hours });
}

interface TotalsSectionProps {
  t: T;
  locale: Locale;
  /** The page the period form reloads (GET). */
  action: string;
  period: Period;
  /** The years offered in the form, newest first. */
  years: number[];
  totals: PersonTotals;
  /** A link to the same figures as CSV, where offered. */
  csvHref?: string | undefined;
}

/** Confirmed hours per person in a year or month: named for those who agreed, the rest as one anonymous sum. */
export function TotalsSection(props: TotalsSectionProps) {
  const { t, locale, period, totals } = props;
  const label = periodLabel(locale, period);
  return (
    <section aria-labelledby="summen-personen">
      <h2 id="summen-personen">{t('recognition.totals.title')}</h2>
      <p class="hint">{t('recognition.totals.intro')}</p>
      <form method="get" action={props.action} class="inline-form">
        <SelectField id="f-jahr" name="jahr" label={t('recognition.totals.year')} options={props.years.map((y) => ({ value: String(y), label: String(y) }))} value={String(period.year)} />
        <SelectField
          id="f-monat"
          name="monat"
          label={t('recognition.totals.month')}
          options={[{ value: '', label: t('recognition.totals.wholeYear') }, ...Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: monthName(locale, i + 1) }))]}
          value={period.month === null ? '' : String(period.month)}
        />
        <button type="submit" class="secondary">
          {t('recognition.totals.show')}
        </button>
      </form>
      {totals.people.length === 0 && totals.others.count === 0 ? (
        <EmptyState>{t('recognition.totals.none')}</EmptyState>
      ) : (
        <>
          {totals.people.length > 0 && (
            <DataTable
              id="summen-personen-tabelle"
              caption={t('recognition.totals.caption', { period: label })}
              stack={false}
              columns={[
                { label: t('recognition.org.person'), cell: (r) => r.person, rowHeader: true },
                { label: t('recognition.hours.confirmed'), cell: (r) => formatHours(locale, r.hours), numeric: true },
              ]}
              rows={totals.people}
              rowKey={(r) => r.userId}
            />
          )}
          {totals.others.count > 0 && <p>{othersText(t, locale, totals.others)}</p>}
          <p>
            <strong>{t('recognition.totals.sum', { hours: formatHours(locale, totals.total) })}</strong>
          </p>
        </>
      )}
      {props.csvHref && (
        <p>
          <a href={props.csvHref} download>
            {t('recognition.totals.csv')}
          </a>
        </p>
      )}
    </section>
  );
}
