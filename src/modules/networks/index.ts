/*
 * The public entry of the networks module: what other modules may use of it (decision 006). The module's
 * manifest is in manifest.ts and is read only by the module list.
 */
// Nothing: the network's pages compose other modules, and what every module needs of a network (its
// tables, `networkOf`, `adminNetwork`) belongs to the platform (src/platform/networks/).
export {};
