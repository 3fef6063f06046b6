import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { AppDeps } from './deps.ts';

/**
 * What a module brings to the platform, in one place (after Decidim's component manifests):
 * its pages and API routes, its job workers, and later its search, figures and data-download parts.
 */
export interface AppModule {
  name: string;
  routes?: FastifyPluginAsync;
  /** Registers queue workers; called once per process when workers run here. */
  workers?: (deps: AppDeps) => Promise<void>;
  /** Queues the module's jobs need, created at start on every process. */
  queues?: string[];
  /** Recurring jobs: queue name and cron expression. */
  schedules?: Array<{ queue: string; cron: string }>;
  /**
   * Called once a server process listens (not for commands, not in tests): work worth starting before
   * the first request needs it, such as loading a cache. Must not throw; runs in the background.
   */
  serving?: (deps: AppDeps, log: FastifyBaseLogger) => void;
}
