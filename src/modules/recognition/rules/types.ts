/** Proofs that qualify for a card without counting hours (Juleica, basic training of the fire brigade, …). */
export const ALTERNATIVES = [
  'juleica',
  'fire_brigade',
  'rescue_service',
  'voluntary_service',
  'reservist',
  'honour_minister_president',
  'service_award_25_years',
] as const;
export type Alternative = (typeof ALTERNATIVES)[number];

export const CARD_KINDS = ['standard', 'gold'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

export interface RuleSource {
  title: string;
  publisher: string;
  /** The date the rule was read from the source (YYYY-MM-DD). */
  asOf: string;
}

/** One kind of card a state issues and what it takes. */
export interface CardVariant {
  kind: CardKind;
  label: string;
  /** Minimum age on the day of the application; null where the state sets none. */
  minAge: number | null;
  /** Hours per year of the qualifying period … */
  hoursPerYear: number;
  /** … or this average per week (whichever asks less: 4 a week are 208 a year). */
  hoursPerWeek: number;
  /** Whole years, counted back from the application, each of which must reach the hours. */
  years: number;
  /** Younger people need fewer years (NRW: under 20, one year). */
  youth: { underAge: number; years: number } | null;
  /** Flat allowances above this per year exclude the engagement; 0: none allowed; null: no limit. */
  maxAllowanceEuroPerYear: number | null;
  /** Years the card is valid; null for lifetime cards. */
  validityYears: number | null;
  /** States that issue cards in editions: every card of the edition ends on this day (YYYY-MM-DD). */
  editionEnds?: string;
  alternatives: Alternative[];
}

export interface CardRules {
  /** ISO 3166-2 subdivision code without the country: NW, BY, NI. */
  state: string;
  name: string;
  sources: RuleSource[];
  variants: CardVariant[];
}

/** Values a network may change for its municipalities (stored per network). */
export interface RuleOverrides {
  minAge?: number | null;
  hoursPerYear?: number;
  hoursPerWeek?: number;
  years?: number;
  validityYears?: number | null;
}
