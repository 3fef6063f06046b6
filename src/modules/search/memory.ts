import { boundingBox } from '../volunteers/geo.ts';
import { grow, sharedArray } from './arrays.ts';
import { BitDictionary, Dictionary } from './dictionaries.ts';
import { IdTable } from './ids.ts';
import type { FacetGroup, Sort } from './params.ts';
import type { Facets } from './results.ts';
import { addTrigrams, ascending, cellKey, cellOf, lowerBound, mergeLists, pushDoc, pushPosting, sortPostings, type DocList, type Postings, type WordLists } from './postings.ts';
import { Scratch } from './scratch.ts';
import { wordSimilarity, wordTrigrams } from './text.ts';
import { IN_TITLE, parseVector, SIMILARITY_THRESHOLD, titleGains, WEIGHT_GAINS } from './vector.ts';
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

export { parseVector } from './vector.ts';

export interface IndexAnswer {
  total: number;
  facets: Facets;
  ids: string[];
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
