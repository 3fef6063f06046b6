import { geo, postalAddress, type JsonObject } from '../../platform/jsonld.ts';
import type { OfferDetails } from './queries.ts';
import { FIELD_LABELS_DE } from '../../platform/vocabulary.ts';

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

/** The layout's meta for an offer page: Open Graph type and JSON-LD when the offer is public. */
export function offerPageMeta(offer: OfferDetails, base: string) {
  const data = offerJsonLd(offer, base);
  return { type: 'article', ...(data ? { jsonLd: [data] } : {}) };
}
