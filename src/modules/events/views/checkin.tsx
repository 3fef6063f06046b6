import { formatDateTime, type Locale, type T } from '../../../platform/i18n/index.ts';
import { CsrfField, Notice } from '../../../platform/ui/form.tsx';
import type { EventDetail } from '../queries.ts';
import type { EventRegistration } from '../schema.ts';
import { registrationStatusLabel, Time } from './format.tsx';

/**
 * What the organiser sees after scanning a check-in QR code on their phone: who it is, their
 * registration, and one button. A plain form, so it works without JavaScript.
 */
export function CheckinPage(props: {
  t: T;
  locale: Locale;
  event: EventDetail;
  registration: EventRegistration;
  action: string;
  csrfToken: string;
  notice: string | null;
}) {
  const { t, locale, event, registration } = props;
  const answered = event.questions.filter((q) => registration.answers[q.id]);
  return (
    <>
      <h1>{t('events.checkin.title', { title: event.title })}</h1>
      <p class="meta">
        <Time locale={locale} startsAt={event.startsAt} endsAt={event.endsAt} />
      </p>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      <dl class="facts">
        <dt>{t('events.checkin.person')}</dt>
        <dd>
          <strong>{registration.name}</strong>
        </dd>
        <dt>{t('events.checkin.status')}</dt>
        <dd>{registrationStatusLabel(t, registration.status)}</dd>
        <dt>{t('events.checkin.registeredAt')}</dt>
        <dd>{formatDateTime(locale, registration.createdAt)}</dd>
        {answered.length > 0 && (
          <>
            <dt>{t('events.checkin.answers')}</dt>
            <dd>
              <ul>
                {answered.map((q) => (
                  <li key={q.id}>
                    {q.label}: {registration.answers[q.id]}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {registration.checkedInAt ? (
        <p role="status">{t('events.checkin.already', { when: formatDateTime(locale, registration.checkedInAt) })}</p>
      ) : (
        <form method="post" action={props.action}>
          <CsrfField token={props.csrfToken} />
          <button type="submit">{t('events.checkin.confirm')}</button>
        </form>
      )}
      <p>
        <a href={`/netzwerk/${event.networkSlug}/veranstaltungen/${event.id}/anwesenheit`}>{t('events.checkin.back')}</a>
      </p>
    </>
  );
}
