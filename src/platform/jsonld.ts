/*
 * schema.org structured data for the public pages, passed to the layout as `meta.jsonLd`. Only what the
 * page itself shows goes in, and only for public records: a draft or an unverified organisation gets none.
 * The parts shared by every page live here; each page's builder is its module's (offers/jsonld.ts,
 * organisations/jsonld.ts).
 */

export type JsonObject = Record<string, unknown>;

/** A schema.org PostalAddress of the parts given, or none when all are empty. */
export function postalAddress(parts: { street: string; postcode: string; place: string }): JsonObject | undefined {
  if (!parts.street && !parts.postcode && !parts.place) return undefined;
  return {
    '@type': 'PostalAddress',
    ...(parts.street ? { streetAddress: parts.street } : {}),
    ...(parts.postcode ? { postalCode: parts.postcode } : {}),
    ...(parts.place ? { addressLocality: parts.place } : {}),
    addressCountry: 'DE',
  };
}

/** schema.org GeoCoordinates, when both are known. */
export function geo(lat: number | null, lng: number | null): JsonObject | undefined {
  return lat === null || lng === null ? undefined : { '@type': 'GeoCoordinates', latitude: lat, longitude: lng };
}

