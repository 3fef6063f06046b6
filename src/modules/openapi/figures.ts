import { Type, type TSchema } from 'typebox';
import { type OverviewFigures, people, shownMedianHours } from '../overview/index.ts';
import { PLACEMENT_STATUSES } from '../placements/index.ts';

/*
 * The overview's figures as the public sees them (module overview computes them; the same masking as
 * its public page): counts of people below five are null, and so is a median of fewer than five answers.
 */

const Nullable = <S extends TSchema>(schema: S) => Type.Union([schema, Type.Null()]);
const People = Nullable(Type.Integer({ description: 'null when fewer than 5 people would be counted (privacy)' }));

export const FiguresSchema = Type.Object({
  network: Nullable(Type.Object({ slug: Type.String(), name: Type.String() })),
  municipality: Nullable(Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() })),
  period: Type.Object({ from: Type.String({ examples: ['2025-01'] }), to: Type.String({ examples: ['2025-12'] }) }),
  publishedOffers: Type.Integer(),
  verifiedOrganisations: Type.Integer(),
  volunteers: People,
  placements: People,
  placementsByStatus: Type.Object(Object.fromEntries(PLACEMENT_STATUSES.map((s) => [s, People])) as Record<(typeof PLACEMENT_STATUSES)[number], typeof People>),
  medianResponseHours: Nullable(Type.Number({ description: 'Median time to the first answer to an inquiry; null below 5 answers' })),
  municipalities: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      name: Type.String(),
      network: Type.String({ description: 'network slug' }),
      inhabitants: Nullable(Type.Integer()),
      publishedOffers: Type.Integer(),
      offersPer1000: Nullable(Type.Number()),
    }),
  ),
  trend: Type.Array(
    Type.Object({ month: Type.String(), newOffers: Type.Integer(), newPlacements: People, placed: People }),
    { description: 'The last 24 months up to the end of the period' },
  ),
});

const masked = (value: number | object) => (typeof value === 'number' ? value : null);
const round = (value: number | null, decimals: number) => (value === null ? null : Number(value.toFixed(decimals)));

export function presentFigures(
  figures: OverviewFigures,
  context: { network: { slug: string; name: string } | null; municipality: { id: string; name: string } | null; period: { from: string; to: string } },
) {
  return {
    ...context,
    publishedOffers: figures.publishedOffers,
    verifiedOrganisations: figures.verifiedOrganisations,
    volunteers: masked(people(figures.volunteers, 'public')),
    placements: masked(people(figures.placementsTotal, 'public')),
    placementsByStatus: Object.fromEntries(PLACEMENT_STATUSES.map((s) => [s, masked(people(figures.placementsByStatus[s], 'public'))])),
    medianResponseHours: round(shownMedianHours(figures, 'public'), 1),
    municipalities: figures.municipalities.map((m) => ({
      id: m.id,
      name: m.name,
      network: m.networkSlug,
      inhabitants: m.inhabitants,
      publishedOffers: m.publishedOffers,
      offersPer1000: round(m.offersPer1000, 2),
    })),
    trend: figures.trend.map((m) => ({
      month: m.month,
      newOffers: m.newOffers,
      newPlacements: masked(people(m.newPlacements, 'public')),
      placed: masked(people(m.placed, 'public')),
    })),
  };
}
