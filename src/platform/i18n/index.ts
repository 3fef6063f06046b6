export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * Every text key of the platform and its modules. The catalogue is empty here: the platform's and each
 * module's messages.ts add their keys by declaration merging, so `t('some.key')` is checked against all
 * registered texts while the platform imports no module (decision 006).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MessageCatalog {}
export type MessageKey = keyof MessageCatalog & string;
export type Messages = { [K in MessageKey]: string };

const dictionaries: Record<Locale, Record<string, string>> = { de: {}, en: {} };

/** Adds a module's texts (called for every registered module); a key given twice is a programming error. */
export function registerMessages(source: { de: Readonly<Record<string, string>>; en: Readonly<Record<string, string>> }): void {
  for (const locale of LOCALES) {
    const dictionary = dictionaries[locale];
    for (const [key, text] of Object.entries(source[locale])) {
      if (key in dictionary && dictionary[key] !== text) throw new Error(`Message key ${key} (${locale}) is defined twice`);
      dictionary[key] = text;
    }
  }
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Translate function bound to one locale. `{name}` placeholders are filled from params. */
export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): T {
  const dictionary = dictionaries[locale];
  return (key, params) => {
    const message = dictionary[key] ?? dictionaries.de[key] ?? key;
    if (!params) return message;
    return message.replace(/\{(\w+)\}/g, (match, name: string) =>
      name in params ? String(params[name]) : match,
    );
  };
}

/** Picks German or English from an Accept-Language header; German when nothing fits. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return 'de';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...attrs] = part.trim().split(';');
      const q = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if (isLocale(lang)) return lang;
  return 'de';
}

export function formatDateTime(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
  }).format(date);
}

const BERLIN_CLOCK = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The German wall-clock time of a moment in two-digit parts, for file names and exports. */
export function berlinClock(date: Date): { year: string; month: string; day: string; hour: string; minute: string } {
  const part = Object.fromEntries(BERLIN_CLOCK.formatToParts(date).map((p) => [p.type, p.value]));
  return { year: part.year ?? '', month: part.month ?? '', day: part.day ?? '', hour: part.hour ?? '', minute: part.minute ?? '' };
}

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB').format(value);
}
