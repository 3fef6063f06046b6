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
 * With `within` (ascending), only the offers in it: each list is cut down to them first (a place
 * holding far fewer offers than the word's lists), so that the merging handles few.
 */
export function mergeLists(lists: WordLists['lists'], scratch: Scratch, offers: number, within?: Uint32Array): { docs: Uint32Array; scores: Float32Array } {
  const sorted = [...lists].sort((a, b) => a.list.length - b.list.length);
  let total = 0;
  // What merging one at a time reads and writes at most: each step the lists so far and the next.
  let steps = 0;
  for (const { list } of sorted) {
    total += list.length;
    steps += total;
  }
  // Adding every list into sums over all offers reads each posting once, but reads the sums at random
  // and goes through a bitmap of all offers. On lists drawn at random it wins from about 1.5 steps per
  // posting; on the benchmark's index at a million offers it did not clearly (the sums are read across
  // more memory pages than the processor keeps at hand), so it is kept for what merging handles worst.
  if (!within && steps > 2 * offers + 4 * total) return mergeDense(sorted, scratch, offers, total);
  if (within) total = Math.min(total, within.length);
  let into = { docs: scratch.docs('merged-a', total), scores: scratch.floats('merged-a', total) };
  let from = { docs: scratch.docs('merged-b', total), scores: scratch.floats('merged-b', total) };
  let n = 0;
  for (const { list, gain } of sorted) {
    [from, into] = [into, from];
    n = mergeInto(from.docs, from.scores, n, within ? restrict(list, within, scratch) : list, gain, into.docs, into.scores);
  }
  return { docs: into.docs.subarray(0, n), scores: into.scores.subarray(0, n) };
}

/**
 * `mergeLists` for many or long lists (a word with dozens of related words and compounds, or lists
 * holding a large part of all offers): each list added into an array of sums over all offers, in the
 * same order as merging one at a time would add them (so each offer's sum is the same float32), the
 * offers found marked in a bitmap, then read off it in order. Every posting is read once and nothing
 * branches on it; merging one at a time copies what is merged so far once per list.
 */
function mergeDense(sorted: WordLists['lists'], scratch: Scratch, offers: number, total: number): { docs: Uint32Array; scores: Float32Array } {
  const words = (offers + 31) >>> 5;
  const found = scratch.docs('dense-found', words).fill(0, 0, words);
  const sums = scratch.floats('dense', offers);
  for (const { list, gain } of sorted) {
    const { docs: posted, marks, length } = list;
    for (let j = 0; j < length; j++) {
      const d = posted[j]!;
      const g = gain[marks[j]!]!;
      sums[d] = sums[d]! + g;
      found[d >>> 5] = found[d >>> 5]! | ((g !== 0 ? 1 : 0) << (d & 31));
    }
  }
  const docs = scratch.docs('merged-a', total);
  const scores = scratch.floats('merged-a', total);
  let n = 0;
  for (let w = 0; w < words; w++) {
    let bits = found[w]!;
    while (bits !== 0) {
      const low = bits & -bits;
      const d = (w << 5) | (31 - Math.clz32(low));
      docs[n] = d;
      scores[n++] = sums[d]!;
      bits ^= low;
    }
  }
  // The sums are left at zero for the next search (those of offers not found were only added zeros).
  for (let i = 0; i < n; i++) sums[docs[i]!] = 0;
  return { docs: docs.subarray(0, n), scores: scores.subarray(0, n) };
}

/** A list far longer than the offers looked for in it is searched (galloping) rather than read through. */
const SEARCH_FROM = 8;

/**
 * The postings of `list` for the offers of `within` (both ascending), in a scratch list that the next
 * call overwrites.
 */
export function restrict(list: Postings, within: Uint32Array, scratch: Scratch): Postings {
  const size = Math.min(list.length, within.length);
  const docs = scratch.docs('restricted', size);
  const marks = scratch.small('restricted', size);
  const { docs: posted, marks: postedMarks, length } = list;
  let k = 0;
  if (length > SEARCH_FROM * within.length) {
    let j = 0;
    for (let i = 0; i < within.length && j < length; i++) {
      const d = within[i]!;
      j = seek(posted, j, length, d);
      if (j < length && posted[j] === d) {
        docs[k] = d;
        marks[k++] = postedMarks[j]!;
        j++;
      }
    }
  } else {
    let i = 0;
    for (let j = 0; j < length && i < within.length; j++) {
      const y = posted[j]!;
      while (i < within.length && within[i]! < y) i++;
      if (i < within.length && within[i] === y) {
        docs[k] = y;
        marks[k++] = postedMarks[j]!;
        i++;
      }
    }
  }
  return { docs, marks, length: k };
}

/** The first position from `from` on (before `length`) whose offer is not below `d`: a galloping search. */
function seek(docs: Uint32Array, from: number, length: number, d: number): number {
  if (from >= length || docs[from]! >= d) return from;
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < length && docs[hi]! < d) {
    lo = hi;
    step *= 2;
    hi = from + step;
  }
  if (hi > length) hi = length;
  // docs[lo] < d, and docs[hi] >= d or hi = length.
  while (lo + 1 < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < d) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * What a word that need not match (a filler) adds to offers found by the other words: for each of the
 * first `n` offers of `docs` (ascending), the sum of the word's gains in it (its lists in the order
 * `mergeLists` takes them, so that the sum is the same float32), added to its score. The word's lists
 * are searched for the offers rather than merged: they may hold most offers ("arbeiten", "hilfe").
 */
