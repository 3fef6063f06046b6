import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { CURSOR, DONE, IDLE, POSTED, READY, RUNNING, SEQUENCE, STATE, type WalkJob, type WalkReply } from './walk-pool.ts';
import { walk } from './walk.ts';

/*
 * The second thread of the search walk (walk-pool.ts): it sleeps until the main thread posts a search,
 * takes pieces of the matches from the shared cursor until none are left, and sends back what it found.
 * It never runs an event loop: the main thread waits for it synchronously, so that the index cannot
 * change during a walk.
 */

const { control, port } = workerData as { control: Int32Array; port: MessagePort };
Atomics.store(control, READY, 1);

for (;;) {
  Atomics.wait(control, STATE, IDLE);
  if (Atomics.compareExchange(control, STATE, POSTED, RUNNING) !== POSTED) {
    // Taken back by the main thread (it finished alone), or a reply not yet collected: wait for a change.
    const state = Atomics.load(control, STATE);
    if (state !== IDLE && state !== POSTED) Atomics.wait(control, STATE, state, 100);
    continue;
  }
  // Read only now: the main thread numbers a job before posting it and posts the next one only after
  // this one's reply (or after taking it back, when this thread has not taken it).
  const sequence = Atomics.load(control, SEQUENCE);
  let job: WalkJob | undefined;
  for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
    const candidate = message.message as WalkJob;
    if (candidate.sequence === sequence) {
      job = candidate;
      break;
    }
  }
  let reply: WalkReply;
  try {
    if (!job) throw new Error(`search walk ${sequence}: no job`);
    const { n, piece } = job.matches;
    const walked = walk(job.columns, job.plan, job.matches, () => {
      const start = Atomics.add(control, CURSOR, piece);
      return start < n ? start : -1;
    });
    reply = { sequence, walked };
  } catch (error) {
    reply = { sequence, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
  Atomics.store(control, STATE, DONE);
  Atomics.notify(control, STATE);
}
