import { describe, expect, it } from 'vitest';
import { grow, sharedArray } from './arrays.ts';

describe('grow', () => {
  it('keeps the contents and the kind of memory, and doubles at least', () => {
    const shared = sharedArray(Uint32Array, 3);
    shared.set([7, 8, 9]);
    const bigger = grow(shared, 4);
    expect(bigger.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(bigger.subarray(0, 3))).toEqual([7, 8, 9]);
    expect(bigger.length).toBe(64);
    expect(grow(bigger, 200).length).toBe(200);

    const plain = Float64Array.from([1.5, 2.5]);
    const grown = grow(plain, 100);
    expect(grown.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect(grown).toBeInstanceOf(Float64Array);
    expect(Array.from(grown.subarray(0, 2))).toEqual([1.5, 2.5]);
    expect(grow(grown, 50)).toBe(grown);
  });
});
