import { describe, expect, it } from 'vitest';
import { berlinDay, berlinDayStart, berlinMonth, berlinToInstant, instantToBerlin } from './berlin-time.ts';

describe('German wall-clock time', () => {
  it('reads a datetime-local value as Berlin time, in winter and in summer', () => {
    expect(berlinToInstant('2026-01-15T18:30')?.toISOString()).toBe('2026-01-15T17:30:00.000Z');
    expect(berlinToInstant('2026-07-01T18:30')?.toISOString()).toBe('2026-07-01T16:30:00.000Z');
    // The hour after the clocks went back and the last one before they went forward.
    expect(berlinToInstant('2026-10-25T03:30')?.toISOString()).toBe('2026-10-25T02:30:00.000Z');
    expect(berlinToInstant('2026-03-29T01:59')?.toISOString()).toBe('2026-03-29T00:59:00.000Z');
  });

  it('refuses what is no such value or no such day', () => {
    for (const bad of ['2026-02-30T10:00', '2026-13-01T10:00', '2026-05-04T24:00', '2026-05-04 18:30', '']) expect(berlinToInstant(bad), bad).toBeNull();
  });

  it('writes an instant back as the value the form showed', () => {
    for (const local of ['2026-01-15T18:30', '2026-07-01T00:05', '2026-12-31T23:59']) expect(instantToBerlin(berlinToInstant(local)!)).toBe(local);
  });

  it('knows the German day and month of an instant when UTC is still in the day before', () => {
    const newYear = new Date('2026-12-31T23:30:00Z');
    expect(berlinDay(newYear)).toBe('2027-01-01');
    expect(berlinMonth(newYear)).toBe('2027-01');
    expect(berlinDayStart(newYear).toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(berlinDayStart(new Date('2026-07-01T12:00:00Z'), 1).toISOString()).toBe('2026-07-01T22:00:00.000Z');
  });
});
