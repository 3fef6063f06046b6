import { Fragment } from 'preact';
import { formatDateTime, formatNumber, type Locale, type T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/ui/form.tsx';
import type { OutboxEntry } from '../../../platform/mail/index.ts';
import type { Network } from '../../../platform/networks/schema.ts';
import type { BackupDownloadRow, FailedJob, OutboxMessage } from '../queries.ts';
import { DataTable, sortValue } from '../../../platform/ui/table.tsx';
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
        <DataTable
          id="netzwerke"
          caption={t('operations.platform.caption')}
          columns={[
            { label: t('operations.platform.name'), cell: (n) => n.name, rowHeader: true },
            { label: t('operations.platform.address'), cell: (n) => <a href={`/netzwerk/${n.slug}`}>/netzwerk/{n.slug}</a> },
            {
              label: t('operations.platform.actions'),
              cell: (n) => (
                <a href={`/netzwerk/${n.slug}/verwaltung`} aria-label={t('operations.platform.openFor', { name: n.name })}>
                  {t('operations.platform.open')}
                </a>
              ),
            },
          ]}
          rows={networks}
          rowKey={(n) => n.id}
        />
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

/** The outbox's columns that sort (the `sortierung` parameter); it starts with the newest mail. */
export const OUTBOX_SORTS = ['datum', 'an'] as const;
export const OUTBOX_DEFAULT_SORT = { by: 'datum', descending: true };

function sortedOutbox(entries: OutboxEntry[], sort: { by: string; descending: boolean }): OutboxEntry[] {
  const compare = (a: OutboxEntry, b: OutboxEntry) => (sort.by === 'an' ? a.to.localeCompare(b.to) : a.date.getTime() - b.date.getTime());
  return [...entries].sort((a, b) => (sort.descending ? -1 : 1) * compare(a, b));
}

export function OutboxPage({
  t,
  locale,
  entries,
  smtp,
  sort,
}: {
  t: T;
  locale: Locale;
  entries: OutboxEntry[];
  smtp: boolean;
  sort: { by: string; descending: boolean };
}) {
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
          <DataTable
            id="postausgang"
            caption={t('operations.outbox.caption')}
            columns={[
              { label: t('operations.outbox.date'), cell: (e) => <time dateTime={e.date.toISOString()}>{formatDateTime(locale, e.date)}</time>, sort: 'datum' },
              { label: t('operations.outbox.to'), cell: (e) => e.to, sort: 'an' },
              {
                label: t('operations.outbox.subject'),
                cell: (e) => <a href={`/verwaltung/postausgang/${encodeURIComponent(e.file)}`}>{e.subject || t('operations.outbox.noSubject')}</a>,
              },
            ]}
            rows={sortedOutbox(entries, sort)}
            rowKey={(e) => e.file}
            sort={{ ...sort, href: (by, descending) => `/verwaltung/postausgang?sortierung=${sortValue(by, descending)}` }}
          />
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
        <DataTable
          id="auftraege"
          caption={t('operations.jobs.caption')}
          columns={[
            { label: t('operations.jobs.queue'), cell: (j) => j.queue, rowHeader: true },
            { label: t('operations.jobs.at'), cell: (j) => <time dateTime={j.at.toISOString()}>{formatDateTime(locale, j.at)}</time> },
            { label: t('operations.jobs.retries'), cell: (j) => formatNumber(locale, j.retryCount), numeric: true },
            { label: t('operations.jobs.error'), cell: (j) => j.error },
          ]}
          rows={jobs}
          rowKey={(j) => j.id}
        />
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
        <DataTable
          id="sicherungen"
          caption={t('operations.backup.recentCaption')}
          columns={[
            { label: t('operations.backup.when'), cell: (d) => <time dateTime={d.at.toISOString()}>{formatDateTime(locale, d.at)}</time> },
            { label: t('operations.backup.who'), cell: (d) => d.actorName ?? t('operations.backup.deletedAccount') },
          ]}
          rows={downloads}
          rowKey={(d) => d.id}
          stack={false}
        />
      )}
    </>
  );
}
