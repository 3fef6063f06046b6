import { boundingBox } from '../volunteers/geo.ts';
import { grow, sharedArray, type TypedArrayOf } from './arrays.ts';
import { IdTable } from './ids.ts';
import type { FacetGroup, Sort } from './params.ts';
import type { Facets } from './queries.ts';
import { wordSimilarity, wordTrigrams } from './text.ts';
import { walkAlone, walkPool, type WalkPool } from './walk-pool.ts';
import { ALIVE, byValue, comparator, PIECE, EXPIRES, H_EXPIRES, H_GROUPS, H_KIND, H_MUNICIPALITY, H_PUBLISHED, H_SMALL, HOT, NEVER, REMOTE, type Columns, type Matches, type WalkPlan } from './walk.ts';

/**
 * The published offers as a search index in the process's memory (decision 005): posting lists per
 * word of the stored full-text vectors, and the filter columns as typed arrays. A search walks the
 * postings of the words typed, tests the filters, counts every filter value and picks the page —
 * a few milliseconds where the database needed tens to hundreds (docs/performance.md), and every
 * count exact, however many offers match.
 *
 * Matching is the database's: the words are stemmed by PostgreSQL (`prepareText`), and a word
 * matches an offer when one of its stems is the beginning of one of the offer's lexemes, as with a
 * `'stem':*` tsquery. The ranking is a weighted count of the occurrences (title 1.0; organisation,
 * tags and skills 0.4; text 0.2), which is what `ts_rank_cd` gives for one word; it leaves out the
 * closeness of several words to one another.
 *
 * The walk over the matches (filters, counts, page) is in walk.ts; with many matches a second thread
 * takes half of them (walk-pool.ts). This module holds no database code: `memory-sync.ts` fills the index and keeps it current.
 */

/** PostgreSQL's default weights for the vector's labels A, B, C, D. */
const LABEL_WEIGHTS: Record<string, number> = { A: 1.0, B: 0.4, C: 0.2, D: 0.1 };

/** A posting's byte: bit 7 says the word occurs in the title; bits 0–6 the weight sum in tenths (capped). */
const IN_TITLE = 0x80;
const WEIGHT_BITS = 0x7f;

/**
 * What an occurrence adds to an offer's score, by its posting's mark: its weight. Read from a table of
 * floats so that the loops over postings keep the numbers unboxed (a number chosen between a parameter
 * and a computed one made V8 allocate one per posting: half a megabyte per search at a million offers).
 */
const WEIGHT_GAINS = Float32Array.from({ length: 256 }, (_, mark) => (mark & WEIGHT_BITS) / 10);

/** The typo search's table: the word's similarity where it occurs in the title, else nothing. */
function titleGains(similarity: number): Float32Array {
  return Float32Array.from({ length: 256 }, (_, mark) => (mark & IN_TITLE ? similarity : 0));
}

/** pg_trgm's default `word_similarity_threshold`: a typed word resembles a title word at least this much. */
const SIMILARITY_THRESHOLD = 0.6;

/** One offer as the index needs it (what `memory-sync.ts` reads from the database). */
export interface IndexedOffer {
  id: string;
  networkId: string;
  field: string;
  targetGroups: readonly string[];
  municipalityId: string | null;
  commitment: string;
  weekdays: readonly number[];
  timesOfDay: readonly string[];
  suitability: readonly string[];
  remote: boolean;
  lat: number | null;
  lng: number | null;
  publishedAt: number | null;
  expiresAt: number | null;
  /** The stored tsvector as text: `'lexeme':1A,5 'other':3C`. */
  vector: string;
  /** The title as written: its words are what the typo search compares with. */
  title: string;
}

