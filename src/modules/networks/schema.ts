/*
 * The tenant tables belong to the platform (decision 006): sessions and roles refer to them, and the platform
 * imports no module. This module keeps its public names for them.
 */
export { municipalities, networks, type Municipality, type Network } from '../../platform/networks/schema.ts';
