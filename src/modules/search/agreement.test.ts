import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { offers } from '../offers/schema.ts';
import { COMMITMENTS, FIELDS, SUITABILITY, TARGET_GROUPS, TIMES_OF_DAY } from '../../platform/vocabulary.ts';
import { searchAs } from './testing.ts';
import type { SearchResult } from './queries.ts';

/*
 * The two searches (decision 005) must agree: random offers, random searches, each asked of the
 * in-memory index and of the database, and the answers compared — totals, every filter count, and
 * the page wherever the order is defined the same way (newest first, nearest first; relevance ranks
 * several words differently by design, so there only the set of hits is compared). The words include
 * compounds, related words, fillers and gender forms (issue 13), and several words give partial
 * matches: both searches must find the same offers for them, and mark the same hits as partial.
 */

let ctx: TestContext;
let municipalityIds: string[] = [];

/** A fixed seed: the same world and the same searches on every run, on both engines. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 4_294_967_296;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const some = <T>(values: readonly T[], chance: number): T[] => values.filter(() => next() < chance);
  return { next, pick, some };
}

const WORDS = ['Hausaufgaben', 'Garten', 'Vorlesen', 'Senioren', 'Fahrdienst', 'Küche', 'Begleitung', 'Fußball', 'Müll', 'Übersetzen', 'Chor', 'Tafel',
  // Compounds, related words and gender forms (issue 13): parts, concepts and partial matches in both searches.
  'Vorlesepate', 'Lesepatin', 'Kinderturnen', 'Gartenarbeit', 'Geflüchtete', 'Asyl', 'Seniorinnen', 'Trainer:in',
  // Related words match neither as a mere beginning nor, when short, as a part ("ältere" → "alt", not "Altpapier").
  'ältere', 'Altpapier', 'Asylberatung'];
/** Also typed, never written: a part of a compound, a related word, filler words, gender forms. */
const TYPED = [...WORDS, 'Pate', 'Lesepate', 'Flüchtlinge', 'Kindergarten', 'helfen', 'arbeiten', 'TrainerIn', 'Kinder'];
const PLACES = ['Delitzsch', 'Krostitz', 'Löbnitz', 'Rackwitz', 'Weißwasser/O.L.'];

beforeAll(async () => {
  ctx = await createTestApp();
  const { gems, weisswasser, municipality } = await demoRegion(ctx);
  const r = random(20261124);
  const places = PLACES.map(municipality);
  municipalityIds = places.map((m) => m.id);
  const organisations = [
    await createOrganisation(ctx, { networkId: gems.id, name: 'Bürgerverein Delitzsch' }),
    await createOrganisation(ctx, { networkId: gems.id, name: 'Kirchgemeinde Krostitz' }),
    await createOrganisation(ctx, { networkId: weisswasser.id, name: 'Sportverein Weißwasser' }),
  ];
  const day = 86_400_000;
  // Drawn one by one from the seeded stream, written in one statement (160 inserts took half the file's time).
  const rows = Array.from({ length: 160 }, (_, i) => {
    const organisation = r.pick(organisations);
    const place = r.next() < 0.85 ? r.pick(places) : undefined;
    const words = r.some(WORDS, 0.25);
    const title = `${r.pick(WORDS)} ${r.next() < 0.5 ? 'im Ort' : 'für alle'} ${i}`;
    return {
      networkId: organisation.networkId,
      organisationId: organisation.id,
      municipalityId: place?.id ?? null,
      // Spread around the municipality's centre, up to about 15 km.
      lat: place?.lat == null ? null : place.lat + (r.next() - 0.5) * 0.25,
      lng: place?.lng == null ? null : place.lng + (r.next() - 0.5) * 0.4,
      remote: r.next() < 0.1,
      title,
      summary: `${words.join(' und ')} gesucht.`,
      description: `<p>${r.some(WORDS, 0.2).join(', ')} – wir freuen uns.</p>`,
      field: r.pick(FIELDS),
      targetGroups: r.some(TARGET_GROUPS, 0.3),
      commitment: r.pick(COMMITMENTS),
      weekdays: r.some([1, 2, 3, 4, 5, 6, 7], 0.3),
      timesOfDay: r.some(TIMES_OF_DAY, 0.4),
      suitability: r.some(SUITABILITY, 0.3),
      status: 'published' as const,
      publishedAt: new Date(ctx.clock.now.getTime() - Math.floor(r.next() * 60) * day - i * 1000),
      // A tenth has run out already: neither search may find those.
      expiresAt: new Date(ctx.clock.now.getTime() + (r.next() < 0.1 ? -day : 30 * day)),
    };
  });
  await ctx.deps.db.insert(offers).values(rows);
});

