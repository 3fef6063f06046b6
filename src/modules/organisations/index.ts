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
export {
  type Organisation,
  organisationMembers,
  organisations,
  type OrganisationStatus,
  type OrganisationType,
} from './schema.ts';
/** Where an address stands on the map (postcode's point or the municipality's centre); offers use it too. */
export { positionFromAddress, type Position } from './position.ts';
/** The office's decision on an organisation. */
export { rejectOrganisation, verifyOrganisation } from './commands.ts';
/** The `:id` organisation of a route with the person's role in it. */
export { organisationOf } from './context.ts';
/** Form helpers offers and the API share with organisations: e-mail, decimal and coordinate checks. */
export { type FieldProblems, isEmail, parseCoordinates, parseDecimal } from './form.ts';
/** Reading organisations: one organisation, a person's organisations and role, the review queue, municipalities of a network. */
export {
  findMunicipalityInNetwork,
  getOrganisation,
  getOrganisationDetails,
  listOrganisationMembers,
  listOrganisationsOfUser,
  listPendingOrganisations,
  type MyOrganisation,
  type OrganisationRole,
  organisationRoleOf,
  type PendingOrganisation,
} from './queries.ts';
/** Route helpers: field errors, one-time notices, control-character stripping. */
export { formErrors, noticeFrom, stripControlCharacters } from './route-helpers.ts';