/** What a search asks the index; the same fields as the SQL search reads from `ResolvedSearch`. */
export interface IndexQuery {
  /** Per word typed, its stems; undefined for a search without words. */
  words: Array<{ word: string; lexemes: string[] }> | undefined;
  /** `similar`: a word also matches a title word resembling it (the typo search). */
  mode: 'fulltext' | 'similar';
  networkId: string | undefined;
  fields: readonly string[];
  targetGroups: readonly string[];
  municipalityIds: readonly string[];
  commitments: readonly string[];
  weekdays: readonly number[];
  timesOfDay: readonly string[];
  suitability: readonly string[];
  remoteOnly: boolean;
  position: { lat: number; lng: number } | undefined;
  radiusKm: number | undefined;
  sort: Sort;
  now: number;
  publishedAfter: number | undefined;
  offset: number;
  limit: number;
}

export interface IndexAnswer {
  total: number;
  facets: Facets;
  ids: string[];
}

/** Values of one column, numbered in the order first seen; at most `limit` of them (the record's room). */
class Dictionary {
  private readonly numbers = new Map<string, number>();
  readonly values: string[] = [];

  constructor(
    protected readonly column: string,
    private readonly limit: number,
  ) {}

  number(value: string): number {
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.values.length;
      if (n >= this.limit) throw new Error(`The search index holds at most ${this.limit} values of ${this.column}.`);
      this.numbers.set(value, n);
      this.values.push(value);
    }
    return n;
  }

  find(value: string): number | undefined {
    return this.numbers.get(value);
  }
}

/** A dictionary for columns holding several values, kept as a bit mask. */
class BitDictionary extends Dictionary {
  mask(values: readonly (string | number)[]): number {
    let mask = 0;
    for (const value of values) mask |= 1 << this.number(String(value));
    return mask >>> 0;
  }

  /** The mask of the known values among `values`, and whether every one was known. */
  wanted(values: readonly (string | number)[]): { mask: number; complete: boolean } {
    let mask = 0;
    let complete = true;
    for (const value of values) {
      const n = this.find(String(value));
      if (n === undefined) complete = false;
      else mask |= 1 << n;
    }
    return { mask: mask >>> 0, complete };
  }
}

/** The offers containing one lexeme (or one title word), in the order they were added (ascending numbers). */
interface Postings {
  docs: Uint32Array;
  marks: Uint8Array;
  length: number;
}

/**
 * Arrays a search works in, kept from one search to the next and grown when too small. A search at a
 * million offers would otherwise allocate megabytes of typed arrays; V8 counts them towards its heap
 * limits and collects the whole heap every few searches, holding up the searches meanwhile.
 * Only one search runs at a time (they are synchronous), so each name has one user at a time.
 */
class Scratch {
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

  /** Bytes, all zero up to `size`. */
  zeros(name: string, size: number): Uint8Array {
    return this.get(`bytes ${name}`, size, Uint8Array).fill(0, 0, size);
  }

  bytes(): number {
    let bytes = 0;
    for (const array of this.arrays.values()) bytes += array.byteLength;
    return bytes;
  }
}

/** Parses PostgreSQL's text form of a tsvector: lexemes with their weight sums and a title flag. */
export function parseVector(text: string): Array<{ lexeme: string; mark: number }> {
  const found: Array<{ lexeme: string; mark: number }> = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "'") {
      i++;
      continue;
    }
    let lexeme = '';
    i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === "'") {
        if (text[i + 1] === "'") {
          lexeme += "'";
          i += 2;
          continue;
        }
        i++;
        break;
      }
      if (c === '\\' && i + 1 < text.length) {
        lexeme += text[i + 1];
        i += 2;
        continue;
      }
      lexeme += c;
      i++;
    }
    let weight = 0;
    let title = false;
    if (text[i] === ':') {
      i++;
      // Positions with an optional label each: 1A,5,7B
      while (i < text.length && text[i] !== ' ') {
        while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++;
        const label = text[i] === 'A' || text[i] === 'B' || text[i] === 'C' || text[i] === 'D' ? text[i]! : 'D';
        if (label !== 'D' || text[i] === 'D') i++;
        weight += LABEL_WEIGHTS[label]!;
        if (label === 'A') title = true;
        if (text[i] === ',') i++;
      }
    } else {
      weight = LABEL_WEIGHTS.D!;
    }
    found.push({ lexeme, mark: Math.min(WEIGHT_BITS, Math.max(1, Math.round(weight * 10))) | (title ? IN_TITLE : 0) });
  }
  return found;
}

