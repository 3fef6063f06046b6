import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import type { Offer } from '../offers/schema.ts';
import { parseSearchQuery, toSearchParams } from './params.ts';
import { resolvePlace, resolveSearch, runSearch, type SearchResult } from './queries.ts';

let ctx: TestContext;
const offer: Record<string, Offer> = {};

/** Where the searches of the current block look: the in-memory index or the database. */
let memory = false;

/** Runs a search as the routes do, from query parameters; `countLimit` stands in for COUNT_LIMIT. */
async function search(query: Record<string, string | string[]>, countLimit?: number): Promise<SearchResult> {
  const parsed = parseSearchQuery(query);
  if (!parsed) throw new Error(`invalid query ${JSON.stringify(query)}`);
  const { search: resolved, problems } = await resolveSearch(ctx.deps.db, toSearchParams(parsed));
  expect(problems).toEqual([]);
  return runSearch(ctx.deps.db, resolved, ctx.clock.now, { memory, ...(countLimit === undefined ? {} : { countLimit }) });
}

function exactGroups(result: SearchResult): string[] {
  return Object.entries(result.facetsExact)
    .filter(([, exact]) => exact)
    .map(([group]) => group)
    .sort();
}

function titles(result: SearchResult): string[] {
  return result.items.map((i) => i.title);
}

function facet(result: SearchResult, group: keyof SearchResult['facets']): Record<string, number> {
  return Object.fromEntries(result.facets[group].map((f) => [f.value, f.count]));
}

beforeAll(async () => {
  ctx = await createTestApp();
  const { gems, weisswasser, municipality } = await demoRegion(ctx);
  const schule = await createOrganisation(ctx, { networkId: gems.id, name: 'Förderverein Grundschule Delitzsch', municipalityId: municipality('Delitzsch').id });
  const heimat = await createOrganisation(ctx, { networkId: gems.id, name: 'Heimatverein Krostitz e. V.', municipalityId: municipality('Krostitz').id });
  const feuerwehr = await createOrganisation(ctx, { networkId: gems.id, name: 'Freiwillige Feuerwehr Rackwitz' });
  const tierheim = await createOrganisation(ctx, { networkId: weisswasser.id, name: 'Tierheim Weißwasser' });
  const day = 86_400_000;
  const at = (daysAgo: number) => new Date(ctx.clock.now.getTime() - daysAgo * day);
  offer.hausaufgaben = await createOffer(ctx, {
    networkId: gems.id, organisationId: schule.id, municipalityId: municipality('Delitzsch').id,
    title: 'Hausaufgabenhilfe in der Grundschule', summary: 'Kinder der dritten Klasse beim Lernen begleiten.',
    field: 'schule', targetGroups: ['kinder'], commitment: 'regular', weekdays: [2, 4], timesOfDay: ['afternoon'],
    suitability: ['youth', 'seniors'], publishedAt: at(5),
  });
  offer.lesen = await createOffer(ctx, {
    networkId: gems.id, organisationId: heimat.id, municipalityId: municipality('Krostitz').id,
    title: 'Lesepatin oder Lesepate', summary: 'Vorlesen in der Bibliothek.',
    description: '<p>Nach dem Vorlesen helfen Sie bei den Hausaufgaben &amp; beim Lesenlernen.</p>',
    field: 'schule', targetGroups: ['kinder'], commitment: 'regular', weekdays: [2], timesOfDay: ['afternoon'],
    suitability: ['seniors'], publishedAt: at(4),
  });
  offer.gassi = await createOffer(ctx, {
    networkId: weisswasser.id, organisationId: tierheim.id, municipalityId: municipality('Weißwasser/O.L.').id,
    title: 'Gassi gehen mit Tierheimhunden', summary: 'Am Wochenende mit Hunden spazieren gehen.',
    field: 'umwelt', targetGroups: ['tiere'], commitment: 'regular', weekdays: [6, 7], timesOfDay: ['morning'],
    suitability: ['youth', 'families'], publishedAt: at(3),
  });
  offer.jugendfeuerwehr = await createOffer(ctx, {
    networkId: gems.id, organisationId: feuerwehr.id, municipalityId: municipality('Rackwitz').id,
    title: 'Betreuerin oder Betreuer für die Jugendfeuerwehr', summary: 'Freitags Übungsabende begleiten.',
    field: 'rettung', targetGroups: ['jugendliche'], commitment: 'regular', weekdays: [5], timesOfDay: ['evening'],
    publishedAt: at(2),
  });
  offer.online = await createOffer(ctx, {
    networkId: gems.id, organisationId: schule.id, remote: true,
    title: 'Online-Nachhilfe in Mathematik', summary: 'Per Video Jugendlichen Mathe erklären.',
    field: 'schule', targetGroups: ['jugendliche'], commitment: 'project', timesOfDay: ['evening'],
    suitability: ['wheelchair', 'little_german'], publishedAt: at(1),
  });
  offer.dorffest = await createOffer(ctx, {
    networkId: gems.id, organisationId: heimat.id, municipalityId: municipality('Löbnitz').id,
    title: 'Dorffest in Löbnitz mitgestalten', summary: 'Kuchen backen, Stände aufbauen, Musik.',
    field: 'freizeit', targetGroups: ['alle'], commitment: 'one_off', weekdays: [6], suitability: ['families'],
    publishedAt: at(6),
  });
  offer.senioren = await createOffer(ctx, {
    networkId: gems.id, organisationId: heimat.id, municipalityId: municipality('Schkeuditz').id,
    title: 'Besuchsdienst für Seniorinnen und Senioren', summary: 'Zuhören, vorlesen, spazieren gehen.',
    field: 'sozial', targetGroups: ['senioren'], commitment: 'regular', weekdays: [3], publishedAt: at(7),
  });
  // Never found: a draft and an expired offer, both about homework.
  await createOffer(ctx, {
    networkId: gems.id, organisationId: schule.id, municipalityId: municipality('Delitzsch').id,
    title: 'Hausaufgabenhilfe (Entwurf)', status: 'draft', publishedAt: null,
  });
  await createOffer(ctx, {
    networkId: gems.id, organisationId: schule.id, municipalityId: municipality('Delitzsch').id,
    title: 'Hausaufgabenhilfe im Hort', expiresAt: at(1), publishedAt: at(100),
  });
}, 180_000);
afterAll(() => ctx.close());

