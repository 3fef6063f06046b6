import type { Db } from '../../platform/db.ts';

/*
 * An organisation is placed on the map the way the search reads a place (issue 12, finding 9). The search
 * module is above this one, so it provides its two lookups in its manifest (decision 006).
 */

export interface PlaceLookup {
  /** The demo region's postcode with the places it covers, if known. */
  findDemoPostcode(text: string): { places: readonly string[] } | undefined;
  resolvePlace(db: Db, text: string): Promise<{ ok: true; place: { lat: number; lng: number } } | { ok: false }>;
}

let provided: PlaceLookup | undefined;

export function providePlaceLookup(lookup: PlaceLookup): void {
  provided = lookup;
}

export function placeLookup(): PlaceLookup {
  if (!provided) throw new Error('No place lookup: the search module is not registered.');
  return provided;
}
