import type { FieldErrors } from '../../../platform/http/forms.ts';
import type { Locale, T } from '../../../platform/i18n/index.ts';
import { ErrorSummary, Notice } from '../../../platform/ui/form.tsx';
import type { PersonTotals } from '../consent.ts';
import type { OrganisationHoursRow } from '../queries.ts';
import { EntriesDecideForm } from './organisation.tsx';
import { TotalsSection, type Period } from './totals.tsx';

interface OfficeHoursProps {
  t: T;
  locale: Locale;
  csrfToken: string;
  network: { slug: string; name: string };
  entries: OrganisationHoursRow[];
  period: Period;
  years: number[];
  totals: PersonTotals;
  values: Record<string, string>;
  errors: FieldErrors;
  notice: string | null;
}

/** The network office: hours at its own events to confirm, and confirmed hours per person in the network. */
export function OfficeHoursPage(props: OfficeHoursProps) {
  const { t, locale } = props;
  const base = `/netzwerk/${props.network.slug}/verwaltung/stunden`;
  return (
    <>
      <h1>{t('recognition.office.title', { network: props.network.name })}</h1>
      <p>{t('recognition.office.intro')}</p>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      <ErrorSummary errors={props.errors} labels={{ entryIds: t('recognition.org.choose'), reason: t('recognition.org.reason') }} t={t} />
      <section aria-labelledby="stunden-veranstaltungen">
        <h2 id="stunden-veranstaltungen">{t('recognition.office.eventHours')}</h2>
        <EntriesDecideForm
          t={t}
          locale={locale}
          csrfToken={props.csrfToken}
          action={`${base}/entscheiden`}
          entries={props.entries}
          values={props.values}
          errors={props.errors}
          empty={t('recognition.office.none')}
        />
      </section>
      <TotalsSection t={t} locale={locale} action={base} period={props.period} years={props.years} totals={props.totals} />
    </>
  );
}
