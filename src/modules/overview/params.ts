import { Type, type Static } from 'typebox';
import { UUID_PATTERN as UUID } from '../../platform/http/ids.ts';

/** A month as in the address bar and in <input type="month">: 2025-03. */
export const MONTH_PATTERN = '^20[0-9]{2}-(0[1-9]|1[0-2])$';

/** Longest period one overview covers: ten years keeps every query bounded. */
export const MAX_PERIOD_MONTHS = 120;
/** The trend always shows this many months, ending with the period's last month. */
export const TREND_MONTHS = 24;
/** Without a choice the period is the last twelve months up to the current one. */
export const DEFAULT_PERIOD_MONTHS = 12;

/** The overview's filters, German as in the address bar. An empty field means "no filter". */
export const OverviewQuery = Type.Object(
  {
    von: Type.Optional(Type.String({ pattern: MONTH_PATTERN, description: 'first month of the period, YYYY-MM' })),
    bis: Type.Optional(Type.String({ pattern: MONTH_PATTERN, description: 'last month of the period, YYYY-MM' })),
    kommune: Type.Optional(Type.String({ pattern: UUID, description: 'municipality id' })),
  },
  { additionalProperties: false },
);
export type OverviewQuery = Static<typeof OverviewQuery>;

export interface Period {
  /** First month, YYYY-MM. */
  from: string;
  /** Last month, YYYY-MM (inclusive). */
  to: string;
}

export type ParamProblem = { field: 'von' | 'bis' | 'kommune'; code: 'overview.invalid.month' | 'overview.invalid.order' | 'overview.invalid.tooLong' | 'overview.invalid.municipality' };

/** Months since year 0, for comparing and stepping months without dates and time zones. */
export function monthIndex(month: string): number {
  const [year = '0', m = '1'] = month.split('-');
  return Number(year) * 12 + Number(m) - 1;
}

export function monthOf(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function addMonths(month: string, count: number): string {
  return monthOf(monthIndex(month) + count);
}

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) months.push(monthOf(i));
  return months;
}

/** The month a moment falls in, in German local time (months of a council report start at local midnight). */
const berlinYearMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit' });

export function berlinMonth(moment: Date): string {
  const parts = berlinYearMonth.formatToParts(moment);
  const year = parts.find((p) => p.type === 'year')?.value ?? '2000';
  const month = parts.find((p) => p.type === 'month')?.value ?? '01';
  return `${year}-${month}`;
}

/** Drops empty form values, so a submitted but empty field means "no filter" rather than a bad value. */
export function withoutEmptyValues(query: unknown): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (!query || typeof query !== 'object') return result;
  for (const [key, value] of Object.entries(query)) {
    if (value === '' || value === undefined) continue;
    result[key] = value;
  }
  return result;
}

/**
 * The period the filters name, or the problems with them. Shape errors are the route schema's job;
 * this checks what a schema cannot: order and length.
 */
export function resolvePeriod(query: OverviewQuery, now: Date): { period: Period; problems: ParamProblem[] } {
  const current = berlinMonth(now);
  const to = query.bis ?? (query.von && monthIndex(query.von) > monthIndex(current) ? query.von : current);
  const from = query.von ?? addMonths(to, -(DEFAULT_PERIOD_MONTHS - 1));
  const problems: ParamProblem[] = [];
  if (monthIndex(from) > monthIndex(to)) problems.push({ field: 'von', code: 'overview.invalid.order' });
  else if (monthIndex(to) - monthIndex(from) + 1 > MAX_PERIOD_MONTHS) problems.push({ field: 'von', code: 'overview.invalid.tooLong' });
  return { period: { from, to }, problems };
}
