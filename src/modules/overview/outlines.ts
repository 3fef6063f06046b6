/*
 * Approximate municipality outlines for the demo regions. No official boundaries ship with the
 * project yet, so each municipality gets the area closer to its centre than to any other centre of
 * its region (a Voronoi cell), clipped to the region's bounding box plus a margin. Good enough to
 * colour a map by municipality; never a boundary to rely on. Every outline says so in its
 * `approximate` and `note` members (foreign members are allowed in GeoJSON, RFC 7946 §6.1).
 */

export interface Centre {
  lat: number | null;
  lng: number | null;
}

export interface ApproximateOutline {
  type: 'Polygon';
  coordinates: Array<Array<[number, number]>>;
  approximate: true;
  note: string;
}

/** How far the region's box reaches beyond its outermost centres. */
export const MARGIN_KM = 5;
export const OUTLINE_NOTE = 'Approximate demo geometry: Voronoi cell around the municipality centre, not an official boundary.';

type XY = [number, number];

/** Keeps the part of a convex polygon on the side of the line a·p ≤ c (Sutherland–Hodgman, one edge). */
function clip(polygon: XY[], a: XY, c: number): XY[] {
  const inside = (p: XY) => a[0] * p[0] + a[1] * p[1] <= c + 1e-12;
  const result: XY[] = [];
  for (let i = 0; i < polygon.length; i++) {
    const current = polygon[i]!;
    const previous = polygon[(i + polygon.length - 1) % polygon.length]!;
    const inCurrent = inside(current);
    const inPrevious = inside(previous);
    if (inCurrent !== inPrevious) {
      const dx = current[0] - previous[0];
      const dy = current[1] - previous[1];
      const t = (c - a[0] * previous[0] - a[1] * previous[1]) / (a[0] * dx + a[1] * dy);
      result.push([previous[0] + t * dx, previous[1] + t * dy]);
    }
    if (inCurrent) result.push(current);
  }
  return result;
}

/**
 * One outline per municipality, in the same order; null for a municipality without coordinates.
 * Computed in a plane where a kilometre east is as long as a kilometre north, so the cells' borders
 * lie halfway between neighbouring centres.
 */
export function approximateOutlines(centres: readonly Centre[]): Array<ApproximateOutline | null> {
  const known = centres.filter((c): c is { lat: number; lng: number } => c.lat !== null && c.lng !== null);
  if (known.length === 0) return centres.map(() => null);
  const midLat = (Math.min(...known.map((c) => c.lat)) + Math.max(...known.map((c) => c.lat))) / 2;
  const k = Math.cos((midLat * Math.PI) / 180);
  const toXY = (c: { lat: number; lng: number }): XY => [c.lng * k, c.lat];
  const toLngLat = ([x, y]: XY): [number, number] => [Math.round((x / k) * 1e5) / 1e5, Math.round(y * 1e5) / 1e5];
  const points = known.map(toXY);
  const margin = MARGIN_KM / 111.0;
  const minX = Math.min(...points.map((p) => p[0])) - margin;
  const maxX = Math.max(...points.map((p) => p[0])) + margin;
  const minY = Math.min(...points.map((p) => p[1])) - margin;
  const maxY = Math.max(...points.map((p) => p[1])) + margin;
  const box: XY[] = [
    [minX, minY],
    [maxX, minY],
    [maxX, maxY],
    [minX, maxY],
  ];

  return centres.map((centre) => {
    if (centre.lat === null || centre.lng === null) return null;
    const p = toXY({ lat: centre.lat, lng: centre.lng });
    let cell = box;
    for (const q of points) {
      if (q[0] === p[0] && q[1] === p[1]) continue;
      // Points nearer to p than to q: (q − p)·x ≤ (|q|² − |p|²) / 2.
      const a: XY = [q[0] - p[0], q[1] - p[1]];
      const c = (q[0] * q[0] + q[1] * q[1] - p[0] * p[0] - p[1] * p[1]) / 2;
      cell = clip(cell, a, c);
      if (cell.length === 0) break;
    }
    if (cell.length < 3) return null;
    const ring = cell.map(toLngLat);
    // GeoJSON: the outer ring counter-clockwise and closed.
    if (signedArea(ring) < 0) ring.reverse();
    ring.push([ring[0]![0], ring[0]![1]]);
    return { type: 'Polygon', coordinates: [ring], approximate: true, note: OUTLINE_NOTE };
  });
}

function signedArea(ring: Array<[number, number]>): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}
