/*
 * The public entry of the roles module: what other modules may use of it (decision 006). The module's
 * manifest is in manifest.ts and is read only by the module list.
 */
// Nothing of this module is used by other modules yet.
export {};
