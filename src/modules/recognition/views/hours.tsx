import type { FieldErrors } from '../../../platform/http/forms.ts';
import type { Locale, MessageKey, T } from '../../../platform/i18n/index.ts';
import { StatusBadge, type BadgeTone } from '../../../platform/ui/badge.tsx';
import { EmptyState } from '../../../platform/ui/empty-state.tsx';
import { SelectField } from '../../../platform/ui/field.tsx';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/ui/form.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import { berlinDay } from '../../../platform/berlin-time.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import type { Proposal } from '../proposals.ts';
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
  proposals: Proposal[];
  consent: boolean;
}

/** When a proposal's engagement took place: the event's start and end, or for a placement nothing to show. */
function proposalWhen(t: T, locale: Locale, p: Proposal): string {
  if (p.startsAt && p.endsAt) {
    const end = formatDateTime(locale, p.endsAt);
    // The same day: only the end's time ("07.12.2026, 18:00 – 20:00").
    return `${formatDateTime(locale, p.startsAt)} – ${berlinDay(p.startsAt) === berlinDay(p.endsAt) ? end.split(', ').pop() : end}`;
  }
  return t('recognition.proposal.durationOpen');
}

function ProposalsSection(props: { t: T; locale: Locale; csrfToken: string; proposals: Proposal[] }) {
  const { t, locale } = props;
  return (
    <section aria-labelledby="vorschlaege" id="f-proposal">
      <h2 id="vorschlaege">{t('recognition.proposal.title')}</h2>
      <p class="hint">{t('recognition.proposal.intro')}</p>
      <DataTable
        id="vorschlaege-liste"
        caption={t('recognition.proposal.caption')}
        columns={[
          {
            label: t('recognition.proposal.what'),
            cell: (p) => (
              <>
                <span class="hint">{t(`recognition.proposal.kind.${p.kind}` as MessageKey)}:</span> {p.title}
              </>
            ),
            rowHeader: true,
          },
          { label: t('recognition.proposal.when'), cell: (p) => (p.kind === 'event' ? proposalWhen(t, locale, p) : formatDay(locale, p.day)) },
          { label: t('recognition.proposal.confirmer'), cell: (p) => p.confirmer },
          { label: t('recognition.proposal.duration'), cell: (p) => (p.hours === null ? t('recognition.proposal.durationOpen') : formatHours(locale, p.hours)), numeric: true },
          {
            label: t('recognition.proposal.actions'),
            cell: (p) => (
              <div class="actions">
                <a href={`/konto/stunden/vorschlag?v=${encodeURIComponent(p.key)}`} aria-label={t('recognition.proposal.acceptLabel', { title: p.title })}>
                  {t('recognition.proposal.accept')}
                </a>
                <form method="post" action="/konto/stunden/vorschlag/verwerfen" class="inline-form">
                  <CsrfField token={props.csrfToken} />
                  <input type="hidden" name="proposal" value={p.key} />
                  <button type="submit" class="link-button" aria-label={t('recognition.proposal.dismissLabel', { title: p.title })}>
                    {t('recognition.proposal.dismiss')}
                  </button>
                </form>
              </div>
            ),
          },
        ]}
        rows={props.proposals}
        rowKey={(p) => p.key}
      />
    </section>
  );
}

function ConsentSection(props: { t: T; csrfToken: string; consent: boolean }) {
  const { t } = props;
  return (
    <section aria-labelledby="freigabe">
      <h2 id="freigabe">{t('recognition.consent.title')}</h2>
      <p>{t('recognition.consent.explain')}</p>
      <p>
        <strong>{props.consent ? t('recognition.consent.given') : t('recognition.consent.notGiven')}</strong>
      </p>
      <form method="post" action="/konto/stunden/freigabe" class="inline-form">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="give" value={props.consent ? '0' : '1'} />
        <button type="submit" id="f-give" class={props.consent ? 'secondary' : undefined}>
          {props.consent ? t('recognition.consent.withdraw') : t('recognition.consent.give')}
        </button>
      </form>
      <p class="hint">{t('recognition.consent.purpose')}</p>
    </section>
  );
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
    proposal: t('recognition.proposal.title'),
    give: t('recognition.consent.title'),
  };
  return (
    <>
      <h1>{t('recognition.hours.title')}</h1>
      <p>{t('recognition.hours.intro')}</p>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      {props.proposals.length > 0 && <ProposalsSection t={t} locale={locale} csrfToken={props.csrfToken} proposals={props.proposals} />}
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

      <ConsentSection t={t} csrfToken={props.csrfToken} consent={props.consent} />

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

interface ProposalPageProps {
  t: T;
  locale: Locale;
  csrfToken: string;
  proposal: Proposal;
  values: Record<string, string>;
  errors: FieldErrors;
}

/** A proposal taken over: the entry prefilled from it, editable before it is sent for confirmation. */
export function ProposalPage(props: ProposalPageProps) {
  const { t, errors, values, proposal } = props;
  const labels = { day: t('recognition.hours.day'), hours: t('recognition.hours.hours'), activity: t('recognition.hours.activity') };
  return (
    <>
      <h1>{t('recognition.proposal.formTitle')}</h1>
      <p>{t('recognition.proposal.formIntro', { kind: t(`recognition.proposal.kind.${proposal.kind}` as MessageKey), title: proposal.title, confirmer: proposal.confirmer })}</p>
      <ErrorSummary errors={errors} labels={labels} t={t} />
      <form method="post" action="/konto/stunden/vorschlag" class="stack-form" noValidate>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="proposal" value={proposal.key} />
        <Field name="day" type="date" label={labels.day} value={values.day} error={errors.day} required />
        <Field name="hours" label={labels.hours} inputMode="decimal" value={values.hours} error={errors.hours} hint={t('recognition.hours.hoursHint')} required maxLength={6} />
        <Field name="activity" label={labels.activity} value={values.activity} error={errors.activity} hint={t('recognition.hours.activityHint')} required maxLength={300} />
        <div class="actions">
          <button type="submit">{t('recognition.proposal.send')}</button>
          <a href="/konto/stunden">{t('recognition.proposal.back')}</a>
        </div>
      </form>
    </>
  );
}
