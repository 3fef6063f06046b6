/*
 * The public entry of the search module: what other modules may use of it (decision 006). The module's
 * manifest is in manifest.ts and is read only by the module list.
 */
/**
 * A place read the way the search reads it (demo postcodes, else postcode or municipality name): events place
 * their venue with it; organisations get the same lookup through the search manifest (they are below search).
 */
export { findDemoPostcode } from './postcodes.ts';
export { resolvePlace } from './resolve.ts';
