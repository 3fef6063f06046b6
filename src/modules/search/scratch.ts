import { sharedArray, type TypedArrayOf } from './arrays.ts';

/**
 * Arrays a search works in, kept from one search to the next and grown when too small. A search at a
 * million offers would otherwise allocate megabytes of typed arrays; V8 counts them towards its heap
 * limits and collects the whole heap every few searches, holding up the searches meanwhile.
 * Only one search runs at a time (they are synchronous), so each name has one user at a time.
 */
export class Scratch {
  private readonly arrays = new Map<string, Uint32Array | Float32Array | Uint8Array>();

  private get<T extends Uint32Array | Float32Array | Uint8Array>(name: string, size: number, Type: TypedArrayOf<T>): T {
    let array = this.arrays.get(name) as T | undefined;
    if (!array || array.length < size) {
      // Grown without keeping the contents: a search fills what it uses.
      array = sharedArray(Type, Math.max(size, (array?.length ?? 0) * 2, 1024));
      this.arrays.set(name, array);
    }
    return array;
  }

  /** Offer numbers (in shared memory, as the matches the walk's second thread reads). */
  docs(name: string, size: number): Uint32Array {
    return this.get(`docs ${name}`, size, Uint32Array);
  }

  floats(name: string, size: number): Float32Array {
    return this.get(`floats ${name}`, size, Float32Array);
  }

  /** Bytes (what is in them is left from an earlier search). */
  small(name: string, size: number): Uint8Array {
    return this.get(`bytes ${name}`, size, Uint8Array);
  }

  bytes(): number {
    let bytes = 0;
    for (const array of this.arrays.values()) bytes += array.byteLength;
    return bytes;
  }
}
