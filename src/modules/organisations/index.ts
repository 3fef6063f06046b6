/*
 * The public entry of the organisations module: what other modules may use of it (decision 006). The module's
 * manifest is in manifest.ts and is read only by the module list.
 */
/** Parts other modules add to the public organisation page: action links and sections. */
export {
  addOrganisationPageAction,
  addOrganisationPageSection,
  type OrganisationPageAction,
  type OrganisationPageSection,
  type OrganisationPageView,
} from './page-parts.ts';
/** Provided by higher modules in their manifests: the access links (placements) and the place lookup (search). */
export { organisationAccessLinks, provideOrganisationAccessLinks, type OrganisationAccessLinks } from './access-links.ts';
export { providePlaceLookup, type PlaceLookup } from './place-lookup.ts';
/** The organisation tables. */
export { organisationMembers, organisations } from './schema.ts';
/** Where an address stands on the map (postcode's point or the municipality's centre); offers use it too. */
export { positionFromAddress, type Position } from './position.ts';
