/*
 * The public entry of the placements module: what other modules may use of it (decision 006). The module's
 * manifest is in manifest.ts and is read only by the module list.
 */
/** Response time: one definition and one median for the placements list and the overview (finding 10). */
export { medianOf, responseMinutes } from './response-time.ts';
/** A volunteer's placed and ended placements with an offer: the recognition module proposes hours from them. */
export { engagementsOfVolunteer } from './queries.ts';
/** The placement tables and statuses (the overview counts them, the demo writes them). */
export { PLACEMENT_STATUSES, placementEvents, placementMessages, placements, type PlacementStatus } from './schema.ts';
