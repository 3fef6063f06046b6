import type { OrganisationPageSection } from '../organisations/index.ts';
import { listPublishedOffersOfOrganisation } from './queries.ts';
import { OrganisationOffers } from './views/organisation-offers.tsx';

/** The organisation's published offers on its public page. */
export const organisationOffersSection: OrganisationPageSection = async ({ db, t, organisation }) => (
  <OrganisationOffers t={t} offers={await listPublishedOffersOfOrganisation(db, organisation.id)} />
);
