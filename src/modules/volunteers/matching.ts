import { SUITABILITY, TIMES_OF_DAY, WEEKDAYS, type Field, type Suitability, type TimeOfDay } from '../../platform/vocabulary.ts';
import { distanceKm } from '../../platform/geo.ts';

/*
 * How well a volunteer fits an offer or a need: ONE pure function, used by every suggestion page.
 * docs/matching.md explains the rules for the people who run a network.
 *
 * Weights (they add up to 100):
 *   same field of activity ........ 30   the offer's field is one of the volunteer's fields
 *   place ......................... 25   remote and the volunteer takes remote work: 25;
 *                                        otherwise 25 × (1 − distance / radius), rounded to whole points;
 *                                        no points when either side has no known place
 *   time .......................... 20   a common weekday and time of day: 20; the offer names no time: 10;
 *                                        the volunteer names no time, or nothing overlaps: 0
 *   skills ........................ 15   15 × (skills of the offer the volunteer has / skills the offer asks for)
 *   suitability ................... 10   10 × (flags the volunteer asks for that the offer has / flags asked for)
 * Out of the volunteer's radius (and not remote work they accept) is no match at all: score 0, no reasons.
 */
export const WEIGHTS = { field: 30, place: 25, time: 20, timeFlexible: 10, skills: 15, suitability: 10 } as const;

/** Reasons are data; the pages turn them into sentences ("6 km entfernt") in the reader's language. */
export type Reason =
  | { code: 'same_field' }
  | { code: 'distance'; km: number }
  | { code: 'remote' }
  | { code: 'time_fits'; weekday?: number; timeOfDay?: TimeOfDay }
  | { code: 'skill'; skill: string }
  | { code: 'suitable'; flag: Suitability };

export interface MatchResult {
  /** 0–100; 0 means no match. */
  score: number;
  reasons: Reason[];
}

/** The volunteer's side (a volunteer profile has this shape; a need can stand in for a seeker). */
export interface MatchVolunteer {
  fields: readonly Field[];
  skills: readonly string[];
  weekdays: readonly number[];
  timesOfDay: readonly TimeOfDay[];
  lat: number | null;
  lng: number | null;
  radiusKm: number;
  remoteOk: boolean;
}

/** The offer's or the need's side. */
export interface MatchTarget {
  field: Field;
  skills: readonly string[];
  weekdays: readonly number[];
  timesOfDay: readonly TimeOfDay[];
  lat: number | null;
  lng: number | null;
  remote?: boolean;
  suitability?: readonly Suitability[];
}

export interface MatchOptions {
  /** Suitability flags the volunteer asks for (e.g. wheelchair access), ticked on the suggestion page. */
  suitability?: readonly Suitability[];
  /** At most this many time reasons, so a "any day, any time" offer does not list 21 of them. */
  maxTimeReasons?: number;
}

