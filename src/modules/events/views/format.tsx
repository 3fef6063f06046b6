import { formatDateTime, type Locale, type T } from '../../../platform/i18n/index.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { EventKind, EventStatus, RegistrationStatus } from '../schema.ts';
import { instantToBerlin } from '../../../platform/berlin-time.ts';

export const kindLabel = (t: T, kind: EventKind) => t(`events.kind.${kind}` as MessageKey);
export const statusLabel = (t: T, status: EventStatus) => t(`events.status.${status}` as MessageKey);
export const registrationStatusLabel = (t: T, status: RegistrationStatus) => t(`events.registration.status.${status}` as MessageKey);

/** "12.05.2026, 18:00 – 20:00" or with both dates when it runs over several days. */
export function when(locale: Locale, startsAt: Date, endsAt: Date): string {
  const sameDay = instantToBerlin(startsAt).slice(0, 10) === instantToBerlin(endsAt).slice(0, 10);
  const end = sameDay ? instantToBerlin(endsAt).slice(11) : formatDateTime(locale, endsAt);
  return `${formatDateTime(locale, startsAt)} – ${end}`;
}

/** A `<time>` element with the machine-readable instant. */
export function Time({ locale, startsAt, endsAt }: { locale: Locale; startsAt: Date; endsAt: Date }) {
  return <time dateTime={startsAt.toISOString()}>{when(locale, startsAt, endsAt)}</time>;
}
