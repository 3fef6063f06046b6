import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { ReceivedBuffers, SharedBuffers, type WalkJob } from './walk-pool.ts';

describe('shared buffers between the search threads', () => {
  it('sends a buffer once and names it by number after, also for other views over it', () => {
    const sender = new SharedBuffers();
    const receiver = new ReceivedBuffers();
    const column = new Uint32Array(new SharedArrayBuffer(64));
    column[3] = 42;
    const first: WalkJob['fresh'] = [];
    const view = sender.view(column, first);
    expect(first).toHaveLength(1);
    receiver.receive({ fresh: first, dropped: [] });
    expect(receiver.view(view)[3]).toBe(42);

    const again: WalkJob['fresh'] = [];
    const part = sender.view(column.subarray(2, 6), again);
    expect(again).toEqual([]);
    expect(part.buffer).toBe(view.buffer);
    const seen = receiver.view(part);
    expect([...seen]).toEqual([0, 42, 0, 0]);
    // The same memory: what one thread writes, the other reads.
    column[4] = 7;
    expect(seen[2]).toBe(7);
  });

  it('keeps floats as floats and refuses arrays outside shared memory', () => {
    const sender = new SharedBuffers();
    const receiver = new ReceivedBuffers();
    const fresh: WalkJob['fresh'] = [];
    const scores = new Float32Array(new SharedArrayBuffer(16));
    scores[1] = 0.25;
    const view = sender.view(scores, fresh);
    receiver.receive({ fresh, dropped: [] });
    expect(receiver.view(view)).toBeInstanceOf(Float32Array);
    expect(receiver.view(view)[1]).toBe(0.25);
    expect(() => sender.view(new Uint32Array(4), [])).toThrow(/shared memory/);
  });

  it('tells the worker to let go of a buffer this thread no longer holds', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const sender = new SharedBuffers();
    const receiver = new ReceivedBuffers();
    const kept = new Uint32Array(new SharedArrayBuffer(16));
    let fresh: WalkJob['fresh'] = [];
    sender.view(kept, fresh);
    (() => {
      // An older column, replaced since (the index grew): only this scope holds it.
      const older = new Uint32Array(new SharedArrayBuffer(16));
      sender.view(older, fresh);
    })();
    // As the worker gets them: its own objects over the same memory.
    receiver.receive({ fresh: fresh.map(([n, buffer]) => [n, structuredClone(buffer)]), dropped: [] });
    fresh = [];
    expect(receiver.size).toBe(2);
    const dropped: number[] = [];
    await vi.waitFor(
      async () => {
        gc();
        await new Promise((resolve) => setTimeout(resolve, 10));
        dropped.push(...sender.takeDropped());
        expect(dropped).toHaveLength(1);
      },
      { timeout: 10_000 },
    );
    receiver.receive({ fresh: [], dropped });
    expect(receiver.size).toBe(1);
    // The one still held stays known on both sides.
    const still: WalkJob['fresh'] = [];
    expect(receiver.view(sender.view(kept, still))).toHaveLength(4);
    expect(still).toEqual([]);
    expect(() => receiver.view({ buffer: dropped[0]!, type: 'Uint32Array', byteOffset: 0, length: 4 })).toThrow(/unknown/);
  });
});
