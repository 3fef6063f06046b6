import type { OfferDetails } from '../offers/queries.ts';
import { FIELD_LABELS_DE } from '../offers/vocabulary.ts';
import { websiteHref } from '../organisations/form.ts';
import type { OrganisationDetails } from '../organisations/queries.ts';

/*
 * schema.org structured data for the public pages, passed to the layout as `meta.jsonLd`. Only what the
 * page itself shows goes in, and only for public records: a draft or an unverified organisation gets none.
 */

type JsonObject = Record<string, unknown>;

function postalAddress(parts: { street: string; postcode: string; place: string }): JsonObject | undefined {
  if (!parts.street && !parts.postcode && !parts.place) return undefined;
  return {
    '@type': 'PostalAddress',
    ...(parts.street ? { streetAddress: parts.street } : {}),
    ...(parts.postcode ? { postalCode: parts.postcode } : {}),
    ...(parts.place ? { addressLocality: parts.place } : {}),
    addressCountry: 'DE',
  };
}

function geo(lat: number | null, lng: number | null): JsonObject | undefined {
  return lat === null || lng === null ? undefined : { '@type': 'GeoCoordinates', latitude: lat, longitude: lng };
}

/**
 * An offer as a schema.org JobPosting with employmentType VOLUNTEER: that is how search engines list
 * volunteering. Remote offers say TELECOMMUTE (and, as search engines ask, where applicants may live).
 */
export function offerJsonLd(offer: OfferDetails, base: string): JsonObject | undefined {
  if (offer.status !== 'published') return undefined;
  const address = postalAddress({ street: offer.street, postcode: offer.postcode, place: offer.place || offer.municipalityName || '' });
  const coordinates = geo(offer.lat, offer.lng);
  const hasPlace = Boolean(address || coordinates);
  const validThrough = [offer.expiresAt, offer.endsOn ? new Date(`${offer.endsOn}T23:59:59Z`) : null]
    .filter((d): d is Date => d instanceof Date)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  return {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: offer.title,
    description: offer.description || offer.summary || offer.title,
    datePosted: (offer.publishedAt ?? offer.updatedAt).toISOString(),
    ...(validThrough ? { validThrough: validThrough.toISOString() } : {}),
    employmentType: 'VOLUNTEER',
    url: `${base}/angebote/${offer.id}`,
    identifier: { '@type': 'PropertyValue', name: offer.network.name, value: offer.id },
    occupationalCategory: FIELD_LABELS_DE[offer.field],
    hiringOrganization: {
      '@type': 'Organization',
      name: offer.organisationName,
      ...(offer.organisationStatus === 'verified' ? { url: `${base}/organisationen/${offer.organisationId}` } : {}),
    },
    ...(hasPlace
      ? {
          jobLocation: {
            '@type': 'Place',
            ...(offer.municipalityName ? { name: offer.municipalityName } : {}),
            ...(address ? { address } : {}),
            ...(coordinates ? { geo: coordinates } : {}),
          },
        }
      : {}),
    ...(offer.remote || !hasPlace
      ? { jobLocationType: 'TELECOMMUTE', applicantLocationRequirements: { '@type': 'Country', name: 'Deutschland' } }
      : {}),
    ...(offer.hoursPerWeek !== null ? { workHours: `${String(offer.hoursPerWeek).replace('.', ',')} Stunden pro Woche` } : {}),
    ...(offer.startsOn ? { jobStartDate: offer.startsOn } : {}),
    ...(offer.peopleWanted !== null ? { totalJobOpenings: offer.peopleWanted } : {}),
    ...(offer.skills.length ? { skills: offer.skills.join(', ') } : {}),
    inLanguage: 'de',
  };
}

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

/** The layout's meta for an offer page: Open Graph type and JSON-LD when the offer is public. */
export function offerPageMeta(offer: OfferDetails, base: string) {
  const data = offerJsonLd(offer, base);
  return { type: 'article', ...(data ? { jsonLd: [data] } : {}) };
}

export function organisationPageMeta(organisation: OrganisationDetails, base: string) {
  const data = organisationJsonLd(organisation, base);
  return {
    type: 'website',
    ...(organisation.logoPath && organisation.status === 'verified' ? { image: `${base}/uploads/${organisation.logoPath}` } : {}),
    ...(data ? { jsonLd: [data] } : {}),
  };
}