for (const where of ['database', 'memory'] as const) {
  describe(`searching in the ${where}`, () => {
    beforeAll(() => {
      memory = where === 'memory';
    });

  describe('full text', () => {
    it('finds a compound by its first part ("Hausaufgaben" finds "Hausaufgabenhilfe")', async () => {
      const result = await search({ q: 'Hausaufgaben' });
      expect(result.mode).toBe('fulltext');
      expect(titles(result)).toContain('Hausaufgabenhilfe in der Grundschule');
    });

    it('ranks a match in the title above a match in the description', async () => {
      const result = await search({ q: 'Hausaufgaben' });
      // Then the related word ("Nachhilfe", concepts.ts), ranked below the word typed.
      expect(titles(result)).toEqual(['Hausaufgabenhilfe in der Grundschule', 'Lesepatin oder Lesepate', 'Online-Nachhilfe in Mathematik']);
    });

    it('shows only published offers that have not expired', async () => {
      const result = await search({ q: 'Hausaufgabenhilfe' });
      expect(titles(result)[0]).toBe('Hausaufgabenhilfe in der Grundschule');
      expect(titles(result)).not.toContain('Hausaufgabenhilfe (Entwurf)');
      expect(titles(result)).not.toContain('Hausaufgabenhilfe im Hort');
    });

    it('lists the offers with every word first, then those with some of them, and ignores stop words', async () => {
      const both = await search({ q: 'Hausaufgaben Bibliothek' });
      expect(titles(both)[0]).toBe('Lesepatin oder Lesepate');
      expect(titles(both)).toContain('Hausaufgabenhilfe in der Grundschule');
      expect(both.items.map((i) => i.partial)).toEqual([false, ...both.items.slice(1).map(() => true)]);
      expect(both.partial).toBe(true);
      expect(titles(await search({ q: 'die Hunde am Wochenende' }))[0]).toBe('Gassi gehen mit Tierheimhunden');
    });

    it('finds words with umlauts typed with or without them', async () => {
      for (const q of ['Löbnitz', 'Loebnitz', 'Lobnitz', 'löbnitz']) {
        expect(titles(await search({ q })), q).toEqual(['Dorffest in Löbnitz mitgestalten']);
      }
      expect(titles(await search({ q: 'Übungsabende' }))).toEqual(['Betreuerin oder Betreuer für die Jugendfeuerwehr']);
      expect(titles(await search({ q: 'Uebungsabende' }))).toEqual(['Betreuerin oder Betreuer für die Jugendfeuerwehr']);
    });

    it('finds offers by their organisation name', async () => {
      expect(titles(await search({ q: 'Tierheim Weißwasser' }))[0]).toBe('Gassi gehen mit Tierheimhunden');
    });

    it('still finds a word with a typo through title similarity, and suggests the right word', async () => {
      const result = await search({ q: 'Hausaufgabn' });
      expect(result.mode).toBe('similar');
      expect(titles(result)).toContain('Hausaufgabenhilfe in der Grundschule');
      expect(result.suggestion).toBe('Hausaufgabenhilfe');
    });

    it('compares a typo with the title words as written, not with their stems', async () => {
      // "besuchsdienstt" resembles the title word "besuchsdienst" more than its stem "besuchsdien"
      // (a typo that splits into words, like "Besuchdienst", is found by its parts instead).
      const result = await search({ q: 'Besuchsdienstt' });
      expect(result.mode).toBe('similar');
      expect(titles(result)).toContain('Besuchsdienst für Seniorinnen und Senioren');
    });

    it('answers nothing, without an error, for words found nowhere', async () => {
      const result = await search({ q: 'Quantenchromodynamik' });
      expect(result.total).toBe(0);
      expect(result.items).toEqual([]);
    });

    it('highlights the matched words in the snippet, with entities decoded', async () => {
      const result = await search({ q: 'Hausaufgaben Bibliothek' });
      expect(result.items[0]?.snippet).toContain('\u0001Hausaufgaben\u0002 & beim');
    });
  });

  describe('place and radius', () => {
    it('resolves municipality names with or without umlauts, and demo postcodes', async () => {
      for (const name of ['Löbnitz', 'Loebnitz', 'lobnitz', 'LÖBNITZ']) {
        const found = await resolvePlace(ctx.deps.db, name);
        expect(found.ok && found.place.label, name).toBe('Löbnitz');
      }
      const ww = await resolvePlace(ctx.deps.db, 'Weisswasser');
      expect(ww.ok && ww.place.label).toBe('Weißwasser/O.L.');
      const postcode = await resolvePlace(ctx.deps.db, '04509');
      expect(postcode.ok && postcode.place.label).toBe('04509 Delitzsch');
      expect(await resolvePlace(ctx.deps.db, '99999')).toEqual({ ok: false, code: 'search.postcode_unknown' });
      expect(await resolvePlace(ctx.deps.db, 'Atlantis')).toEqual({ ok: false, code: 'search.place_unknown' });
      expect(await resolvePlace(ctx.deps.db, '%')).toEqual({ ok: false, code: 'search.place_unknown' });
    });

    it('includes Krostitz and Rackwitz within 15 km of Delitzsch, excludes Weißwasser and Schkeuditz, keeps remote offers', async () => {
      const result = await search({ ort: 'Delitzsch', umkreis: '15' });
      expect(titles(result).sort()).toEqual(
        [
          'Hausaufgabenhilfe in der Grundschule',
          'Lesepatin oder Lesepate',
          'Betreuerin oder Betreuer für die Jugendfeuerwehr',
          'Dorffest in Löbnitz mitgestalten',
          'Online-Nachhilfe in Mathematik',
        ].sort(),
      );
    });

    it('takes a position from the browser and sorts by distance, remote offers last', async () => {
      const result = await search({ lat: '51.5256', lng: '12.3422', sort: 'entfernung' });
      expect(titles(result)).toEqual([
        'Hausaufgabenhilfe in der Grundschule',
        'Betreuerin oder Betreuer für die Jugendfeuerwehr',
        'Lesepatin oder Lesepate',
        'Dorffest in Löbnitz mitgestalten',
        'Besuchsdienst für Seniorinnen und Senioren',
        'Gassi gehen mit Tierheimhunden',
        'Online-Nachhilfe in Mathematik',
      ]);
      const distances = result.items.map((i) => (i.distanceKm === null ? null : Math.round(i.distanceKm)));
      expect(distances).toEqual([0, 10, 10, 11, 17, 159, null]);
    });

    it('sorts by distance by default when a place and no words are given', async () => {
      const result = await search({ ort: '04509', umkreis: '12' });
      expect(result.sort).toBe('entfernung');
      expect(titles(result)[0]).toBe('Hausaufgabenhilfe in der Grundschule');
    });

    it('combines text, radius and filters', async () => {
      const result = await search({ q: 'Hausaufgaben', ort: 'Delitzsch', umkreis: '10', feld: 'schule' });
      expect(titles(result)[0]).toBe('Hausaufgabenhilfe in der Grundschule');
      expect(result.items.every((i) => i.field === 'schule')).toBe(true);
    });
  });

  describe('filters and their counts', () => {
    it('counts every value over all published offers when nothing is chosen', async () => {
      const result = await search({});
      expect(result.total).toBe(7);
      expect(facet(result, 'feld')).toEqual({ schule: 3, umwelt: 1, rettung: 1, freizeit: 1, sozial: 1 });
      expect(facet(result, 'remote')).toEqual({ true: 1 });
      expect(facet(result, 'einsatz')).toEqual({ regular: 5, project: 1, one_off: 1 });
      expect(facet(result, 'wochentag')).toEqual({ '2': 2, '3': 1, '4': 1, '5': 1, '6': 2, '7': 1 });
      const gems = result.facets.netzwerk.reduce((sum, f) => sum + f.count, 0);
      expect(gems).toBe(7);
    });

    it('counts each group given the other groups (faceting)', async () => {
      const result = await search({ feld: 'schule', zielgruppe: 'kinder' });
      expect(result.total).toBe(2);
      // Fields given "children": only school offers have children as their target group.
      expect(facet(result, 'feld')).toEqual({ schule: 2 });
      // Target groups given "school": children twice, young people once (the online tutoring).
      expect(facet(result, 'zielgruppe')).toEqual({ kinder: 2, jugendliche: 1 });
      expect(facet(result, 'wochentag')).toEqual({ '2': 2, '4': 1 });
      expect(facet(result, 'geeignet')).toEqual({ youth: 1, seniors: 2 });
    });

    it('matches any of several values in a group, and all ticked suitabilities', async () => {
      expect((await search({ feld: ['schule', 'umwelt'] })).total).toBe(4);
      const both = await search({ feld: 'schule', geeignet: ['seniors', 'youth'] });
      expect(titles(both)).toEqual(['Hausaufgabenhilfe in der Grundschule']);
      expect(facet(both, 'geeignet')).toEqual({ youth: 1, seniors: 1 });
    });

    it('filters remote offers, municipalities, weekdays and times of day', async () => {
      expect(titles(await search({ remote: 'true' }))).toEqual(['Online-Nachhilfe in Mathematik']);
      expect(titles(await search({ kommune: offer.lesen!.municipalityId! }))).toEqual(['Lesepatin oder Lesepate']);
      expect((await search({ wochentag: ['6', '7'] })).total).toBe(2);
      expect(titles(await search({ tageszeit: 'evening', einsatz: 'project' }))).toEqual(['Online-Nachhilfe in Mathematik']);
    });

    it('filters by network, and counts per network', async () => {
      const result = await search({ netzwerk: 'weisswasser' });
      expect(titles(result)).toEqual(['Gassi gehen mit Tierheimhunden']);
      expect(result.facets.netzwerk.map((f) => f.count).sort()).toEqual([1, 6]);
    });

    it('sorts by newest', async () => {
      const result = await search({ sort: 'neu' });
      expect(titles(result).slice(0, 2)).toEqual(['Online-Nachhilfe in Mathematik', 'Betreuerin oder Betreuer für die Jugendfeuerwehr']);
    });
  });

  describe('names that cannot be used', () => {
    it('reports an unknown network, municipality and place, and searches without them', async () => {
      const parsed = parseSearchQuery({ netzwerk: 'gibtsnicht', kommune: '00000000-0000-4000-8000-000000000000', ort: 'Atlantis', umkreis: '5', sort: 'entfernung' });
      const { search: resolved, problems } = await resolveSearch(ctx.deps.db, toSearchParams(parsed!));
      expect(problems.map((p) => p.code)).toEqual(['search.network_unknown', 'search.municipality_unknown', 'search.place_unknown']);
      expect(resolved.sort).toBe('neu');
      expect((await runSearch(ctx.deps.db, resolved, ctx.clock.now)).total).toBe(7);
    });
  });
  });
}

