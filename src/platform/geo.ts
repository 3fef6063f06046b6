/* Distances on the map (search, volunteers, needs): plain geometry, the ground floor of every module that places things. */

/** Mean earth radius in km: the error against the ellipsoid stays below 0.5 %, far below a village's size. */
const EARTH_RADIUS_KM = 6371;

export interface Point {
  lat: number;
  lng: number;
}

/** Great-circle distance in km (haversine). Symmetric: distanceKm(a, b) === distanceKm(b, a). */
export function distanceKm(a: Point, b: Point): number {
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLng = (b.lng - a.lng) * toRad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A latitude/longitude box that contains every point within `km` of the centre, for an index-friendly
 * pre-filter in SQL; the exact distance is computed afterwards.
 */
export function boundingBox(centre: Point, km: number): { minLat: number; maxLat: number; minLng: number; maxLng: number } {
  // 111.0 km per degree is a little less than the sphere's 111.19, so the box errs on the large side.
  const dLat = km / 111.0;
  // A degree of longitude is shortest at the box's edge farthest from the equator; near the poles it
  // shrinks to nothing, so clamp to keep the box finite.
  const farLat = Math.min(90, Math.abs(centre.lat) + dLat);
  const cos = Math.max(0.01, Math.cos((farLat * Math.PI) / 180));
  const dLng = km / (111.0 * cos);
  return { minLat: centre.lat - dLat, maxLat: centre.lat + dLat, minLng: centre.lng - dLng, maxLng: centre.lng + dLng };
}
