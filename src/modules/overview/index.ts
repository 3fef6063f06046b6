/*
 * The public entry of the overview module: what other modules may use of it (decision 006). The module's
 * manifest is in manifest.ts and is read only by the module list.
 */
/** The overview's figures (cached), for the API. */
export { cachedOverviewFigures } from './cache.ts';
/** Approximate municipality outlines for the demo networks' maps. */
export { approximateOutlines } from './outlines.ts';
/** The overview's period: a month pattern and its resolution, for the API. */
export { MONTH_PATTERN, resolvePeriod } from './params.ts';
/** How the overview shows small counts and median hours, for the API's figures. */
export { people, shownMedianHours } from './present.ts';
/** The overview's figures and municipality choices, for the API. */
export { municipalityChoices, type OverviewFigures } from './queries.ts';