describe('searching in the database', () => {
  beforeAll(() => {
    memory = false;
  });

  describe('more offers than the count limit', () => {
    const ALL_GROUPS = ['einsatz', 'feld', 'geeignet', 'kommune', 'netzwerk', 'remote', 'tageszeit', 'wochentag', 'zielgruppe'];

    it('counts exactly up to the limit, with every group counted', async () => {
      const result = await search({}, 7);
      expect(result.total).toBe(7);
      expect(result.totalExact).toBe(true);
      expect(exactGroups(result)).toEqual(ALL_GROUPS);
    });

    it('says "more than the limit" above it, lists only that many, newest first, and counts no group', async () => {
      const result = await search({}, 3);
      expect(result).toMatchObject({ total: 3, totalExact: false });
      expect(titles(result)).toEqual(['Online-Nachhilfe in Mathematik', 'Betreuerin oder Betreuer für die Jugendfeuerwehr', 'Gassi gehen mit Tierheimhunden']);
      expect(exactGroups(result)).toEqual([]);
      expect(Object.values(result.facets).flat()).toEqual([]);
      // Pages end at the limit.
      expect((await search({ seite: '2' }, 3)).items).toEqual([]);
    });

    it('still counts exactly what passes the filters, and the groups without a filter, when that is within the limit', async () => {
      const result = await search({ feld: 'schule' }, 3);
      expect(result).toMatchObject({ total: 3, totalExact: true });
      expect(titles(result).sort()).toEqual(['Hausaufgabenhilfe in der Grundschule', 'Lesepatin oder Lesepate', 'Online-Nachhilfe in Mathematik']);
      // The field group has the filter: its other values would need every offer counted.
      expect(exactGroups(result)).toEqual(ALL_GROUPS.filter((g) => g !== 'feld'));
      expect(result.facets.feld).toEqual([]);
      expect(facet(result, 'zielgruppe')).toEqual({ kinder: 2, jugendliche: 1 });
    });

    it('reads the nearest offers around a place, so remote ones cannot crowd out the offers nearby', async () => {
      const result = await search({ ort: 'Delitzsch', umkreis: '15' }, 4);
      expect(result).toMatchObject({ total: 4, totalExact: false, sort: 'entfernung' });
      expect(titles(result).sort()).toEqual(
        ['Hausaufgabenhilfe in der Grundschule', 'Lesepatin oder Lesepate', 'Betreuerin oder Betreuer für die Jugendfeuerwehr', 'Dorffest in Löbnitz mitgestalten'].sort(),
      );
      // Within the limit, remote offers belong to every radius search, after the nearby ones.
      const all = await search({ ort: 'Delitzsch', umkreis: '15' }, 5);
      expect(all).toMatchObject({ total: 5, totalExact: true });
      expect(titles(all).at(-1)).toBe('Online-Nachhilfe in Mathematik');
    });

    it('looks for the nearest in a smaller circle when many lie within the radius', async () => {
      const result = await search({ lat: '51.5256', lng: '12.3422', umkreis: '15' }, 2);
      expect(result).toMatchObject({ total: 2, totalExact: false });
      expect(titles(result)).toEqual(['Hausaufgabenhilfe in der Grundschule', 'Betreuerin oder Betreuer für die Jugendfeuerwehr']);
      // Without a radius, sorted by distance: the nearest anywhere.
      const anywhere = await search({ lat: '51.5256', lng: '12.3422', sort: 'entfernung' }, 3);
      expect(titles(anywhere)).toEqual(['Hausaufgabenhilfe in der Grundschule', 'Betreuerin oder Betreuer für die Jugendfeuerwehr', 'Lesepatin oder Lesepate']);
    });

    it('with words, reads every match once and takes those passing the filters from it', async () => {
      const newest = await search({ q: 'Hausaufgaben', sort: 'neu' }, 1);
      expect(newest).toMatchObject({ total: 1, totalExact: false });
      expect(titles(newest)).toEqual(['Online-Nachhilfe in Mathematik']);
      const youth = await search({ q: 'Hausaufgaben', sort: 'neu', geeignet: 'youth' }, 1);
      expect(youth).toMatchObject({ total: 1, totalExact: true });
      expect(titles(youth)).toEqual(['Hausaufgabenhilfe in der Grundschule']);
      expect(exactGroups(youth)).toEqual(ALL_GROUPS.filter((g) => g !== 'geeignet'));
      // Without an order, the first matches found are ranked; the filters need a second reading.
      const ranked = await search({ q: 'Hausaufgaben', geeignet: 'seniors' }, 1);
      expect(ranked).toMatchObject({ totalExact: false, total: 1 });
      expect(ranked.items).toHaveLength(1);
    });
  });
});

