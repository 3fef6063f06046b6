import { describe, expect, it } from 'vitest';
import { addWord, keepWord, mergeLists, restrict, unionInto, type Postings, type WordLists } from './postings.ts';
import { Scratch } from './scratch.ts';
import { WEIGHT_GAINS } from './vector.ts';

/** A seeded stream, so that every run checks the same lists. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 4_294_967_296;
  };
}

/** A posting list over `offers` offers, each offer in it with the given chance, marks 1–127. */
function list(next: () => number, offers: number, chance: number): Postings {
  const docs: number[] = [];
  const marks: number[] = [];
  for (let d = 0; d < offers; d++) {
    if (next() >= chance) continue;
    docs.push(d);
    marks.push(1 + Math.floor(next() * 127));
  }
  return { docs: Uint32Array.from(docs), marks: Uint8Array.from(marks), length: docs.length };
}

/** What merging must give: per offer, its gains summed in float32, the lists taken shortest first. */
function reference(lists: WordLists['lists'], within?: Set<number>): Map<number, number> {
  const sums = new Map<number, number>();
  for (const { list: l, gain } of [...lists].sort((a, b) => a.list.length - b.list.length)) {
    for (let j = 0; j < l.length; j++) {
      const d = l.docs[j]!;
      const g = gain[l.marks[j]!]!;
      if (g === 0 || (within && !within.has(d))) continue;
      sums.set(d, sums.has(d) ? Math.fround(sums.get(d)! + g) : g);
    }
  }
  return new Map([...sums].sort((a, b) => a[0] - b[0]));
}

function asMap(merged: { docs: Uint32Array; scores: Float32Array }): Map<number, number> {
  return new Map(Array.from(merged.docs, (d, i) => [d, merged.scores[i]!]));
}