/** From this many matches on a second thread walks half of them (below, posting the search costs more than it saves). */
const PARALLEL_FROM = 20_000;

export class OfferIndex {
  /**
   * `parallelFrom`: from how many matches on the walk uses a second thread. For tests: `piece`, how
   * many matches a thread takes at a time; `workerOnly`, the second thread walks them all; `pool`, the
   * thread (instead of the process's).
   */
  constructor(private readonly options: { parallelFrom?: number; piece?: number; workerOnly?: boolean; pool?: WalkPool } = {}) {}

  private count = 0;
  private deadCount = 0;
  private readonly ids = new IdTable();
  /** The record per offer that every search reads, 32 bytes (layout in walk.ts); like the columns below in shared memory. */
  private hot = sharedArray(Uint32Array, 0);
  private lat = sharedArray(Float64Array, 0);
  private lng = sharedArray(Float64Array, 0);
  /** Milliseconds; -Infinity without a publication date (sorted last among the newest). */
  private published = sharedArray(Float64Array, 0);
  /** Scratch of the searches (one runs at a time: they are synchronous): distance in km, NaN for none. */
  private distance = sharedArray(Float64Array, 0);
  private readonly scratch = new Scratch();

  private readonly networks = new Dictionary('networks', 1 << 16);
  private readonly fields = new Dictionary('fields', 256);
  private readonly municipalities = new Dictionary('municipalities', 0xffffffff);
  private readonly commitments = new Dictionary('commitments', 256);
  private readonly targetGroupBits = new BitDictionary('target groups', 32);
  private readonly weekdayBits = new BitDictionary('weekdays', 8);
  private readonly timeBits = new BitDictionary('times of day', 8);
  private readonly suitabilityBits = new BitDictionary('suitability', 8);

  private readonly postings = new Map<string, Postings>();
  /** Offers by grid cell of a tenth of a degree (about 11 × 7 km in Germany), and the remote ones. */
  private cells = new Map<number, DocList>();
  private remoteDocs: DocList = { docs: new Uint32Array(16), length: 0 };
  /** Every lexeme in order, for finding those that begin with a stem. */
  private sortedLexemes: string[] = [];
  /**
   * The words of the titles as written (lower case, not stemmed), for the typo search: pg_trgm compares
   * a typed word with the title's words, and a stem ("begleit") resembles a typo ("Beleitung") less
   * than the word does ("begleitung"). Their postings are marked IN_TITLE.
   */
  private readonly titleWords = new Map<string, Postings>();
  /** The title words by trigram; built on first use. */
  private titleTrigrams: Map<string, string[]> | undefined;

  /** Published offers in the index. */
  get size(): number {
    return this.count - this.deadCount;
  }

  /** Counts the changes (`put`), so that a search can tell whether the index changed under it. */
  version = 0;

  /** Adds an offer, or replaces the one with the same id; `undefined` removes it (no longer published). */
  put(id: string, offer: IndexedOffer | undefined): void {
    this.version++;
    const previous = this.ids.find(id);
    if (previous >= 0) {
      this.hot[previous * HOT + H_SMALL]! &= ~ALIVE;
      this.ids.remove(id);
      this.deadCount++;
    }
    if (offer) this.append(offer);
    if (this.deadCount > 1000 && this.deadCount * 4 > this.count) this.compact();
  }