describe('searching in memory', () => {
  beforeAll(() => {
    memory = true;
  });

  it('counts every match exactly, however many', async () => {
    const result = await search({}, 3);
    expect(result).toMatchObject({ total: 7, totalExact: true });
    expect(Object.values(result.facetsExact).every(Boolean)).toBe(true);
  });

  it('follows changes to the offers made after it was loaded', async () => {
    expect(titles(await search({ q: 'Spaziergänge' }))).toEqual([]);
    await ctx.deps.database.query(`UPDATE offers SET title = 'Spaziergänge mit Tierheimhunden' WHERE id = $1`, [offer.gassi!.id]);
    expect(titles(await search({ q: 'Spaziergänge' }))).toEqual(['Spaziergänge mit Tierheimhunden']);
    await ctx.deps.database.query(`UPDATE offers SET status = 'paused' WHERE id = $1`, [offer.gassi!.id]);
    expect(titles(await search({ q: 'Spaziergänge' }))).toEqual([]);
    await ctx.deps.database.query(`UPDATE offers SET status = 'published', title = 'Gassi gehen mit Tierheimhunden' WHERE id = $1`, [offer.gassi!.id]);
    expect(titles(await search({ q: 'Spaziergänge' }))).toEqual([]);
    expect((await search({})).total).toBe(7);
  });

  it('asks the database when it cannot look at the changes, and loads itself again afterwards', async () => {
    await ctx.deps.database.query('ALTER TABLE offer_changes RENAME TO offer_changes_away');
    try {
      // The database's answer: counts stop at the limit (3 here), which the index never does.
      expect(await search({}, 3)).toMatchObject({ total: 3, totalExact: false });
    } finally {
      await ctx.deps.database.query('ALTER TABLE offer_changes_away RENAME TO offer_changes');
    }
    expect(await search({}, 3)).toMatchObject({ total: 7, totalExact: true });
  });
});

describe('typo with many similar titles', () => {
  it('still suggests the right word when the similar titles are many', async () => {
    const { gems } = await demoRegion(ctx);
    const org = await createOrganisation(ctx, { networkId: gems.id, name: 'Hort Taucha' });
    for (const title of ['Hausaufgabenhilfe im Hort', 'Hausaufgabenhilfe am Nachmittag', 'Hausaufgabenhilfe für Fünftklässler']) {
      await createOffer(ctx, { networkId: gems.id, organisationId: org.id, title });
    }
    for (const where of [false, true]) {
      memory = where;
      const result = await search({ q: 'Hausaufgabn' });
      expect(result.mode, `memory: ${where}`).toBe('similar');
      // The four homework offers first; the typo of "Hausaufgaben" also finds its related words below them.
      expect(result.items.slice(0, 4).every((i) => i.title.startsWith('Hausaufgabenhilfe')), `memory: ${where}`).toBe(true);
      expect(result.items.slice(4).map((i) => i.title).sort(), `memory: ${where}`).toEqual(['Lesepatin oder Lesepate', 'Online-Nachhilfe in Mathematik']);
      expect(result.suggestion, `memory: ${where}`).toBe('Hausaufgabenhilfe');
    }
  });
});
