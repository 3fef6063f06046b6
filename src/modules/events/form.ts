import type { FieldErrors } from '../../platform/http/forms.ts';
import type { T } from '../../platform/i18n/index.ts';
import { FIELDS, type Field } from '../../platform/vocabulary.ts';
import type { EventContent } from './commands.ts';
import { EVENT_KINDS, EVENT_MODES, type Event, type EventKind, type EventMode, type EventQuestion } from './schema.ts';
import { berlinToInstant, instantToBerlin } from '../../platform/berlin-time.ts';

/*
 * The event form: every value arrives as text and is checked here, so the organiser gets one message
 * per field in their language and keeps what they typed. Texts are stored as typed and escaped on output.
 */

export type EventFormValues = Record<string, string | string[]>;

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_CONTROL = /[\u0000-\u001F\u007F]/;

function text(body: EventFormValues, name: string): string {
  const value = body[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

function list(body: EventFormValues, name: string): string[] {
  const value = body[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** `Frage` is a text question; `Frage: A | B | C` a choice; a trailing `*` makes it required. */
export function parseQuestions(source: string): EventQuestion[] | null {
  const questions: EventQuestion[] = [];
  for (const [index, raw] of source.split(/\r?\n/).entries()) {
    let line = raw.trim();
    if (!line) continue;
    const required = line.endsWith('*');
    if (required) line = line.slice(0, -1).trim();
    const colon = line.indexOf(':');
    const choice = colon > 0 && line.slice(colon + 1).includes('|');
    const label = (choice ? line.slice(0, colon) : line).trim();
    const options = choice ? line.slice(colon + 1).split('|').map((o) => o.trim()).filter(Boolean) : [];
    if (!label || label.length > 200 || options.length > 20 || options.some((o) => o.length > 100)) return null;
    questions.push({ id: `q${index + 1}`, label, type: choice ? 'choice' : 'text', options, required });
  }
  return questions.length <= 10 ? questions : null;
}

export function questionsText(questions: readonly EventQuestion[]): string {
  return questions
    .map((q) => `${q.label}${q.type === 'choice' ? `: ${q.options.join(' | ')}` : ''}${q.required ? ' *' : ''}`)
    .join('\n');
}

export interface ParsedEventForm {
  content: EventContent;
  organiser: string;
  repeat: { count: number; weeks: number };
}

/**
 * Checks the form. `now` refuses dates in the past; `municipalityIds` are the network's; `organisers`
 * the values the person may choose ('office' and/or organisation ids).
 */
export function parseEventForm(
  body: EventFormValues,
  t: T,
  context: { now: Date; municipalityIds: readonly string[]; organisers: readonly string[]; editing: Event | null },
): { ok: true; value: ParsedEventForm } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const single = (name: string, max: number, required = false): string => {
    const value = text(body, name);
    if (LINE_CONTROL.test(value)) errors[name] = t('form.invalid');
    else if (value.length > max) errors[name] = t('form.tooLong', { max });
    else if (required && !value) errors[name] = t('form.required');
    return value;
  };
  const multi = (name: string, max: number): string => {
    const value = text(body, name).replace(/\r\n/g, '\n');
    if (CONTROL.test(value)) errors[name] = t('form.invalid');
    else if (value.length > max) errors[name] = t('form.tooLong', { max });
    return value;
  };
  const moment = (name: string, required: boolean): Date | null => {
    const value = text(body, name);
    if (!value) {
      if (required) errors[name] = t('form.required');
      return null;
    }
    const instant = berlinToInstant(value);
    if (!instant) errors[name] = t('events.error.date');
    return instant;
  };

  const kind = text(body, 'kind') as EventKind;
  if (!EVENT_KINDS.includes(kind)) errors.kind = t('form.required');
  const title = single('title', 200, true);
  const description = multi('description', 8000);
  const startsAt = moment('startsAt', true);
  const endsAt = moment('endsAt', true);
  const mode = (text(body, 'mode') || 'onsite') as EventMode;
  if (!EVENT_MODES.includes(mode)) errors.mode = t('form.invalid');
  const place = single('place', 300);
  const accessibility = multi('accessibility', 2000);
  const onlineUrl = single('onlineUrl', 500);
  const audience = single('audience', 300);
  const costs = single('costs', 300);
  const municipalityId = text(body, 'municipalityId');
  if (municipalityId && !context.municipalityIds.includes(municipalityId)) errors.municipalityId = t('events.error.municipality');
  const fields = list(body, 'fields');
  if (fields.some((f) => !FIELDS.includes(f as Field)) || fields.length > FIELDS.length) errors.fields = t('form.invalid');
  const capacityText = text(body, 'capacity');
  let capacity: number | null = null;
  if (capacityText) {
    capacity = /^\d{1,5}$/.test(capacityText) ? Number(capacityText) : NaN;
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 10_000) errors.capacity = t('events.error.capacity');
  }
  const opens = moment('registrationOpensAt', false);
  const closes = moment('registrationClosesAt', false);
  const questions = parseQuestions(multi('questions', 4000));
  if (!questions && !errors.questions) errors.questions = t('events.error.questions');
  const organiser = text(body, 'organiser') || 'office';
  if (!context.organisers.includes(organiser)) errors.organiser = t('events.error.organiser');
  const repeatCount = text(body, 'repeatCount') || '0';
  const repeatWeeks = text(body, 'repeatWeeks') || '1';
  const repeat = { count: Number(repeatCount), weeks: Number(repeatWeeks) };
  if (!/^\d{1,2}$/.test(repeatCount) || repeat.count > 12 || !/^\d{1,2}$/.test(repeatWeeks) || repeat.weeks < 1 || repeat.weeks > 8) {
    errors.repeatCount = t('events.error.repeat');
  }

  // Dates: not in the past (unless unchanged on an event that already began), end after start, registration within.
  const unchanged = context.editing && startsAt && context.editing.startsAt.getTime() === startsAt.getTime();
  if (startsAt && !errors.startsAt && startsAt < context.now && !unchanged) errors.startsAt = t('events.error.past');
  if (startsAt && endsAt && !errors.endsAt && endsAt <= startsAt) errors.endsAt = t('events.error.endBeforeStart');
  if (opens && closes && closes <= opens) errors.registrationClosesAt = t('events.error.registrationPeriod');
  if (closes && endsAt && !errors.registrationClosesAt && closes > endsAt) errors.registrationClosesAt = t('events.error.registrationAfterEnd');
  if (mode === 'onsite' && !place && !errors.place) errors.place = t('events.error.place');
  if (mode === 'online' && !errors.onlineUrl && !/^https:\/\/[^\s<>"]+$/i.test(onlineUrl)) errors.onlineUrl = t('events.error.url');

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      organiser,
      repeat,
      content: {
        kind,
        title,
        description,
        startsAt: startsAt!,
        endsAt: endsAt!,
        mode,
        place,
        accessibility,
        municipalityId: municipalityId || null,
        onlineUrl: mode === 'online' ? onlineUrl : '',
        audience,
        fields: fields as Field[],
        capacity,
        registrationOpensAt: opens,
        registrationClosesAt: closes,
        registrationEnabled: text(body, 'registrationEnabled') === '1',
        questions: questions ?? [],
        costs,
        checkinQr: text(body, 'checkinQr') === '1',
        // Placed by position.ts from the place and the municipality.
        lat: null,
        lng: null,
      },
    },
  };
}

/** The form's values for an existing event. */
export function eventValues(event: Event): EventFormValues {
  return {
    kind: event.kind,
    title: event.title,
    description: event.description,
    startsAt: instantToBerlin(event.startsAt),
    endsAt: instantToBerlin(event.endsAt),
    mode: event.mode,
    place: event.place,
    accessibility: event.accessibility,
    municipalityId: event.municipalityId ?? '',
    onlineUrl: event.onlineUrl,
    audience: event.audience,
    fields: event.fields,
    capacity: event.capacity === null ? '' : String(event.capacity),
    registrationOpensAt: event.registrationOpensAt ? instantToBerlin(event.registrationOpensAt) : '',
    registrationClosesAt: event.registrationClosesAt ? instantToBerlin(event.registrationClosesAt) : '',
    registrationEnabled: event.registrationEnabled ? '1' : '',
    questions: questionsText(event.questions),
    costs: event.costs,
    checkinQr: event.checkinQr ? '1' : '',
    organiser: event.organisationId ?? 'office',
  };
}
