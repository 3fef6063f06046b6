import { Type, type Static } from 'typebox';
import { isEmail, parseCoordinates, parseDecimal, type FieldProblems } from '../organisations/index.ts';
import { CONTACT_CHOICE_PATTERN } from './contact.ts';
import { textToDescriptionHtml } from './description.ts';
import {
  COMMITMENTS,
  FIELDS,
  SUITABILITY,
  TARGET_GROUPS,
  TIMES_OF_DAY,
  WEEKDAYS,
  type Commitment,
  type Field,
  type Suitability,
  type TargetGroup,
  type TimeOfDay,
} from '../../platform/vocabulary.ts';

/** Documented limits of the offer form (also shown as maxlength in the form). */
export const OFFER_LIMITS = {
  title: 200,
  summary: 500,
  description: 10_000,
  list: 500,
  listItem: 60,
  listItems: 20,
  street: 200,
  place: 120,
  district: 120,
  contactName: 120,
  contactEmail: 254,
  contactPhone: 50,
  hoursPerWeek: 80,
  peopleWanted: 9999,
} as const;

const literals = <T extends string>(values: readonly T[]) => Type.Enum([...values]);
const OPTIONAL_NUMBER = '^$|^-?\\d{1,4}([.,]\\d{1,10})?$';
const OPTIONAL_DATE = '^$|^\\d{4}-\\d{2}-\\d{2}$';

export const OfferFormSchema = Type.Object({
  title: Type.String({ minLength: 1, maxLength: OFFER_LIMITS.title }),
  summary: Type.String({ maxLength: OFFER_LIMITS.summary }),
  description: Type.String({ maxLength: OFFER_LIMITS.description }),
  field: literals(FIELDS),
  targetGroups: Type.Optional(Type.Array(literals(TARGET_GROUPS), { maxItems: TARGET_GROUPS.length })),
  skills: Type.String({ maxLength: OFFER_LIMITS.list }),
  tags: Type.String({ maxLength: OFFER_LIMITS.list }),
  commitment: literals(COMMITMENTS),
  hoursPerWeek: Type.String({ maxLength: 10, pattern: OPTIONAL_NUMBER }),
  weekdays: Type.Optional(Type.Array(literals(WEEKDAYS.map(String)), { maxItems: 7 })),
  timesOfDay: Type.Optional(Type.Array(literals(TIMES_OF_DAY), { maxItems: TIMES_OF_DAY.length })),
  suitability: Type.Optional(Type.Array(literals(SUITABILITY), { maxItems: SUITABILITY.length })),
  remote: Type.Optional(Type.Literal('1')),
  municipalityId: Type.String({ maxLength: 36 }),
  street: Type.String({ maxLength: OFFER_LIMITS.street }),
  postcode: Type.String({ maxLength: 5, pattern: '^$|^\\d{5}$' }),
  place: Type.String({ maxLength: OFFER_LIMITS.place }),
  district: Type.String({ maxLength: OFFER_LIMITS.district }),
  /** The network office's correction of the position on the map; the form shows these fields only to it. */
  lat: Type.Optional(Type.String({ maxLength: 20, pattern: OPTIONAL_NUMBER })),
  lng: Type.Optional(Type.String({ maxLength: 20, pattern: OPTIONAL_NUMBER })),
  startsOn: Type.String({ maxLength: 10, pattern: OPTIONAL_DATE }),
  endsOn: Type.String({ maxLength: 10, pattern: OPTIONAL_DATE }),
  peopleWanted: Type.String({ maxLength: 4, pattern: '^$|^\\d{1,4}$' }),
  /** Who is named as the contact person (contact.ts); checked against the organisation's members in the route. */
  contact: Type.Optional(Type.String({ maxLength: 36, pattern: CONTACT_CHOICE_PATTERN })),
  contactName: Type.String({ maxLength: OFFER_LIMITS.contactName }),
  contactEmail: Type.String({ maxLength: OFFER_LIMITS.contactEmail }),
  contactPhone: Type.String({ maxLength: OFFER_LIMITS.contactPhone, pattern: '^[0-9 +/()\\-.]*$' }),
  idempotencyKey: Type.Optional(Type.String({ format: 'uuid' })),
  /** Which button was pressed: keep as draft, or submit for publication. */
  intent: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('submit')])),
});
export type OfferForm = Static<typeof OfferFormSchema>;

