import type { AppModule } from '../../platform/module.ts';
import { addOrganisationPageSection } from '../organisations/index.ts';
import { OFFER_EXPIRY_QUEUE, runOfferExpiry } from './expiry.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';
import { organisationOffersSection } from './organisation-page.tsx';
import { offersPersonalData } from './personal-data.ts';

// The organisation page lists the organisation's published offers.
addOrganisationPageSection(organisationOffersSection);

export const offersModule: AppModule = {
  name: 'offers',
  navigation: [
    { area: 'main', label: 'layout.offers', href: (scope) => (scope.networkSlug ? `/netzwerk/${scope.networkSlug}/angebote` : '/angebote'), order: 10 },
  ],
  personalData: offersPersonalData,
  messages: { de, en },
  routes,
  queues: [OFFER_EXPIRY_QUEUE],
  // Hourly: an offer expires within the hour its time is up, and reminders go out the same day.
  schedules: [{ queue: OFFER_EXPIRY_QUEUE, cron: '7 * * * *' }],
  async workers(deps) {
    await deps.jobs.work(OFFER_EXPIRY_QUEUE, { pollingIntervalSeconds: 30 }, async () => {
      await runOfferExpiry(deps, deps.clock());
    });
  },
};
