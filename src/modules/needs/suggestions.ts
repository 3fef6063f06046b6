import { scoreMatch, withinReach, type MatchTarget, type MatchVolunteer, SUGGESTION_LIMIT, type Ranked } from '../volunteers/index.ts';
import type { Need } from './schema.ts';

/** Default radius around a need when looking for offers that could answer it. */
export const DEFAULT_NEED_RADIUS_KM = 25;

/**
 * The need as the seeking side of the one matching function: its field, skills, times and place,
 * with the radius the office chose. Remote offers count only by their place (a need is help on site).
 */
export function needAsSeeker(need: Pick<Need, 'field' | 'skills' | 'weekdays' | 'timesOfDay' | 'lat' | 'lng'>, radiusKm: number): MatchVolunteer {
  return {
    fields: [need.field],
    skills: need.skills,
    weekdays: need.weekdays,
    timesOfDay: need.timesOfDay,
    lat: need.lat,
    lng: need.lng,
    radiusKm,
    remoteOk: false,
  };
}

/**
 * Offers for a need: scored by scoreMatch; an offer that only shares words with the need (score 0
 * for lack of other facts, but inside the radius) still appears, after the scored ones.
 */
export function rankOffersForNeed<T extends MatchTarget & { id: string; rank: number }>(
  seeker: MatchVolunteer,
  offers: readonly T[],
  limit = SUGGESTION_LIMIT,
): Ranked<T>[] {
  return offers
    .map((item) => ({ item, ...scoreMatch(seeker, item) }))
    .filter((r) => r.score > 0 || (r.item.rank > 0 && withinReach(seeker, r.item)))
    .sort((a, b) => b.score - a.score || b.item.rank - a.item.rank || a.item.id.localeCompare(b.item.id))
    .slice(0, limit);
}

