import { Fragment } from 'preact';
import { formatDateTime, formatNumber, type Locale, type T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/ui/form.tsx';
import type { OutboxEntry } from '../../../platform/mail/index.ts';
import type { Network } from '../../../platform/networks/schema.ts';
import type { BackupDownloadRow, FailedJob, OutboxMessage } from '../queries.ts';
import { Table } from '../../roles/views/common.tsx';
import { PlatformNav } from '../../../platform/navigation.tsx';

export function PlatformOverview({
  t,
  csrfToken,
  networks,
  values,
  errors,
}: {
  t: T;
  csrfToken: string;
  networks: Network[];
  values: { name: string; slug: string };
  errors: FieldErrors;
}) {
  const labels = { name: t('operations.platform.networkName'), slug: t('operations.platform.slug') };
  return (
    <>
      <h1>{t('operations.platform.title')}</h1>
      <PlatformNav t={t} current="/verwaltung" />
      <h2>{t('operations.platform.networks')}</h2>
      <p>{t('operations.platform.intro')}</p>
      {networks.length === 0 ? (
        <p>{t('operations.platform.empty')}</p>
      ) : (
        <Table caption={t('operations.platform.caption')} head={[t('operations.platform.name'), t('operations.platform.address'), t('operations.platform.actions')]}>
          {networks.map((n) => (
            <tr key={n.id}>
              <th scope="row">{n.name}</th>
              <td>
                <a href={`/netzwerk/${n.slug}`}>/netzwerk/{n.slug}</a>
              </td>
              <td>
                <a href={`/netzwerk/${n.slug}/verwaltung`} aria-label={t('operations.platform.openFor', { name: n.name })}>
                  {t('operations.platform.open')}
                </a>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2 id="neu">{t('operations.platform.create')}</h2>
      <ErrorSummary errors={errors} labels={labels} t={t} />
      <p>{t('operations.platform.createHint')}</p>
      <form method="post" action="/verwaltung/netzwerke" class="stack" novalidate>
        <CsrfField token={csrfToken} />
        <Field name="name" label={labels.name} value={values.name} error={errors.name} required maxLength={200} />
        <Field name="slug" label={labels.slug} hint={t('operations.platform.slugHint')} value={values.slug} error={errors.slug} required maxLength={60} autocomplete="off" />
        <div class="actions">
          <button type="submit">{t('operations.platform.submit')}</button>
        </div>
      </form>
    </>
  );
}

export function OutboxPage({ t, locale, entries, smtp }: { t: T; locale: Locale; entries: OutboxEntry[]; smtp: boolean }) {
  return (
    <>
      <h1>{t('operations.outbox.title')}</h1>
      <PlatformNav t={t} current="/verwaltung/postausgang" />
      {smtp ? (
        <p>{t('operations.outbox.smtp')}</p>
      ) : entries.length === 0 ? (
        <p>{t('operations.outbox.empty')}</p>
      ) : (
        <>
          <p>{t('operations.outbox.intro', { count: formatNumber(locale, entries.length) })}</p>
          <Table caption={t('operations.outbox.caption')} head={[t('operations.outbox.date'), t('operations.outbox.to'), t('operations.outbox.subject')]}>
            {entries.map((e) => (
              <tr key={e.file}>
                <td>
                  <time dateTime={e.date.toISOString()}>{formatDateTime(locale, e.date)}</time>
                </td>
                <td>{e.to}</td>
                <td>
                  <a href={`/verwaltung/postausgang/${encodeURIComponent(e.file)}`}>{e.subject || t('operations.outbox.noSubject')}</a>
                </td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </>
  );
}

export function OutboxMessagePage({ t, locale, message }: { t: T; locale: Locale; message: OutboxMessage }) {
  return (
    <>
      <h1>{message.subject || t('operations.outbox.noSubject')}</h1>
      <PlatformNav t={t} current="/verwaltung/postausgang" />
      <dl>
        <dt>{t('operations.outbox.date')}</dt>
        <dd>
          <time dateTime={message.date.toISOString()}>{formatDateTime(locale, message.date)}</time>
        </dd>
        <dt>{t('operations.outbox.from')}</dt>
        <dd>{message.from}</dd>
        <dt>{t('operations.outbox.to')}</dt>
        <dd>{message.to}</dd>
      </dl>
      {/* Paragraphs with line breaks rather than <pre>, so long lines wrap on small screens. */}
      {message.text
        .split(/\n\s*\n/)
        .filter((p) => p.trim())
        .map((paragraph, i) => (
          <p key={i}>
            {paragraph.split('\n').map((line, j) => (
              <Fragment key={j}>
                {j > 0 && <br />}
                {line}
              </Fragment>
            ))}
          </p>
        ))}
      <p>
        <a href="/verwaltung/postausgang">{t('operations.outbox.back')}</a>
      </p>
    </>
  );
}

export function FailedJobsPage({ t, locale, jobs }: { t: T; locale: Locale; jobs: FailedJob[] }) {
  return (
    <>
      <h1>{t('operations.jobs.title')}</h1>
      <PlatformNav t={t} current="/verwaltung/auftraege" />
      <p>{t('operations.jobs.intro')}</p>
      {jobs.length === 0 ? (
        <p>{t('operations.jobs.empty')}</p>
      ) : (
        <Table caption={t('operations.jobs.caption')} head={[t('operations.jobs.queue'), t('operations.jobs.at'), t('operations.jobs.retries'), t('operations.jobs.error')]}>
          {jobs.map((j) => (
            <tr key={j.id}>
              <th scope="row">{j.queue}</th>
              <td>
                <time dateTime={j.at.toISOString()}>{formatDateTime(locale, j.at)}</time>
              </td>
              <td>{formatNumber(locale, j.retryCount)}</td>
              <td>{j.error}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

export function BackupPage({
  t,
  locale,
  csrfToken,
  embedded,
  perHour,
  downloads,
}: {
  t: T;
  locale: Locale;
  csrfToken: string;
  /** PGlite: other requests wait while the backup is written. */
  embedded: boolean;
  perHour: number;
  downloads: BackupDownloadRow[];
}) {
  return (
    <>
      <h1>{t('operations.backup.title')}</h1>
      <PlatformNav t={t} current="/verwaltung/sicherung" />
      <p>{t('operations.backup.intro')}</p>
      <h2>{t('operations.backup.contentsTitle')}</h2>
      <p>{t('operations.backup.contents')}</p>
      <p>
        <strong>{t('operations.backup.safety')}</strong>
      </p>
      <h2>{t('operations.backup.restoreTitle')}</h2>
      <p>{t('operations.backup.restoreStop')}</p>
      <p>
        <code>{t('operations.backup.restoreCommand')}</code>
      </p>
      <p>{t('operations.backup.restoreEffect')}</p>
      <h2>{t('operations.backup.downloadTitle')}</h2>
      <p>{t('operations.backup.downloadHint', { max: formatNumber(locale, perHour) })}</p>
      {embedded && <p>{t('operations.backup.embeddedHint')}</p>}
      <form method="post" action="/verwaltung/sicherung" class="stack">
        <CsrfField token={csrfToken} />
        <div class="actions">
          <button type="submit">{t('operations.backup.submit')}</button>
        </div>
      </form>
      <h2>{t('operations.backup.recentTitle')}</h2>
      {downloads.length === 0 ? (
        <p>{t('operations.backup.none')}</p>
      ) : (
        <Table caption={t('operations.backup.recentCaption')} head={[t('operations.backup.when'), t('operations.backup.who')]}>
          {downloads.map((d) => (
            <tr key={d.id}>
              <td>
                <time dateTime={d.at.toISOString()}>{formatDateTime(locale, d.at)}</time>
              </td>
              <td>{d.actorName ?? t('operations.backup.deletedAccount')}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