  private append(offer: IndexedOffer): void {
    const n = this.count;
    this.ensureCapacity(n + 1);
    this.count++;
    this.ids.set(n, offer.id);
    this.lat[n] = offer.lat ?? NaN;
    this.lng[n] = offer.lng ?? NaN;
    this.published[n] = offer.publishedAt ?? -Infinity;
    const h = n * HOT;
    this.hot[h + H_EXPIRES] = offer.expiresAt === null ? NEVER : Math.min(NEVER - 1, Math.max(0, Math.ceil(offer.expiresAt / 1000)));
    this.hot[h + H_PUBLISHED] = offer.publishedAt === null ? 0 : Math.max(1, Math.floor(offer.publishedAt / 1000));
    this.hot[h + H_MUNICIPALITY] = offer.municipalityId === null ? 0 : this.municipalities.number(offer.municipalityId) + 1;
    this.hot[h + H_GROUPS] = this.targetGroupBits.mask(offer.targetGroups);
    this.hot[h + H_KIND] =
      (this.networks.number(offer.networkId) | (this.fields.number(offer.field) << 16) | (this.commitments.number(offer.commitment) << 24)) >>> 0;
    this.hot[h + H_SMALL] =
      (this.weekdayBits.mask(offer.weekdays) |
        (this.timeBits.mask(offer.timesOfDay) << 8) |
        (this.suitabilityBits.mask(offer.suitability) << 16) |
        ALIVE |
        (offer.remote ? REMOTE : 0) |
        (offer.expiresAt === null ? 0 : EXPIRES)) >>>
      0;
    for (const { lexeme, mark } of parseVector(offer.vector)) this.post(lexeme, n, mark);
    for (const word of new Set(offer.title.toLocaleLowerCase('de-DE').match(/[\p{L}\p{N}]+/gu))) this.postTitleWord(word, n);
    this.place(n);
  }

  /** Files the offer under its grid cell, and among the remote offers. */
  private place(doc: number): void {
    const lat = this.lat[doc]!;
    const lng = this.lng[doc]!;
    if (lat === lat && lng === lng) {
      const key = cellKey(cellOf(lat), cellOf(lng));
      let cell = this.cells.get(key);
      if (!cell) this.cells.set(key, (cell = { docs: new Uint32Array(8), length: 0 }));
      pushDoc(cell, doc);
    }
    if (this.hot[doc * HOT + H_SMALL]! & REMOTE) pushDoc(this.remoteDocs, doc);
  }

  /** Gives back the room the lists grew into while loading. */
  trim(): void {
    for (const list of [...this.postings.values(), ...this.titleWords.values()]) {
      if (list.docs.length === list.length) continue;
      list.docs = list.docs.slice(0, list.length);
      list.marks = list.marks.slice(0, list.length);
    }
  }

  private post(lexeme: string, doc: number, mark: number): void {
    let list = this.postings.get(lexeme);
    if (!list) {
      list = { docs: new Uint32Array(4), marks: new Uint8Array(4), length: 0 };
      this.postings.set(lexeme, list);
      const at = lowerBound(this.sortedLexemes, lexeme);
      this.sortedLexemes.splice(at, 0, lexeme);
    }
    pushPosting(list, doc, mark);
  }

  private postTitleWord(word: string, doc: number): void {
    let list = this.titleWords.get(word);
    if (!list) {
      list = { docs: new Uint32Array(4), marks: new Uint8Array(4), length: 0 };
      this.titleWords.set(word, list);
      if (this.titleTrigrams) addTrigrams(this.titleTrigrams, word);
    }
    pushPosting(list, doc, IN_TITLE);
  }

  private ensureCapacity(size: number): void {
    if (size <= this.distance.length) return;
    const capacity = Math.max(size, this.distance.length * 2, 1024);
    this.hot = grow(this.hot, capacity * HOT);
    this.lat = grow(this.lat, capacity);
    this.lng = grow(this.lng, capacity);
    this.published = grow(this.published, capacity);
    this.distance = sharedArray(Float64Array, capacity);
  }

