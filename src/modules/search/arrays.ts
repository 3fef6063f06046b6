/**
 * Typed arrays of the search index: allocated in shared memory where the search walk's second thread
 * reads them (walk-pool.ts), and grown by doubling.
 */

export type TypedArray = Uint8Array | Uint32Array | Int32Array | Float32Array | Float64Array;

export type TypedArrayOf<T extends TypedArray> = { new (buffer: ArrayBufferLike): T; BYTES_PER_ELEMENT: number };

/** A zero-filled typed array over shared memory: the walk's second thread reads it without a copy. */
export function sharedArray<T extends TypedArray>(Type: TypedArrayOf<T>, length: number): T {
  return new Type(new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT));
}

/**
 * The array itself when it holds `size` elements, else a copy at least twice as long (at least
 * `size`, at least 64), in the same kind of memory (shared or not).
 */
export function grow<T extends TypedArray>(array: T, size: number): T {
  if (size <= array.length) return array;
  const Type = array.constructor as TypedArrayOf<T>;
  const length = Math.max(size, array.length * 2, 64);
  const bytes = length * Type.BYTES_PER_ELEMENT;
  const bigger = new Type(array.buffer instanceof SharedArrayBuffer ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  bigger.set(array as never);
  return bigger;
}
