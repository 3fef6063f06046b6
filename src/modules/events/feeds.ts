import { Feed } from 'feed';
import type { EventListItem } from './queries.ts';
import type { EventDetail } from './queries.ts';
import { when } from './views/format.tsx';

/** RSS of a network's upcoming events: title, date and place in each item, the page as its link. */
export function eventsRss(input: { title: string; publicUrl: string; selfUrl: string; items: EventListItem[]; now: Date }): string {
  const feed = new Feed({
    id: input.selfUrl,
    title: input.title,
    link: input.selfUrl.replace(/\.rss$/, ''),
    language: 'de',
    updated: input.now,
    generator: 'Mitmachnetz',
    copyright: '',
    feedLinks: { rss: input.selfUrl },
  });
  for (const item of input.items) {
    const link = `${input.publicUrl}/netzwerk/${item.networkSlug}/veranstaltungen/${item.id}`;
    const where = item.mode === 'online' ? 'Online' : [item.place, item.municipalityName].filter(Boolean).join(', ');
    feed.addItem({
      id: link,
      title: item.title,
      link,
      date: item.startsAt,
      description: `${when('de', item.startsAt, item.endsAt)} · ${where}\n\n${item.description.slice(0, 500)}`,
    });
  }
  return feed.rss2();
}

/** schema.org Event for the event page; the online link stays out (only registered people get it). */
export function eventJsonLd(event: EventDetail, publicUrl: string): object {
  const url = `${publicUrl}/netzwerk/${event.networkSlug}/veranstaltungen/${event.id}`;
  const location =
    event.mode === 'online'
      ? { '@type': 'VirtualLocation', url }
      : {
          '@type': 'Place',
          name: event.place || event.municipalityName || event.networkName,
          address: { '@type': 'PostalAddress', addressLocality: event.municipalityName ?? event.place, addressCountry: 'DE' },
          ...(event.lat !== null && event.lng !== null ? { geo: { '@type': 'GeoCoordinates', latitude: event.lat, longitude: event.lng } } : {}),
        };
  const free = event.capacity === null || event.seatsTaken < event.capacity;
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    description: event.description || event.title,
    startDate: event.startsAt.toISOString(),
    endDate: event.endsAt.toISOString(),
    eventStatus: event.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: event.mode === 'online' ? 'https://schema.org/OnlineEventAttendanceMode' : 'https://schema.org/OfflineEventAttendanceMode',
    location,
    organizer: { '@type': 'Organization', name: event.organiserName ?? event.networkName },
    url,
    ...(event.capacity !== null ? { maximumAttendeeCapacity: event.capacity, remainingAttendeeCapacity: Math.max(0, event.capacity - event.seatsTaken) } : {}),
    ...(event.registrationEnabled
      ? { offers: { '@type': 'Offer', url, availability: free ? 'https://schema.org/InStock' : 'https://schema.org/SoldOut', ...(event.costs ? { description: event.costs } : { price: 0, priceCurrency: 'EUR' }) } }
      : {}),
  };
}