  /**
   * Renumbers the offers without the replaced and removed ones (when they have become a quarter).
   * `byPlace` (after a load) puts them in the order of their grid cells: the offers around a place then
   * lie side by side in memory, and a search by radius reads them in sequence; the posting lists are
   * sorted again, so that the offers of a word are read in ascending order too. Otherwise the order is
   * kept, and with it the posting lists' order (no sorting while the server answers).
   */
  compact(byPlace = false): void {
    const alive: number[] = [];
    const key = new Float64Array(this.count);
    for (let d = 0; d < this.count; d++) {
      if (!(this.hot[d * HOT + H_SMALL]! & ALIVE)) continue;
      alive.push(d);
      const lat = this.lat[d]!;
      const lng = this.lng[d]!;
      key[d] = lat === lat && lng === lng ? cellKey(cellOf(lat), cellOf(lng)) : Infinity;
    }
    if (byPlace) alive.sort((a, b) => key[a]! - key[b]! || a - b);
    const renumber = new Int32Array(this.count).fill(-1);
    alive.forEach((d, i) => (renumber[d] = i));
    const next = alive.length;
    const capacity = this.distance.length;
    const hot = sharedArray(Uint32Array, capacity * HOT);
    for (let i = 0; i < next; i++) hot.set(this.hot.subarray(alive[i]! * HOT, alive[i]! * HOT + HOT), i * HOT);
    this.hot = hot;
    for (const name of ['lat', 'lng', 'published'] as const) {
      const column = sharedArray(Float64Array, capacity);
      const old = this[name];
      for (let i = 0; i < next; i++) column[i] = old[alive[i]!]!;
      this[name] = column;
    }
    this.ids.renumber(alive);
    for (const lists of [this.postings, this.titleWords]) {
      for (const [key, list] of lists) {
        let kept = 0;
        for (let i = 0; i < list.length; i++) {
          const to = renumber[list.docs[i]!]!;
          if (to < 0) continue;
          list.docs[kept] = to;
          list.marks[kept] = list.marks[i]!;
          kept++;
        }
        list.length = kept;
        if (kept === 0) lists.delete(key);
        else if (byPlace) sortPostings(list);
      }
    }
    if (this.postings.size !== this.sortedLexemes.length) this.sortedLexemes = this.sortedLexemes.filter((l) => this.postings.has(l));
    this.titleTrigrams = undefined;
    this.count = next;
    this.deadCount = 0;
    this.cells = new Map();
    this.remoteDocs = { docs: new Uint32Array(16), length: 0 };
    for (let d = 0; d < next; d++) this.place(d);
  }

  /** The posting lists of the lexemes beginning with `stem`. */
  private withPrefix(stem: string): Postings[] {
    const lists: Postings[] = [];
    for (let i = lowerBound(this.sortedLexemes, stem); i < this.sortedLexemes.length; i++) {
      const lexeme = this.sortedLexemes[i]!;
      if (!lexeme.startsWith(stem)) break;
      lists.push(this.postings.get(lexeme)!);
    }
    return lists;
  }

  /** Title words resembling the word as typed, with their similarity. */
  private resembling(word: string): WordLists['lists'] {
    if (!this.titleTrigrams) {
      this.titleTrigrams = new Map();
      for (const title of this.titleWords.keys()) addTrigrams(this.titleTrigrams, title);
    }
    const typed = word.toLocaleLowerCase('de-DE');
    const wanted = new Set(wordTrigrams(typed));
    const shared = new Map<string, number>();
    for (const trigram of wanted) for (const title of this.titleTrigrams.get(trigram) ?? []) shared.set(title, (shared.get(title) ?? 0) + 1);
    const found: WordLists['lists'] = [];
    for (const [title, n] of shared) {
      // A run of the word can share at most n trigrams: below the threshold, skip the exact measure.
      if (n < SIMILARITY_THRESHOLD * wanted.size) continue;
      const similarity = wordSimilarity(typed, title);
      const list = this.titleWords.get(title);
      if (similarity >= SIMILARITY_THRESHOLD && list) found.push({ list, gain: titleGains(similarity) });
    }
    return found;
  }

  /** Per word, the posting lists that match it (stems as prefixes; in `similar` mode resembling title words), rarest word first. */
  private wordLists(query: IndexQuery): WordLists[] {
    const words = (query.words ?? []).map(({ word, lexemes }) => {
      const exact = lexemes.flatMap((stem) => this.withPrefix(stem)).map((list) => ({ list, gain: WEIGHT_GAINS }));
      const similar = query.mode === 'similar' && [...word].length >= 3 ? this.resembling(word) : [];
      const lists = [...exact, ...similar];
      return { lists, size: lists.reduce((sum, l) => sum + l.list.length, 0) };
    });
    return words.sort((a, b) => a.size - b.size);
  }

