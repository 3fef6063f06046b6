import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { OfferIndex, type IndexedOffer } from './memory.ts';
import { preparedRows, rows, type Row } from './sql.ts';

/**
 * Fills the in-memory offer index (memory.ts) from the database and keeps it current, in every
 * process, whoever changed the offers: the server, another server process, the import command, a job.
 *
 * Every change to `offers` writes the offer's id to `offer_changes` with the id of the writing
 * transaction (a statement trigger, migration 0011). A process remembers which transactions its last
 * look could not see: those still running then (the snapshot's `xip` list) and every later one (from
 * the snapshot's `xmax` on). The next look reads the changes of exactly those transactions that have
 * committed since; a transaction's rows become visible all at once, at its commit. Changed offers are
 * read again and replace their entry, so reading a change twice would do no harm. Changes older than
 * an hour are deleted; a process that has not looked for longer loads everything again.
 */

const BATCH = 5_000;
/** Changes are kept this long; a process that has not looked for longer reloads. */
const KEEP_CHANGES_MS = 60 * 60_000;
const RELOAD_AFTER_MS = 45 * 60_000;
const PRUNE_EVERY_MS = 10 * 60_000;

const COLUMNS = sql`o.id, o.network_id as "networkId", o.field, o.target_groups as "targetGroups",
  o.municipality_id as "municipalityId", o.commitment, o.weekdays, o.times_of_day as "timesOfDay", o.suitability,
  o.remote, o.lat, o.lng, round(extract(epoch from o.published_at) * 1000)::float8 as "publishedAt",
  round(extract(epoch from o.expires_at) * 1000)::float8 as "expiresAt", coalesce(o.search::text, '') as vector, o.title`;

/** An offer as the driver returns it: the numbers may come as strings, hence unknown until `indexed`. */
type NumberColumns = 'weekdays' | 'lat' | 'lng' | 'publishedAt' | 'expiresAt';
type OfferRow = Row & Omit<IndexedOffer, NumberColumns> & Record<Exclude<NumberColumns, 'weekdays'>, unknown> & { weekdays: unknown[] };

function indexed(row: OfferRow): IndexedOffer {
  const number = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    ...row,
    weekdays: row.weekdays.map(Number),
    lat: number(row.lat),
    lng: number(row.lng),
    publishedAt: number(row.publishedAt),
    expiresAt: number(row.expiresAt),
  };
}

/** The transactions this statement cannot see: those running (`xip`) and those from `xmax` on. */
const SNAPSHOT = sql`pg_snapshot_xmax(pg_current_snapshot())::text as xmax,
  array(select x::text from pg_snapshot_xip(pg_current_snapshot()) as x) as xip`;

interface Unseen {
  xmax: string;
  xip: string[];
}

export class LiveOfferIndex {
  private index: OfferIndex | undefined;
  private loading: Promise<void> | undefined;
  private failed: unknown;
  /** What the last look (or the load) could not see yet. */
  private unseen: Unseen = { xmax: '0', xip: [] };
  private lastLook = 0;
  private lastPrune = 0;
  private looking: Promise<void> | undefined;
  private lookAgain: Promise<void> | undefined;

  constructor(private readonly clock: () => number = Date.now) {}

  /**
   * The index, current as of this call: after the first load (waited for up to `waitMs`; a search that
   * cannot wait goes to the database) and a look at the changes since the last call.
   */
  async current(db: Db, waitMs: number): Promise<OfferIndex | undefined> {
    const index = await this.loaded(db, waitMs);
    if (!index) return undefined;
    await this.refresh(db);
    return this.index;
  }

  /**
   * The index as loaded, without looking at the changes (see `refresh`); undefined while the first
   * load takes longer than `waitMs`, or after it failed.
   */
  async loaded(db: Db, waitMs: number): Promise<OfferIndex | undefined> {
    if (this.index && this.clock() - this.lastLook > RELOAD_AFTER_MS) {
      this.index = undefined;
      this.loading = undefined;
    }
    if (!this.index) {
      const loading = this.startLoad(db);
      const loaded = await Promise.race([loading.then(() => true), delay(waitMs).then(() => false)]);
      if (!loaded || !this.index) return undefined;
    }
    return this.index;
  }

