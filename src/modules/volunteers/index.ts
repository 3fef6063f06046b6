/*
 * The public entry of the volunteers module: what other modules may use of it (decision 006). The module's
 * manifest is in manifest.ts and is read only by the module list.
 */
/** Splitting a typed list (skills, languages) as profiles do. */
export { splitList } from './commands.ts';
/** How well a volunteer matches an offer or a need, and whether it is within reach. */
export { type MatchTarget, type MatchVolunteer, scoreMatch, withinReach } from './matching.ts';
/** Volunteers who may be suggested for an offer or a need. */
export { CANDIDATE_LIMIT, type VolunteerCandidate, volunteerCandidatesFor } from './queries.ts';
/** The link that starts a placement for a suggested volunteer. */
export { newPlacementHref } from './routes.tsx';
/** The volunteer profile table. */
export { volunteerProfiles } from './schema.ts';
/** Ranking volunteers for suggestions. */
export { type Ranked, rankVolunteers, SUGGESTION_LIMIT } from './suggestions.ts';
/** The translated labels of a profile's fields. */
export { fieldLabels } from './views/profile.tsx';
/** Why a volunteer is suggested, as a list. */
export { ReasonList } from './views/reasons.tsx';
/** The table of suggested volunteers. */
export { VolunteerTable } from './views/suggestions.tsx';
