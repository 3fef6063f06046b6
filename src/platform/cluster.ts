import cluster, { type Worker } from 'node:cluster';

/** Sent by the primary over IPC: close gracefully. A message, not a signal, so a Ctrl-C that reached a
 * worker directly as well never counts as a second, impatient signal. */
export const SHUTDOWN_MESSAGE = 'mitmachnetz:shutdown';

export interface PrimaryOptions {
  processes: number;
  log: (message: string) => void;
  /** Longest wait between restarts of a worker that keeps crashing. */
  maxBackoffMs?: number;
  /** Workers still running this long after a shutdown was asked for are killed. */
  shutdownTimeoutMs?: number;
}

/** A worker that ran this long is considered healthy again: its next crash restarts it at once. */
const HEALTHY_AFTER_MS = 30_000;
/** A slot whose worker failed this many times in a row without ever listening ends the cluster (a port in use). */
const GIVE_UP_AFTER = 5;

interface Slot {
  index: number;
  worker: Worker | undefined;
  startedAt: number;
  listened: boolean;
  crashes: number;
  failedStarts: number;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Forks `processes` app processes that share the listening port (node:cluster hands connections
 * out round-robin), restarts a crashed one with back-off, and on SIGTERM or SIGINT asks every worker
 * to close and resolves with 0 once all have exited cleanly (1 otherwise).
 */
export function runPrimary(options: PrimaryOptions): Promise<number> {
  const maxBackoff = options.maxBackoffMs ?? 30_000;
  const slots: Slot[] = Array.from({ length: options.processes }, (_, index) => ({
    index,
    worker: undefined,
    startedAt: 0,
    listened: false,
    crashes: 0,
    failedStarts: 0,
    timer: undefined,
  }));
  let stopping = false;
  let failed = false;

  return new Promise<number>((resolve) => {
    const finishIfDone = () => {
      if (stopping && slots.every((slot) => !slot.worker && !slot.timer)) {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        resolve(failed ? 1 : 0);
      }
    };

    const fork = (slot: Slot) => {
      slot.timer = undefined;
      // WORKER_INDEX lets a process tell whether it is the first one, e.g. for logs.
      const worker = cluster.fork({ WORKER_INDEX: String(slot.index) });
      slot.worker = worker;
      slot.startedAt = Date.now();
      slot.listened = false;
      worker.on('listening', () => {
        slot.listened = true;
        slot.failedStarts = 0;
      });
      worker.on('exit', (code, signal) => {
        slot.worker = undefined;
        if (stopping) {
          if (code !== 0) failed = true;
          finishIfDone();
          return;
        }
        const ranFor = Date.now() - slot.startedAt;
        slot.crashes = ranFor >= HEALTHY_AFTER_MS ? 1 : slot.crashes + 1;
        slot.failedStarts = slot.listened ? 0 : slot.failedStarts + 1;
        if (slot.failedStarts >= GIVE_UP_AFTER) {
          options.log(`Process ${slot.index + 1} failed ${GIVE_UP_AFTER} times before it could serve; stopping all.`);
          failed = true;
          stop();
          return;
        }
        const delay = Math.min(maxBackoff, 1000 * 2 ** (slot.crashes - 1));
        options.log(
          `Process ${slot.index + 1} (pid ${worker.process.pid}) ended (${signal ?? `exit code ${code}`}); ` +
            `restarting in ${Math.round(delay / 1000)} s.`,
        );
        slot.timer = setTimeout(() => fork(slot), delay);
      });
    };

    const stop = () => {
      if (stopping) return;
      stopping = true;
      for (const slot of slots) {
        if (slot.timer) clearTimeout(slot.timer);
        slot.timer = undefined;
        if (slot.worker?.isConnected()) slot.worker.send(SHUTDOWN_MESSAGE);
        else slot.worker?.process.kill('SIGTERM');
      }
      const force = setTimeout(() => {
        for (const slot of slots) {
          if (slot.worker) {
            options.log(`Process ${slot.index + 1} did not close in time; killing it.`);
            failed = true;
            slot.worker.process.kill('SIGKILL');
          }
        }
      }, options.shutdownTimeoutMs ?? 20_000);
      force.unref();
      finishIfDone();
    };

    const onSignal = (signal: NodeJS.Signals) => {
      options.log(`${signal} received; closing ${options.processes} processes.`);
      stop();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);

    for (const slot of slots) fork(slot);
  });
}
