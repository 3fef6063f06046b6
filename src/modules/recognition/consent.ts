import type { Db } from '../../platform/db.ts';
import { hasConsent, recordConsent, registerConsentPurpose, usersWithConsent, withdrawConsent } from '../privacy/index.ts';
import { confirmedPerPerson } from './queries.ts';

/**
 * "Organisations I give hours to and the network office may see my confirmed hours with my name." One
 * platform-wide consent in the privacy module's records: given and withdrawn on /konto/stunden, also
 * withdrawn on the consents page. Without it a person counts only in an anonymous sum.
 */
export const TOTALS_PURPOSE = 'recognition.totals';
/** The wording's version; a new wording asks again (recordConsent closes the old record). */
export const TOTALS_WORDING = '2026-12';

registerConsentPurpose(TOTALS_PURPOSE, 'recognition.consent.purpose');

export function hasTotalsConsent(db: Db, userId: string): Promise<boolean> {
  return hasConsent(db, { userId, purpose: TOTALS_PURPOSE });
}

export async function setTotalsConsent(db: Db, userId: string, give: boolean, now: Date): Promise<void> {
  if (give) await recordConsent(db, { userId, purpose: TOTALS_PURPOSE, version: TOTALS_WORDING, method: 'form' }, now);
  else await withdrawConsent(db, { userId, purpose: TOTALS_PURPOSE }, now);
}

export interface PersonTotals {
  /** People who agreed, by name. */
  people: Array<{ userId: string; person: string; hours: number }>;
  /** Everyone else, only as a count and a sum. */
  others: { count: number; hours: number };
  total: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Confirmed hours per person in a period, named only for those who agreed; the rest as one anonymous sum. */
export async function totalsWithConsent(db: Db, scope: { organisationId: string } | { networkId: string }, period: { from: string; to: string }): Promise<PersonTotals> {
  const rows = await confirmedPerPerson(db, scope, period);
  const agreed = await usersWithConsent(db, TOTALS_PURPOSE, rows.map((r) => r.userId));
  const people = rows.filter((r) => agreed.has(r.userId)).map((r) => ({ ...r, hours: round(r.hours) }));
  const rest = rows.filter((r) => !agreed.has(r.userId));
  return {
    people,
    others: { count: rest.length, hours: round(rest.reduce((sum, r) => sum + r.hours, 0)) },
    total: round(rows.reduce((sum, r) => sum + r.hours, 0)),
  };
}

/** A period from the page's query: a year (default the current one) and optionally a month. */
export function periodOf(query: { jahr?: string | undefined; monat?: string | undefined }, today: string): { year: number; month: number | null; from: string; to: string } {
  const current = Number(today.slice(0, 4));
  const year = /^\d{4}$/.test(query.jahr ?? '') && Math.abs(Number(query.jahr) - current) <= 10 ? Number(query.jahr) : current;
  const month = /^(0?[1-9]|1[0-2])$/.test(query.monat ?? '') ? Number(query.monat) : null;
  if (month === null) return { year, month, from: `${year}-01-01`, to: `${year}-12-31` };
  const mm = String(month).padStart(2, '0');
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, from: `${year}-${mm}-01`, to: `${year}-${mm}-${last}` };
}
