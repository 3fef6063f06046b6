/*
 * The public entry of the search module: what other modules may use of it (decision 006). The module's
 * manifest is in manifest.ts and is read only by the module list.
 */
// Nothing yet: the search provides its place lookup to organisations in its manifest.
export {};
