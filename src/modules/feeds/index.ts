/*
 * The public entry of the feeds module: what other modules may use of it (decision 006). The module's
 * manifest is in manifest.ts and is read only by the module list.
 */
/** New offers of a network or municipality, as the feeds list them (the widget shows the same). */
export { type FeedOffer, findMunicipalityByName, listNewOffers } from './queries.ts';