  /**
   * The offers containing every word (and, with `within`, among those offers), in ascending order, with
   * their scores at the same positions. Only the posting lists are read, each once and in sequence (they
   * are always in ascending order): the lists of a word are merged into one, and the words' merged
   * lists intersected, the rarest first. The offers themselves are touched afterwards, once each.
   */
  private matchWords(words: WordLists[], within?: Uint32Array): { docs: Uint32Array; scores: Float32Array } {
    let docs: Uint32Array | undefined = within;
    let scores: Float32Array | undefined = within ? this.scratch.floats('within', within.length).fill(0, 0, within.length).subarray(0, within.length) : undefined;
    for (const word of words) {
      if (!docs || !scores) {
        const merged = mergeLists(word.lists, this.scratch);
        docs = merged.docs;
        scores = merged.scores;
        continue;
      }
      // Each of the word's lists against the offers so far: a merge, or for a list much longer than
      // them, a binary search per offer. Then keep the offers the word was found in, with its score.
      const gains = this.scratch.floats('gains', docs.length).fill(0, 0, docs.length);
      const found = this.scratch.zeros('found', docs.length);
      for (const { list, gain } of word.lists) {
        const { docs: posted, marks, length } = list;
        const gallop = length > 16 * docs.length;
        let j = 0;
        for (let i = 0; i < docs.length && j < length; i++) {
          const d = docs[i]!;
          if (gallop) {
            let hi = length;
            while (j < hi) {
              const mid = (j + hi) >>> 1;
              if (posted[mid]! < d) j = mid + 1;
              else hi = mid;
            }
          } else while (j < length && posted[j]! < d) j++;
          if (j >= length || posted[j] !== d) continue;
          const g = gain[marks[j]!]!;
          if (g === 0) continue;
          found[i] = 1;
          gains[i] = gains[i]! + g;
        }
      }
      let kept = 0;
      for (let i = 0; i < docs.length; i++) {
        if (!found[i]) continue;
        docs[kept] = docs[i]!;
        scores[kept] = scores[i]! + gains[i]!;
        kept++;
      }
      docs = docs.subarray(0, kept);
      scores = scores.subarray(0, kept);
    }
    return { docs: docs ?? new Uint32Array(0), scores: scores ?? new Float32Array(0) };
  }

  /** How many offers the grid cells overlapping the box and the remote ones hold (an upper bound of `inBox`). */
  private boxSize(box: { south: number; north: number; west: number; east: number }): number {
    let size = this.remoteDocs.length;
    for (let y = cellOf(box.south); y <= cellOf(box.north); y++) {
      for (let x = cellOf(box.west); x <= cellOf(box.east); x++) size += this.cells.get(cellKey(y, x))?.length ?? 0;
    }
    return size;
  }

  /**
   * The offers in the grid cells overlapping the box, and the remote ones, each once and in ascending
   * order; read from the cells' lists alone (an offer lies in one cell; a remote one may lie in one too).
   */
  private inBox(box: { south: number; north: number; west: number; east: number }): Uint32Array | undefined {
    const south = cellOf(box.south);
    const north = cellOf(box.north);
    const west = cellOf(box.west);
    const east = cellOf(box.east);
    // A box over most of the map: reading every offer is as quick.
    if ((north - south + 1) * (east - west + 1) > this.cells.size) return undefined;
    const found = this.scratch.docs('cells', this.boxSize(box));
    let n = 0;
    for (let y = south; y <= north; y++) {
      for (let x = west; x <= east; x++) {
        const cell = this.cells.get(cellKey(y, x));
        if (!cell) continue;
        found.set(cell.docs.subarray(0, cell.length), n);
        n += cell.length;
      }
    }
    // Numbered by cell after a load, the cells' offers are in order already; offers added since are not.
    const near = ascending(found.subarray(0, n));
    const remote = this.remoteDocs;
    const both = this.scratch.docs('box', n + remote.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < n || j < remote.length) {
      const a = i < n ? near[i]! : 0xffffffff;
      const b = j < remote.length ? remote.docs[j]! : 0xffffffff;
      if (a <= b) {
        both[k++] = a;
        i++;
        if (a === b) j++;
      } else {
        both[k++] = b;
        j++;
      }
    }
    return both.subarray(0, k);
  }