afterAll(async () => {
  await ctx.close();
});

/** A random search as the page would send it. */
function randomQuery(r: ReturnType<typeof random>): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  if (r.next() < 0.6) query.q = r.some(TYPED, 0.1).concat(r.pick(TYPED)).slice(0, 3).join(' ');
  // Now and then a typo (a letter left out), which nothing matches exactly: the typo search answers.
  const q = query.q;
  if (typeof q === 'string' && r.next() < 0.2) {
    const at = 2 + Math.floor(r.next() * (q.length - 3));
    query.q = q.slice(0, at) + q.slice(at + 1);
  }
  if (r.next() < 0.25) query.feld = r.some(FIELDS, 0.2);
  if (r.next() < 0.25) query.zielgruppe = r.some(TARGET_GROUPS, 0.3);
  if (r.next() < 0.2) query.kommune = r.some(municipalityIds, 0.4);
  if (r.next() < 0.35) {
    query.ort = r.pick(PLACES);
    query.umkreis = String(r.pick([5, 10, 25, 50]));
  }
  if (r.next() < 0.2) query.wochentag = r.some(['1', '2', '3', '4', '5', '6', '7'], 0.3);
  if (r.next() < 0.2) query.tageszeit = r.some(TIMES_OF_DAY, 0.4);
  if (r.next() < 0.2) query.geeignet = r.some(SUITABILITY, 0.3);
  if (r.next() < 0.15) query.einsatz = r.some(COMMITMENTS, 0.5);
  if (r.next() < 0.1) query.remote = 'true';
  if (r.next() < 0.3) query.sort = query.ort ? r.pick(['neu', 'entfernung']) : 'neu';
  if (r.next() < 0.15) query.seite = '2';
  for (const [key, value] of Object.entries(query)) if (Array.isArray(value) && value.length === 0) delete query[key];
  return query;
}

const search = (query: Record<string, string | string[]>, memory: boolean): Promise<SearchResult> => searchAs(ctx, query, { memory });

describe('the in-memory index and the database search', () => {
  it('give the same totals, counts and pages for 150 random searches (the typo search: a part of the same)', { timeout: 180_000 }, async () => {
    const r = random(7);
    let compared = 0;
    let found = 0;
    let similar = 0;
    let partial = 0;
    for (let i = 0; i < 150; i++) {
      const query = randomQuery(r);
      const [fromIndex, fromDatabase] = [await search(query, true), await search(query, false)];
      const what = JSON.stringify(query);
      const ids = (result: SearchResult) => result.items.map((item) => item.id);
      // Both look for similar titles exactly when the words match nothing.
      expect(fromIndex.mode, what).toBe(fromDatabase.mode);
      if (fromDatabase.mode === 'similar') {
        // The typo search compares a typed word with each word of a title; pg_trgm also with runs across
        // two words ("Fßball" resembles "Fußball für" more than "Fußball"). So the index finds a part.
        expect(fromIndex.total, what).toBeLessThanOrEqual(fromDatabase.total);
        if (fromDatabase.total <= fromDatabase.perPage) expect(ids(fromDatabase), what).toEqual(expect.arrayContaining(ids(fromIndex)));
        similar++;
        continue;
      }
      expect(fromIndex.total, what).toBe(fromDatabase.total);
      if (fromDatabase.partial) partial++;
      expect(fromIndex.partial, what).toBe(fromDatabase.partial);
      // A suggestion only where it finds more (each search counts with its own engine).
      expect(fromIndex.suggestion === undefined, what).toBe(fromDatabase.suggestion === undefined);
      for (const group of Object.keys(fromDatabase.facets) as Array<keyof SearchResult['facets']>) {
        const sorted = (result: SearchResult) => [...result.facets[group]].sort((a, b) => a.value.localeCompare(b.value));
        expect(sorted(fromIndex), `${what} ${group}`).toEqual(sorted(fromDatabase));
      }
      if (fromDatabase.sort !== 'relevanz') expect(ids(fromIndex), what).toEqual(ids(fromDatabase));
      else if (fromDatabase.total <= fromDatabase.perPage) expect(ids(fromIndex).sort(), what).toEqual(ids(fromDatabase).sort());
      compared++;
      if (fromDatabase.total > 0) found++;
    }
    // Most searches are compared in full; some take the typo search.
    expect(compared).toBeGreaterThan(100);
    expect(similar).toBeGreaterThan(0);
    // Some pages show partial matches.
    expect(partial).toBeGreaterThan(0);
    // The searches are not all empty: most find something.
    expect(found).toBeGreaterThan(75);
  });
});
