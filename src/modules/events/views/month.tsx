import type { Locale, T } from '../../../platform/i18n/index.ts';
import type { EventListItem } from '../queries.ts';
import { instantToBerlin } from '../../../platform/berlin-time.ts';

export interface MonthModel {
  /** YYYY-MM */
  month: string;
  items: EventListItem[];
  previousHref: string;
  nextHref: string;
}

/**
 * The month as a table of weeks (Monday first), each day listing its events. A real table, so screen
 * readers announce the weekday and the date; on phones the CSS turns it into a list of days.
 */
export function MonthGrid({ t, locale, month }: { t: T; locale: Locale; month: MonthModel }) {
  const [year, monthNumber] = month.month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, monthNumber - 1, 1));
  const days = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const byDay = new Map<number, EventListItem[]>();
  for (const item of month.items) {
    const local = instantToBerlin(item.startsAt);
    if (local.slice(0, 7) !== month.month) continue;
    const day = Number(local.slice(8, 10));
    byDay.set(day, [...(byDay.get(day) ?? []), item]);
  }
  const cells: Array<number | null> = [...Array.from({ length: lead }, () => null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const tag = locale === 'de' ? 'de-DE' : 'en-GB';
  const weekday = (i: number) => new Intl.DateTimeFormat(tag, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i)));
  const caption = new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(first);
  return (
    <section aria-labelledby="monat" class="month">
      <h2 id="monat">{caption}</h2>
      <p class="month-nav">
        <a href={month.previousHref}>{t('events.month.previous')}</a>
        {' · '}
        <a href={month.nextHref}>{t('events.month.next')}</a>
      </p>
      <table class="month-grid">
        <caption class="visually-hidden">{t('events.month.caption', { month: caption })}</caption>
        <thead>
          <tr>
            {Array.from({ length: 7 }, (_, i) => (
              <th scope="col" key={i}>
                {weekday(i)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={w}>
              {week.map((day, d) => (
                <td key={d}>
                  {day !== null && (
                    <>
                      <span class="day">{day}</span>
                      {(byDay.get(day) ?? []).length > 0 && (
                        <ul>
                          {(byDay.get(day) ?? []).map((item) => (
                            <li key={item.id}>
                              <a href={`/netzwerk/${item.networkSlug}/veranstaltungen/${item.id}`}>
                                {instantToBerlin(item.startsAt).slice(11)} {item.title}
                              </a>
                            </li>
                          ))}
                        </ul>
                      )}
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