  search(query: IndexQuery): IndexAnswer {
    const lists = query.words?.length ? this.wordLists(query) : undefined;
    // Without words every offer ranks the same: newest first, as in the database.
    const sort: Sort = !lists && query.sort === 'relevanz' ? 'neu' : query.sort;

    // The filters, as tests on the numbered values; a value no offer has matches nothing.
    const pick = (dictionary: Dictionary, values: readonly string[], shift = 0): Uint8Array | undefined => {
      if (values.length === 0) return undefined;
      const allowed = new Uint8Array(dictionary.values.length + 1);
      for (const value of values) {
        const n = dictionary.find(value);
        if (n !== undefined) allowed[n + shift] = 1;
      }
      return allowed;
    };
    const networkAllowed = query.networkId === undefined ? undefined : pick(this.networks, [query.networkId]);
    const fieldAllowed = pick(this.fields, query.fields);
    const municipalityAllowed = pick(this.municipalities, query.municipalityIds, 1);
    const commitmentAllowed = pick(this.commitments, query.commitments);
    const anyOf = (dictionary: BitDictionary, values: readonly (string | number)[]) => (values.length ? dictionary.wanted(values).mask : undefined);
    const groupMask = anyOf(this.targetGroupBits, query.targetGroups);
    const weekdayMask = anyOf(this.weekdayBits, query.weekdays);
    const timeMask = anyOf(this.timeBits, query.timesOfDay);
    const suitability = query.suitability.length ? this.suitabilityBits.wanted(query.suitability) : undefined;

    const { position, radiusKm } = query;
    const around = position && radiusKm !== undefined ? boundingBox(position, radiusKm) : undefined;
    const box = around && { south: around.minLat, north: around.maxLat, west: around.minLng, east: around.maxLng };
    // Words and place: the way in is the smaller (the place's offers merged with the words' postings,
    // or the words' offers tested for the place). Sequential merging costs less per offer than touching it.
    let candidates: Uint32Array | undefined;
    let candidateScores: Float32Array | undefined;
    if (lists) {
      const near = box && lists[0] && this.boxSize(box) < 2 * lists[0].size ? this.inBox(box) : undefined;
      const matched = this.matchWords(lists, near);
      candidates = matched.docs;
      candidateScores = matched.scores;
    } else if (box) candidates = this.inBox(box);

    const plan: WalkPlan = {
      sizes: {
        networks: this.networks.values.length,
        fields: this.fields.values.length,
        municipalities: this.municipalities.values.length,
        commitments: this.commitments.values.length,
      },
      networkAllowed,
      fieldAllowed,
      municipalityAllowed,
      commitmentAllowed,
      groupMask,
      weekdayMask,
      timeMask,
      suitability,
      remoteOnly: query.remoteOnly,
      box,
      centre: position ? { lat: position.lat, lng: position.lng } : { lat: 0, lng: 0 },
      radiusKm: radiusKm ?? 0,
      now: query.now,
      publishedAfter: query.publishedAfter,
      sort,
      byDistance: sort === 'entfernung' && position !== undefined,
      wanted: query.offset + query.limit,
    };
    const columns = this.columns();
    const n = candidates ? candidates.length : this.count;
    const matches: Matches = { docs: candidates, scores: candidateScores, n, piece: this.options.piece ?? PIECE };
    // Many matches: a second thread walks half of them.
    const pool = n >= (this.options.parallelFrom ?? PARALLEL_FROM) ? (this.options.pool ?? walkPool()) : undefined;
    const walked = pool?.walk(columns, plan, matches, this.options.workerOnly) ?? walkAlone(columns, plan, matches);
    const ids = walked.heap
      .sort(comparator(columns, plan))
      .slice(query.offset)
      .map((d) => this.ids.id(d));
    return { total: walked.total, facets: this.facets(byValue(walked.counts)), ids };
  }

