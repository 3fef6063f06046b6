import { describe, expect, it } from 'vitest';
import { addYears, ageOn, evaluate, hoursNeededPerYear, qualifyingPeriods, type CountedHours } from './engine.ts';
import { BAYERN, NIEDERSACHSEN, NORDRHEIN_WESTFALEN, SACHSEN, STATE_RULES } from './states.ts';

/** `perYear` hours in each of the periods, booked on one day in the middle of each. */
function hoursIn(today: string, perYear: number[]): CountedHours[] {
  return qualifyingPeriods(today, perYear.length).map((period, i) => ({ date: addYears(period.from, 0, 100), hours: perYear[i]! }));
}

const base = { today: '2026-12-07', birthDate: '1980-05-01', alternatives: [], allowanceEuroPerYear: 0 } as const;

describe('qualifying periods', () => {
  it('counts whole years back from the application day, newest first', () => {
    expect(qualifyingPeriods('2026-12-07', 2)).toEqual([
      { from: '2025-12-08', to: '2026-12-07' },
      { from: '2024-12-08', to: '2025-12-07' },
    ]);
  });

  it('takes 29 February back to 28 February in a year without one', () => {
    expect(qualifyingPeriods('2028-02-29', 1)).toEqual([{ from: '2027-03-01', to: '2028-02-29' }]);
  });

  it('counts age in completed years', () => {
    expect(ageOn('2010-12-08', '2026-12-07')).toBe(15);
    expect(ageOn('2010-12-07', '2026-12-07')).toBe(16);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});

describe('Nordrhein-Westfalen (200 hours a year or 4 a week, two years; one year under 20)', () => {
  const [standard] = NORDRHEIN_WESTFALEN.variants;

  it('asks for the lower of 200 a year and 4 × 52 = 208', () => {
    expect(hoursNeededPerYear(standard!)).toBe(200);
  });

  it('is met with exactly 200 hours in each of two years', () => {
    const [card] = evaluate(NORDRHEIN_WESTFALEN, { ...base, hours: hoursIn(base.today, [200, 200]) });
    expect(card).toMatchObject({ eligible: true, validUntil: '2028-12-06', reasons: [{ code: 'eligible.hours', years: 2, need: 200 }] });
  });

  it('names the hours missing in the year that falls short', () => {
    const [card] = evaluate(NORDRHEIN_WESTFALEN, { ...base, hours: hoursIn(base.today, [162, 250]) });
    expect(card!.eligible).toBe(false);
    expect(card!.reasons).toEqual([{ code: 'missing.hours', from: '2025-12-08', to: '2026-12-07', missing: 38 }]);
  });

  it('does not count hours from the day after the application or before the period', () => {
    const hours = [
      { date: '2026-12-08', hours: 300 },
      { date: '2024-12-07', hours: 300 },
      ...hoursIn(base.today, [199.5, 200]),
    ];
    const [card] = evaluate(NORDRHEIN_WESTFALEN, { ...base, hours });
    expect(card!.reasons).toEqual([{ code: 'missing.hours', from: '2025-12-08', to: '2026-12-07', missing: 0.5 }]);
  });

  it('needs one year only from people under 20', () => {
    const young = { ...base, birthDate: '2007-12-08', hours: hoursIn(base.today, [200]) };
    expect(evaluate(NORDRHEIN_WESTFALEN, young)[0]!.eligible).toBe(true);
    const twenty = { ...young, birthDate: '2006-12-07' };
    expect(evaluate(NORDRHEIN_WESTFALEN, twenty)[0]!.reasons).toEqual([
      { code: 'missing.hours', from: '2024-12-08', to: '2025-12-07', missing: 200 },
    ]);
  });

  it('allows allowances up to 3,300 euros a year, not one euro more', () => {
    const hours = hoursIn(base.today, [200, 200]);
    expect(evaluate(NORDRHEIN_WESTFALEN, { ...base, hours, allowanceEuroPerYear: 3300 })[0]!.eligible).toBe(true);
    expect(evaluate(NORDRHEIN_WESTFALEN, { ...base, hours, allowanceEuroPerYear: 3301 })[0]!.reasons).toEqual([
      { code: 'allowance_too_high', max: 3300 },
    ]);
  });

  it('takes a Juleica instead of hours', () => {
    const [card] = evaluate(NORDRHEIN_WESTFALEN, { ...base, hours: [], alternatives: ['juleica'] });
    expect(card).toMatchObject({ eligible: true, reasons: [{ code: 'eligible.alternative', alternative: 'juleica' }] });
  });

  it('lets a network ask for more (a municipal minimum age of 16, 250 hours)', () => {
    const input = { ...base, birthDate: '2011-01-01', hours: hoursIn(base.today, [240]) };
    const [card] = evaluate(NORDRHEIN_WESTFALEN, input, { minAge: 16, hoursPerYear: 250, hoursPerWeek: 5 });
    expect(card!.reasons).toEqual([
      { code: 'too_young', minAge: 16 },
      { code: 'missing.hours', from: '2025-12-08', to: '2026-12-07', missing: 10 },
    ]);
  });
});

describe('Bayern (blue: 16 years, 250 hours or 5 a week for two years; gold: 25 years)', () => {
  it('issues the blue card at exactly 250 hours in each of two years, valid three years', () => {
    const [blue, gold] = evaluate(BAYERN, { ...base, hours: hoursIn(base.today, [250, 250]) });
    expect(blue).toMatchObject({ kind: 'standard', eligible: true, validUntil: '2029-12-06' });
    expect(gold!.eligible).toBe(false);
    expect(gold!.reasons).toHaveLength(23);
  });

  it('refuses 249.75 hours and says so', () => {
    const [blue] = evaluate(BAYERN, { ...base, hours: hoursIn(base.today, [250, 249.75]) });
    expect(blue!.reasons).toEqual([{ code: 'missing.hours', from: '2024-12-08', to: '2025-12-07', missing: 0.25 }]);
  });

  it('needs the age of 16 and a known birth date', () => {
    const hours = hoursIn(base.today, [300, 300]);
    expect(evaluate(BAYERN, { ...base, hours, birthDate: '2010-12-08' })[0]!.reasons).toEqual([{ code: 'too_young', minAge: 16 }]);
    expect(evaluate(BAYERN, { ...base, hours, birthDate: '2010-12-07' })[0]!.eligible).toBe(true);
    expect(evaluate(BAYERN, { ...base, hours, birthDate: null })[0]!.reasons).toEqual([{ code: 'age_unknown', minAge: 16 }]);
  });

  it('takes the fire brigade training for the blue card but not for the gold one', () => {
    const [blue, gold] = evaluate(BAYERN, { ...base, hours: [], alternatives: ['fire_brigade'] });
    expect(blue!.eligible).toBe(true);
    expect(gold!.eligible).toBe(false);
  });

  it('issues the gold card for 25 years of engagement, without an end date', () => {
    const [, gold] = evaluate(BAYERN, { ...base, hours: hoursIn(base.today, Array(25).fill(250)) });
    expect(gold).toMatchObject({ eligible: true, validUntil: null });
  });
});

describe('Niedersachsen/Bremen (250 hours or 5 a week for two years, no flat allowance)', () => {
  it('is met at 250 hours a year and refused with any flat allowance', () => {
    const hours = hoursIn(base.today, [250, 250]);
    expect(evaluate(NIEDERSACHSEN, { ...base, hours })[0]).toMatchObject({ eligible: true, validUntil: '2029-12-06' });
    expect(evaluate(NIEDERSACHSEN, { ...base, hours, allowanceEuroPerYear: 1 })[0]!.reasons).toEqual([
      { code: 'allowance_too_high', max: 0 },
    ]);
  });
});

describe('Sachsen (14 years, 3 hours a week = 156 a year for two years, allowance up to 840 euros, editions)', () => {
  it('is met at 156 hours a year and ends with the edition, whatever the day of issue', () => {
    const [card] = evaluate(SACHSEN, { ...base, hours: hoursIn(base.today, [156, 156]) });
    expect(card).toMatchObject({ eligible: true, validUntil: '2027-12-31' });
    expect(evaluate(SACHSEN, { ...base, hours: hoursIn(base.today, [155.75, 156]) })[0]!.reasons).toEqual([
      { code: 'missing.hours', from: '2025-12-08', to: '2026-12-07', missing: 0.25 },
    ]);
  });

  it('starts at 14 and allows 840 euros of allowance', () => {
    const hours = hoursIn(base.today, [156, 156]);
    expect(evaluate(SACHSEN, { ...base, hours, birthDate: '2012-12-07', allowanceEuroPerYear: 840 })[0]!.eligible).toBe(true);
    expect(evaluate(SACHSEN, { ...base, hours, birthDate: '2012-12-08', allowanceEuroPerYear: 841 })[0]!.reasons).toEqual([
      { code: 'too_young', minAge: 14 },
      { code: 'allowance_too_high', max: 840 },
    ]);
  });
});

describe('the shipped rules', () => {
  it('name a source with a date for every state', () => {
    for (const rules of STATE_RULES) {
      expect(rules.sources.length).toBeGreaterThan(0);
      for (const source of rules.sources) expect(source.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
