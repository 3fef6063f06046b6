import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureBuilt } from '../../../bin/build.js';
import { matchKind } from './german.ts';
import { OfferIndex, parseVector, type IndexedOffer, type IndexQuery } from './memory.ts';
import { walkPool, WalkPool } from './walk-pool.ts';
import { wordSimilarity } from './text.ts';

/*
 * The in-memory index on its own, without a database: the vector parser, the typo measure, and the
 * index against a plain reference (every offer tested one by one) after many changes.
 */

describe('parseVector', () => {
  it('reads lexemes, their weights in tenths and whether they occur in the title', () => {
    expect(parseVector(`'garten':3C,7A 'hilf':1A 'o''brien':4B 'v':8`)).toEqual([
      { lexeme: 'garten', mark: 0x80 | 12 },
      { lexeme: 'hilf', mark: 0x80 | 10 },
      { lexeme: "o'brien", mark: 4 },
      { lexeme: 'v', mark: 1 },
    ]);
  });

  it('caps the weight sum and reads vectors without positions', () => {
    const many = Array.from({ length: 200 }, (_, i) => `${i + 1}A`).join(',');
    expect(parseVector(`'viel':${many}`)[0]).toEqual({ lexeme: 'viel', mark: 0x80 | 127 });
    expect(parseVector(`'ohne' 'positionen'`)).toEqual([
      { lexeme: 'ohne', mark: 1 },
      { lexeme: 'positionen', mark: 1 },
    ]);
    expect(parseVector('')).toEqual([]);
  });
});

describe('wordSimilarity', () => {
  it('measures a typed word against the best run of a longer word, as pg_trgm does', () => {
    expect(wordSimilarity('hausaufgabn', 'hausaufgabenhilf')).toBeGreaterThanOrEqual(0.6);
    expect(wordSimilarity('hausaufgaben', 'hausaufgaben')).toBe(1);
    expect(wordSimilarity('garten', 'feuerwehr')).toBeLessThan(0.2);
  });
});

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24);
const FIELDS = ['schule', 'sozial', 'umwelt'];
const WORDS = ['garten', 'hausaufgab', 'hilf', 'kind', 'lesen', 'senior'];

/** A small random world, the same for every run (a fixed seed). */
function offers(count: number, seed: number): IndexedOffer[] {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return Array.from({ length: count }, (_, i) => {
    const words = WORDS.filter(() => random() < 0.3);
    if (i % 97 === 0) words.push('selten');
    return {
      id: `00000000-0000-4000-8000-${String(seed * 100_000 + i).padStart(12, '0')}`,
      networkId: random() < 0.5 ? 'n1' : 'n2',
      field: FIELDS[Math.floor(random() * FIELDS.length)]!,
      targetGroups: random() < 0.5 ? ['kinder'] : ['senioren', 'alle'],
      municipalityId: random() < 0.9 ? `m${Math.floor(random() * 5)}` : null,
      commitment: random() < 0.5 ? 'regular' : 'one_off',
      weekdays: [1 + Math.floor(random() * 7)],
      timesOfDay: random() < 0.5 ? ['morning'] : [],
      suitability: random() < 0.3 ? ['youth', 'seniors'] : random() < 0.5 ? ['youth'] : [],
      remote: random() < 0.05,
      lat: random() < 0.95 ? 51 + random() : null,
      lng: 12 + random() * 2,
      publishedAt: NOW - Math.floor(random() * 100) * DAY,
      expiresAt: random() < 0.1 ? NOW - DAY : null,
      vector: words.map((w, k) => `'${w}':${k + 1}${random() < 0.3 ? 'A' : 'C'}`).join(' '),
      title: `Angebot ${i}`,
    };
  });
}

/** A typed word looked for as its stems (every word required unless the query says otherwise). */
function w(word: string, ...stems: string[]) {
  return { word, terms: stems.map((stem) => ({ stem, factor: 1 })), filler: false };
}

function query(overrides: Partial<IndexQuery>): IndexQuery {
  return {
    required: overrides.words?.length ?? 1,
    words: undefined, mode: 'fulltext', networkId: undefined, fields: [], targetGroups: [], municipalityIds: [], commitments: [],
    weekdays: [], timesOfDay: [], suitability: [], remoteOnly: false, position: undefined, radiusKm: undefined, sort: 'neu',
    now: NOW, publishedAfter: undefined, offset: 0, limit: 10_000, ...overrides,
  };
}

function km(a: { lat: number; lng: number }, lat: number, lng: number): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(lat * rad) * Math.sin(((lng - a.lng) * rad) / 2) ** 2;
  return 12742.0176 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The ids a query must find, tested offer by offer. */
