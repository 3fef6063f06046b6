import os from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { combine, walk, type Columns, type Matches, type WalkPlan, type Walked } from './walk.ts';

/**
 * A second thread for the walk over a search's matches (walk.ts). At a million offers a common word
 * matches 60,000–180,000 of them, and the walk is bound by reading their records from memory; two
 * threads read twice as many at once. The index's columns live in shared memory; the main thread posts
 * the search, both threads take pieces of the matches from a shared cursor, and the main thread waits
 * (synchronously, a few milliseconds at most) for the worker's part and adds it to its own. Waiting
 * synchronously keeps the search synchronous: the index cannot change while a walk reads it.
 *
 * Should the worker not wake in time the main thread takes every piece itself; should it fail, the
 * search is walked again alone and the pool is not used again.
 */

// Slots of the control array shared with the worker.
export const STATE = 0;
export const SEQUENCE = 1;
export const CURSOR = 2;
/** Set to 1 by the worker once it waits for jobs. */
export const READY = 3;
// States.
export const IDLE = 0;
export const POSTED = 1;
export const RUNNING = 2;
export const DONE = 3;

/** The worker needs longer than this for its pieces only when something is badly wrong. */
const WORKER_TIMEOUT_MS = 5_000;

/**
 * A typed array over shared memory as a job names it: the buffer by number (sent to the worker once,
 * see `SharedBuffers`), the view by offset and length.
 */
export interface SharedView {
  buffer: number;
  type: 'Uint32Array' | 'Float32Array' | 'Float64Array';
  byteOffset: number;
  length: number;
}

export interface WalkJob {
  sequence: number;
  columns: Record<keyof Columns, SharedView>;
  plan: WalkPlan;
  matches: { docs: SharedView | undefined; scores: SharedView | undefined; n: number; piece: number };
  /** Buffers the worker has not been sent yet, by number. */
  fresh: Array<[number, SharedArrayBuffer]>;
  /** Numbers of buffers this thread no longer holds: the worker lets go of them too. */
  dropped: number[];
}

export type WalkReply = { sequence: number; walked: Walked } | { sequence: number; error: string };

/** Walks the matches in this thread alone. */
export function walkAlone(columns: Columns, plan: WalkPlan, matches: Matches): Walked {
  let next = 0;
  return walk(columns, plan, matches, () => {
    const start = next;
    next += matches.piece;
    return start < matches.n ? start : -1;
  });
}

/** The worker's bundle beside this chunk, or (from the TypeScript sources) walk-worker.ts through tsx. */
function workerEntry(): URL {
  if (import.meta.url.endsWith('.ts')) return new URL('./walk-worker-tsx.mjs', import.meta.url);
  // bin/build.js bundles walk-worker.ts as dist/search-walk.js, beside the chunks.
  return new URL('./search-walk.js', import.meta.url);
}

/**
 * The shared buffers the worker holds, by number. Every SharedArrayBuffer that arrives in a message
 * becomes a new object in the receiving thread, and V8 counts its whole size as memory newly taken
 * outside the heap: sending the index's columns (a hundred megabytes at a million offers) with each
 * search made both threads collect garbage every few searches, for milliseconds at a time. So a
 * buffer is sent once, and named by its number after; when this thread lets go of it (the index grew
 * or was compacted), the worker is told to let go of it too.
 */
export class SharedBuffers {
  private readonly numbers = new WeakMap<SharedArrayBuffer, number>();
  private next = 1;
  private dropped: number[] = [];
  private readonly finalizer = new FinalizationRegistry<number>((n) => this.dropped.push(n));

  /** How the job names `array`; a buffer not sent before is added to `fresh`. */
  view(array: Uint32Array | Float32Array | Float64Array, fresh: Array<[number, SharedArrayBuffer]>): SharedView {
    const buffer = array.buffer;
    if (!(buffer instanceof SharedArrayBuffer)) throw new Error('The search walk needs its arrays in shared memory.');
    let n = this.numbers.get(buffer);
    if (n === undefined) {
      n = this.next++;
      this.numbers.set(buffer, n);
      this.finalizer.register(buffer, n);
      fresh.push([n, buffer]);
    }
    return { buffer: n, type: array.constructor.name as SharedView['type'], byteOffset: array.byteOffset, length: array.length };
  }

  /** The buffers let go of since the last call. */
  takeDropped(): number[] {
    const dropped = this.dropped;
    this.dropped = [];
    return dropped;
  }
}

/** The worker's side of `SharedBuffers`: the buffers by number, and views over them. */
export class ReceivedBuffers {
  private readonly buffers = new Map<number, SharedArrayBuffer>();

  /** Takes in a job's fresh and dropped buffers (every job, in order, whether walked or not). */
  receive(job: Pick<WalkJob, 'fresh' | 'dropped'>): void {
    for (const [n, buffer] of job.fresh) this.buffers.set(n, buffer);
    for (const n of job.dropped) this.buffers.delete(n);
  }

