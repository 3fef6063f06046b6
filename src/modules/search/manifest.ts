import type { AppModule } from '../../platform/module.ts';
import { providePlaceLookup } from '../organisations/index.ts';
import { findDemoPostcode } from './postcodes.ts';
import { resolvePlace } from './resolve.ts';
import { DIGEST_CRON, DIGEST_QUEUE, runSavedSearchDigest } from './digest.ts';
import { liveOfferIndex } from './memory-sync.ts';
import { routes } from './routes.tsx';
import { offersSiteSearch } from './site-search.ts';
import { de, en } from './messages.ts';

// Organisations are placed on the map the way the search reads a place (issue 12, finding 9).
providePlaceLookup({ findDemoPostcode, resolvePlace });

export const searchModule: AppModule = {
  name: 'search',
  messages: { de, en },
  routes,
  siteSearch: offersSiteSearch,
  queues: [DIGEST_QUEUE],
  schedules: [{ queue: DIGEST_QUEUE, cron: DIGEST_CRON }],
  // The in-memory index is loaded as the server starts, so that the first searches need not wait for it.
  serving(deps, log) {
    if (deps.config.searchIndex !== 'memory') return;
    const started = performance.now();
    liveOfferIndex(deps.db)
      .preload(deps.db)
      .then((size) => log.info({ ms: Math.round(performance.now() - started), offers: size }, 'search index loaded'))
      .catch((error: unknown) => log.warn({ err: error }, 'search index could not be loaded; searches use the database'));
  },
  async workers(deps) {
    await deps.jobs.work(DIGEST_QUEUE, { pollingIntervalSeconds: 30 }, async () => {
      await runSavedSearchDigest(deps, deps.clock());
    });
  },
};