function reference(all: Map<string, IndexedOffer>, q: IndexQuery): string[] {
  return [...all.values()]
    .filter((o) => o.expiresAt === null || o.expiresAt > q.now)
    .filter((o) => (q.words ?? []).every((w) => w.terms.some(({ stem }) => o.vector.split(' ').some((l) => l.slice(1).startsWith(stem)))))
    .filter((o) => !q.fields.length || q.fields.includes(o.field))
    .filter((o) => !q.suitability.length || q.suitability.every((s) => o.suitability.includes(s)))
    .filter((o) => {
      if (!q.position || q.radiusKm === undefined) return true;
      return o.remote || (o.lat !== null && o.lng !== null && km(q.position, o.lat, o.lng) <= q.radiusKm);
    })
    .map((o) => o.id)
    .sort();
}

// Every search walked by the main thread alone; by it and the second thread in small pieces; by the
// second thread alone (then it must have walked every match).
describe.each([
  { threads: 'one thread', options: { parallelFrom: Infinity } },
  { threads: 'two threads', options: { parallelFrom: 0, piece: 16 } },
  { threads: 'the second thread', options: { parallelFrom: 0, piece: 64, workerOnly: true } },
])('OfferIndex, $threads', ({ options }) => {
  // Left every piece, the second thread must be running: it may not start while the main thread blocks.
  beforeAll(async () => {
    if (options.workerOnly) await walkPool()?.ready();
  });

  it('finds what testing every offer finds, after replacing and removing many (and compacting)', () => {
    const index = new OfferIndex(options);
    const all = new Map<string, IndexedOffer>();
    for (const o of offers(3000, 1)) {
      index.put(o.id, o);
      all.set(o.id, o);
    }
    // Replace two thirds with new contents and remove a sixth: more than a quarter are dead, which compacts.
    const contents = offers(3000, 2);
    const changed = offers(3000, 1).map((o, i) => ({ ...contents[i]!, id: o.id }));
    changed.forEach((o, i) => {
      if (i % 6 === 0) {
        index.put(o.id, undefined);
        all.delete(o.id);
      } else if (i % 3 !== 0) {
        index.put(o.id, o);
        all.set(o.id, o);
      }
    });
    expect(index.size).toBe(all.size);
    const delitzsch = { lat: 51.5, lng: 12.4 };
    const queries = [
      query({}),
      query({ words: [w('garten', 'garten')] }),
      query({ words: [w('haus', 'haus'), w('kinder', 'kind')], fields: ['schule'] }),
      query({ position: delitzsch, radiusKm: 15, sort: 'entfernung' }),
      query({ position: delitzsch, radiusKm: 40, suitability: ['youth', 'seniors'] }),
      // A value no offer has: nothing matches (the index knows no bit for it).
      query({ words: [w('garten', 'garten')], suitability: ['youth', 'wheelchair'] }),
      query({ words: [w('lesen', 'les')], position: delitzsch, radiusKm: 25 }),
      // A word whose stems match many lists holding many offers: merged two lists at a time.
      query({ words: [w('x', 's', 'k', 'g')], fields: ['umwelt'] }),
      // A rare word and a common one: the common word's list is searched for the rare word's offers.
      query({ words: [w('garten', 'garten'), w('selten', 'selten')] }),
      // A small circle: the place is the way in, its offers merged with the words' postings.
      query({ words: [w('haus', 'haus'), w('kinder', 'kind')], position: delitzsch, radiusKm: 8 }),
    ];
    const check = () => {
      for (const q of queries) {
        const found = index.search(q);
        const expected = reference(all, q);
        expect(found.ids.slice().sort(), JSON.stringify(q)).toEqual(expected);
        expect(found.total).toBe(expected.length);
        // Walked by the second thread alone: it took every match, so at least every offer found.
        if (options.workerOnly) expect(walkPool()?.workerVisited).toBeGreaterThanOrEqual(found.total);
      }
    };
    check();
    // Renumbered by place, as after a load: the same answers.
    index.compact(true);
    check();
  });

  it('ranks by the weights of every lexeme matching a word, times how well it matches, summed over its lists', () => {
    const index = new OfferIndex(options);
    const list = offers(2000, 5);
    for (const o of list) index.put(o.id, o);
    index.compact(true);
    const stems = ['s', 'k', 'g', 'h'];
    const score = (o: IndexedOffer) =>
      parseVector(o.vector)
        .filter(({ lexeme }) => stems.some((stem) => lexeme.startsWith(stem)))
        // Each lexeme once, by how well its best stem matches it (german.ts: whole word, part, beginning).
        .reduce((sum, { lexeme, mark }) => sum + ((mark & 0x7f) / 10) * Math.max(...stems.map((stem) => (lexeme.startsWith(stem) ? matchKind(stem, lexeme) : 0))), 0);
    const byId = new Map(list.map((o) => [o.id, o]));
    const found = index.search(query({ words: [w('x', ...stems)], sort: 'relevanz', limit: 500 }));
    const scores = found.ids.map((id) => score(byId.get(id)!));
    expect(scores.length).toBe(500);
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeLessThanOrEqual(scores[i - 1]! + 1e-5);
    // The page holds the best: nothing left out scores higher than the last on it.
    const left = list.filter((o) => !found.ids.includes(o.id) && (o.expiresAt === null || o.expiresAt > NOW));
    expect(Math.max(...left.map(score))).toBeLessThanOrEqual(scores.at(-1)! + 1e-5);
  });

  it('orders by distance with remote offers outside the radius last, and pages through the order', () => {
    const index = new OfferIndex(options);
    const list = offers(500, 3);
    for (const o of list) index.put(o.id, o);
    const q = query({ position: { lat: 51.5, lng: 12.4 }, radiusKm: 30, sort: 'entfernung', limit: 10_000 });
    const all = index.search(q).ids;
    const byId = new Map(list.map((o) => [o.id, o]));
    const distances = all.map((id) => {
      const o = byId.get(id)!;
      const d = o.lat === null || o.lng === null ? Infinity : km(q.position!, o.lat, o.lng);
      return d <= 30 ? d : Infinity;
    });
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances.at(-1)).toBe(Infinity);
    const second = index.search({ ...q, offset: 20, limit: 20 }).ids;
    expect(second).toEqual(all.slice(20, 40));
  });

  it('counts each filter group over the offers passing the other groups', () => {
    const index = new OfferIndex(options);
    const list = offers(400, 4);
    for (const o of list) index.put(o.id, o);
    const found = index.search(query({ fields: ['schule'], commitments: ['regular'] }));
    const live = list.filter((o) => o.expiresAt === null || o.expiresAt > NOW);
    const fieldCounts = Object.fromEntries(found.facets.feld.map((f) => [f.value, f.count]));
    for (const field of FIELDS) {
      expect(fieldCounts[field] ?? 0, field).toBe(live.filter((o) => o.field === field && o.commitment === 'regular').length);
    }
    const commitmentCounts = Object.fromEntries(found.facets.einsatz.map((f) => [f.value, f.count]));
    expect(commitmentCounts.one_off).toBe(live.filter((o) => o.field === 'schule' && o.commitment === 'one_off').length);
    expect(found.total).toBe(live.filter((o) => o.field === 'schule' && o.commitment === 'regular').length);
  });
});

