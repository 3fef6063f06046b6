import { sql, type SQL } from 'drizzle-orm';

/*
 * Response time, one definition for every page that shows it (issue 12, finding 10): the whole
 * minutes, rounded, from an inquiry's creation to the organisation's first answer, counted for the
 * inquiries that have one. The median over a selection is the middle of those minutes, or the mean of
 * the two middle ones for an even count (as percentile_cont(0.5) gives it). The placements list counts
 * the minutes from the rows with responseMinutes(); the overview's monthly tables keep the same minutes
 * (migration 0010, the same expression); both take the median with medianOf().
 */

/** The response minutes of the placement row `alias` (null while unanswered). */
export function responseMinutes(alias: SQL): SQL<number | null> {
  return sql<number | null>`round(date_part('epoch', ${alias}.first_response_at - ${alias}.created_at) / 60)::int`;
}

/** Median of values given as value → count (here: response minutes), as percentile_cont(0.5) would give it. */
export function medianOf(histogram: ReadonlyArray<{ value: number; count: number }>): number | null {
  const sorted = [...histogram].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, h) => sum + h.count, 0);
  if (total === 0) return null;
  const valueAt = (index: number) => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.count;
      if (index < seen) return h.value;
    }
    return sorted[sorted.length - 1]?.value ?? 0;
  };
  return total % 2 === 1 ? valueAt((total - 1) / 2) : (valueAt(total / 2 - 1) + valueAt(total / 2)) / 2;
}
