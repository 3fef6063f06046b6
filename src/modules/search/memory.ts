import { boundingBox } from '../../platform/geo.ts';
import { grow, sharedArray } from './arrays.ts';
import { BitDictionary, Dictionary } from './dictionaries.ts';
import { IdTable } from './ids.ts';
import type { FacetGroup, Sort } from './params.ts';
import type { TextTerm } from './resolve.ts';
import type { Facets } from './results.ts';
import { addTrigrams, ascending, cellKey, cellOf, keepWord, lowerBound, addWord, mergeLists, pushDoc, pushPosting, sortPostings, unionInto, type DocList, type Postings, type WordLists } from './postings.ts';
import { Scratch } from './scratch.ts';
import { wordSimilarity, wordTrigrams } from './text.ts';
import { IN_TITLE, parseVector, SIMILARITY_THRESHOLD, titleGains, WEIGHT_GAINS } from './vector.ts';
import { COVERAGE, FILLER, isPartOf, partStarts, PART, searchedAsPart, termMatch } from './german.ts';
import { walkAlone, walkPool, type WalkPool } from './walk-pool.ts';
import { ALIVE, byValue, comparator, PIECE, EXPIRES, H_EXPIRES, H_GROUPS, H_KIND, H_MUNICIPALITY, H_PUBLISHED, H_SMALL, HOT, NEVER, REMOTE, type Columns, type Matches, type Walked, type WalkPlan } from './walk.ts';

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
  /** Per word typed, what it is looked for as (resolve.ts, german.ts); undefined for a search without words. */
  words: Array<{ word: string; terms: TextTerm[]; filler: boolean }> | undefined;
  /** How many of the meaningful (not filler) words an offer must match. */
  required: number;
  /**
   * Partial matches only when fewer offers than this match every meaningful word (with the filters);
   * else the answer holds the full matches alone. Undefined: always `required`.
   */
  fullFirst?: number;
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

export { parseVector } from './vector.ts';

export interface IndexAnswer {
  total: number;
  facets: Facets;
  ids: string[];
  /** Only offers matching every meaningful word were counted (`fullFirst`: enough of them). */
  fullOnly: boolean;
}

/** From this many matches on a second thread walks half of them (below, posting the search costs more than it saves). */
const PARALLEL_FROM = 20_000;

