import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Event } from './schema.ts';
import { instantToBerlin } from '../../platform/berlin-time.ts';

/*
 * iCalendar files for one event and for a network's feed. Times are written as Berlin wall-clock times
 * with TZID=Europe/Berlin and the zone's rules (VTIMEZONE) in the file, so calendars show the time the
 * organiser typed in, before and after the change to summer time.
 */

// The zone's rules since 1996 (EU summer time): last Sunday of March 02:00 → 03:00, last Sunday of October back.
const BERLIN_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'X-LIC-LOCATION:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

export interface CalendarEvent extends Pick<Event, 'id' | 'title' | 'description' | 'startsAt' | 'endsAt' | 'mode' | 'place' | 'status' | 'updatedAt'> {
  networkSlug: string;
  municipalityName: string | null;
}

/**
 * ical-generator reads a string time as the process's local time and writes it back the same way, so a
 * Berlin wall-clock string comes out unchanged under the event's TZID whatever zone the server runs in.
 */
function wallClock(date: Date): string {
  return `${instantToBerlin(date)}:00`;
}

export function calendarFile(input: { name: string; publicUrl: string; events: CalendarEvent[]; now: Date }): string {
  const calendar = ical({ name: input.name, prodId: { company: 'Mitmachnetz', product: 'Veranstaltungen', language: 'DE' } });
  calendar.method(ICalCalendarMethod.PUBLISH);
  calendar.timezone({ name: 'Europe/Berlin', generator: () => BERLIN_VTIMEZONE });
  calendar.ttl(3600);
  for (const event of input.events) {
    const url = `${input.publicUrl}/netzwerk/${event.networkSlug}/veranstaltungen/${event.id}`;
    calendar.createEvent({
      id: `${event.id}@mitmachnetz`,
      start: wallClock(event.startsAt),
      end: wallClock(event.endsAt),
      timezone: 'Europe/Berlin',
      stamp: input.now,
      lastModified: event.updatedAt,
      summary: event.status === 'cancelled' ? `[abgesagt] ${event.title}` : event.title,
      description: `${event.description}\n\n${url}`.trim(),
      // The online link is never in a feed: only registered people get it.
      location: event.mode === 'online' ? 'Online' : [event.place, event.municipalityName].filter(Boolean).join(', '),
      url,
      status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
