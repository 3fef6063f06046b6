import type { Locale, T } from '../../../platform/i18n/index.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { Checkbox } from '../../../platform/ui/checkbox-group.tsx';
import { EmptyState } from '../../../platform/ui/empty-state.tsx';
import { Field } from '../../../platform/ui/field.tsx';
import { CsrfField, Notice } from '../../../platform/ui/form.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import type { OfferInReview } from '../../offers/index.ts';
import type { PendingOrganisation } from '../../organisations/index.ts';
import type { OpenReport } from '../queries.ts';
import { AdminNav } from '../../../platform/navigation.tsx';

interface Props {
  t: T;
  locale: Locale;
  network: { slug: string; name: string };
  organisations: PendingOrganisation[];
  offers: OfferInReview[];
  reports: OpenReport[];
  csrfToken: string;
  notice?: string | undefined;
  problem?: string | undefined;
}

const base = (slug: string) => `/netzwerk/${slug}/verwaltung/moderation`;

function subjectHref(report: OpenReport): string | null {
  if (report.subjectType === 'offer') return `/angebote/${report.subjectId}`;
  if (report.subjectType === 'organisation') return `/organisationen/${report.subjectId}`;
  return null;
}

/**
 * Approve, or reject with a reason: two small forms, so each works without JavaScript. An offer of an
 * unverified organisation is approved together with its organisation ('verify'), in one step.
 */
function Decision({ t, action, name, id, csrfToken, verify = false }: { t: T; action: string; name: string; id: string; csrfToken: string; verify?: boolean }) {
  const reasonId = `grund-${id}`;
  return (
    <>
      <form method="post" action={action} class="inline-form">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="decision" value={verify ? 'verify' : 'approve'} />
        <button type="submit" aria-label={t(verify ? 'moderation.verifyAndPublishLabel' : 'moderation.approveLabel', { name })}>
          {t(verify ? 'moderation.verifyAndPublish' : 'moderation.approve')}
        </button>
      </form>
      <form method="post" action={action} class="stack">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="decision" value="reject" />
        <Field id={reasonId} name="reason" label={t('moderation.rejectLabel', { name })} hint={t('moderation.reasonHint')} multiline rows={2} maxLength={1000} />
        <button type="submit" class="danger">
          {t('moderation.reject')}
        </button>
      </form>
    </>
  );
}

export function ModerationQueue({ t, locale, network, organisations, offers, reports, csrfToken, notice, problem }: Props) {
  const root = base(network.slug);
  return (
    <>
      <h1>{t('moderation.title')}</h1>
      <AdminNav t={t} slug={network.slug} current="/moderation" />
      {notice && <Notice kind="success">{notice}</Notice>}
      {problem && (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <p>{problem}</p>
        </div>
      )}
      <p class="lead">{t('moderation.intro', { network: network.name })}</p>
      <p>
        <a href={`${root}/einstellungen`}>{t('moderation.settingsLink')}</a>
      </p>

      <section aria-labelledby="neue-organisationen">
        <h2 id="neue-organisationen">{t('moderation.organisations.title')}</h2>
        {organisations.length === 0 ? (
          <EmptyState>{t('moderation.organisations.empty')}</EmptyState>
        ) : (
          <DataTable
            id="organisationen-tabelle"
            caption={t('moderation.organisations.caption')}
            rows={organisations}
            rowKey={(o) => o.id}
            columns={[
              { label: t('moderation.col.name'), rowHeader: true, cell: (o) => <a href={`/organisationen/${o.id}`}>{o.name}</a> },
              { label: t('moderation.col.type'), cell: (o) => t(`organisations.type.${o.type}`) },
              { label: t('moderation.col.municipality'), cell: (o) => o.municipalityName ?? '' },
              { label: t('moderation.col.since'), cell: (o) => formatDateTime(locale, o.createdAt) },
              {
                label: t('moderation.col.decision'),
                cell: (o) => <Decision t={t} action={`${root}/organisationen/${o.id}`} name={o.name} id={`org-${o.id}`} csrfToken={csrfToken} />,
              },
            ]}
          />
        )}
      </section>

      <section aria-labelledby="angebote-pruefung">
        <h2 id="angebote-pruefung">{t('moderation.offers.title')}</h2>
        {offers.length === 0 ? (
          <EmptyState>{t('moderation.offers.empty')}</EmptyState>
        ) : (
          <DataTable
            id="angebote-tabelle"
            caption={t('moderation.offers.caption')}
            rows={offers}
            rowKey={(o) => o.id}
            columns={[
              { label: t('moderation.col.offer'), rowHeader: true, cell: (o) => <a href={`/angebote/${o.id}`}>{o.title}</a> },
              {
                label: t('moderation.col.organisation'),
                cell: (o) => (
                  <>
                    {o.organisationName}
                    {o.organisationStatus !== 'verified' && ` ${t('moderation.offers.organisationPending')}`}
                  </>
                ),
              },
              { label: t('moderation.col.since'), cell: (o) => formatDateTime(locale, o.updatedAt) },
              {
                label: t('moderation.col.decision'),
                cell: (o) => (
                  <Decision
                    t={t}
                    action={`${root}/angebote/${o.id}`}
                    name={o.title}
                    id={`offer-${o.id}`}
                    csrfToken={csrfToken}
                    verify={o.organisationStatus !== 'verified'}
                  />
                ),
              },
            ]}
          />
        )}
      </section>

      <section aria-labelledby="meldungen">
        <h2 id="meldungen">{t('moderation.reports.title')}</h2>
        {reports.length === 0 ? (
          <EmptyState>{t('moderation.reports.empty')}</EmptyState>
        ) : (
          <DataTable
            id="meldungen-tabelle"
            caption={t('moderation.reports.caption')}
            rows={reports}
            rowKey={(r) => r.id}
            columns={[
              {
                label: t('moderation.col.subject'),
                rowHeader: true,
                cell: (r) => {
                  const href = subjectHref(r);
                  const title = r.subjectTitle ?? t('moderation.subject.gone');
                  return (
                    <>
                      {t(`moderation.subject.${r.subjectType}`)}: {href && r.subjectTitle ? <a href={href}>{title}</a> : title}
                    </>
                  );
                },
              },
              { label: t('moderation.col.reason'), cell: (r) => r.reason },
              { label: t('moderation.col.since'), cell: (r) => formatDateTime(locale, r.createdAt) },
              {
                label: t('moderation.col.decision'),
                cell: (r) => (
                  <form method="post" action={`${root}/meldungen/${r.id}`} class="stack">
                    <CsrfField token={csrfToken} />
                    <Field
                      id={`notiz-${r.id}`}
                      name="resolution"
                      label={t('moderation.resolutionLabel', { name: r.subjectTitle ?? t('moderation.subject.gone') })}
                      multiline
                      rows={2}
                      maxLength={1000}
                    />
                    <Checkbox id={`offline-${r.id}`} name="unpublish" label={t('moderation.unpublish')} checked={false} />
                    <button type="submit">{t('moderation.resolve')}</button>
                  </form>
                ),
              },
            ]}
          />
        )}
      </section>
    </>
  );
}
