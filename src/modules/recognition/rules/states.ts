import type { CardRules } from './types.ts';

/*
 * The Ehrenamtskarte rules of four states as their programmes publish them. Each entry names where the
 * rule comes from and the date it was read; a network picks its state and may override single values
 * (municipalities add criteria of their own, e.g. a minimum age in NRW). Checked 2026-12-07.
 */

export const NORDRHEIN_WESTFALEN: CardRules = {
  state: 'NW',
  name: 'Ehrenamtskarte NRW',
  sources: [
    {
      title: 'Landesregierung NRW: erleichterter Zugang zur Ehrenamtskarte (200 Stunden im Jahr oder 4 Stunden pro Woche; Aufwandsentschädigung bis zu den Freibeträgen)',
      publisher: 'Ministerium für Heimat, Kommunales, Bau und Digitalisierung NRW, berichtet von den Kommunen',
      asOf: '2026-02-04',
    },
    {
      title: 'Landesweite Vergabekriterien (Mindestdauer zwei Jahre, ein Jahr unter 20 Jahren; Gültigkeit zwei Jahre)',
      publisher: 'Kommunen in NRW (z. B. Freiwilligenzentrale Hagen, Stadt Sundern)',
      asOf: '2026-02-04',
    },
  ],
  variants: [
    {
      kind: 'standard',
      label: 'Ehrenamtskarte NRW',
      minAge: null,
      hoursPerYear: 200,
      hoursPerWeek: 4,
      years: 2,
      youth: { underAge: 20, years: 1 },
      maxAllowanceEuroPerYear: 3300,
      validityYears: 2,
      alternatives: ['juleica'],
    },
  ],
};

export const BAYERN: CardRules = {
  state: 'BY',
  name: 'Bayerische Ehrenamtskarte',
  sources: [
    {
      title: 'Bayerische Ehrenamtskarte: blaue und goldene Karte, Voraussetzungen',
      publisher: 'Bayerisches Staatsministerium für Familie, Arbeit und Soziales, wiedergegeben von den Landkreisen (z. B. Kronach, Donau-Ries, Regensburg)',
      asOf: '2026-12-07',
    },
  ],
  variants: [
    {
      kind: 'standard',
      label: 'Blaue Ehrenamtskarte',
      minAge: 16,
      hoursPerYear: 250,
      hoursPerWeek: 5,
      years: 2,
      youth: null,
      maxAllowanceEuroPerYear: 3300,
      validityYears: 3,
      alternatives: ['juleica', 'fire_brigade', 'rescue_service', 'voluntary_service', 'reservist'],
    },
    {
      kind: 'gold',
      label: 'Goldene Ehrenamtskarte',
      minAge: 16,
      hoursPerYear: 250,
      hoursPerWeek: 5,
      years: 25,
      youth: null,
      maxAllowanceEuroPerYear: 3300,
      validityYears: null,
      alternatives: ['honour_minister_president', 'service_award_25_years'],
    },
  ],
};

export const NIEDERSACHSEN: CardRules = {
  state: 'NI',
  name: 'Ehrenamtskarte Niedersachsen/Bremen',
  sources: [
    {
      title: 'Infos zur Ehrenamtskarte: Voraussetzungen für den Erwerb',
      publisher: 'FreiwilligenServer Niedersachsen (Niedersächsisches Sozialministerium)',
      asOf: '2026-12-07',
    },
  ],
  variants: [
    {
      kind: 'standard',
      label: 'Ehrenamtskarte Niedersachsen/Bremen',
      minAge: null,
      hoursPerYear: 250,
      hoursPerWeek: 5,
      years: 2,
      youth: null,
      maxAllowanceEuroPerYear: 0,
      validityYears: 3,
      alternatives: ['juleica', 'fire_brigade', 'rescue_service'],
    },
  ],
};

export const SACHSEN: CardRules = {
  state: 'SN',
  name: 'Sächsische Ehrenamtskarte',
  sources: [
    {
      title: 'Sächsische Ehrenamtskarte, 6. Auflage (1. Januar 2025 bis 31. Dezember 2027): Voraussetzungen',
      publisher: 'Freistaat Sachsen (Amt24, ehrenamt.sachsen.de), wiedergegeben von den Gemeinden (z. B. Limbach-Oberfrohna, Wachau)',
      asOf: '2026-12-07',
    },
  ],
  variants: [
    {
      kind: 'standard',
      label: 'Sächsische Ehrenamtskarte',
      minAge: 14,
      hoursPerYear: 156,
      hoursPerWeek: 3,
      years: 2,
      youth: null,
      maxAllowanceEuroPerYear: 840,
      validityYears: 3,
      editionEnds: '2027-12-31',
      alternatives: ['juleica'],
    },
  ],
};

export const STATE_RULES: readonly CardRules[] = [NORDRHEIN_WESTFALEN, BAYERN, NIEDERSACHSEN, SACHSEN];

export function rulesOfState(state: string): CardRules | undefined {
  return STATE_RULES.find((rules) => rules.state === state);
}