/** `countUpTo` walks a word's lists one at a time up to this many (queries.ts asks for at most 3). */
const FEW_WANTED = 3;
/** The pieces in which a list is walked for a few offers (`countUpTo`). */
const FEW_PIECE = 64;

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
   * The compounds' later parts (german.ts): each lexeme's rest from every part's start on ("lesepat",
   * "pat" for "vorlesepat"), in order, and the lexemes under each, for finding the compounds a stem is
   * a part of. Filed as a lexeme first appears; lexemes gone stay filed and are skipped.
   */
  private sortedParts: string[] = [];
  private readonly partLexemes = new Map<string, string[]>();
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
      this.filePart(lexeme);
    }
    pushPosting(list, doc, mark);
  }

  private filePart(lexeme: string): void {
    for (const start of partStarts(lexeme)) {
      const rest = lexeme.slice(start);
      const filed = this.partLexemes.get(rest);
      if (filed) {
        if (!filed.includes(lexeme)) filed.push(lexeme);
        continue;
      }
      this.partLexemes.set(rest, [lexeme]);
      this.sortedParts.splice(lowerBound(this.sortedParts, rest), 0, rest);
    }
  }

  /** The lexemes (still in the index) in which `stem` begins a part after the first. */
  private withPart(stem: string): string[] {
    const found = new Set<string>();
    for (let i = lowerBound(this.sortedParts, stem); i < this.sortedParts.length; i++) {
      const rest = this.sortedParts[i]!;
      if (!rest.startsWith(stem)) break;
      for (const lexeme of this.partLexemes.get(rest)!) if (this.postings.has(lexeme) && isPartOf(stem, lexeme)) found.add(lexeme);
    }
    return [...found];
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

  /** The lexemes beginning with `stem`. */
  private withPrefix(stem: string): string[] {
    const lexemes: string[] = [];
    for (let i = lowerBound(this.sortedLexemes, stem); i < this.sortedLexemes.length; i++) {
      const lexeme = this.sortedLexemes[i]!;
      if (!lexeme.startsWith(stem)) break;
      lexemes.push(lexeme);
    }
    return lexemes;
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

  /**
   * Per word, the posting lists that match it, each with what a match counts: the lexemes beginning with
   * one of its stems or having it as a later part (german.ts `matchKind`), times the stem's factor (typed,
   * part of a typed compound, related word) and less for a filler word; in `similar` mode also the
   * title words resembling it. Rarest word first.
   */
  private wordLists(query: IndexQuery): WordLists[] {
    const words = (query.words ?? []).map(({ word, terms, filler }) => {
      const weight = new Map<string, number>();
      for (const { stem, factor } of terms) {
        const scale = factor * (filler ? FILLER : 1);
        for (const lexeme of this.withPrefix(stem)) {
          const kind = termMatch(stem, factor, lexeme);
          if (kind > 0) weight.set(lexeme, Math.max(weight.get(lexeme) ?? 0, scale * kind));
        }
        if (searchedAsPart(stem, factor)) for (const lexeme of this.withPart(stem)) weight.set(lexeme, Math.max(weight.get(lexeme) ?? 0, scale * PART));
      }
      const exact = [...weight].map(([lexeme, scale]) => ({ list: this.postings.get(lexeme)!, gain: scaledGains(scale) }));
      const similar = query.mode === 'similar' && [...word].length >= 3 ? this.resembling(word) : [];
      const lists = [...exact, ...similar];
      return { lists, size: lists.reduce((sum, l) => sum + l.list.length, 0), meaningful: !filler };
    });
    return words.sort((a, b) => a.size - b.size);
  }

  /**
   * The offers matching enough words (`required` of the meaningful ones; and, with `within`, among those
   * offers), in ascending order, with their scores at the same positions: the weights of the matches,
   * and (several words) COVERAGE for each meaningful word matched, so that offers matching all words
   * come first and partial matches after. Each word's lists are merged into one (read once each, in
   * sequence; with `within`, cut down to its offers first); with several meaningful words, the words'
   * merged lists are merged in turn, each offer carrying the bits of the words it has. Filler words
   * find no offer of their own: their lists are searched only for the offers found, to add their weight.
   */
  private matchWords(words: WordLists[], required: number, within?: Uint32Array): { docs: Uint32Array; scores: Float32Array } {
    const counted = words.filter((w) => w.meaningful);
    const fillers = words.filter((w) => !w.meaningful);
    if (words.length === 1) return mergeLists(words[0]!.lists, this.scratch, this.count, within);
    if (counted.length === 0) return { docs: new Uint32Array(0), scores: new Float32Array(0) };
    let docs: Uint32Array;
    let scores: Float32Array;
    let bits: Uint8Array;
    let n = 0;
    if (counted.length === 1) {
      ({ docs, scores } = mergeLists(counted[0]!.lists, this.scratch, this.count, within));
      n = docs.length;
      bits = this.scratch.small('words-a', n).fill(1, 0, n);
    } else {
      // No sorting of the offers found: the words' lists are read in sequence, the rarest word first.
      let total = 0;
      for (const word of counted) total += word.size;
      if (within) total = Math.min(total, within.length);
      let into = { docs: this.scratch.docs('words-a', total), scores: this.scratch.floats('words-a', total), bits: this.scratch.small('words-a', total) };
      let from = { docs: this.scratch.docs('words-b', total), scores: this.scratch.floats('words-b', total), bits: this.scratch.small('words-b', total) };
      counted.forEach((word, w) => {
        // Seven words are counted; the search takes at most eight.
        const bit = w < 7 ? 1 << w : 0;
        const merged = mergeLists(word.lists, this.scratch, this.count, within);
        [from, into] = [into, from];
        n = unionInto(from.docs, from.scores, from.bits, n, merged.docs, merged.scores, bit, into.docs, into.scores, into.bits);
      });
      ({ docs, scores, bits } = into);
      n = keepCovered(docs, scores, bits, n, required);
    }
    for (const filler of fillers) addWord(docs, scores, n, filler.lists, this.scratch);
    addCoverage(scores, bits, n);
    return { docs: docs.subarray(0, n), scores: scores.subarray(0, n) };
  }

  /**
   * The offers matching every meaningful word (and, with `within`, among those), with their scores as
   * `matchWords` gives them: the rarest word's lists merged, then each other word's lists searched for
   * those offers (never merged: a common word after a rare one costs little), the fillers' weight
   * added, COVERAGE for each word.
   */
  private matchAllWords(words: WordLists[], within?: Uint32Array): { docs: Uint32Array; scores: Float32Array; n: number } {
    const [rarest, ...others] = words.filter((w) => w.meaningful);
    const merged = mergeLists(rarest!.lists, this.scratch, this.count, within);
    let n = merged.docs.length;
    const docs = this.scratch.docs('all', n).subarray(0, n);
    const scores = this.scratch.floats('all', n).subarray(0, n);
    docs.set(merged.docs);
    scores.set(merged.scores);
    for (const word of others) n = keepWord(docs, scores, n, word.lists, this.scratch);
    for (const filler of words.filter((w) => !w.meaningful)) addWord(docs, scores, n, filler.lists, this.scratch);
    // As in matchWords: seven words are counted.
    addToEach(scores, n, COVERAGE * Math.min(others.length + 1, 7));
    return { docs: docs.subarray(0, n), scores: scores.subarray(0, n), n };
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
    const { columns, plan, matches, full } = this.prepare(query);
    // Enough offers with every word: the partial matches are neither merged, walked nor counted.
    if (full) {
      const walked = this.walk(columns, plan, full);
      if (walked.total >= query.fullFirst!) return this.answer(walked, columns, plan, query.offset, true);
    }
    return this.answer(this.walk(columns, plan, matches()), columns, plan, query.offset, false);
  }

  /**
   * Starts the walk's second thread when the index is large enough for searches to use it, so that the
   * first searches neither wait for it nor share the processor with its start.
   */
  startThreads(): void {
    if (this.size >= (this.options.parallelFrom ?? PARALLEL_FROM) && !this.options.pool) walkPool();
  }

  private walk(columns: Columns, plan: WalkPlan, matches: Matches): Walked {
    // Many matches: a second thread walks half of them.
    const pool = matches.n >= (this.options.parallelFrom ?? PARALLEL_FROM) ? (this.options.pool ?? walkPool()) : undefined;
    return pool?.walk(columns, plan, matches, this.options.workerOnly) ?? walkAlone(columns, plan, matches);
  }

  private answer(walked: Walked, columns: Columns, plan: WalkPlan, offset: number, fullOnly: boolean): IndexAnswer {
    const ids = walked.heap
      .sort(comparator(columns, plan))
      .slice(offset)
      .map((d) => this.ids.id(d));
    return { total: walked.total, facets: this.facets(byValue(walked.counts)), ids, fullOnly };
  }

  /**
   * How many offers a search finds, counted only until there are `enough` (whether a suggestion finds
   * more than the words typed): exact below `enough`, else at least `enough`. Walked on this thread,
   * a piece of matches at a time, without choosing a page.
   */
  countUpTo(query: IndexQuery, enough: number): number {
    // Counting takes every match: the full matches that a page's search finds first would be found for nothing.
    const { columns, plan, matches, lists } = this.prepare({ ...query, fullFirst: undefined });
    // One word and a few offers wanted (whether a suggestion finds more than the one or two offers the
    // words typed found): its lists are walked one at a time, unmerged, each until it gave `enough`.
    // Merging them first cost more than the rest of the suggestion together.
    if (query.mode === 'fulltext' && lists?.length === 1 && enough <= FEW_WANTED) {
      const found = new Set<number>();
      const newest: WalkPlan = { ...plan, sort: 'neu', byDistance: false, wanted: enough, enough };
      // Small pieces: the walk asks whether it has enough after each (a whole one took 0.3 ms to find one offer).
      const piece = Math.min(this.options.piece ?? PIECE, FEW_PIECE);
      for (const { list } of lists[0]!.lists) {
        const walked = walkAlone(columns, newest, { docs: list.docs.subarray(0, list.length), scores: undefined, n: list.length, piece });
        for (const d of walked.heap) found.add(d);
        if (found.size >= enough) return enough;
      }
      return found.size;
    }
    return walkAlone(columns, { ...plan, wanted: 0, enough }, matches()).total;
  }

  /** A search's matches (the words' offers, or the place's, or all) and its filters as the walk takes them. */
  private prepare(query: IndexQuery): { columns: Columns; plan: WalkPlan; matches: () => Matches; full?: Matches; lists?: WordLists[] } {
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
    let full: Matches | undefined;
    const piece = this.options.piece ?? PIECE;
    let matches: () => Matches;
    if (lists) {
      // The rarest meaningful word: fillers find no offers of their own.
      const rarest = lists.find((w) => w.meaningful);
      const near = box && rarest && this.boxSize(box) < 2 * rarest.size ? this.inBox(box) : undefined;
      const counted = lists.filter((w) => w.meaningful).length;
      // Full matches first: the offers with every word, found by intersecting; the union with the
      // partial matches is merged only when they are too few.
      if (query.fullFirst !== undefined && counted > 1 && query.required < counted) full = { ...this.matchAllWords(lists, near), piece };
      matches = () => {
        const { docs, scores } = this.matchWords(lists, query.required, near);
        return { docs, scores, n: docs.length, piece };
      };
    } else {
      const candidates = box ? this.inBox(box) : undefined;
      matches = () => ({ docs: candidates, scores: undefined, n: candidates ? candidates.length : this.count, piece });
    }

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
    return { columns: this.columns(), plan, matches, full, lists };
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

/** Gain tables by scale: a few per search, kept (the loops over postings read them as floats). */
const gainTables = new Map<number, Float32Array>();

/** WEIGHT_GAINS times `scale`. */
function scaledGains(scale: number): Float32Array {
  const key = Math.round(scale * 1000) / 1000;
  let table = gainTables.get(key);
  if (!table) {
    table = WEIGHT_GAINS.map((g) => g * key);
    if (gainTables.size < 1000) gainTables.set(key, table);
  }
  return table;
}

/*
 * The loops over a search's matches live in small functions of their own. Written inline, a loop made
 * V8 compile the whole search method while in it (on-stack replacement), and that code was thrown away
 * at every search of two words ("insufficient type feedback") and compiled anew, on the core the second
 * search thread needs.
 */

/** Keeps the offers whose words (bits, seven counted) are at least `required`, their bits replaced by the count; how many. */
function keepCovered(docs: Uint32Array, scores: Float32Array, bits: Uint8Array, n: number, required: number): number {
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const covered = bitCount(bits[i]! & 0x7f);
    if (covered < required) continue;
    docs[kept] = docs[i]!;
    bits[kept] = covered;
    scores[kept++] = scores[i]!;
  }
  return kept;
}

/** COVERAGE for each word an offer matches (`covered`, a count). */
function addCoverage(scores: Float32Array, covered: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) scores[i] = scores[i]! + COVERAGE * covered[i]!;
}

function addToEach(scores: Float32Array, n: number, amount: number): void {
  for (let i = 0; i < n; i++) scores[i] = scores[i]! + amount;
}

function bitCount(bits: number): number {
  let n = 0;
  for (let b = bits; b; b &= b - 1) n++;
  return n;
}
