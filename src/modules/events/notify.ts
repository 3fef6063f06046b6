import { escapeUTF8 } from 'entities';
import { hashSecret } from '../../platform/auth/tokens.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { formatDateTime, translator, type MessageKey } from '../../platform/i18n/index.ts';
import { queueMail, type MailAttachment } from '../../platform/mail/index.ts';
import { checkinPath, checkinQrPng } from './checkin.ts';
import { personalToken } from './commands.ts';
import type { Event, EventRegistration } from './schema.ts';

/*
 * Every mail to registered people goes through here, in the language they registered in, each with the
 * personal link (to confirm, to cancel, to leave the waiting list). Registrations made before the link
 * was derived from the id keep a random one that cannot be rebuilt; their mails point to the first mail.
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
  registration: Pick<EventRegistration, 'id' | 'name' | 'email' | 'locale' | 'tokenHash'>,
): Promise<void> {
  const locale = registration.locale;
  const t = translator(locale);
  const derived = personalToken(deps.config.cookieSecret!, registration.id);
  const token = hashSecret(derived) === registration.tokenHash ? derived : null;
  const values = {
    name: registration.name,
    title: event.title,
    when: formatDateTime(locale, event.startsAt),
    where: event.mode === 'online' ? t('events.mode.online') : event.place,
    page: eventHref(deps.config.publicUrl, event),
    link: token ? personalLink(deps.config.publicUrl, token) : '',
    online: event.mode === 'online' && event.onlineUrl ? t('events.mail.onlineLink', { url: event.onlineUrl }) : '',
  };
  const text = t(`events.mail.${kind}.text` as MessageKey, values);
  const body = `${text}\n\n${token ? t('events.mail.personalLink', values) : t('events.mail.keepLink')}\n`;
  const checkin = await checkinPart(deps, kind, event, registration.id, t);
  await queueMail(deps.jobs, {
    to: registration.email,
    subject: t(`events.mail.${kind}.subject` as MessageKey, values),
    text: checkin ? `${body}\n${checkin.text}\n` : body,
    ...(checkin ? { html: `${paragraphs(body)}${checkin.html}`, attachments: [checkin.image] } : {}),
  });
}

const CHECKIN_CID = 'einchecken@mitmachnetz';

/**
 * The check-in QR code for mails that give or remind of a seat, when the organiser switched it on for an
 * on-site event: the image as an inline (CID) attachment, which mail programs show more reliably than a
 * data: address, and the link as text for those that show no images.
 */
async function checkinPart(
  deps: AppDeps,
  kind: Kind,
  event: Event,
  registrationId: string,
  t: ReturnType<typeof translator>,
): Promise<{ text: string; html: string; image: MailAttachment } | null> {
  if (!event.checkinQr || event.mode !== 'onsite' || !['confirmed', 'promoted', 'reminder'].includes(kind)) return null;
  const url = `${deps.config.publicUrl}${checkinPath(deps.config.cookieSecret!, registrationId)}`;
  const png = await checkinQrPng(url);
  const text = t('events.mail.checkin', { url });
  return {
    text,
    html: `<p><img src="cid:${CHECKIN_CID}" alt="${escapeUTF8(t('events.mail.checkinAlt'))}"></p>${paragraphs(text)}`,
    image: { filename: 'einchecken.png', contentType: 'image/png', contentBase64: png.toString('base64'), cid: CHECKIN_CID },
  };
}

/** The plain text as HTML paragraphs, every character escaped. */
function paragraphs(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeUTF8(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export async function mailAll(
  deps: AppDeps,
  kind: 'changed' | 'cancelled',
  event: Event & { networkSlug: string },
  registrations: readonly EventRegistration[],
): Promise<void> {
  for (const registration of registrations) await mailRegistration(deps, kind, event, registration);
}