/** An offer's content as the commands take it: checked, trimmed and in stored form. */
export interface OfferInput {
  title: string;
  summary: string;
  /** Stored HTML of the safe subset. */
  description: string;
  field: Field;
  targetGroups: TargetGroup[];
  skills: string[];
  tags: string[];
  commitment: Commitment;
  hoursPerWeek: number | null;
  weekdays: number[];
  timesOfDay: TimeOfDay[];
  suitability: Suitability[];
  remote: boolean;
  municipalityId: string | null;
  street: string;
  postcode: string;
  place: string;
  district: string;
  /** A position set by hand (network office only); otherwise it follows from postcode and municipality. */
  coordinates: { lat: number; lng: number } | null;
  startsOn: string | null;
  endsOn: string | null;
  peopleWanted: number | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

/** "Erste Hilfe, Führerschein; Geduld" → ["Erste Hilfe", "Führerschein", "Geduld"], without repeats. */
export function parseList(value: string): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const raw of value.split(/[,;\n]/)) {
    const item = raw.replace(/\s+/g, ' ').trim();
    if (!item || seen.has(item.toLocaleLowerCase('de'))) continue;
    seen.add(item.toLocaleLowerCase('de'));
    items.push(item);
  }
  return items;
}

export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 2000 && year <= 2100 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function offerInputFromForm(form: OfferForm): { ok: true; value: OfferInput } | { ok: false; problems: FieldProblems } {
  const problems: FieldProblems = {};
  const lists: Record<'skills' | 'tags', string[]> = { skills: parseList(form.skills), tags: parseList(form.tags) };
  for (const name of ['skills', 'tags'] as const) {
    if (lists[name].length > OFFER_LIMITS.listItems) problems[name] = 'offers.error.listCount';
    else if (lists[name].some((item) => item.length > OFFER_LIMITS.listItem)) problems[name] = 'offers.error.listItem';
  }
  const hours = parseDecimal(form.hoursPerWeek);
  if (form.hoursPerWeek.trim() !== '' && (hours === null || hours <= 0 || hours > OFFER_LIMITS.hoursPerWeek)) {
    problems.hoursPerWeek = 'offers.error.hours';
  }
  const people = form.peopleWanted.trim() === '' ? null : Number(form.peopleWanted);
  if (people !== null && (!Number.isInteger(people) || people < 1 || people > OFFER_LIMITS.peopleWanted)) {
    problems.peopleWanted = 'offers.error.people';
  }
  const startsOn = form.startsOn.trim() || null;
  const endsOn = form.endsOn.trim() || null;
  if (startsOn && !isCalendarDate(startsOn)) problems.startsOn = 'offers.error.date';
  if (endsOn && !isCalendarDate(endsOn)) problems.endsOn = 'offers.error.date';
  if (startsOn && endsOn && !problems.startsOn && !problems.endsOn && endsOn < startsOn) problems.endsOn = 'offers.error.endBeforeStart';
  const remote = form.remote === '1';
  const municipalityId = form.municipalityId.trim() || null;
  if (!municipalityId && !remote) problems.municipalityId = 'offers.error.municipalityRequired';
  const coordinates = parseCoordinates(form.lat ?? '', form.lng ?? '');
  if (!coordinates.ok) Object.assign(problems, coordinates.problems);
  const contactEmail = form.contactEmail.trim().toLowerCase();
  if (contactEmail && !isEmail(contactEmail)) problems.contactEmail = 'form.email';
  if (Object.keys(problems).length > 0 || !coordinates.ok) return { ok: false, problems };
  return {
    ok: true,
    value: {
      title: form.title.replace(/\s+/g, ' ').trim(),
      summary: form.summary.replace(/\s+/g, ' ').trim(),
      description: textToDescriptionHtml(form.description),
      field: form.field,
      targetGroups: [...new Set(form.targetGroups ?? [])],
      skills: lists.skills,
      tags: lists.tags,
      commitment: form.commitment,
      hoursPerWeek: hours,
      weekdays: [...new Set((form.weekdays ?? []).map(Number))].sort((a, b) => a - b),
      timesOfDay: TIMES_OF_DAY.filter((t) => form.timesOfDay?.includes(t)),
      suitability: SUITABILITY.filter((s) => form.suitability?.includes(s)),
      remote,
      municipalityId,
      street: form.street.trim(),
      postcode: form.postcode.trim(),
      place: form.place.trim(),
      district: form.district.trim(),
      coordinates: coordinates.value,
      startsOn,
      endsOn,
      peopleWanted: people,
      contactName: form.contactName.trim(),
      contactEmail,
      contactPhone: form.contactPhone.trim(),
    },
  };
}
