import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { Db } from './db.ts';
import type { AppDeps } from './deps.ts';
import type { MessageKey } from './i18n/index.ts';
import type { PersonalDataPart, RetentionRule } from './privacy.ts';

/**
 * What a module brings to the platform, in one place (after Decidim's component manifests). The platform
 * reads the registered modules to build the dictionaries, the navigation, the admin areas, the jobs, the
 * figures of the overview, the demo network, the site-wide search and the privacy functions; a module is
 * added by one line in `src/modules/index.ts` and no edit elsewhere.
 */
export interface AppModule {
  name: string;
  routes?: FastifyPluginAsync;
  /** The module's texts; `en` has every key of `de` (see a module's messages.ts for the type-level part). */
  messages?: ModuleMessages;
  /** Links in the header, in "Mein Konto" and in the admin areas, each with who sees it. */
  navigation?: NavigationEntry[];
  /** Registers queue workers; called once per process when workers run here. */
  workers?: (deps: AppDeps) => Promise<void>;
  /** Queues the module's jobs need, created at start on every process. */
  queues?: string[];
  /** Recurring jobs: queue name and cron expression (Europe/Berlin). */
  schedules?: Array<{ queue: string; cron: string }>;
  /**
   * Called once a server process listens (not for commands, not in tests): work worth starting before
   * the first request needs it, such as loading a cache. Must not throw; runs in the background.
   */
  serving?: (deps: AppDeps, log: FastifyBaseLogger) => void;
  /** Counts the overview shows, per network, municipality and month. */
  figures?: FigureSource[];
  /** Demo content, seeded in ascending `order` into an empty database (networks first). */
  demo?: DemoPart;
  /** Every kind of personal data the module holds: what the data download, erasure and retention do with it. */
  personalData?: PersonalDataPart[];
  /** Periods after which the module's data is removed, set per network within these limits. */
  retention?: RetentionRule[];
  /** Documents for the site-wide search (`/suche`), one group per module. */
  siteSearch?: SiteSearchSource;
}

export interface ModuleMessages {
  de: Readonly<Record<string, string>>;
  en: Readonly<Record<string, string>>;
}

/** Where a navigation entry is shown. */
export type NavigationArea = 'main' | 'account' | 'network-admin' | 'platform-admin';

/** What decides whether a navigation entry is shown on a page. */
export interface NavigationScope {
  /** The network whose pages these are, if any. */
  networkSlug?: string | undefined;
  signedIn: boolean;
  canAdminister: boolean;
  isPlatformAdmin: boolean;
}

export interface NavigationEntry {
  area: NavigationArea;
  label: MessageKey;
  /** The link in this scope, or null where the entry has no place (e.g. a network link on a global page). */
  href: (scope: NavigationScope) => string | null;
  /** Who sees the entry; everyone who can reach the area when left out. */
  visible?: (scope: NavigationScope) => boolean;
  /** Lower comes first; entries of equal order keep the module list's order. */
  order?: number;
}

/** The scope of an overview figure. */
export interface FigureScope {
  networkId: string;
  municipalityId?: string | undefined;
  from: Date;
  to: Date;
}

export interface FigureSource {
  key: string;
  label: MessageKey;
  /** One row per month (YYYY-MM) and municipality id (null for network-wide items). */
  count: (deps: AppDeps, scope: FigureScope) => Promise<Array<{ month: string; municipalityId: string | null; value: number }>>;
}

export interface DemoPart {
  order: number;
  /** Adds the module's demo content to the demo networks (which exist by then); `now` anchors its dates. */
  seed: (db: Db, now: Date) => Promise<void>;
}

export interface SiteSearchHit {
  title: string;
  href: string;
  snippet?: string | undefined;
  /** e.g. the date of an event or the network's name. */
  detail?: string | undefined;
}

export interface SiteSearchSource {
  label: MessageKey;
  order: number;
  /** Public documents (and those the signed-in person may see) matching the words; at most `limit`. */
  find: (
    deps: AppDeps,
    query: { words: string; networkId?: string | undefined; userId?: string | null; limit: number },
  ) => Promise<{ total: number; hits: SiteSearchHit[] }>;
}