/** Skills are typed freely: compare them without case, hyphens or extra spaces ("Erste-Hilfe" = "erste hilfe"). */
export function normaliseSkill(skill: string): string {
  return skill.toLocaleLowerCase('de').replace(/[-_/]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** False exactly when the place rules a target out: outside the radius and not remote work the volunteer accepts. */
export function withinReach(volunteer: MatchVolunteer, target: MatchTarget): boolean {
  if (target.remote && volunteer.remoteOk) return true;
  if (!hasPlace(volunteer) || !hasPlace(target)) return true;
  return distanceKm(volunteer, target) <= volunteer.radiusKm;
}

const NO_MATCH: MatchResult = Object.freeze({ score: 0, reasons: [] }) as MatchResult;

export function scoreMatch(volunteer: MatchVolunteer, target: MatchTarget, options: MatchOptions = {}): MatchResult {
  const reasons: Reason[] = [];
  let score = 0;

  if (volunteer.fields.includes(target.field)) {
    score += WEIGHTS.field;
    reasons.push({ code: 'same_field' });
  }

  if (target.remote && volunteer.remoteOk) {
    score += WEIGHTS.place;
    reasons.push({ code: 'remote' });
  } else if (hasPlace(volunteer) && hasPlace(target)) {
    const km = distanceKm(volunteer, target);
    if (km > volunteer.radiusKm) return NO_MATCH;
    score += Math.round(WEIGHTS.place * (1 - km / volunteer.radiusKm));
    reasons.push({ code: 'distance', km: Math.round(km) });
  }

  const time = timeFit(volunteer, target, options.maxTimeReasons ?? 3);
  score += time.points;
  reasons.push(...time.reasons);

  const wanted = uniqueSkills(target.skills);
  if (wanted.size > 0) {
    const offered = new Set(volunteer.skills.map(normaliseSkill));
    let matched = 0;
    for (const [key, label] of wanted) {
      if (!offered.has(key)) continue;
      matched += 1;
      reasons.push({ code: 'skill', skill: label });
    }
    score += Math.round((WEIGHTS.skills * matched) / wanted.size);
  }

  const asked = SUITABILITY.filter((flag) => options.suitability?.includes(flag));
  if (asked.length > 0) {
    const has = asked.filter((flag) => target.suitability?.includes(flag));
    for (const flag of has) reasons.push({ code: 'suitable', flag });
    score += Math.round((WEIGHTS.suitability * has.length) / asked.length);
  }

  return { score: Math.max(0, Math.min(100, score)), reasons };
}

function hasPlace(p: { lat: number | null; lng: number | null }): p is { lat: number; lng: number } {
  return p.lat !== null && p.lng !== null && Number.isFinite(p.lat) && Number.isFinite(p.lng);
}

/** Skills of the target by normalised key, keeping the first spelling for the reason shown. */
function uniqueSkills(skills: readonly string[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const skill of skills) {
    const key = normaliseSkill(skill);
    if (key && !result.has(key)) result.set(key, skill.trim());
  }
  return result;
}

/**
 * An empty list on one side means "any" for that dimension. A reason names a weekday or a time of day
 * only when at least one side named it, so "dienstags vormittags passt" is never made up from two blanks.
 */
function timeFit(
  volunteer: MatchVolunteer,
  target: MatchTarget,
  maxReasons: number,
): { points: number; reasons: Reason[] } {
  const volunteerNamesTime = volunteer.weekdays.length > 0 || volunteer.timesOfDay.length > 0;
  const targetNamesTime = target.weekdays.length > 0 || target.timesOfDay.length > 0;
  if (!volunteerNamesTime) return { points: 0, reasons: [] };
  if (!targetNamesTime) return { points: WEIGHTS.timeFlexible, reasons: [] };

  const days = WEEKDAYS.filter(
    (d) => (target.weekdays.length === 0 || target.weekdays.includes(d)) && (volunteer.weekdays.length === 0 || volunteer.weekdays.includes(d)),
  );
  const times = TIMES_OF_DAY.filter(
    (t) =>
      (target.timesOfDay.length === 0 || target.timesOfDay.includes(t)) &&
      (volunteer.timesOfDay.length === 0 || volunteer.timesOfDay.includes(t)),
  );
  if (days.length === 0 || times.length === 0) return { points: 0, reasons: [] };

  const namesDay = volunteer.weekdays.length > 0 || target.weekdays.length > 0;
  const namesTime = volunteer.timesOfDay.length > 0 || target.timesOfDay.length > 0;
  const reasons: Reason[] = [];
  const seen = new Set<string>();
  for (const weekday of namesDay ? days : [undefined]) {
    for (const timeOfDay of namesTime ? times : [undefined]) {
      const key = `${weekday}-${timeOfDay}`;
      if (seen.has(key) || reasons.length >= maxReasons) continue;
      seen.add(key);
      const reason: Extract<Reason, { code: 'time_fits' }> = { code: 'time_fits' };
      if (weekday !== undefined) reason.weekday = weekday;
      if (timeOfDay !== undefined) reason.timeOfDay = timeOfDay;
      reasons.push(reason);
    }
  }
  return { points: WEIGHTS.time, reasons };
}