describe('the second thread as bundled for `npm start`', () => {
  it('walks what the main thread walks', async () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    expect(await ensureBuilt(root)).toBe(true);
    const pool = new WalkPool(new URL('dist/search-walk.js', `file://${root}/`));
    await pool.ready();
    const alone = new OfferIndex({ parallelFrom: Infinity });
    const together = new OfferIndex({ parallelFrom: 0, piece: 32, workerOnly: true, pool });
    for (const o of offers(1500, 6)) {
      alone.put(o.id, o);
      together.put(o.id, o);
    }
    for (const q of [
      query({ words: [w('garten', 'garten')], sort: 'relevanz', limit: 20 }),
      query({ position: { lat: 51.5, lng: 12.4 }, radiusKm: 30, sort: 'entfernung', fields: ['schule'], limit: 20 }),
    ]) {
      const expected = alone.search(q);
      expect(together.search(q)).toEqual(expected);
      expect(pool.workerVisited).toBeGreaterThanOrEqual(expected.total);
      expect(expected.total).toBeGreaterThan(0);
    }
    expect(pool.failure).toBeUndefined();
  });
});

describe('full matches first (fullFirst)', () => {
  it('answers with the offers having every word when enough of them pass the filters, else with the partial matches too', () => {
    const index = new OfferIndex({ parallelFrom: Infinity });
    for (const o of offers(3000, 4)) index.put(o.id, o);
    const filler = { word: 'helfen', terms: [{ stem: 'hilf', factor: 1 }], filler: true };
    let both = 0;
    for (const words of [[w('garten', 'garten'), w('kind', 'kind')], [w('lesen', 'lesen'), w('senior', 'senior'), filler], [w('garten', 'garten'), w('selten', 'selten')]]) {
      for (const filters of [{}, { fields: ['umwelt'] }, { fields: ['umwelt'], networkId: 'n1', weekdays: [2] }]) {
        for (const sort of ['relevanz', 'neu'] as const) {
          const meaningful = words.filter((x) => !x.filler).length;
          const partly = query({ words, required: 1, sort, limit: 20, ...filters });
          const strict = index.search({ ...partly, required: meaningful });
          const answer = index.search({ ...partly, fullFirst: 20 });
          if (strict.total >= 20) {
            both++;
            expect(answer).toEqual({ ...strict, fullOnly: true });
          } else expect(answer).toEqual({ ...index.search(partly), fullOnly: false });
        }
      }
    }
    // Both ways were taken.
    expect(both).toBeGreaterThan(0);
    expect(both).toBeLessThan(18);
  });
});

