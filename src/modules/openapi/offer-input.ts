import { Type, type Static } from 'typebox';
import { COMMITMENTS, FIELDS, SUITABILITY, TARGET_GROUPS, TIMES_OF_DAY } from '../../platform/vocabulary.ts';
import { OFFER_LIMITS, offerInputFromForm, type OfferForm, type OfferInput } from '../offers/index.ts';
import type { FieldProblems } from '../organisations/index.ts';
import { UUID_PATTERN as UUID } from '../../platform/http/ids.ts';

const oneOf = <T extends string>(values: readonly T[]) => Type.Enum([...values]);
const ListItem = Type.String({ minLength: 1, maxLength: OFFER_LIMITS.listItem });
const DATE = '^\\d{4}-\\d{2}-\\d{2}$';

const Nullable = <S extends Parameters<typeof Type.Union>[0][number]>(schema: S) => Type.Union([schema, Type.Null()]);

/**
 * An offer as an organisation's software sends it: the offer form's fields in JSON types. The form's
 * rules (lengths, dates in order, place or remote, coordinates in range) are applied by the same parser.
 */
export const OfferWriteSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: OFFER_LIMITS.title, examples: ['Lesepatin oder Lesepate in der Grundschule'] }),
    summary: Type.Optional(Type.String({ maxLength: OFFER_LIMITS.summary })),
    description: Type.Optional(Type.String({ maxLength: OFFER_LIMITS.description, description: 'Plain text; blank lines separate paragraphs.' })),
    field: oneOf(FIELDS),
    targetGroups: Type.Optional(Type.Array(oneOf(TARGET_GROUPS), { maxItems: TARGET_GROUPS.length })),
    skills: Type.Optional(Type.Array(ListItem, { maxItems: OFFER_LIMITS.listItems })),
    tags: Type.Optional(Type.Array(ListItem, { maxItems: OFFER_LIMITS.listItems })),
    commitment: oneOf(COMMITMENTS),
    hoursPerWeek: Type.Optional(Nullable(Type.Number({ exclusiveMinimum: 0, maximum: OFFER_LIMITS.hoursPerWeek }))),
    weekdays: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { maxItems: 7, description: 'ISO weekdays, 1 = Monday' })),
    timesOfDay: Type.Optional(Type.Array(oneOf(TIMES_OF_DAY), { maxItems: TIMES_OF_DAY.length })),
    suitability: Type.Optional(Type.Array(oneOf(SUITABILITY), { maxItems: SUITABILITY.length })),
    remote: Type.Optional(Type.Boolean()),
    municipalityId: Type.Optional(Nullable(Type.String({ pattern: UUID, description: 'A municipality of the organisation’s network; required unless remote.' }))),
    street: Type.Optional(Type.String({ maxLength: OFFER_LIMITS.street })),
    postcode: Type.Optional(Type.String({ pattern: '^$|^\\d{5}$' })),
    place: Type.Optional(Type.String({ maxLength: OFFER_LIMITS.place })),
    district: Type.Optional(Type.String({ maxLength: OFFER_LIMITS.district })),
    lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
    lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
    startsOn: Type.Optional(Nullable(Type.String({ pattern: DATE, description: 'YYYY-MM-DD' }))),
    endsOn: Type.Optional(Nullable(Type.String({ pattern: DATE, description: 'YYYY-MM-DD' }))),
    peopleWanted: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: OFFER_LIMITS.peopleWanted }))),
    contactName: Type.Optional(Type.String({ maxLength: OFFER_LIMITS.contactName })),
    contactEmail: Type.Optional(Type.String({ maxLength: OFFER_LIMITS.contactEmail })),
    contactPhone: Type.Optional(Type.String({ maxLength: OFFER_LIMITS.contactPhone, pattern: '^[0-9 +/()\\-.]*$' })),
    submit: Type.Optional(
      Type.Boolean({
        default: true,
        description: 'POST only: submit for publication right away (published, or in review where the network office checks first). false keeps a draft.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type OfferWrite = Static<typeof OfferWriteSchema>;

const number = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

/**
 * The API body as the offer form would have sent it, then through the form's parser: one set of rules.
 * Lists are joined with ';' for the parser, so an item must not contain ',' or ';' (it would be split).
 */
export function offerInputFromApi(body: OfferWrite): { ok: true; value: OfferInput } | { ok: false; problems: FieldProblems } {
  const problems: FieldProblems = {};
  for (const name of ['skills', 'tags'] as const) {
    if ((body[name] ?? []).some((item) => /[,;\n]/.test(item))) problems[name] = 'openapi.error.listSeparator';
  }
  const form: OfferForm = {
    title: body.title,
    summary: body.summary ?? '',
    description: body.description ?? '',
    field: body.field,
    targetGroups: body.targetGroups ?? [],
    skills: (body.skills ?? []).join('; '),
    tags: (body.tags ?? []).join('; '),
    commitment: body.commitment,
    hoursPerWeek: number(body.hoursPerWeek),
    weekdays: (body.weekdays ?? []).map(String) as OfferForm['weekdays'],
    timesOfDay: body.timesOfDay ?? [],
    suitability: body.suitability ?? [],
    ...(body.remote ? { remote: '1' as const } : {}),
    municipalityId: body.municipalityId ?? '',
    street: body.street ?? '',
    postcode: body.postcode ?? '',
    place: body.place ?? '',
    district: body.district ?? '',
    lat: number(body.lat),
    lng: number(body.lng),
    startsOn: body.startsOn ?? '',
    endsOn: body.endsOn ?? '',
    peopleWanted: number(body.peopleWanted),
    contactName: body.contactName ?? '',
    contactEmail: body.contactEmail ?? '',
    contactPhone: body.contactPhone ?? '',
  };
  const parsed = offerInputFromForm(form);
  if (!parsed.ok) return { ok: false, problems: { ...parsed.problems, ...problems } };
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return parsed;
}