export function addWord(docs: Uint32Array, scores: Float32Array, n: number, lists: WordLists['lists'], scratch: Scratch): void {
  const extra = weightOf(docs, n, lists, scratch, undefined);
  for (let i = 0; i < n; i++) if (extra[i] !== 0) scores[i] = scores[i]! + extra[i]!;
}

/**
 * Keeps of the first `n` offers of `docs` (ascending, with their scores) those the word matches (a
 * posting in one of its lists that counts), adding its weight as `mergeLists` would sum it; in place.
 * Gives how many are kept. Reads only the word's lists, so a common word costs little after a rare one.
 */
export function keepWord(docs: Uint32Array, scores: Float32Array, n: number, lists: WordLists['lists'], scratch: Scratch): number {
  const found = scratch.small('found', n).fill(0, 0, n);
  const extra = weightOf(docs, n, lists, scratch, found);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (!found[i]) continue;
    docs[k] = docs[i]!;
    scores[k++] = scores[i]! + extra[i]!;
  }
  return k;
}

/** A word's weight in each of the first `n` offers of `docs`, summed over its lists shortest first; `found` marks the offers a counting posting was found for. */
function weightOf(docs: Uint32Array, n: number, lists: WordLists['lists'], scratch: Scratch, found: Uint8Array | undefined): Float32Array {
  const extra = scratch.floats('extra', n);
  extra.fill(0, 0, n);
  const sorted = [...lists].sort((a, b) => a.list.length - b.list.length);
  for (const { list, gain } of sorted) {
    const { docs: posted, marks, length } = list;
    if (length > SEARCH_FROM * n) {
      let j = 0;
      for (let i = 0; i < n && j < length; i++) {
        const d = docs[i]!;
        j = seek(posted, j, length, d);
        if (j < length && posted[j] === d) {
          const g = gain[marks[j]!]!;
          extra[i] = extra[i]! + g;
          if (found && g !== 0) found[i] = 1;
          j++;
        }
      }
    } else {
      let i = 0;
      for (let j = 0; j < length && i < n; j++) {
        const y = posted[j]!;
        while (i < n && docs[i]! < y) i++;
        if (i < n && docs[i] === y) {
          const g = gain[marks[j]!]!;
          extra[i] = extra[i]! + g;
          if (found && g !== 0) found[i] = 1;
          i++;
        }
      }
    }
  }
  return extra;
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

/**
 * The first `n` offers of `docs` (ascending, with their scores and the bits of the words they have)
 * merged with one more word's offers (ascending, with its scores) into `intoDocs`, `intoScores` and
 * `intoBits`: an offer in both gets both scores (added in this order, as float32) and `bit` besides
 * its bits; an offer of the word alone gets `bit` | 0x80 (0x80: "found", for words that do not count).
 * Gives the number of offers merged.
 */
export function unionInto(
  docs: Uint32Array,
  scores: Float32Array,
  bits: Uint8Array,
  n: number,
  wordDocs: Uint32Array,
  wordScores: Float32Array,
  bit: number,
  intoDocs: Uint32Array,
  intoScores: Float32Array,
  intoBits: Uint8Array,
): number {
  const length = wordDocs.length;
  const mark = bit | 0x80;
  let i = 0;
  let k = 0;
  for (let j = 0; j < length; j++) {
    const y = wordDocs[j]!;
    while (i < n && docs[i]! < y) {
      intoDocs[k] = docs[i]!;
      intoBits[k] = bits[i]!;
      intoScores[k++] = scores[i++]!;
    }
    intoDocs[k] = y;
    if (i < n && docs[i] === y) {
      intoBits[k] = bits[i]! | mark;
      intoScores[k++] = scores[i++]! + wordScores[j]!;
    } else {
      intoBits[k] = mark;
      intoScores[k++] = wordScores[j]!;
    }
  }
  for (; i < n; i++) {
    intoDocs[k] = docs[i]!;
    intoBits[k] = bits[i]!;
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
