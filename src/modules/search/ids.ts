/**
 * The offers' ids in the search index: each UUID as four 32-bit words in one typed array, found by
 * an open-addressing hash table of offer numbers. At a million offers a string per id and a `Map`
 * from id to number took 100–150 MB of V8's heap, which every full garbage collection walks (pauses
 * of 10–70 ms in the middle of searches); as typed arrays they take 24 MB that no collection reads.
 *
 * Compared word by word, the ids order as their lowercase text does (the search's last tie-break).
 */

import { grow, sharedArray } from './arrays.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMPTY = 0;
/** A removed entry: lookups go on past it, an insert may take its place. */
const REMOVED = -1;

/** The four words of a UUID; throws for anything else (offer ids are PostgreSQL uuids). */
export function uuidWords(id: string): [number, number, number, number] {
  if (!UUID.test(id)) throw new Error(`Not a UUID: ${JSON.stringify(id)}`);
  const hex = id.replace(/-/g, '');
  return [0, 8, 16, 24].map((at) => parseInt(hex.slice(at, at + 8), 16)) as [number, number, number, number];
}

/** The order of offers a and b by their ids in `words` (an IdTable's), as the ids' text orders them (negative: a first). */
export function compareIds(words: Uint32Array, a: number, b: number): number {
  for (let k = 0; k < 4; k++) {
    const x = words[a * 4 + k]!;
    const y = words[b * 4 + k]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function hashOf(w0: number, w1: number, w2: number, w3: number): number {
  return Math.imul(w0 ^ Math.imul(w1, 0x85ebca6b) ^ Math.imul(w2, 0xc2b2ae35) ^ w3, 0x9e3779b1) >>> 0;
}

export class IdTable {
  /** Offer number d's id in words 4d … 4d + 3 (shared memory: the search walk's second thread compares them). */
  private idWords = sharedArray(Uint32Array, 0);
  /** Offer number + 1 (EMPTY, REMOVED); a power of two long. */
  private slots = new Int32Array(16);
  private used = 0;
  private removed = 0;

  /** The offer number of `id`, or -1. */
  find(id: string): number {
    const [w0, w1, w2, w3] = uuidWords(id);
    const at = this.slotOf(w0, w1, w2, w3);
    return at < 0 ? -1 : this.slots[at]! - 1;
  }

  /** Files `id` under offer number `doc` (not yet filed under another). */
  set(doc: number, id: string): void {
    const [w0, w1, w2, w3] = uuidWords(id);
    this.idWords = grow(this.idWords, (doc + 1) * 4);
    this.idWords.set([w0, w1, w2, w3], doc * 4);
    if ((this.used + this.removed + 1) * 10 > this.slots.length * 7) this.rehash(this.used + 1);
    this.insert(doc);
  }

  /** Forgets `id` (its offer number's words stay until `renumber`). */
  remove(id: string): void {
    const [w0, w1, w2, w3] = uuidWords(id);
    const at = this.slotOf(w0, w1, w2, w3);
    if (at < 0) return;
    this.slots[at] = REMOVED;
    this.used--;
    this.removed++;
  }

  get words(): Uint32Array {
    return this.idWords;
  }

  id(doc: number): string {
    const hex = Array.from(this.idWords.subarray(doc * 4, doc * 4 + 4), (w) => w.toString(16).padStart(8, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** Numbers the offers anew: the one numbered `order[i]` becomes i; the others are forgotten. */
  renumber(order: readonly number[]): void {
    const words = sharedArray(Uint32Array, Math.max(this.idWords.length, order.length * 4));
    order.forEach((doc, i) => words.set(this.idWords.subarray(doc * 4, doc * 4 + 4), i * 4));
    this.idWords = words;
    this.used = 0;
    this.removed = 0;
    this.slots = new Int32Array(capacityFor(order.length));
    for (let doc = 0; doc < order.length; doc++) this.insert(doc);
  }

  bytes(): number {
    return this.idWords.byteLength + this.slots.byteLength;
  }

  private slotOf(w0: number, w1: number, w2: number, w3: number): number {
    const { slots, idWords: words } = this;
    const mask = slots.length - 1;
    for (let at = hashOf(w0, w1, w2, w3) & mask; ; at = (at + 1) & mask) {
      const entry = slots[at]!;
      if (entry === EMPTY) return -1;
      if (entry === REMOVED) continue;
      const w = (entry - 1) * 4;
      if (words[w] === w0 && words[w + 1] === w1 && words[w + 2] === w2 && words[w + 3] === w3) return at;
    }
  }

  private insert(doc: number): void {
    const { slots, idWords: words } = this;
    const mask = slots.length - 1;
    const w = doc * 4;
    let at = hashOf(words[w]!, words[w + 1]!, words[w + 2]!, words[w + 3]!) & mask;
    while (slots[at] !== EMPTY && slots[at] !== REMOVED) at = (at + 1) & mask;
    if (slots[at] === REMOVED) this.removed--;
    slots[at] = doc + 1;
    this.used++;
  }

  /** A table for `size` entries, without the removed ones. */
  private rehash(size: number): void {
    const old = this.slots;
    this.slots = new Int32Array(capacityFor(size));
    this.used = 0;
    this.removed = 0;
    for (const entry of old) if (entry > 0) this.insert(entry - 1);
  }
}

/** A power of two holding `size` entries at most half full. */
function capacityFor(size: number): number {
  let capacity = 16;
  while (capacity < size * 2) capacity *= 2;
  return capacity;
}
