import { grow } from './arrays.ts';
import type { Scratch } from './scratch.ts';
import { wordTrigrams } from './text.ts';

/** The offers containing one lexeme (or one title word), in the order they were added (ascending numbers). */
export interface Postings {
  docs: Uint32Array;
  marks: Uint8Array;
  length: number;
}


/** Sorts a posting list by offer number, keeping each offer's mark beside it. */
export function sortPostings(list: Postings): void {
  // Offer and mark packed into one 32-bit number while the offers' numbers fit in 24 bits (16 million):
  // sorting those takes a third less time than sorting 64-bit floats.
  let largest = 0;
  for (let i = 0; i < list.length; i++) if (list.docs[i]! > largest) largest = list.docs[i]!;
  if (largest < 1 << 24) {
    const packed = new Uint32Array(list.length);
    for (let i = 0; i < list.length; i++) packed[i] = ((list.docs[i]! << 8) | list.marks[i]!) >>> 0;
    packed.sort();
    for (let i = 0; i < list.length; i++) {
      list.docs[i] = packed[i]! >>> 8;
      list.marks[i] = packed[i]! & 0xff;
    }
    return;
  }
  const pairs = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) pairs[i] = list.docs[i]! * 256 + list.marks[i]!;
  pairs.sort();
  for (let i = 0; i < list.length; i++) {
    list.docs[i] = Math.floor(pairs[i]! / 256);
    list.marks[i] = pairs[i]! % 256;
  }
}

/** Per word typed, the posting lists matching it and their total length. */
export interface WordLists {
  /** Each list with what an occurrence adds to an offer's score, by the posting's mark (0: it does not count). */
  lists: Array<{ list: Postings; gain: Float32Array }>;
  size: number;
  /** Not a filler word: it counts towards the words an offer must match. */
  meaningful: boolean;
}

/**
 * One word's posting lists merged into one ascending list of offers, each offer's gains summed: the
 * weight of the word in it, or (typo search) the similarity where the word is in its title. The lists
 * are merged in one at a time, the shortest first, so that each step is a tight loop
 * over two arrays and the long lists are read once; two scratch pairs take turns holding the result.
 */
export function mergeLists(lists: WordLists['lists'], scratch: Scratch): { docs: Uint32Array; scores: Float32Array } {
  const sorted = [...lists].sort((a, b) => a.list.length - b.list.length);
  let total = 0;
  for (const { list } of sorted) total += list.length;
  let into = { docs: scratch.docs('merged-a', total), scores: scratch.floats('merged-a', total) };
  let from = { docs: scratch.docs('merged-b', total), scores: scratch.floats('merged-b', total) };
  let n = 0;
  for (const { list, gain } of sorted) {
    [from, into] = [into, from];
    n = mergeInto(from.docs, from.scores, n, list, gain, into.docs, into.scores);
  }
  return { docs: into.docs.subarray(0, n), scores: into.scores.subarray(0, n) };
}

/**
 * The first `n` offers of `docs` (ascending, with their scores) merged with a posting list into
 * `intoDocs` and `intoScores`; an offer in both gets both gains. Gives the number of offers merged.
 */
export function mergeInto(
  docs: Uint32Array,
  scores: Float32Array,
  n: number,
  list: Postings,
  gain: Float32Array,
  intoDocs: Uint32Array,
  intoScores: Float32Array,
): number {
  const { docs: posted, marks, length } = list;
  let i = 0;
  let j = 0;
  let k = 0;
  for (; j < length; j++) {
    const g = gain[marks[j]!]!;
    if (g === 0) continue;
    const y = posted[j]!;
    while (i < n && docs[i]! < y) {
      intoDocs[k] = docs[i]!;
      intoScores[k++] = scores[i++]!;
    }
    intoDocs[k] = y;
    if (i < n && docs[i] === y) intoScores[k++] = scores[i++]! + g;
    else intoScores[k++] = g;
  }
  for (; i < n; i++) {
    intoDocs[k] = docs[i]!;
    intoScores[k++] = scores[i]!;
  }
  return k;
}

/** The list itself when it is in ascending order already (offers numbered by place), else sorted. */
export function ascending(docs: Uint32Array): Uint32Array {
  for (let i = 1; i < docs.length; i++) if (docs[i - 1]! > docs[i]!) return docs.sort();
  return docs;
}

export function pushPosting(list: Postings, doc: number, mark: number): void {
  if (list.length === list.docs.length) {
    list.docs = grow(list.docs, list.length * 2);
    list.marks = grow(list.marks, list.length * 2);
  }
  list.docs[list.length] = doc;
  list.marks[list.length] = mark;
  list.length++;
}

/** A growable list of offer numbers. */
export interface DocList {
  docs: Uint32Array;
  length: number;
}

export function pushDoc(list: DocList, doc: number): void {
  if (list.length === list.docs.length) list.docs = grow(list.docs, list.length * 2);
  list.docs[list.length++] = doc;
}

export function cellOf(degrees: number): number {
  return Math.floor(degrees * 10);
}

export function cellKey(latCell: number, lngCell: number): number {
  return (latCell + 1000) * 4000 + (lngCell + 2000);
}


export function addTrigrams(index: Map<string, string[]>, lexeme: string): void {
  for (const trigram of new Set(wordTrigrams(lexeme))) {
    const list = index.get(trigram);
    if (list) list.push(lexeme);
    else index.set(trigram, [lexeme]);
  }
}

export function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
