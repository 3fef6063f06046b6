import { Fragment } from 'preact';
import { formatDateTime, type Locale, type T } from '../../../platform/i18n/index.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span of time as people say it: minutes within the hour, hours within two days, then days. */
export function formatDuration(t: T, ms: number): string {
  const span = Math.max(0, ms);
  if (span < HOUR) return t('placements.duration.minutes', { value: Math.round(span / MINUTE) });
  if (span < 2 * DAY) return t('placements.duration.hours', { value: Math.round(span / HOUR) });
  const days = Math.floor(span / DAY);
  return days === 1 ? t('placements.duration.day') : t('placements.duration.days', { value: days });
}

export function Time({ locale, date }: { locale: Locale; date: Date }) {
  return <time dateTime={date.toISOString()}>{formatDateTime(locale, date)}</time>;
}

/** Text typed by people, line breaks kept, never parsed as markup. */
export function Lines({ text }: { text: string }) {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim());
  return (
    <>
      {paragraphs.map((paragraph, i) => (
        <p key={i}>
          {paragraph.split('\n').map((line, j) => (
            <Fragment key={j}>
              {j > 0 && <br />}
              {line}
            </Fragment>
          ))}
        </p>
      ))}
    </>
  );
}
