/*
 * The public entry of the networks module: what other modules may use of it (decision 006). The module's
 * manifest is in manifest.ts and is read only by the module list.
 */
/** The `:slug` network of a route, for pages and admin areas. */
export { adminNetwork, networkOf } from './context.ts';