  /** Starts the first load (if none ran yet) and answers the number of offers loaded. */
  async preload(db: Db): Promise<number> {
    if (!this.index) {
      await this.startLoad(db);
      if (!this.index) throw this.failed instanceof Error ? this.failed : new Error('The search index could not be loaded.');
    }
    return (this.index as OfferIndex).size;
  }

  /** The first load, started once; it never rejects (a failure is kept in `failed`). */
  private startLoad(db: Db): Promise<void> {
    this.loading ??= this.load(db).catch((error: unknown) => {
      this.failed = error;
      this.loading = undefined;
    });
    return this.loading;
  }


  private async load(db: Db): Promise<void> {
    const started = this.clock();
    const [first] = await rows<{ xmax: string; xip: string[] }>(db, sql`select ${SNAPSHOT}`);
    const index = new OfferIndex();
    const batchAfter = (after: string) => {
      const batch = rows<OfferRow>(db, sql`select ${COLUMNS} from offers o where o.status = 'published' and o.id > ${after}::uuid order by o.id limit ${BATCH}`);
      // Awaited in the next round; should filing this round fail first, its failure is not left unhandled.
      batch.catch(() => undefined);
      return batch;
    };
    // The next batch is asked for before this one is filed in: the database reads while this process parses.
    let next = batchAfter('00000000-0000-0000-0000-000000000000');
    for (;;) {
      const batch = await next;
      if (batch.length === BATCH) next = batchAfter(batch[batch.length - 1]!.id);
      for (const row of batch) index.put(row.id, indexed(row));
      if (batch.length < BATCH) break;
    }
    index.compact(true);
    index.trim();
    index.startThreads();
    this.unseen = { xmax: first?.xmax ?? '0', xip: first?.xip ?? [] };
    this.lastLook = started;
    this.index = index;
    this.failed = undefined;
  }

  /**
   * Reads the changes since the last look into the index. One look at a time; a call during a look
   * waits for it and then looks once more.
   */
  refresh(db: Db): Promise<void> {
    if (!this.looking) {
      this.looking = this.look(db)
        .catch((error: unknown) => {
          // Whatever the index holds may now be behind: it is dropped and loaded again by a later search.
          this.index = undefined;
          this.loading = undefined;
          this.failed = error;
          throw error;
        })
        .finally(() => {
          this.looking = undefined;
        });
      return this.looking;
    }
    this.lookAgain ??= this.looking.then(() => {
      this.lookAgain = undefined;
      return this.refresh(db);
    });
    return this.lookAgain;
  }

  private async look(db: Db): Promise<void> {
    const index = this.index;
    // Dropped since the caller got it (another look failed): the caller must not answer from it.
    if (!index) throw new Error('The search index was dropped and is being loaded again.');
    const started = this.clock();
    const { xmax, xip } = this.unseen;
    // Prepared: it runs with every search, on the database's core while the search walks on this one's.
    const [found] = await preparedRows<{ xmax: string; xip: string[]; ids: string[] | null }>(
      db,
      sql`select ${SNAPSHOT},
            (select array_agg(distinct c.offer_id::text) from offer_changes c
             where c.xid >= ${xmax}::xid8 or c.xid = any(${`{${xip.join(',')}}`}::xid8[])) as ids`,
    );
    if (!found) return;
    const ids = found.ids ?? [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const part = ids.slice(i, i + BATCH);
      const current = await rows<OfferRow>(
        db,
        sql`select ${COLUMNS} from offers o where o.status = 'published' and o.id = any(${`{${part.join(',')}}`}::uuid[])`,
      );
      const byId = new Map(current.map((r) => [r.id, r]));
      for (const id of part) {
        const row = byId.get(id);
        index.put(id, row ? indexed(row) : undefined);
      }
    }
    this.unseen = { xmax: found.xmax, xip: found.xip };
    this.lastLook = started;
    if (started - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = started;
      await db.execute(sql`delete from offer_changes where at < now() - ${`${KEEP_CHANGES_MS / 1000} seconds`}::interval`);
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** One live index per database handle (per process: the app and its jobs share the handle). */
const live = new WeakMap<object, LiveOfferIndex>();

export function liveOfferIndex(db: Db): LiveOfferIndex {
  let found = live.get(db);
  if (!found) {
    found = new LiveOfferIndex();
    live.set(db, found);
  }
  return found;
}
