import type { Locale } from '../../platform/i18n/index.ts';
import { FIELD_LABELS_DE, FIELD_LABELS_EN } from '../../platform/vocabulary.ts';
import { descriptionHtmlToText, type OfferDetails } from '../offers/index.ts';
import type { PublicNetwork, PublicOrganisation } from './queries.ts';

/* Rows as the API shows them: absolute links, ISO dates, nothing the public pages would not show. */

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentNetwork(base: string, n: PublicNetwork) {
  return {
    slug: n.slug,
    name: n.name,
    kind: n.kind,
    region: n.region,
    description: n.description,
    url: `${base}/netzwerk/${n.slug}`,
    municipalityCount: n.municipalityCount,
  };
}

export function presentOrganisation(base: string, o: PublicOrganisation) {
  return {
    id: o.id,
    name: o.name,
    type: o.type,
    description: o.description,
    address: { street: o.street, postcode: o.postcode, place: o.place },
    lat: o.lat,
    lng: o.lng,
    website: o.website,
    email: o.email,
    phone: o.phone,
    municipality: o.municipality,
    network: o.network,
    url: `${base}/organisationen/${o.id}`,
    updatedAt: o.updatedAt.toISOString(),
  };
}

export function presentOffer(base: string, locale: Locale, offer: OfferDetails) {
  return {
    id: offer.id,
    url: `${base}/angebote/${offer.id}`,
    status: offer.status,
    title: offer.title,
    summary: offer.summary,
    description: descriptionHtmlToText(offer.description),
    descriptionHtml: offer.description,
    field: offer.field,
    fieldLabel: (locale === 'de' ? FIELD_LABELS_DE : FIELD_LABELS_EN)[offer.field] ?? offer.field,
    targetGroups: offer.targetGroups,
    skills: offer.skills,
    tags: offer.tags,
    commitment: offer.commitment,
    hoursPerWeek: offer.hoursPerWeek,
    weekdays: offer.weekdays,
    timesOfDay: offer.timesOfDay,
    suitability: offer.suitability,
    remote: offer.remote,
    address: { street: offer.street, postcode: offer.postcode, place: offer.place, district: offer.district },
    municipality: offer.municipalityId && offer.municipalityName ? { id: offer.municipalityId, name: offer.municipalityName } : null,
    lat: offer.lat,
    lng: offer.lng,
    startsOn: offer.startsOn,
    endsOn: offer.endsOn,
    peopleWanted: offer.peopleWanted,
    contact: { name: offer.contactName, email: offer.contactEmail, phone: offer.contactPhone },
    organisation: {
      id: offer.organisationId,
      name: offer.organisationName,
      // Only verified organisations have a public page.
      url: offer.organisationStatus === 'verified' ? `${base}/organisationen/${offer.organisationId}` : null,
    },
    network: { slug: offer.network.slug, name: offer.network.name },
    publishedAt: iso(offer.publishedAt),
    expiresAt: iso(offer.expiresAt),
    updatedAt: offer.updatedAt.toISOString(),
  };
}
