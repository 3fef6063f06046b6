import type { AppDeps } from '../../platform/deps.ts';
import { formatDateTime, translator, type Locale, type MessageKey } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/index.ts';
import type { Event, EventRegistration } from './schema.ts';

/*
 * Every mail to registered people goes through here. The personal link (to confirm, to cancel, to leave
 * the waiting list) is only in the first mail: the database keeps just its hash. Later mails point to it.
 */

type Kind = 'confirm' | 'confirmed' | 'waitlisted' | 'promoted' | 'reminder' | 'changed' | 'cancelled' | 'left';

export function eventHref(publicUrl: string, event: Pick<Event, 'id'> & { networkSlug: string }): string {
  return `${publicUrl}/netzwerk/${event.networkSlug}/veranstaltungen/${event.id}`;
}

export function personalLink(publicUrl: string, token: string): string {
  return `${publicUrl}/veranstaltungen/anmeldung/${token}`;
}

export async function mailRegistration(
  deps: AppDeps,
  kind: Kind,
  event: Event & { networkSlug: string },
  registration: Pick<EventRegistration, 'name' | 'email'>,
  options: { token?: string; locale?: Locale } = {},
): Promise<void> {
  const locale = options.locale ?? 'de';
  const t = translator(locale);
  const values = {
    name: registration.name,
    title: event.title,
    when: formatDateTime(locale, event.startsAt),
    where: event.mode === 'online' ? t('events.mode.online') : event.place,
    page: eventHref(deps.config.publicUrl, event),
    link: options.token ? personalLink(deps.config.publicUrl, options.token) : '',
    online: event.mode === 'online' && event.onlineUrl ? t('events.mail.onlineLink', { url: event.onlineUrl }) : '',
  };
  const text = t(`events.mail.${kind}.text` as MessageKey, values);
  await queueMail(deps.jobs, {
    to: registration.email,
    subject: t(`events.mail.${kind}.subject` as MessageKey, values),
    text: `${text}\n\n${options.token ? t('events.mail.personalLink', values) : t('events.mail.keepLink')}\n`,
  });
}

export async function mailAll(
  deps: AppDeps,
  kind: 'changed' | 'cancelled',
  event: Event & { networkSlug: string },
  registrations: readonly EventRegistration[],
): Promise<void> {
  for (const registration of registrations) await mailRegistration(deps, kind, event, registration);
}
