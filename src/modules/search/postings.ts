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
 * weight of the word in it, or (typo search) the similarity where the word is in its title. With
 * `within` (ascending), only the offers in it.
 *
 * A few short lists are merged one at a time, the shortest first, each step a tight loop over two
 * arrays. Longer ones are added up a block of offers at a time (`mergeBlocks`): merging lists of
 * similar length one at a time branches unpredictably on every posting (17–19 ns per posting at a
 * million offers, 38 with a place's offers to cut them down to, against 8–10 by blocks).
 */
export function mergeLists(lists: WordLists['lists'], scratch: Scratch, offers: number, within?: Uint32Array): { docs: Uint32Array; scores: Float32Array } {
  const sorted = [...lists].sort((a, b) => a.list.length - b.list.length);
  let total = 0;
  for (const { list } of sorted) total += list.length;
  if (within) total = Math.min(total, within.length);
  if (sorted.length > 1 && total >= BLOCKS_FROM) return mergeBlocks(sorted, scratch, offers, total, within);
  let into = { docs: scratch.docs('merged-a', total), scores: scratch.floats('merged-a', total) };
  let from = { docs: scratch.docs('merged-b', total), scores: scratch.floats('merged-b', total) };
  let n = 0;
  for (const { list, gain } of sorted) {
    [from, into] = [into, from];
    n = mergeInto(from.docs, from.scores, n, within ? restrict(list, within, scratch) : list, gain, into.docs, into.scores);
  }
  return { docs: into.docs.subarray(0, n), scores: into.scores.subarray(0, n) };
}

const NO_FLOATS = new Float32Array(0);

/** From this many postings (or offers of a place) on, lists are merged by blocks. */
const BLOCKS_FROM = 2048;

/** Offers per block: the block's sums (128 KB) stay in the processor's second-level cache. */
const BLOCK = 1 << 15;

/**
 * `mergeLists` a block of offer numbers at a time: within a block, every list's postings are added
 * into an array of sums over the block's offers, in the order merging one at a time would add them
 * (so each offer's sum is the same float32), the offers found marked in a bitmap; then the block's
 * offers are read off the bitmap in order. Each posting is read once and nothing branches on it, and
 * the sums being added to stay in the cache. Blocks holding no posting are skipped.
 */
function mergeBlocks(
  sorted: WordLists['lists'],
  scratch: Scratch,
  offers: number,
  total: number,
  within: Uint32Array | undefined,
  keptScores?: Float32Array,
): { docs: Uint32Array; scores: Float32Array } {
  const sums = scratch.floats('block-sums', BLOCK);
  const found = scratch.docs('block-found', BLOCK >>> 5);
  const allowed = scratch.docs('block-within', BLOCK >>> 5);
  // With `keptScores` (keepWord, the scores of `within`'s offers): the offers of `within` the lists
  // match, written over `within` and `keptScores` (each block's offers are read before any is written
  // over), each with its score there plus the lists' sum.
  const kept = keptScores !== undefined && within !== undefined;
  const docs = kept ? within : scratch.docs('merged-a', total);
  const scores = kept ? keptScores : scratch.floats('merged-a', total);
  const before = kept ? scratch.floats('block-kept', BLOCK) : NO_FLOATS;
  const k = sorted.length;
  const at = new Uint32Array(k);
  let w = 0;
  let n = 0;
  for (;;) {
    // The next block holding a posting.
    let first = offers;
    for (let l = 0; l < k; l++) {
      const { list } = sorted[l]!;
      if (at[l]! < list.length && list.docs[at[l]!]! < first) first = list.docs[at[l]!]!;
    }
    if (first >= offers) break;
    if (within) {
      while (w < within.length && within[w]! < first) w++;
      if (w === within.length) break;
      // No offer of the place in this block: on to the block of its next one.
      const next = within[w]! - (within[w]! % BLOCK);
      if (next > first) {
        for (let l = 0; l < k; l++) at[l] = seek(sorted[l]!.list.docs, at[l]!, sorted[l]!.list.length, next);
        continue;
      }
    }
    const base = first - (first % BLOCK);
    let end = base + BLOCK;
    let from = first;
    const marked = w;
    if (within) {
      // Only the stretch of the block from the place's first offer in it to its last, and in it only
      // the place's offers (marked in `allowed`).
      from = Math.max(first, within[w]!);
      for (; w < within.length && within[w]! < end; w++) {
        const d = within[w]! - base;
        allowed[d >>> 5] = allowed[d >>> 5]! | (1 << (d & 31));
        if (kept) before[d] = scores[w]!;
      }
      end = within[w - 1]! + 1;
    }
    let last = -1;
    let lowest = BLOCK;
    for (let l = 0; l < k; l++) {
      const { list, gain } = sorted[l]!;
      const start = within ? seek(list.docs, at[l]!, list.length, from) : at[l]!;
      const j = within
        ? addBlockWithin(list.docs, list.marks, list.length, start, gain, base, end, sums, found, allowed)
        : addBlock(list.docs, list.marks, list.length, start, gain, base, end, sums, found);
      if (j > start) {
        last = Math.max(last, list.docs[j - 1]! - base);
        lowest = Math.min(lowest, list.docs[start]! - base);
      }
      at[l] = j;
    }
    if (within) for (let i = marked; i < w; i++) allowed[(within[i]! - base) >>> 5] = 0;
    if (last >= 0) n = readBlock(sums, found, lowest >>> 5, last >>> 5, base, docs, scores, n, before, kept);
  }
  return { docs: docs.subarray(0, n), scores: scores.subarray(0, n) };
}

/** Adds a list's postings from `j` on that lie below `end` into the block's sums; gives where it stopped. */
function addBlock(posted: Uint32Array, marks: Uint8Array, length: number, j: number, gain: Float32Array, base: number, end: number, sums: Float32Array, found: Uint32Array): number {
  for (; j < length; j++) {
    const y = posted[j]!;
    if (y >= end) break;
    const d = y - base;
    const g = gain[marks[j]!]!;
    sums[d] = sums[d]! + g;
    found[d >>> 5] = found[d >>> 5]! | ((g !== 0 ? 1 : 0) << (d & 31));
  }
  return j;
}

/**
 * `addBlock` for the offers marked in `allowed` only: the others' gains are taken as zero (multiplied
 * by their bit, without a branch on it), so that their sums stay zero and they are not marked found.
 */
function addBlockWithin(
  posted: Uint32Array,
  marks: Uint8Array,
  length: number,
  j: number,
  gain: Float32Array,
  base: number,
  end: number,
  sums: Float32Array,
  found: Uint32Array,
  allowed: Uint32Array,
): number {
  for (; j < length; j++) {
    const y = posted[j]!;
    if (y >= end) break;
    const d = y - base;
    const g = gain[marks[j]!]! * ((allowed[d >>> 5]! >>> (d & 31)) & 1);
    sums[d] = sums[d]! + g;
    found[d >>> 5] = found[d >>> 5]! | ((g !== 0 ? 1 : 0) << (d & 31));
  }
  return j;
}

/**
 * Reads a block's offers found off its bitmap (words `fromWord` to `lastWord`) into `docs` and
 * `scores` from `n` on, and leaves the block's sums and bitmap cleared for the next; gives the new
 * `n`. Offers with only zero gains are not marked, and their sums are still zero.
 */
function readBlock(
  sums: Float32Array,
  found: Uint32Array,
  fromWord: number,
  lastWord: number,
  base: number,
  docs: Uint32Array,
  scores: Float32Array,
  n: number,
  before: Float32Array,
  adding: boolean,
): number {
  for (let word = fromWord; word <= lastWord; word++) {
    let bits = found[word]!;
    if (bits === 0) continue;
    found[word] = 0;
    while (bits !== 0) {
      const low = bits & -bits;
      const d = (word << 5) | (31 - Math.clz32(low));
      docs[n] = base + d;
      scores[n++] = adding ? before[d]! + sums[d]! : sums[d]!;
      sums[d] = 0;
      bits ^= low;
    }
  }
  return n;
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
  let total = 0;
  for (const { list } of lists) total += list.length;
  if (n >= BLOCKS_FROM && total >= BLOCKS_FROM) {
    // Many offers and long lists: the word's weights in those offers summed by blocks (searching or
    // reading each list for them branches on every posting), then added to the offers' scores.
    const sorted = [...lists].sort((a, b) => a.list.length - b.list.length);
    return mergeBlocks(sorted, scratch, docs[n - 1]! + 1, n, docs.subarray(0, n), scores).docs.length;
  }
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
