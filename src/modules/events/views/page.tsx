import type { FieldErrors } from '../../../platform/http/forms.ts';
import type { Locale, T } from '../../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary, Notice } from '../../../platform/ui/form.tsx';
import { Field } from '../../../platform/ui/field.tsx';
import { fieldLabel } from '../../offers/index.ts';
import type { RegisterError } from '../commands.ts';
import type { EventDetail } from '../queries.ts';
import type { EventRegistration } from '../schema.ts';
import { kindLabel, registrationStatusLabel, statusLabel, Time } from './format.tsx';
import { EventsMap, type MapArea } from './map.tsx';

export interface EventPageProps {
  t: T;
  locale: Locale;
  event: EventDetail;
  csrfToken: string;
  notice: string | null;
  registrationState: 'open' | RegisterError;
  /** The signed-in person's registration, if any. */
  own: EventRegistration | undefined;
  signedIn: { name: string; email: string } | null;
  values: Record<string, string>;
  errors: FieldErrors;
  canManage: boolean;
  canPublish: boolean;
  series: Array<{ id: string; startsAt: Date; status: string }>;
  documentation: { href: string; title: string } | null;
  certificateHref: string | null;
  /** The network's municipalities, for the map of an on-site event. */
  areas: MapArea[];
}

export function EventPage(props: EventPageProps) {
  const { t, locale, event } = props;
  const base = `/netzwerk/${event.networkSlug}/veranstaltungen/${event.id}`;
  const free = event.capacity === null ? null : Math.max(0, event.capacity - event.seatsTaken);
  const seeOnline = props.own?.status === 'confirmed' || props.canManage;
  return (
    <article class="event">
      <p class="meta">{kindLabel(t, event.kind)}</p>
      <h1>{event.title}</h1>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      {event.status !== 'published' && (
        <p class="notice notice--info" role="status">
          {t('events.statusNote', { status: statusLabel(t, event.status) })}
        </p>
      )}
      <dl class="facts">
        <dt>{t('events.field.when')}</dt>
        <dd>
          <Time locale={locale} startsAt={event.startsAt} endsAt={event.endsAt} />
        </dd>
        <dt>{t('events.field.where')}</dt>
        <dd>
          {event.mode === 'online' ? (
            seeOnline && event.onlineUrl ? (
              <a href={event.onlineUrl} rel="noopener noreferrer">
                {t('events.onlineLink')}
              </a>
            ) : (
              t('events.onlineHidden')
            )
          ) : (
            [event.place, event.municipalityName].filter(Boolean).join(', ')
          )}
        </dd>
        {event.accessibility && (
          <>
            <dt>{t('events.field.accessibility')}</dt>
            <dd class="pre">{event.accessibility}</dd>
          </>
        )}
        <dt>{t('events.field.organiser')}</dt>
        <dd>{event.organiserName ?? t('events.organiser.officeOf', { network: event.networkName })}</dd>
        {event.audience && (
          <>
            <dt>{t('events.field.audience')}</dt>
            <dd>{event.audience}</dd>
          </>
        )}
        {event.fields.length > 0 && (
          <>
            <dt>{t('events.field.fields')}</dt>
            <dd>{event.fields.map((f) => fieldLabel(locale, f)).join(', ')}</dd>
          </>
        )}
        {event.costs && (
          <>
            <dt>{t('events.field.costs')}</dt>
            <dd>{event.costs}</dd>
          </>
        )}
        <dt>{t('events.field.seats')}</dt>
        <dd>
          {free === null
            ? t('events.seats.unlimited')
            : free > 0
              ? t('events.seats.free', { free, capacity: event.capacity ?? 0 })
              : t('events.seats.full', { waiting: event.waitlisted })}
        </dd>
      </dl>
      {event.description && <div class="pre description">{event.description}</div>}
      {event.mode === 'onsite' && (
        <EventsMap
          t={t}
          locale={locale}
          id="karte"
          heading={t('events.map.headingOne')}
          areas={props.areas}
          events={[{ ...event, href: `${base}#karte` }]}
        />
      )}
      <p>
        <a href={`${base}.ics`} download>
          {t('events.ics.one')}
        </a>
      </p>
      {props.series.length > 0 && (
        <section aria-labelledby="reihe">
          <h2 id="reihe">{t('events.series.heading')}</h2>
          <ul>
            {props.series.map((s) => (
              <li key={s.id}>
                <a href={`/netzwerk/${event.networkSlug}/veranstaltungen/${s.id}`}>
                  <time dateTime={s.startsAt.toISOString()}>{new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(s.startsAt)}</time>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {props.documentation && (
        <section aria-labelledby="doku">
          <h2 id="doku">{t('events.documentation.heading')}</h2>
          <p>
            <a href={props.documentation.href}>{props.documentation.title}</a>
          </p>
        </section>
      )}
      <RegistrationSection {...props} base={base} />
      {props.canManage && (
        <section aria-labelledby="organisieren" class="organiser">
          <h2 id="organisieren">{t('events.organise.heading')}</h2>
          <ul>
            <li>
              <a href={`${base}/bearbeiten`}>{t('events.edit.link')}</a>
            </li>
            <li>
              <a href={`${base}/anmeldungen`}>{t('events.registrations.link')}</a>
            </li>
            <li>
              <a href={`${base}/anwesenheit`}>{t('events.attendance.link')}</a>
            </li>
            <li>
              <a href={`${base}/dokumentation`}>{t('events.documentation.link')}</a>
            </li>
          </ul>
          {props.canPublish && event.status === 'review' && (
            <form method="post" action={`${base}/status`}>
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="status" value="published" />
              <button type="submit">{t('events.publish')}</button>
            </form>
          )}
          {event.status === 'draft' && (
            <form method="post" action={`${base}/status`}>
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="status" value={props.canPublish ? 'published' : 'review'} />
              <button type="submit">{props.canPublish ? t('events.publish') : t('events.submitForReview')}</button>
            </form>
          )}
          {event.status === 'published' && (
            <form method="post" action={`${base}/absagen`}>
              <CsrfField token={props.csrfToken} />
              <div class="checkbox">
                <input type="checkbox" id="f-confirm-cancel" name="confirm" value="1" required />
                <label for="f-confirm-cancel">{t('events.cancel.confirm')}</label>
              </div>
              <button type="submit" class="secondary">
                {t('events.cancel.button')}
              </button>
            </form>
          )}
        </section>
      )}
    </article>
  );
}

function RegistrationSection(props: EventPageProps & { base: string }) {
  const { t, event } = props;
  if (props.own) {
    return (
      <section aria-labelledby="anmeldung">
        <h2 id="anmeldung">{t('events.register.heading')}</h2>
        <p>{t('events.register.yours', { status: registrationStatusLabel(t, props.own.status) })}</p>
        {props.certificateHref && (
          <p>
            <a href={props.certificateHref}>{t('events.certificate.download')}</a>
          </p>
        )}
        <form method="post" action={`${props.base}/abmelden`}>
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="secondary">
            {props.own.status === 'waitlisted' ? t('events.register.leaveList') : t('events.register.cancel')}
          </button>
        </form>
      </section>
    );
  }
  if (props.registrationState !== 'open') {
    if (!event.registrationEnabled) return null;
    return (
      <section aria-labelledby="anmeldung">
        <h2 id="anmeldung">{t('events.register.heading')}</h2>
        <p>{t(`events.register.state.${props.registrationState}`)}</p>
      </section>
    );
  }
  const full = event.capacity !== null && event.seatsTaken >= event.capacity;
  const labels: Record<string, string> = { name: t('events.register.name'), email: t('events.register.email') };
  for (const q of event.questions) labels[`answer_${q.id}`] = q.label;
  return (
    <section aria-labelledby="anmeldung">
      <h2 id="anmeldung">{t('events.register.heading')}</h2>
      {full && <p>{t('events.register.waitlistNote')}</p>}
      <ErrorSummary errors={props.errors} labels={labels} t={t} />
      <form method="post" action={`${props.base}/anmelden`} novalidate>
        <CsrfField token={props.csrfToken} />
        {props.signedIn ? (
          <p>{t('events.register.as', { name: props.signedIn.name, email: props.signedIn.email })}</p>
        ) : (
          <>
            <Field name="name" label={labels.name!} value={props.values.name} error={props.errors.name} required maxLength={120} autocomplete="name" />
            <Field
              name="email"
              type="email"
              label={labels.email!}
              hint={t('events.register.emailHint')}
              value={props.values.email}
              error={props.errors.email}
              required
              maxLength={254}
              autocomplete="email"
            />
          </>
        )}
        {event.questions.map((q) =>
          q.type === 'choice' ? (
            <fieldset key={q.id} class={props.errors[`answer_${q.id}`] ? 'field field--error' : 'field'}>
              <legend>
                {q.label}
                {!q.required && ` ${t('form.optional')}`}
              </legend>
              {props.errors[`answer_${q.id}`] && (
                <p class="error" id={`f-answer_${q.id}-error`}>
                  {props.errors[`answer_${q.id}`]}
                </p>
              )}
              {q.options.map((o, i) => (
                <div class="checkbox radio" key={o}>
                  <input
                    type="radio"
                    id={i === 0 ? `f-answer_${q.id}` : `f-answer_${q.id}-${i}`}
                    name={`answer_${q.id}`}
                    value={o}
                    checked={props.values[`answer_${q.id}`] === o}
                  />
                  <label for={i === 0 ? `f-answer_${q.id}` : `f-answer_${q.id}-${i}`}>{o}</label>
                </div>
              ))}
            </fieldset>
          ) : (
            <Field
              key={q.id}
              name={`answer_${q.id}`}
              label={q.required ? q.label : `${q.label} ${t('form.optional')}`}
              value={props.values[`answer_${q.id}`]}
              error={props.errors[`answer_${q.id}`]}
              maxLength={1000}
            />
          ),
        )}
        <button type="submit">{full ? t('events.register.submitWaitlist') : t('events.register.submit')}</button>
      </form>
    </section>
  );
}
