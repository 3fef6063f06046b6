import type { Locale, T } from '../../../platform/i18n/index.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { CsrfField, Notice } from '../../../platform/ui/form.tsx';
import type { OfferInReview } from '../../offers/queries.ts';
import type { PendingOrganisation } from '../../organisations/queries.ts';
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

/** Approve, or reject with a reason: two small forms, so each works without JavaScript. */
function Decision({ t, action, name, id, csrfToken }: { t: T; action: string; name: string; id: string; csrfToken: string }) {
  const reasonId = `grund-${id}`;
  return (
    <>
      <form method="post" action={action} class="inline-form">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="decision" value="approve" />
        <button type="submit" aria-label={t('moderation.approveLabel', { name })}>
          {t('moderation.approve')}
        </button>
      </form>
      <form method="post" action={action} class="stack">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="decision" value="reject" />
        <div class="field">
          <label for={reasonId}>{t('moderation.rejectLabel', { name })}</label>
          <p class="hint" id={`${reasonId}-hint`}>
            {t('moderation.reasonHint')}
          </p>
          <textarea id={reasonId} name="reason" rows={2} maxLength={1000} aria-describedby={`${reasonId}-hint`} />
        </div>
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
          <p>{t('moderation.organisations.empty')}</p>
        ) : (
          <div class="table-scroll">
            <table>
              <caption>{t('moderation.organisations.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('moderation.col.name')}</th>
                  <th scope="col">{t('moderation.col.type')}</th>
                  <th scope="col">{t('moderation.col.municipality')}</th>
                  <th scope="col">{t('moderation.col.since')}</th>
                  <th scope="col">{t('moderation.col.decision')}</th>
                </tr>
              </thead>
              <tbody>
                {organisations.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">
                      <a href={`/organisationen/${o.id}`}>{o.name}</a>
                    </th>
                    <td>{t(`organisations.type.${o.type}`)}</td>
                    <td>{o.municipalityName ?? ''}</td>
                    <td>{formatDateTime(locale, o.createdAt)}</td>
                    <td>
                      <Decision t={t} action={`${root}/organisationen/${o.id}`} name={o.name} id={`org-${o.id}`} csrfToken={csrfToken} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="angebote-pruefung">
        <h2 id="angebote-pruefung">{t('moderation.offers.title')}</h2>
        {offers.length === 0 ? (
          <p>{t('moderation.offers.empty')}</p>
        ) : (
          <div class="table-scroll">
            <table>
              <caption>{t('moderation.offers.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('moderation.col.offer')}</th>
                  <th scope="col">{t('moderation.col.organisation')}</th>
                  <th scope="col">{t('moderation.col.since')}</th>
                  <th scope="col">{t('moderation.col.decision')}</th>
                </tr>
              </thead>
              <tbody>
                {offers.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">
                      <a href={`/angebote/${o.id}`}>{o.title}</a>
                    </th>
                    <td>
                      {o.organisationName}
                      {o.organisationStatus !== 'verified' && ` ${t('moderation.offers.organisationPending')}`}
                    </td>
                    <td>{formatDateTime(locale, o.updatedAt)}</td>
                    <td>
                      <Decision
                        t={t}
                        action={`${root}/angebote/${o.id}`}
                        name={o.title}
                        id={`offer-${o.id}`}
                        csrfToken={csrfToken}
                        verify={o.organisationStatus !== 'verified'}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="meldungen">
        <h2 id="meldungen">{t('moderation.reports.title')}</h2>
        {reports.length === 0 ? (
          <p>{t('moderation.reports.empty')}</p>
        ) : (
          <div class="table-scroll">
            <table>
              <caption>{t('moderation.reports.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('moderation.col.subject')}</th>
                  <th scope="col">{t('moderation.col.reason')}</th>
                  <th scope="col">{t('moderation.col.since')}</th>
                  <th scope="col">{t('moderation.col.decision')}</th>
                </tr>
              </thead>
              <tbody>
                {reports.map((r) => {
                  const href = subjectHref(r);
                  const title = r.subjectTitle ?? t('moderation.subject.gone');
                  const noteId = `notiz-${r.id}`;
                  const unpublishId = `offline-${r.id}`;
                  return (
                    <tr key={r.id}>
                      <th scope="row">
                        {t(`moderation.subject.${r.subjectType}`)}: {href && r.subjectTitle ? <a href={href}>{title}</a> : title}
                      </th>
                      <td>{r.reason}</td>
                      <td>{formatDateTime(locale, r.createdAt)}</td>
                      <td>
                        <form method="post" action={`${root}/meldungen/${r.id}`} class="stack">
                          <CsrfField token={csrfToken} />
                          <div class="field">
                            <label for={noteId}>{t('moderation.resolutionLabel', { name: title })}</label>
                            <textarea id={noteId} name="resolution" rows={2} maxLength={1000} />
                          </div>
                          <div class="checkbox">
                            <input type="checkbox" id={unpublishId} name="unpublish" value="1" />
                            <label for={unpublishId}>{t('moderation.unpublish')}</label>
                          </div>
                          <button type="submit">{t('moderation.resolve')}</button>
                        </form>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
