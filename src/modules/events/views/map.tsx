import type { Locale, T } from '../../../platform/i18n/index.ts';
import { Time } from './format.tsx';

/*
 * On-site events on a small map drawn on the server: the network's municipalities as outlines (or dots
 * with names), the events' places as numbered markers. No tile server, no script; the numbered list
 * below the map says the same in words and carries the links, so the map works without JavaScript and
 * without sight.
 */

export interface MapEvent {
  id: string;
  title: string;
  href: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  municipalityName: string | null;
  lat: number | null;
  lng: number | null;
}

export interface MapArea {
  id: string;
  name: string;
  lat: number | null;
  lng: number | null;
  outline: unknown;
}

type Ring = Array<[number, number]>;

function isRing(value: unknown): value is Ring {
  return (
    Array.isArray(value) &&
    value.length >= 3 &&
    value.every((p) => Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Number.isFinite(p[0]) && Number.isFinite(p[1]))
  );
}

/** The outer rings of a GeoJSON Polygon or MultiPolygon (holes are not needed at this size). */
function outerRings(outline: unknown): Ring[] {
  if (!outline || typeof outline !== 'object') return [];
  const g = outline as { type?: unknown; coordinates?: unknown; geometry?: unknown };
  if (g.type === 'Feature') return outerRings(g.geometry);
  if (g.type === 'Polygon' && Array.isArray(g.coordinates)) return isRing(g.coordinates[0]) ? [g.coordinates[0]] : [];
  if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) {
    return g.coordinates.map((p: unknown) => (Array.isArray(p) ? p[0] : undefined)).filter(isRing);
  }
  return [];
}

export interface MapPlace {
  number: number;
  label: string;
  lat: number;
  lng: number;
  events: MapEvent[];
}

/** Events at the same point (often the municipality's centre) share one marker, numbered in time order. */
export function placesOf(events: readonly MapEvent[]): MapPlace[] {
  const places = new Map<string, MapPlace>();
  for (const e of events) {
    if (e.lat === null || e.lng === null) continue;
    const key = `${e.lat.toFixed(4)},${e.lng.toFixed(4)}`;
    let place = places.get(key);
    if (!place) {
      place = { number: places.size + 1, label: e.municipalityName ?? e.place, lat: e.lat, lng: e.lng, events: [] };
      places.set(key, place);
    }
    place.events.push(e);
  }
  // Named after the municipalities of its events (usually one), not after whichever event came first.
  for (const place of places.values()) {
    const names = [...new Set(place.events.map((e) => e.municipalityName).filter((n): n is string => Boolean(n)))].sort((a, b) => a.localeCompare(b, 'de'));
    if (names.length > 0) place.label = names.join(' / ');
  }
  return [...places.values()];
}

const WIDTH = 600;
const PAD = 28;

export function EventsMap({
  t,
  locale,
  id,
  heading,
  events,
  areas,
  headingLevel = 2,
}: {
  t: T;
  locale: Locale;
  id: string;
  heading: string;
  events: readonly MapEvent[];
  areas: readonly MapArea[];
  headingLevel?: 2 | 3;
}) {
  const places = placesOf(events);
  if (places.length === 0) return null;
  const rings = areas.flatMap((a) => outerRings(a.outline).map((ring) => ({ id: a.id, ring })));
  const towns = areas.filter((a) => a.lat !== null && a.lng !== null);
  const points: Array<[number, number]> = [
    ...places.map((p) => [p.lng, p.lat] as [number, number]),
    ...rings.flatMap((r) => r.ring),
    ...towns.map((a) => [a.lng!, a.lat!] as [number, number]),
  ];
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  // A degree of longitude is shorter than one of latitude this far north: scale it so shapes keep their form.
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * k, 0.02);
  const spanY = Math.max(maxLat - minLat, 0.02);
  const scale = (WIDTH - 2 * PAD) / spanX;
  const height = Math.round(Math.min(Math.max(spanY * scale + 2 * PAD, 200), 520));
  const fit = Math.min(scale, (height - 2 * PAD) / spanY);
  const offsetX = (WIDTH - 2 * PAD - spanX * fit) / 2;
  const offsetY = (height - 2 * PAD - spanY * fit) / 2;
  const x = (lng: number) => Math.round((PAD + offsetX + (lng - minLng) * k * fit) * 10) / 10;
  const y = (lat: number) => Math.round((PAD + offsetY + (maxLat - lat) * fit) * 10) / 10;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={id} class="events-map">
      <H id={id}>{heading}</H>
      <figure>
        <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-svg-title`} focusable="false">
          <title id={`${id}-svg-title`}>{t('events.map.svgTitle', { count: places.length })}</title>
          <rect x="0" y="0" width={WIDTH} height={height} fill="#f4f7f4" />
          {rings.map((r, i) => (
            <path key={`${r.id}-${i}`} d={`M${r.ring.map(([lng, lat]) => `${x(lng)},${y(lat)}`).join('L')}Z`} fill="#ffffff" stroke="#767676" stroke-width="1" />
          ))}
          {towns.map((a) => {
            // A marker on the town's centre would cover its name: the name then moves beside the marker.
            const covered = places.some((p) => Math.hypot(x(p.lng) - x(a.lng!), y(p.lat) - y(a.lat!)) < 14);
            return (
              <g key={a.id}>
                <circle cx={x(a.lng!)} cy={y(a.lat!)} r="2.5" fill="#555555" />
                <text x={x(a.lng!) + (covered ? 16 : 5)} y={y(a.lat!) + (covered ? 5 : -5)} font-size="13" fill="#333333">
                  {a.name}
                </text>
              </g>
            );
          })}
          {places.map((p) => (
            <g key={p.number}>
              <circle cx={x(p.lng)} cy={y(p.lat)} r="12" fill="#b3541e" stroke="#ffffff" stroke-width="2" />
              <text x={x(p.lng)} y={y(p.lat) + 5} font-size="14" font-weight="bold" fill="#ffffff" text-anchor="middle">
                {p.number}
              </text>
            </g>
          ))}
        </svg>
        <figcaption class="meta">{t('events.map.caption')}</figcaption>
      </figure>
      <ol class="events-map-places">
        {places.map((p) => (
          <li key={p.number} value={p.number}>
            <strong>{p.label}</strong>
            <ul>
              {p.events.map((e) => (
                <li key={e.id}>
                  <a href={e.href}>{e.title}</a>
                  {' · '}
                  <Time locale={locale} startsAt={e.startsAt} endsAt={e.endsAt} />
                  {e.place ? ` · ${e.place}` : ''}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