describe('countUpTo', () => {
  it('counts exactly below the number asked for and at least that many from it, one word or several, near a place or not', () => {
    const index = new OfferIndex({ parallelFrom: Infinity, piece: 16 });
    const all = new Map<string, IndexedOffer>();
    for (const o of offers(3000, 6)) {
      index.put(o.id, o);
      all.set(o.id, o);
    }
    const delitzsch = { lat: 51.5, lng: 12.4 };
    const counted = new Set<number>();
    for (const words of [[w('selten', 'selten')], [w('x', 'selten', 'garten')], [w('garten', 'garten'), w('selten', 'selten')], [w('nirgends', 'nirgends')]]) {
      for (const filters of [{}, { fields: ['umwelt'] }, { fields: ['umwelt'], suitability: ['youth' as const] }, { position: delitzsch, radiusKm: 5 }]) {
        // As queries.ts asks: with fullFirst, which counting leaves aside.
        const q = query({ words, fullFirst: 20, ...filters });
        const expected = reference(all, q).length;
        for (const enough of [1, 2, 3, 5]) {
          const count = index.countUpTo(q, enough);
          expect(Math.min(count, enough), `${JSON.stringify(q)} ${enough}`).toBe(Math.min(expected, enough));
          expect(count).toBeLessThanOrEqual(expected);
        }
        counted.add(Math.min(expected, 4));
      }
    }
    // Searches finding none, one to three, and more than three offers were among them.
    expect(counted.has(0) && counted.has(4) && (counted.has(1) || counted.has(2) || counted.has(3))).toBe(true);
  });
});

describe('the second thread while the index grows', () => {
  it('reads the columns as they are at each search, after they were reallocated', async () => {
    await walkPool()?.ready();
    const alone = new OfferIndex({ parallelFrom: Infinity });
    const together = new OfferIndex({ parallelFrom: 0, piece: 16, workerOnly: true });
    const q = query({ words: [w('garten', 'garten')], sort: 'relevanz', limit: 30 });
    const list = offers(5000, 8);
    // Searched between puts: the arrays grow (1,024 → 2,048 → 4,096 → 8,192 offers) while the worker holds older ones.
    for (let i = 0; i < list.length; i++) {
      alone.put(list[i]!.id, list[i]);
      together.put(list[i]!.id, list[i]);
      if ((i > 0 && i % 700 === 0) || i === list.length - 1) {
        expect(together.search(q)).toEqual(alone.search(q));
        expect(walkPool()?.workerVisited).toBeGreaterThan(0);
      }
    }
  });
});

describe('a second thread that takes its part and never answers', () => {
  it('is given up after the time limit, and the search is walked alone', () => {
    // Takes the job (POSTED → RUNNING) and then waits for ever.
    const hanging = `import { workerData } from 'node:worker_threads';
      const c = workerData.control;
      for (;;) { Atomics.wait(c, 0, 0); if (Atomics.compareExchange(c, 0, 1, 2) === 1) Atomics.wait(c, 3, 0); }`;
    const pool = new WalkPool(new URL(`data:text/javascript,${encodeURIComponent(hanging)}`), 300);
    const alone = new OfferIndex({ parallelFrom: Infinity });
    const stuck = new OfferIndex({ parallelFrom: 0, piece: 16, workerOnly: true, pool });
    for (const o of offers(600, 9)) {
      alone.put(o.id, o);
      stuck.put(o.id, o);
    }
    const q = query({ words: [w('lesen', 'les')], sort: 'relevanz', limit: 20 });
    expect(stuck.search(q)).toEqual(alone.search(q));
    expect(pool.failure).toMatch(/did not answer within 300 ms/);
    // From then on without the worker, at once.
    expect(stuck.search(q)).toEqual(alone.search(q));
    expect(pool.workerVisited).toBe(0);
  });
});

describe('a second thread that fails', () => {
  it('leaves the searches to the main thread, with the same answers', async () => {
    const pool = new WalkPool(new URL('data:text/javascript,throw new Error("no walking today")'));
    const alone = new OfferIndex({ parallelFrom: Infinity });
    const withBrokenPool = new OfferIndex({ parallelFrom: 0, piece: 16, pool });
    for (const o of offers(800, 7)) {
      alone.put(o.id, o);
      withBrokenPool.put(o.id, o);
    }
    const q = query({ words: [w('kinder', 'kind')], sort: 'relevanz', limit: 20 });
    expect(withBrokenPool.search(q)).toEqual(alone.search(q));
    await vi.waitFor(() => expect(pool.failure).toMatch(/no walking today/), { timeout: 10_000 });
    expect(withBrokenPool.search(q)).toEqual(alone.search(q));
    expect(pool.workerVisited).toBe(0);
  });
});
