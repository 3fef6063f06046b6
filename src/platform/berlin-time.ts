import { berlinClock } from './i18n/index.ts';

/*
 * The people using the platform plan in German wall-clock time (Europe/Berlin); the database stores
 * instants. Forms send `datetime-local` values; these helpers turn them into instants and back, across
 * summer time (events, scheduled info mails, hours logged "today").
 */

const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function wallClock(date: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(PARTS.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Minutes Berlin is ahead of UTC at that instant (60 or 120). */
function offsetMinutes(date: Date): number {
  const c = wallClock(date);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** `2026-05-04T18:30` in Berlin as an instant; null when it is not such a value or no such day exists. */
export function berlinToInstant(local: string): Date | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(guess);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  // The offset at the guess is right except within the hour the clocks change; a second pass settles it.
  let instant = guess - offsetMinutes(new Date(guess)) * 60_000;
  instant = guess - offsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant);
}

/** The instant as a `datetime-local` value in Berlin time. */
export function instantToBerlin(date: Date): string {
  const c = wallClock(date);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${c.year}-${p(c.month)}-${p(c.day)}T${p(c.hour)}:${p(c.minute)}`;
}

/** Midnight in Berlin at the start of the day `days` after the one `date` falls on. */
export function berlinDayStart(date: Date, days = 0): Date {
  const c = wallClock(date);
  const d = new Date(Date.UTC(c.year, c.month - 1, c.day + days));
  const p = (n: number) => String(n).padStart(2, '0');
  return berlinToInstant(`${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T00:00`)!;
}

/** YYYY-MM of the instant in Berlin. */
export function berlinMonth(date: Date): string {
  return instantToBerlin(date).slice(0, 7);
}

/** Today's date in Germany (YYYY-MM-DD): what "in the future" and "this year" mean to the people using it. */
export function berlinDay(now: Date): string {
  const { year, month, day } = berlinClock(now);
  return `${year}-${month}-${day}`;
}
