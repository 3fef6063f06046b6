import type { Alternative, CardKind, CardRules, CardVariant, RuleOverrides } from './types.ts';

/** Confirmed hours of one day, as the hours log holds them. */
export interface CountedHours {
  /** YYYY-MM-DD */
  date: string;
  hours: number;
}

export interface EligibilityInput {
  /** The day of the application (YYYY-MM-DD, Berlin time). */
  today: string;
  /** YYYY-MM-DD, or null when the person did not say. */
  birthDate: string | null;
  hours: readonly CountedHours[];
  /** Proofs the municipality has seen (Juleica, …). */
  alternatives: readonly Alternative[];
  /** Flat allowance received per year in euros, as declared. */
  allowanceEuroPerYear: number;
}

/** A year of the qualifying period and how far the confirmed hours reach in it. */
export interface PeriodCount {
  from: string;
  to: string;
  have: number;
  need: number;
}

export type Reason =
  | { code: 'eligible.hours'; years: number; need: number }
  | { code: 'eligible.alternative'; alternative: Alternative }
  | { code: 'missing.hours'; from: string; to: string; missing: number }
  | { code: 'too_young'; minAge: number }
  | { code: 'age_unknown'; minAge: number }
  | { code: 'allowance_too_high'; max: number };

export interface Eligibility {
  kind: CardKind;
  label: string;
  eligible: boolean;
  /** Why: for an eligible person the rule met, else every requirement still missing. */
  reasons: Reason[];
  periods: PeriodCount[];
  /** YYYY-MM-DD until which a card issued today is valid; null for lifetime cards. */
  validUntil: string | null;
}

/** The variant with a network's overrides applied. */
export function applyOverrides(variant: CardVariant, overrides: RuleOverrides | undefined): CardVariant {
  if (!overrides) return variant;
  const changed = { ...variant };
  if (overrides.minAge !== undefined) changed.minAge = overrides.minAge;
  if (overrides.hoursPerYear !== undefined) changed.hoursPerYear = overrides.hoursPerYear;
  if (overrides.hoursPerWeek !== undefined) changed.hoursPerWeek = overrides.hoursPerWeek;
  if (overrides.years !== undefined) changed.years = overrides.years;
  if (overrides.validityYears !== undefined) changed.validityYears = overrides.validityYears;
  return changed;
}

/** Hours a year must reach: the yearly figure or the weekly average over 52 weeks, whichever asks less. */
export function hoursNeededPerYear(variant: Pick<CardVariant, 'hoursPerYear' | 'hoursPerWeek'>): number {
  return Math.min(variant.hoursPerYear, variant.hoursPerWeek * 52);
}

/**
 * Works out whether a person qualifies for each card of a state, and says why not: every year of the
 * qualifying period (counted back from the application day) must reach the hours, unless a proof such as a
 * Juleica qualifies on its own. Age and allowance limits apply either way.
 */
export function evaluate(rules: CardRules, input: EligibilityInput, overrides?: RuleOverrides): Eligibility[] {
  return rules.variants.map((base) => evaluateVariant(applyOverrides(base, base.kind === 'standard' ? overrides : undefined), input));
}

function evaluateVariant(variant: CardVariant, input: EligibilityInput): Eligibility {
  const blockers: Reason[] = [];
  const age = input.birthDate ? ageOn(input.birthDate, input.today) : null;
  if (variant.minAge !== null) {
    if (age === null) blockers.push({ code: 'age_unknown', minAge: variant.minAge });
    else if (age < variant.minAge) blockers.push({ code: 'too_young', minAge: variant.minAge });
  }
  if (variant.maxAllowanceEuroPerYear !== null && input.allowanceEuroPerYear > variant.maxAllowanceEuroPerYear) {
    blockers.push({ code: 'allowance_too_high', max: variant.maxAllowanceEuroPerYear });
  }

  const years = variant.youth && age !== null && age < variant.youth.underAge ? variant.youth.years : variant.years;
  const need = hoursNeededPerYear(variant);
  const periods = qualifyingPeriods(input.today, years).map(({ from, to }) => ({
    from,
    to,
    have: roundHours(input.hours.filter((h) => h.date >= from && h.date <= to).reduce((sum, h) => sum + h.hours, 0)),
    need,
  }));
  const alternative = variant.alternatives.find((a) => input.alternatives.includes(a));
  const validUntil = variant.editionEnds ?? (variant.validityYears === null ? null : addYears(input.today, variant.validityYears, -1));
  const result = { kind: variant.kind, label: variant.label, periods, validUntil };

  if (alternative) {
    return { ...result, eligible: blockers.length === 0, reasons: blockers.length ? blockers : [{ code: 'eligible.alternative', alternative }] };
  }
  const missing: Reason[] = periods
    .filter((p) => p.have < p.need)
    .map((p) => ({ code: 'missing.hours', from: p.from, to: p.to, missing: roundHours(p.need - p.have) }));
  const reasons = [...blockers, ...missing];
  if (reasons.length === 0) return { ...result, eligible: true, reasons: [{ code: 'eligible.hours', years, need }] };
  return { ...result, eligible: false, reasons };
}

/** The `years` whole years before and including `today`, newest first: [today−1y+1d, today], … */
export function qualifyingPeriods(today: string, years: number): Array<{ from: string; to: string }> {
  const periods: Array<{ from: string; to: string }> = [];
  for (let i = 0; i < years; i++) {
    const to = addYears(today, -i, 0);
    periods.push({ from: addYears(today, -(i + 1), 1), to });
  }
  return periods;
}

/** Completed years of life on a day (a birthday on 29 February counts on 1 March in other years). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** A calendar date moved by whole years and then by days (UTC arithmetic on dates, no time zone involved). */
export function addYears(day: string, years: number, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February in a year without one becomes 28 February (Date would roll over to 1 March).
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function roundHours(hours: number): number {
  return Math.round(hours * 100) / 100;
}
