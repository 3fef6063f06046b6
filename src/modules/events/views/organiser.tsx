import { formatDateTime, type Locale, type T } from '../../../platform/i18n/index.ts';
import { CsrfField, Notice } from '../../../platform/ui/form.tsx';
import type { EventDetail } from '../queries.ts';
import type { EventRegistration } from '../schema.ts';
import { registrationStatusLabel, Time } from './format.tsx';

interface Props {
  t: T;
  locale: Locale;
  event: EventDetail;
  registrations: EventRegistration[];
  csrfToken: string;
  notice?: string | null;
}

function counts(registrations: EventRegistration[]) {
  const confirmed = registrations.filter((r) => r.status === 'confirmed');
  return {
    confirmed: confirmed.length,
    waitlisted: registrations.filter((r) => r.status === 'waitlisted').length,
    pending: registrations.filter((r) => r.status === 'pending').length,
    present: confirmed.filter((r) => r.attended === true).length,
    noShows: confirmed.filter((r) => r.attended === false).length,
  };
}

/** The organiser's list: who has a seat, who waits, answers to the questions; export and print. */
export function RegistrationsPage({ t, locale, event, registrations, csrfToken, notice, print }: Props & { print: boolean }) {
  const base = `/netzwerk/${event.networkSlug}/veranstaltungen/${event.id}`;
  const c = counts(registrations);
  const live = registrations.filter((r) => r.status !== 'cancelled');
  return (
    <>
      <h1>{t('events.registrations.title', { title: event.title })}</h1>
      <p class="meta">
        <Time locale={locale} startsAt={event.startsAt} endsAt={event.endsAt} />
      </p>
      {notice && <Notice kind="success">{notice}</Notice>}
      <p role="status">
        {t('events.registrations.summary', { confirmed: c.confirmed, capacity: event.capacity ?? '–', waitlisted: c.waitlisted, pending: c.pending })}
      </p>
      {!print && (
        <ul class="actions">
          <li>
            <a href={`${base}/anmeldungen.csv`} download>
              {t('events.registrations.csv')}
            </a>
          </li>
          <li>
            <a href={`${base}/anmeldungen.xlsx`} download>
              {t('events.registrations.xlsx')}
            </a>
          </li>
          <li>
            <a href={`${base}/anmeldungen?druck=1`}>{t('events.registrations.print')}</a>
          </li>
          <li>
            <a href={base}>{t('events.back')}</a>
          </li>
        </ul>
      )}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a region that may scroll must take the focus (WCAG 2.1.1) */}
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="anmeldungen-caption">
        <table class="data-table">
          <caption id="anmeldungen-caption">{t('events.registrations.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('events.registrations.col.position')}</th>
              <th scope="col">{t('events.register.name')}</th>
              <th scope="col">{t('events.register.email')}</th>
              <th scope="col">{t('events.registrations.col.status')}</th>
              {event.questions.map((q) => (
                <th scope="col" key={q.id}>
                  {q.label}
                </th>
              ))}
              <th scope="col">{t('events.registrations.col.registered')}</th>
              {!print && <th scope="col">{t('events.registrations.col.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {live.map((r, i) => (
              <tr key={r.id}>
                <td>{i + 1}</td>
                <td>{r.name}</td>
                <td>{r.email}</td>
                <td>{registrationStatusLabel(t, r.status)}</td>
                {event.questions.map((q) => (
                  <td key={q.id}>{r.answers[q.id] ?? ''}</td>
                ))}
                <td>{formatDateTime(locale, r.createdAt)}</td>
                {!print && (
                  <td>
                    <form method="post" action={`${base}/anmeldungen/${r.id}/stornieren`}>
                      <CsrfField token={csrfToken} />
                      <button type="submit" class="secondary small" aria-label={t('events.registrations.cancelFor', { name: r.name })}>
                        {t('events.registrations.cancel')}
                      </button>
                    </form>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Attendance on a phone: one big tick box per seat holder, saved with one button. */
export function AttendancePage({ t, locale, event, registrations, csrfToken, notice }: Props) {
  const base = `/netzwerk/${event.networkSlug}/veranstaltungen/${event.id}`;
  const seats = registrations.filter((r) => r.status === 'confirmed').sort((a, b) => a.name.localeCompare(b.name, 'de'));
  const c = counts(registrations);
  return (
    <>
      <h1>{t('events.attendance.title', { title: event.title })}</h1>
      <p class="meta">
        <Time locale={locale} startsAt={event.startsAt} endsAt={event.endsAt} />
      </p>
      {notice && <Notice kind="success">{notice}</Notice>}
      <p role="status">{t('events.attendance.summary', { present: c.present, noShows: c.noShows, total: c.confirmed })}</p>
      {seats.length === 0 ? (
        <p>{t('events.attendance.none')}</p>
      ) : (
        <form method="post" action={`${base}/anwesenheit`}>
          <CsrfField token={csrfToken} />
          <fieldset class="field tick-list">
            <legend>{t('events.attendance.legend')}</legend>
            {seats.map((r) => (
              <div class="checkbox" key={r.id}>
                <input type="checkbox" id={`present-${r.id}`} name="present" value={r.id} checked={r.attended === true} />
                <label for={`present-${r.id}`}>{r.name}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit">{t('events.attendance.save')}</button>
        </form>
      )}
      <p>
        <a href={base}>{t('events.back')}</a>
      </p>
    </>
  );
}
