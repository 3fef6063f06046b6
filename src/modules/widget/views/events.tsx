import { formatDateTime, type Locale, type T } from '../../../platform/i18n/index.ts';
import type { EventListItem } from '../../events/index.ts';

interface Props {
  t: T;
  locale: Locale;
  heading: string;
  events: EventListItem[];
  base: string;
  allLink: string;
  networkName: string;
}

/** Upcoming events in the frame: title, time, place or "online". Nothing about who registered, no online link. */
export function WidgetEvents({ t, locale, heading, events, base, allLink, networkName }: Props) {
  return (
    <>
      <h1>{heading}</h1>
      {events.length === 0 ? (
        <p>{t('widget.events.none')}</p>
      ) : (
        <ul>
          {events.map((e) => (
            <li key={e.id}>
              <a href={`${base}/netzwerk/${e.networkSlug}/veranstaltungen/${e.id}`} target="_top">
                {e.title}
              </a>
              <span class="meta">
                {[
                  formatDateTime(locale, e.startsAt),
                  e.mode === 'online' ? t('widget.events.online') : [e.place, e.municipalityName].filter(Boolean).join(', '),
                  e.status === 'cancelled' ? t('widget.events.cancelled') : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={allLink} target="_top">
          {t('widget.events.all', { network: networkName })}
        </a>
      </p>
    </>
  );
}
