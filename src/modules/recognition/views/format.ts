import { formatNumber, type Locale } from '../../../platform/i18n/index.ts';

/** A calendar day (YYYY-MM-DD) as people write it: 07.12.2026 or 07/12/2026. */
export function formatDay(locale: Locale, day: string): string {
  const [year, month, date] = day.split('-');
  return locale === 'de' ? `${date}.${month}.${year}` : `${date}/${month}/${year}`;
}

export function formatHours(locale: Locale, hours: number): string {
  return formatNumber(locale, Math.round(hours * 100) / 100);
}

/** Reads a day typed as 07.12.2026 or sent by a date field as 2026-12-07; null for anything else. */
export function parseDay(value: string): string | null {
  const text = value.trim();
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, day] = german ? [german[3], german[2], german[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!year || !month || !day) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return null;
  return date.toISOString().slice(0, 10);
}

/** Reads hours typed with a comma or a point ("2,5", "2.5"); NaN for anything else. */
export function parseHours(value: string): number {
  const text = value.trim().replace(',', '.');
  return /^\d{1,4}(\.\d{1,2})?$/.test(text) ? Number(text) : Number.NaN;
}
