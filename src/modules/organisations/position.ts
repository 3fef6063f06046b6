import type { Db } from '../../platform/db.ts';
import type { Municipality } from '../../platform/networks/schema.ts';
import type { FieldProblems } from './form.ts';
import { placeLookup } from './place-lookup.ts';

export interface Position {
  lat: number;
  lng: number;
}

/**
 * Where an organisation stands on the map, derived from its address as the search reads a place
 * (issue 12, finding 9): the point of its postcode, or its municipality's centre when the postcode is
 * shared with that municipality (the closer of the two) or none was given. A position the network
 * office set by hand wins. No street-level geocoding: the street is shown, not placed.
 */
export async function positionFromAddress(
  db: Db,
  address: { postcode: string; municipality: Pick<Municipality, 'name' | 'lat' | 'lng'>; correction: Position | null },
): Promise<{ ok: true; position: Position | null } | { ok: false; problems: FieldProblems }> {
  const { postcode, municipality, correction } = address;
  if (correction) return { ok: true, position: correction };
  const centre = municipality.lat !== null && municipality.lng !== null ? { lat: municipality.lat, lng: municipality.lng } : null;
  if (postcode === '') return { ok: true, position: centre };
  const { findDemoPostcode, resolvePlace } = placeLookup();
  if (centre && findDemoPostcode(postcode)?.places.includes(municipality.name)) return { ok: true, position: centre };
  const place = await resolvePlace(db, postcode);
  if (!place.ok) return { ok: false, problems: { postcode: 'organisations.error.postcodeUnknown' } };
  return { ok: true, position: { lat: place.place.lat, lng: place.place.lng } };
}
