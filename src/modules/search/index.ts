/*
 * The public entry of the search module: what other modules may use of it (decision 006). The module's
 * manifest is in manifest.ts and is read only by the module list.
 */
/** Other modules place an address the way the search reads a place (organisations: issue 12, finding 9). */
export { findDemoPostcode } from './postcodes.ts';
export { resolvePlace } from './resolve.ts';
