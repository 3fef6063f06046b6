import type { Db } from '../../platform/db.ts';
import type { Municipality } from '../../platform/networks/schema.ts';
import { findDemoPostcode, resolvePlace } from '../search/index.ts';

export interface Position {
  lat: number;
  lng: number;
}

const POSTCODE = /(?<!\d)(\d{5})(?!\d)/;

/**
 * Where an on-site event stands on the map, read from its venue the way the organisation form places an
 * address (organisations/position.ts): the point of a postcode written in the place ("Markt 3, 04509
 * Delitzsch"), or the chosen municipality's centre when the postcode is shared with that municipality or
 * none was written. A postcode nobody knows falls back to the municipality's centre (the place is free
 * text, so it is not refused). Online events, and events with neither, have no position.
 */
export async function eventPosition(
  db: Db,
  event: { mode: 'onsite' | 'online'; place: string; municipalityId: string | null },
  municipalities: ReadonlyArray<Pick<Municipality, 'id' | 'name' | 'lat' | 'lng'>>,
): Promise<{ lat: number | null; lng: number | null }> {
  const none = { lat: null, lng: null };
  if (event.mode !== 'onsite') return none;
  const municipality = municipalities.find((m) => m.id === event.municipalityId);
  const centre = municipality && municipality.lat !== null && municipality.lng !== null ? { lat: municipality.lat, lng: municipality.lng } : null;
  const postcode = POSTCODE.exec(event.place)?.[1];
  if (!postcode) return centre ?? none;
  if (centre && municipality && findDemoPostcode(postcode)?.places.includes(municipality.name)) return centre;
  const place = await resolvePlace(db, postcode);
  if (place.ok) return { lat: place.place.lat, lng: place.place.lng };
  return centre ?? none;
}
