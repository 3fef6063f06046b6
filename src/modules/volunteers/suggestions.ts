import { scoreMatch, type MatchOptions, type MatchTarget, type MatchVolunteer, type Reason } from './matching.ts';

/** How many suggestions a page shows. */
export const SUGGESTION_LIMIT = 20;

export interface Ranked<T> {
  item: T;
  score: number;
  reasons: Reason[];
}

function kmOf(reasons: readonly Reason[]): number {
  const distance = reasons.find((r) => r.code === 'distance');
  return distance?.code === 'distance' ? distance.km : 0;
}

/** Best first; equal scores go to the nearer one, then a stable key so pages do not reshuffle. */
function byFit<T>(key: (item: T) => string) {
  return (a: Ranked<T>, b: Ranked<T>) =>
    b.score - a.score || kmOf(a.reasons) - kmOf(b.reasons) || key(a.item).localeCompare(key(b.item));
}

/** Scores pre-filtered offers for one volunteer; drops those that do not match at all. */
export function rankOffers<T extends MatchTarget & { id: string }>(
  volunteer: MatchVolunteer,
  offers: readonly T[],
  options: MatchOptions = {},
  limit = SUGGESTION_LIMIT,
): Ranked<T>[] {
  return offers
    .map((item) => ({ item, ...scoreMatch(volunteer, item, options) }))
    .filter((r) => r.score > 0)
    .sort(byFit((o) => o.id))
    .slice(0, limit);
}

/** Scores pre-filtered volunteers for one offer or need; drops those that do not match at all. */
export function rankVolunteers<T extends MatchVolunteer & { userId: string; name: string }>(
  target: MatchTarget,
  volunteers: readonly T[],
  limit = SUGGESTION_LIMIT,
): Ranked<T>[] {
  return volunteers
    .map((item) => ({ item, ...scoreMatch(item, target) }))
    .filter((r) => r.score > 0)
    .sort(byFit((v) => `${v.name}\u0000${v.userId}`))
    .slice(0, limit);
}
