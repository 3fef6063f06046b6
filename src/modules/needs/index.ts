/*
 * The public entry of the needs module: what other modules may use of it (decision 006). The module's
 * manifest is in manifest.ts and is read only by the module list.
 */
/** The needs table (placements refer to a need, moderation reviews them). */
export { needs } from './schema.ts';
