import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { CURSOR, DONE, IDLE, POSTED, READY, ReceivedBuffers, RUNNING, SEQUENCE, STATE, type WalkJob, type WalkReply } from './walk-pool.ts';
import { walk, type Columns, type Matches } from './walk.ts';

/*
 * The second thread of the search walk (walk-pool.ts): it sleeps until the main thread posts a search,
 * takes pieces of the matches from the shared cursor until none are left, and sends back what it found.
 * It never runs an event loop: the main thread waits for it synchronously, so that the index cannot
 * change during a walk.
 */

const { control, port } = workerData as { control: Int32Array; port: MessagePort };
const buffers = new ReceivedBuffers();
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
  // Jobs the main thread took back before this thread came are read too: they may bring buffers.
  let job: WalkJob | undefined;
  for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
    const candidate = message.message as WalkJob;
    buffers.receive(candidate);
    if (candidate.sequence === sequence) {
      job = candidate;
      break;
    }
  }
  let reply: WalkReply;
  try {
    if (!job) throw new Error(`search walk ${sequence}: no job`);
    const { n, piece } = job.matches;
    const c = job.columns;
    const columns: Columns = {
      hot: buffers.view(c.hot) as Uint32Array,
      lat: buffers.view(c.lat) as Float64Array,
      lng: buffers.view(c.lng) as Float64Array,
      published: buffers.view(c.published) as Float64Array,
      distance: buffers.view(c.distance) as Float64Array,
      idWords: buffers.view(c.idWords) as Uint32Array,
    };
    const matches: Matches = {
      docs: job.matches.docs && (buffers.view(job.matches.docs) as Uint32Array),
      scores: job.matches.scores && (buffers.view(job.matches.scores) as Float32Array),
      n,
      piece,
    };
    const walked = walk(columns, job.plan, matches, () => {
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