describe('merging posting lists', () => {
  const offers = 2000;
  const next = random(7);
  // Half the gains zero for marks below 20: those postings do not count.
  const halfGains = WEIGHT_GAINS.map((g, mark) => (mark < 20 ? 0 : g * 0.5));
  const few: WordLists['lists'] = [list(next, offers, 0.3), list(next, offers, 0.05)].map((l) => ({ list: l, gain: WEIGHT_GAINS }));
  const many: WordLists['lists'] = Array.from({ length: 40 }, (_, i) => ({ list: list(next, offers, 0.02 + (i % 5) * 0.05), gain: i % 2 ? halfGains : WEIGHT_GAINS }));

  it('sums each offer’s gains the same way whether the lists are merged one at a time (few) or over all offers (many)', () => {
    expect(asMap(mergeLists(few, new Scratch(), offers))).toEqual(reference(few));
    expect(asMap(mergeLists(many, new Scratch(), offers))).toEqual(reference(many));
  });

  it('leaves no sum behind for the next search when merging over all offers', () => {
    const scratch = new Scratch();
    const others: WordLists['lists'] = Array.from({ length: 30 }, (_, i) => ({ list: list(next, offers, 0.05 + (i % 3) * 0.1), gain: WEIGHT_GAINS }));
    for (const lists of [many, others, many, others]) expect(asMap(mergeLists(lists, scratch, offers))).toEqual(reference(lists));
  });

  it('cuts the lists down to the offers of a place first, with the same sums', () => {
    const within = Uint32Array.from({ length: 150 }, (_, i) => i * 13);
    const set = new Set(within);
    expect(asMap(mergeLists(few, new Scratch(), offers, within))).toEqual(reference(few, set));
    expect(asMap(mergeLists(many, new Scratch(), offers, within))).toEqual(reference(many, set));
    // Searched (galloping) in a long list, or read through: the same postings.
    const long = few[0]!.list;
    for (const cut of [within, Uint32Array.from({ length: 1500 }, (_, i) => i)]) {
      const restricted = restrict(long, cut, new Scratch());
      const expected = Array.from(long.docs).filter((d) => cut.includes(d));
      expect(Array.from(restricted.docs.subarray(0, restricted.length))).toEqual(expected);
      expect(Array.from(restricted.marks.subarray(0, restricted.length))).toEqual(expected.map((d) => long.marks[long.docs.indexOf(d)]));
    }
  });

  it('merges long lists a block of offers at a time, with or without a place, to the same sums', () => {
    // 150,000 offers: five blocks of 32,768 and a part; the lists' postings in every block.
    const large = 150_000;
    const lists: WordLists['lists'] = [0.3, 0.05, 0.01, 0.2].map((chance, i) => ({ list: list(next, large, chance), gain: i % 2 ? halfGains : WEIGHT_GAINS }));
    const runs = (...stretches: Array<[number, number]>) => Uint32Array.from(stretches.flatMap(([from, to]) => Array.from({ length: to - from }, (_, i) => from + i)));
    const places = [
      // Two stretches in the first and fourth blocks: the blocks between are skipped.
      runs([1_000, 9_000], [100_000, 104_000]),
      // A stretch ending at a block's end, one beginning at the next block's start, one at the very end.
      runs([30_000, 32_768], [65_536, 70_000], [149_000, 150_000]),
      // Every seventh offer: a little in every block.
      Uint32Array.from({ length: large / 7 }, (_, i) => i * 7),
    ];
    // One scratch for all: every merge must leave its sums and bitmaps cleared for the next.
    const scratch = new Scratch();
    for (let round = 0; round < 2; round++) {
      expect(asMap(mergeLists(lists, scratch, large))).toEqual(reference(lists));
      for (const within of places) expect(asMap(mergeLists(lists, scratch, large, within))).toEqual(reference(lists, new Set(within)));
    }
  });

  it('keeps the offers another word matches, adding its weight, for few offers and short lists or many and long', () => {
    const large = 120_000;
    const word: WordLists['lists'] = [0.2, 0.03, 0.1].map((chance, i) => ({ list: list(next, large, chance), gain: i === 1 ? halfGains : WEIGHT_GAINS }));
    const weights = reference(word);
    const scratch = new Scratch();
    const apart = Uint32Array.from([...Array.from({ length: 1_500 }, (_, i) => i * 2), ...Array.from({ length: 4_000 }, (_, i) => 100_000 + i)]);
    // Few offers; many in every block; many in two stretches with blocks between them skipped.
    for (const docs of [Uint32Array.from({ length: 300 }, (_, i) => i * 311), Uint32Array.from({ length: 40_000 }, (_, i) => i * 3 + (i % 2)), apart]) {
      const scores = Float32Array.from(docs, (d) => 100 + d / 1000);
      const expected = Array.from(docs).flatMap((d, i) => (weights.has(d) ? [[d, Math.fround(scores[i]! + weights.get(d)!)]] : []));
      const kept = keepWord(docs, scores, docs.length, word, scratch);
      expect(Array.from(docs.subarray(0, kept), (d, i) => [d, scores[i]])).toEqual(expected);
    }
  });

  it('unites two words, marking the offers with the words they have', () => {
    const a = mergeLists(few, new Scratch(), offers);
    const b = mergeLists(many.slice(0, 3), new Scratch(), offers);
    const size = a.docs.length + b.docs.length;
    const docs = new Uint32Array(size);
    const scores = new Float32Array(size);
    const bits = new Uint8Array(size);
    const first = unionInto(new Uint32Array(0), new Float32Array(0), new Uint8Array(0), 0, a.docs, a.scores, 1, docs, scores, bits);
    const intoDocs = new Uint32Array(size);
    const intoScores = new Float32Array(size);
    const intoBits = new Uint8Array(size);
    const n = unionInto(docs, scores, bits, first, b.docs, b.scores, 2, intoDocs, intoScores, intoBits);
    const inA = asMap(a);
    const inB = asMap(b);
    const all = [...new Set([...inA.keys(), ...inB.keys()])].sort((x, y) => x - y);
    expect(Array.from(intoDocs.subarray(0, n))).toEqual(all);
    all.forEach((d, i) => {
      expect(intoBits[i]).toBe(0x80 | (inA.has(d) ? 1 : 0) | (inB.has(d) ? 2 : 0));
      expect(intoScores[i]).toBe(inA.has(d) && inB.has(d) ? Math.fround(inA.get(d)! + inB.get(d)!) : (inA.get(d) ?? inB.get(d)));
    });
  });

  it('adds a filler word’s gains to the offers found, whether its lists are searched or read through', () => {
    for (const found of [Uint32Array.from({ length: 40 }, (_, i) => i * 47), Uint32Array.from({ length: 1200 }, (_, i) => i)]) {
      const scores = Float32Array.from(found, (d) => d / 100);
      const filler = many.slice(0, 4);
      addWord(found, scores, found.length, filler, new Scratch());
      const extra = reference(filler);
      found.forEach((d, i) => expect(scores[i]).toBe(extra.has(d) ? Math.fround(Math.fround(d / 100) + extra.get(d)!) : Math.fround(d / 100)));
    }
  });
});
