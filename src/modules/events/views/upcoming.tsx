import type { Locale, T } from '../../../platform/i18n/index.ts';
import type { EventListItem } from '../queries.ts';
import { EventCard } from './list.tsx';

/** The next events of a network, for its home page. */
export function UpcomingEvents({ t, locale, items, href }: { t: T; locale: Locale; items: EventListItem[]; href: string }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="termine-start">
      <h2 id="termine-start">{t('events.home.heading')}</h2>
      <ul class="cards">
        {items.map((item) => (
          <EventCard key={item.id} t={t} locale={locale} item={item} showNetwork={false} />
        ))}
      </ul>
      <p>
        <a href={href}>{t('events.home.all')}</a>
      </p>
    </section>
  );
}
