import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, berlinMonth, monthsBetween, resolvePeriod } from './params.ts';
import { berlinMonthStart, medianOf } from './queries.ts';

describe('months and periods', () => {
  it('defaults to the twelve months up to the current German month', () => {
    // 23:30 UTC on 31 December is already January in Germany.
    expect(resolvePeriod({}, new Date('2024-12-31T23:30:00Z'))).toEqual({ period: { from: '2024-02', to: '2025-01' }, problems: [] });
    expect(resolvePeriod({ von: '2025-03' }, new Date('2025-06-15T10:00:00Z')).period).toEqual({ from: '2025-03', to: '2025-06' });
    expect(resolvePeriod({ bis: '2025-03' }, new Date('2025-06-15T10:00:00Z')).period).toEqual({ from: '2024-04', to: '2025-03' });
  });

  it('names a period that runs backwards or longer than ten years', () => {
    expect(resolvePeriod({ von: '2025-06', bis: '2025-01' }, new Date()).problems).toEqual([{ field: 'von', code: 'overview.invalid.order' }]);
    expect(resolvePeriod({ von: '2015-01', bis: '2025-01' }, new Date()).problems).toEqual([{ field: 'von', code: 'overview.invalid.tooLong' }]);
    expect(resolvePeriod({ von: '2015-02', bis: '2025-01' }, new Date()).problems).toEqual([]);
  });

  it('steps months across years', () => {
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(addMonths('2024-11', 14)).toBe('2026-01');
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });

  it('finds local midnight on the first of a month in summer and winter time', () => {
    expect(berlinMonthStart('2025-01').toISOString()).toBe('2024-12-31T23:00:00.000Z');
    expect(berlinMonthStart('2025-07').toISOString()).toBe('2025-06-30T22:00:00.000Z');
    // The clocks went forward on 30 March 2025: April starts in summer time.
    expect(berlinMonthStart('2025-04').toISOString()).toBe('2025-03-31T22:00:00.000Z');
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const name = `${year}-${String(month).padStart(2, '0')}`;
        const start = berlinMonthStart(name);
        expect(berlinMonth(start)).toBe(name);
        expect(berlinMonth(new Date(start.getTime() - 1))).toBe(addMonths(name, -1));
      }),
    );
  });
});

describe('median from counts', () => {
  it('gives what percentile_cont(0.5) gives over the expanded values', () => {
    expect(medianOf([])).toBeNull();
    expect(medianOf([{ value: 60, count: 1 }])).toBe(60);
    expect(medianOf([{ value: 240, count: 1 }, { value: 60, count: 1 }, { value: 600, count: 1 }, { value: 120, count: 1 }])).toBe(180);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 60 }), (values) => {
        const counts = new Map<number, number>();
        for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
        const sorted = [...values].sort((a, b) => a - b);
        const middle = sorted.length / 2;
        const expected = sorted.length % 2 ? sorted[Math.floor(middle)] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
        expect(medianOf([...counts].map(([value, count]) => ({ value, count })))).toBe(expected);
      }),
    );
  });
});
