import type { Locale, T } from '../../../platform/i18n/index.ts';
import { CsrfField, Notice } from '../../../platform/ui/form.tsx';
import type { EventDetail } from '../queries.ts';
import type { EventRegistration } from '../schema.ts';
import { registrationStatusLabel, Time } from './format.tsx';

/** What the personal link shows: the registration's state and the one thing the person can do next. */
export function PersonalRegistrationPage(props: {
  t: T;
  locale: Locale;
  event: EventDetail;
  registration: EventRegistration;
  token: string;
  csrfToken: string;
  notice: string | null;
  certificateHref: string | null;
}) {
  const { t, locale, event, registration } = props;
  const action = `/veranstaltungen/anmeldung/${props.token}`;
  const past = event.endsAt.getTime() < Date.now();
  return (
    <>
      <h1>{t('events.personal.title')}</h1>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      <p>
        <a href={`/netzwerk/${event.networkSlug}/veranstaltungen/${event.id}`}>{event.title}</a>
        {' – '}
        <Time locale={locale} startsAt={event.startsAt} endsAt={event.endsAt} />
      </p>
      <p>{t('events.personal.status', { name: registration.name, status: registrationStatusLabel(t, registration.status) })}</p>
      {registration.status === 'confirmed' && event.mode === 'online' && event.onlineUrl && (
        <p>
          <a href={event.onlineUrl} rel="noopener noreferrer">
            {t('events.onlineLink')}
          </a>
        </p>
      )}
      {props.certificateHref && (
        <p>
          <a href={props.certificateHref}>{t('events.certificate.download')}</a>
        </p>
      )}
      {registration.status === 'pending' && (
        <form method="post" action={`${action}/bestaetigen`}>
          <CsrfField token={props.csrfToken} />
          <button type="submit">{t('events.personal.confirm')}</button>
        </form>
      )}
      {(registration.status === 'confirmed' || registration.status === 'waitlisted' || registration.status === 'pending') && !past && (
        <form method="post" action={`${action}/abmelden`}>
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="secondary">
            {registration.status === 'waitlisted' ? t('events.register.leaveList') : t('events.register.cancel')}
          </button>
        </form>
      )}
    </>
  );
}
