import type { AppModule } from '../../platform/module.ts';
import { DIGEST_CRON, DIGEST_QUEUE, runSavedSearchDigest } from './digest.ts';
import { routes } from './routes.tsx';

export const searchModule: AppModule = {
  name: 'search',
  routes,
  queues: [DIGEST_QUEUE],
  schedules: [{ queue: DIGEST_QUEUE, cron: DIGEST_CRON }],
  async workers(deps) {
    await deps.jobs.work(DIGEST_QUEUE, { pollingIntervalSeconds: 30 }, async () => {
      await runSavedSearchDigest(deps, deps.clock());
    });
  },
};
