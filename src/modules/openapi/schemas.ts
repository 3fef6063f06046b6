import { Type, type TSchema } from 'typebox';
import { COMMITMENTS, FIELDS } from '../../platform/vocabulary.ts';
import { OFFER_STATUSES } from '../offers/index.ts';

/* The shapes of the public API's answers: they validate nothing coming in, but they are the contract
 * (fast serialisation drops anything not listed, so no column leaks by accident) and the documentation. */

const Nullable = <S extends TSchema>(schema: S) => Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });

export { ProblemSchema } from '../../platform/http/problem.ts';

const NetworkRef = Type.Object({ slug: Type.String(), name: Type.String() });
const MunicipalityRef = Type.Object({ id: Uuid, name: Type.String() });

export const NetworkSchema = Type.Object({
  slug: Type.String({ examples: ['gems'] }),
  name: Type.String(),
  kind: Type.String(),
  region: Type.String(),
  description: Type.String(),
  url: Type.String({ format: 'uri' }),
  municipalityCount: Type.Integer(),
});

export const NetworkListSchema = Type.Object({ items: Type.Array(NetworkSchema) });

export const MunicipalitySchema = Type.Object({
  id: Uuid,
  name: Type.String({ examples: ['Krostitz'] }),
  type: Type.String(),
  ags: Nullable(Type.String({ description: 'Amtlicher Gemeindeschlüssel (8 digits)' })),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  inhabitants: Nullable(Type.Integer()),
  network: NetworkRef,
  publishedOffers: Type.Integer(),
});

export const MunicipalityListSchema = Type.Object({ items: Type.Array(MunicipalitySchema) });

export const OrganisationSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  type: Type.String({ description: 'verein, initiative, kirchengemeinde, schule_kita, einrichtung, kommune or unternehmen' }),
  description: Type.String(),
  address: Type.Object({ street: Type.String(), postcode: Type.String(), place: Type.String() }),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  website: Type.String(),
  email: Type.String(),
  phone: Type.String(),
  municipality: Nullable(MunicipalityRef),
  network: NetworkRef,
  url: Type.String({ format: 'uri' }),
  updatedAt: DateTime,
});

export const OrganisationListSchema = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  perPage: Type.Integer(),
  items: Type.Array(OrganisationSchema),
});

export const OrganisationDetailSchema = Type.Object({
  ...OrganisationSchema.properties,
  offers: Type.Array(Type.Object({ id: Uuid, title: Type.String(), url: Type.String({ format: 'uri' }), publishedAt: Nullable(DateTime) })),
});

export const OfferDetailSchema = Type.Object({
  id: Uuid,
  url: Type.String({ format: 'uri' }),
  status: Type.Enum([...OFFER_STATUSES], { description: 'Others than published are only shown to the organisation’s own token.' }),
  title: Type.String(),
  summary: Type.String(),
  description: Type.String({ description: 'Plain text' }),
  descriptionHtml: Type.String({ description: 'A small safe HTML subset: p, br, ul, ol, li, strong, em, a' }),
  field: Type.Enum([...FIELDS]),
  fieldLabel: Type.String(),
  targetGroups: Type.Array(Type.String()),
  skills: Type.Array(Type.String()),
  tags: Type.Array(Type.String()),
  commitment: Type.Enum([...COMMITMENTS]),
  hoursPerWeek: Nullable(Type.Number()),
  weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 })),
  timesOfDay: Type.Array(Type.String()),
  suitability: Type.Array(Type.String()),
  remote: Type.Boolean(),
  address: Type.Object({ street: Type.String(), postcode: Type.String(), place: Type.String(), district: Type.String() }),
  municipality: Nullable(MunicipalityRef),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  startsOn: Nullable(Type.String({ format: 'date' })),
  endsOn: Nullable(Type.String({ format: 'date' })),
  peopleWanted: Nullable(Type.Integer()),
  contact: Type.Object({ name: Type.String(), email: Type.String(), phone: Type.String() }),
  organisation: Type.Object({ id: Uuid, name: Type.String(), url: Nullable(Type.String({ format: 'uri' })) }),
  network: NetworkRef,
  publishedAt: Nullable(DateTime),
  expiresAt: Nullable(DateTime),
  updatedAt: DateTime,
});

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'The id' }) });