  view(view: SharedView): Uint32Array | Float32Array | Float64Array {
    const buffer = this.buffers.get(view.buffer);
    if (!buffer) throw new Error(`search walk: shared buffer ${view.buffer} unknown`);
    if (view.type === 'Uint32Array') return new Uint32Array(buffer, view.byteOffset, view.length);
    if (view.type === 'Float32Array') return new Float32Array(buffer, view.byteOffset, view.length);
    return new Float64Array(buffer, view.byteOffset, view.length);
  }

  get size(): number {
    return this.buffers.size;
  }
}

export class WalkPool {
  private readonly control = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private sequence = 0;
  private readonly buffers = new SharedBuffers();
  /** How many matches the worker walked in the last walk (0 when it took no part). */
  workerVisited = 0;
  /** Set when the worker failed: every walk is then done alone. */
  failure: string | undefined;

  /** `timeoutMs`: how long a walk waits for a worker that took its part (tests shorten it). */
  constructor(
    entry: URL = workerEntry(),
    private readonly timeoutMs = WORKER_TIMEOUT_MS,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(entry, { workerData: { control: this.control, port: port2 }, transferList: [port2] });
    this.worker.on('error', (error) => this.fail(error.message));
    this.worker.on('exit', (code) => this.fail(`the worker ended with code ${code}`));
    // Neither keeps the process running.
    this.worker.unref();
    this.port.unref();
  }

  /**
   * Walks the matches in both threads; undefined when the worker failed (walk alone then).
   * `workerOnly` (for tests): the main thread leaves every piece to the worker and waits.
   */
  walk(columns: Columns, plan: WalkPlan, matches: Matches, workerOnly = false): Walked | undefined {
    this.workerVisited = 0;
    if (this.failure) return undefined;
    if (!(columns.hot.buffer instanceof SharedArrayBuffer)) throw new Error('The search walk needs its columns in shared memory.');
    const { control } = this;
    const sequence = ++this.sequence;
    Atomics.store(control, SEQUENCE, sequence);
    Atomics.store(control, CURSOR, 0);
    this.port.postMessage(this.job(sequence, columns, plan, matches));
    Atomics.store(control, STATE, POSTED);
    Atomics.notify(control, STATE);
    const mine = walk(columns, plan, matches, () => {
      if (workerOnly) return -1;
      const start = Atomics.add(control, CURSOR, matches.piece);
      return start < matches.n ? start : -1;
    });
    // Every piece is taken. A worker that has not started yet will not: the job is taken back.
    if (!workerOnly && Atomics.compareExchange(control, STATE, POSTED, IDLE) === POSTED) {
      Atomics.notify(control, STATE);
      return mine;
    }
    for (let state = Atomics.load(control, STATE); state === POSTED || state === RUNNING; state = Atomics.load(control, STATE)) {
      if (Atomics.wait(control, STATE, state, this.timeoutMs) === 'timed-out') {
        this.fail(`the search walk's worker did not answer within ${this.timeoutMs} ms`);
        return undefined;
      }
    }
    let reply: WalkReply | undefined;
    for (let message = receiveMessageOnPort(this.port); message; message = receiveMessageOnPort(this.port)) {
      reply = message.message as WalkReply;
      if (reply.sequence === sequence) break;
    }
    Atomics.store(control, STATE, IDLE);
    Atomics.notify(control, STATE);
    if (!reply || reply.sequence !== sequence || 'error' in reply) {
      this.fail(reply && 'error' in reply ? reply.error : `no answer to search walk ${sequence}`);
      return undefined;
    }
    this.workerVisited = reply.walked.visited;
    combine(mine, reply.walked, columns, plan);
    return mine;
  }

  private job(sequence: number, columns: Columns, plan: WalkPlan, matches: Matches): WalkJob {
    const fresh: WalkJob['fresh'] = [];
    const view = (array: Uint32Array | Float32Array | Float64Array) => this.buffers.view(array, fresh);
    return {
      sequence,
      columns: {
        hot: view(columns.hot),
        lat: view(columns.lat),
        lng: view(columns.lng),
        published: view(columns.published),
        distance: view(columns.distance),
        idWords: view(columns.idWords),
      },
      plan,
      matches: { docs: matches.docs && view(matches.docs), scores: matches.scores && view(matches.scores), n: matches.n, piece: matches.piece },
      fresh,
      dropped: this.buffers.takeDropped(),
    };
  }

  /**
   * Resolves once the worker waits for jobs. Searches need not wait (they walk alone until then); a walk
   * that leaves every piece to the worker (tests) must, since a worker thread may not start while the
   * main thread blocks.
   */
  async ready(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Atomics.load(this.control, READY) !== 1) {
      if (this.failure) throw new Error(this.failure);
      if (Date.now() > until) throw new Error(`the search walk's worker did not start within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private fail(reason: string): void {
    if (this.failure) return;
    this.failure = reason;
    process.emitWarning(`The search walk's second thread failed (${reason}); searches walk on one thread from now on.`);
    void this.worker.terminate();
  }
}

let pool: WalkPool | undefined;
const cores = os.availableParallelism();

/** The process's walk pool, started on first use; undefined on a machine with one core. */
export function walkPool(): WalkPool | undefined {
  if (cores < 2) return undefined;
  pool ??= new WalkPool();
  return pool.failure ? undefined : pool;
}
