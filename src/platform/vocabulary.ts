/**
 * The shared words of offers, needs and volunteer profiles. Keys are stored; labels live in messages.
 * Fields of activity are the 14 of the German Freiwilligensurvey, in its order.
 */
export const FIELDS = [
  'sport',
  'kultur',
  'freizeit',
  'sozial',
  'schule',
  'kirche',
  'umwelt',
  'politik',
  'jugend_bildung',
  'rettung',
  'gesundheit',
  'beruf',
  'justiz',
  'sonstiges',
] as const;
export type Field = (typeof FIELDS)[number];

/** German labels exactly as in the survey (shared/data/demo-regions.json, fieldsOfActivity). */
export const FIELD_LABELS_DE: Record<Field, string> = {
  sport: 'Sport und Bewegung',
  kultur: 'Kultur und Musik',
  freizeit: 'Freizeit und Geselligkeit',
  sozial: 'Sozialer Bereich',
  schule: 'Schule oder Kindergarten',
  kirche: 'Kirche oder religiöser Bereich',
  umwelt: 'Umwelt, Naturschutz oder Tierschutz',
  politik: 'Politik und politische Interessenvertretung',
  jugend_bildung: 'Außerschulische Jugendarbeit oder Bildungsarbeit für Erwachsene',
  rettung: 'Unfall- oder Rettungsdienst oder freiwillige Feuerwehr',
  gesundheit: 'Gesundheitsbereich',
  beruf: 'Berufliche Interessenvertretung außerhalb des Betriebs',
  justiz: 'Justiz und Kriminalitätsprobleme',
  sonstiges: 'Sonstiger Bereich',
};

export const FIELD_LABELS_EN: Record<Field, string> = {
  sport: 'Sport and exercise',
  kultur: 'Culture and music',
  freizeit: 'Leisure and socialising',
  sozial: 'Social welfare',
  schule: 'School or kindergarten',
  kirche: 'Church or religion',
  umwelt: 'Environment, nature or animal protection',
  politik: 'Politics and political advocacy',
  jugend_bildung: 'Youth work outside school or adult education',
  rettung: 'Accident or rescue service or volunteer fire brigade',
  gesundheit: 'Health',
  beruf: 'Professional advocacy outside the workplace',
  justiz: 'Justice and crime problems',
  sonstiges: 'Other',
};

/** Who an offer is for (the people helped), not who may help. */
export const TARGET_GROUPS = [
  'kinder',
  'jugendliche',
  'familien',
  'senioren',
  'menschen_mit_behinderung',
  'gefluechtete',
  'kranke',
  'tiere',
  'alle',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const COMMITMENTS = ['one_off', 'project', 'regular'] as const;
export type Commitment = (typeof COMMITMENTS)[number];

export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Who can help: suitability flags of an offer. */
export const SUITABILITY = ['youth', 'seniors', 'families', 'little_german', 'wheelchair'] as const;
export type Suitability = (typeof SUITABILITY)[number];
