/*
 * The public entry of the accounts module: what other modules may use of it (decision 006). The module's
 * manifest is in manifest.ts and is read only by the module list.
 */
/** The single-use e-mail tokens table (placements, roles and organisations issue their own kinds). */
export { tokens } from './schema.ts';
