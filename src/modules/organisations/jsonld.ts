import { geo, postalAddress, type JsonObject } from '../../platform/jsonld.ts';
import { websiteHref } from './form.ts';
import type { OrganisationDetails } from './queries.ts';

/** A verified organisation as a schema.org Organization. */
export function organisationJsonLd(organisation: OrganisationDetails, base: string): JsonObject | undefined {
  if (organisation.status !== 'verified') return undefined;
  const website = websiteHref(organisation.website);
  const address = postalAddress({ street: organisation.street, postcode: organisation.postcode, place: organisation.place || organisation.municipalityName || '' });
  const coordinates = geo(organisation.lat, organisation.lng);
  return {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name: organisation.name,
    url: `${base}/organisationen/${organisation.id}`,
    ...(website ? { sameAs: [website] } : {}),
    ...(organisation.description ? { description: organisation.description } : {}),
    ...(organisation.email ? { email: organisation.email } : {}),
    ...(organisation.phone ? { telephone: organisation.phone } : {}),
    ...(address ? { address } : {}),
    ...(coordinates ? { location: { '@type': 'Place', geo: coordinates } } : {}),
    ...(organisation.logoPath ? { logo: `${base}/uploads/${organisation.logoPath}` } : {}),
    ...(organisation.municipalityName ? { areaServed: { '@type': 'AdministrativeArea', name: organisation.municipalityName } } : {}),
    memberOf: { '@type': 'Organization', name: organisation.network.name, url: `${base}/netzwerk/${organisation.network.slug}` },
  };
}

/** The layout's meta for an organisation page: Open Graph type, logo and JSON-LD when the organisation is verified. */
export function organisationPageMeta(organisation: OrganisationDetails, base: string) {
  const data = organisationJsonLd(organisation, base);
  return {
    type: 'website',
    ...(organisation.logoPath && organisation.status === 'verified' ? { image: `${base}/uploads/${organisation.logoPath}` } : {}),
    ...(data ? { jsonLd: [data] } : {}),
  };
}