  private columns(): Columns {
    return { hot: this.hot, lat: this.lat, lng: this.lng, published: this.published, distance: this.distance, idWords: this.ids.words };
  }

  private facets(counts: Record<FacetGroup, Uint32Array>): Facets {
    const facets = {} as Facets;
    const listed = (values: readonly string[], found: Uint32Array, shift = 0) =>
      values.flatMap((value, n) => (found[n + shift]! > 0 ? [{ value, count: found[n + shift]! }] : []));
    facets.netzwerk = listed(this.networks.values, counts.netzwerk);
    facets.feld = listed(this.fields.values, counts.feld);
    facets.zielgruppe = listed(this.targetGroupBits.values, counts.zielgruppe);
    facets.kommune = listed(this.municipalities.values, counts.kommune, 1);
    facets.einsatz = listed(this.commitments.values, counts.einsatz);
    facets.wochentag = listed(this.weekdayBits.values, counts.wochentag);
    facets.tageszeit = listed(this.timeBits.values, counts.tageszeit);
    facets.geeignet = listed(this.suitabilityBits.values, counts.geeignet);
    facets.remote = counts.remote[0]! > 0 ? [{ value: 'true', count: counts.remote[0]! }] : [];
    return facets;
  }

  /** Bytes held by the index's arrays (not counting the lexicon's strings). */
  arrayBytes(): number {
    let bytes = 0;
    for (const column of [this.hot, this.lat, this.lng, this.published, this.distance]) {
      bytes += column.byteLength;
    }
    for (const list of [...this.postings.values(), ...this.titleWords.values()]) bytes += list.docs.byteLength + list.marks.byteLength;
    for (const cell of this.cells.values()) bytes += cell.docs.byteLength;
    return bytes + this.remoteDocs.docs.byteLength + this.scratch.bytes() + this.ids.bytes();
  }
}

/** Sorts a posting list by offer number, keeping each offer's mark beside it. */
function sortPostings(list: Postings): void {
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
interface WordLists {
  /** Each list with what an occurrence adds to an offer's score, by the posting's mark (0: it does not count). */
  lists: Array<{ list: Postings; gain: Float32Array }>;
  size: number;
}

/**
 * One word's posting lists merged into one ascending list of offers, each offer's gains summed: the
 * weight of the word in it, or (typo search) the similarity where the word is in its title. The lists
 * are merged in one at a time, the shortest first, so that each step is a tight loop
 * over two arrays and the long lists are read once; two scratch pairs take turns holding the result.
 */
function mergeLists(lists: WordLists['lists'], scratch: Scratch): { docs: Uint32Array; scores: Float32Array } {
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
function mergeInto(
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
function ascending(docs: Uint32Array): Uint32Array {
  for (let i = 1; i < docs.length; i++) if (docs[i - 1]! > docs[i]!) return docs.sort();
  return docs;
}

function pushPosting(list: Postings, doc: number, mark: number): void {
  if (list.length === list.docs.length) {
    list.docs = grow(list.docs, list.length * 2);
    list.marks = grow(list.marks, list.length * 2);
  }
  list.docs[list.length] = doc;
  list.marks[list.length] = mark;
  list.length++;
}

/** A growable list of offer numbers. */
interface DocList {
  docs: Uint32Array;
  length: number;
}

function pushDoc(list: DocList, doc: number): void {
  if (list.length === list.docs.length) list.docs = grow(list.docs, list.length * 2);
  list.docs[list.length++] = doc;
}

function cellOf(degrees: number): number {
  return Math.floor(degrees * 10);
}

function cellKey(latCell: number, lngCell: number): number {
  return (latCell + 1000) * 4000 + (lngCell + 2000);
}


function addTrigrams(index: Map<string, string[]>, lexeme: string): void {
  for (const trigram of new Set(wordTrigrams(lexeme))) {
    const list = index.get(trigram);
    if (list) list.push(lexeme);
    else index.set(trigram, [lexeme]);
  }
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}


