import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { baseOfFeminine, compoundParts, conceptOfTypo, isFiller, matchKind, PART, partStarts, PREFIX, RELATED, relatedWords, termMatch, WHOLE, withoutGender } from './german.ts';
import { wordsOf } from './params.ts';
import { searchAs } from './testing.ts';
import type { SearchResult } from './queries.ts';

describe('German words (german.ts)', () => {
  it('splits compounds at their parts with the hunspell word list, linking letters included', () => {
    expect(partStarts('vorlesepat')).toEqual([3, 7]);
    expect(partStarts('seniorenarbeit')).toEqual([8]);
    expect(partStarts('begleit')).toEqual([]);
    expect(compoundParts('Fahrradreparatur')).toEqual(['fahrrad', 'reparatur']);
    expect(compoundParts('Kinderbetreuung')).toEqual(['kinder', 'betreuung']);
    expect(compoundParts('Garten')).toEqual([]);
  });

  it('tells a whole word from a part and from a mere beginning', () => {
    expect(matchKind('pat', 'pat')).toBe(WHOLE);
    expect(matchKind('senior', 'seniorinn')).toBe(WHOLE);
    expect(matchKind('pat', 'vorlesepat')).toBe(PART);
    expect(matchKind('kind', 'kinderturn')).toBe(PART);
    expect(matchKind('pat', 'patientenbeteilig')).toBe(PREFIX);
    // Inside a word but not at a part: no match ("rat" in "beratung").
    expect(matchKind('rat', 'beratung')).toBe(0);
  });

  it('lets a part of a typed compound match only on its own or as a beginning, and a related word never as a mere beginning', () => {
    // Typed words keep every kind of match.
    expect(termMatch('pat', WHOLE, 'patientenbeteilig')).toBe(PREFIX);
    expect(termMatch('pat', WHOLE, 'vorlesepat')).toBe(PART);
    // A part of a typed compound ("haus" of "Hausaufgaben"): on its own or as a beginning, not inside another compound.
    expect(termMatch('haus', PART, 'haus')).toBe(WHOLE);
    expect(termMatch('haus', PART, 'hausmeist')).toBe(matchKind('haus', 'hausmeist'));
    expect(termMatch('haus', PART, 'pfarrhaus')).toBe(0);
    // "ältere", related to "Senioren", is stemmed to "alt": "alte" yes, "Altpapier" and "Altstadt" no.
    expect(termMatch('alt', RELATED, 'alt')).toBe(WHOLE);
    expect(termMatch('alt', RELATED, 'altpapi')).toBe(0);
    expect(termMatch('alt', RELATED, 'altstadt')).toBe(0);
    // Longer related words: parts of compounds yes, a word they only begin no.
    expect(termMatch('asyl', RELATED, 'asylberat')).toBe(PART);
    expect(termMatch('rentn', RELATED, 'rentn')).toBe(WHOLE);
    expect(termMatch('pat', RELATED * PART, 'patientenbeteilig')).toBe(0);
  });

  it('reads gender forms as the base word, and leaves other words ending in -in alone', () => {
    expect(wordsOf('Trainer:in Trainer*innen Trainer_in TrainerIn Betreuer/-in Fahrer/innen')).toEqual(['trainer', 'betreuer', 'fahrer']);
    expect(withoutGender('Termin in Berlin')).toBe('Termin in Berlin');
    expect(baseOfFeminine('seniorinnen')).toBe('senior');
    expect(baseOfFeminine('schöffin')).toBe('schöffe');
    expect(baseOfFeminine('termin')).toBe('termin');
  });

  it('knows filler words and related words', () => {
    expect(isFiller('arbeiten')).toBe(true);
    expect(isFiller('Kindern')).toBe(false);
    expect(relatedWords('Flüchtlinge')).toEqual(expect.arrayContaining(['geflüchtete', 'asyl', 'neuzugewanderte']));
    expect(relatedWords('kita')).toContain('kindergarten');
  });

  it('knows a typo of a word with related words, but not a correct word nor a short one', () => {
    expect(conceptOfTypo('Flüchtlnge')).toBe('flüchtlinge');
    expect(conceptOfTypo('Flüchtlinge')).toBeUndefined();
    expect(conceptOfTypo('Garten')).toBeUndefined();
    expect(conceptOfTypo('Kta')).toBeUndefined();
  });
});

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp();
  const { gems, municipality } = await demoRegion(ctx);
  const verein = await createOrganisation(ctx, { networkId: gems.id, name: 'Bürgerverein Delitzsch' });
  const place = municipality('Krostitz');
  const at = (daysAgo: number) => new Date(ctx.clock.now.getTime() - daysAgo * 86_400_000);
  const offer = (title: string, summary: string, daysAgo: number) =>
    createOffer(ctx, { networkId: gems.id, organisationId: verein.id, municipalityId: place.id, title, summary, publishedAt: at(daysAgo) });
  await offer('Patientenbeteiligung im Klinikum', 'Im Beirat die Sicht der Kranken vertreten.', 1);
  await offer('Vorlesepate in der Kita', 'Einmal pro Woche Bilderbücher vorlesen.', 2);
  await offer('Lesepate an der Grundschule', 'Mit Zweitklässlern lesen üben.', 3);
  await offer('Übungsleiter für das Kinderturnen', 'Dienstags turnen wir mit Vierjährigen.', 4);
  await offer('Sprachcafé für Geflüchtete', 'Deutsch sprechen bei Kaffee und Kuchen.', 5);
  await offer('Flüchtlinge begleiten', 'Zu Ämtern und Ärzten mitgehen.', 6);
  await offer('Trainer für die Fußballjugend', 'Training am Mittwoch.', 7);
  await offer('Gartenarbeit im Pfarrgarten', 'Rasen mähen und Hecken schneiden.', 8);
  await offer('Spielenachmittag im Garten der Kita', 'Mit den Kindern draußen spielen.', 9);
  await offer('Besuchsdienst für ältere Menschen', 'Zuhören, vorlesen, spazieren gehen.', 10);
  await offer('Altpapier sammeln für den Förderverein', 'Samstags mit dem Anhänger durchs Dorf.', 11);
  await offer('Stadtführung durch die Altstadt', 'Gäste durch die historischen Gassen begleiten.', 12);
  await offer('Hausaufgabenhilfe im Jugendclub', 'Montags und mittwochs nach der Schule.', 13);
  await offer('Kaffeenachmittag im Pfarrhaus', 'Kuchen backen und Gäste bewirten.', 14);
});

afterAll(async () => {
  await ctx.close();
});

describe.each([
  ['the in-memory index', true],
  ['the database', false],
])('German searches in %s', (_name, memory) => {
  const search = (q: string, similar = true): Promise<SearchResult> => searchAs(ctx, { q }, { memory, similar });
  const titles = (result: SearchResult) => result.items.map((i) => i.title);

  it('finds a word as a part of compounds, above a word it only begins', async () => {
    const found = titles(await search('Pate'));
    expect(found.slice(0, 2).sort()).toEqual(['Lesepate an der Grundschule', 'Vorlesepate in der Kita']);
    expect(found.indexOf('Patientenbeteiligung im Klinikum')).toBeGreaterThan(1);
  });

  it('finds the whole word first, then the compound it is a part of', async () => {
    expect(titles(await search('Lesepate')).slice(0, 2)).toEqual(['Lesepate an der Grundschule', 'Vorlesepate in der Kita']);
  });

  it('lets filler words weigh little: "mit Kindern arbeiten" finds the children\'s offers', async () => {
    const result = await search('mit Kindern arbeiten');
    expect(titles(result)).toEqual(expect.arrayContaining(['Übungsleiter für das Kinderturnen', 'Spielenachmittag im Garten der Kita']));
    expect(result.partial).toBe(false);
  });

  it('shows offers with some of the words after those with all, and says so', async () => {
    const result = await search('Garten Kita');
    expect(titles(result)[0]).toBe('Spielenachmittag im Garten der Kita');
    expect(titles(result)).toContain('Vorlesepate in der Kita');
    expect(result.partial).toBe(true);
    expect(result.items.find((i) => i.title === 'Vorlesepate in der Kita')?.partial).toBe(true);
    expect(result.items[0]?.partial).toBe(false);
    // E-mail alerts (no typo search) send full matches only.
    expect(titles(await search('Garten Kita', false))).toEqual(['Spielenachmittag im Garten der Kita']);
  });

  it('finds related words below the word typed', async () => {
    expect(titles(await search('Flüchtlinge'))).toEqual(['Flüchtlinge begleiten', 'Sprachcafé für Geflüchtete']);
    expect(titles(await search('Kindergarten'))).toEqual(expect.arrayContaining(['Vorlesepate in der Kita']));
  });

  it('finds "ältere Menschen" for "Senioren", but not every word beginning with "alt"', async () => {
    const found = titles(await search('Senioren'));
    expect(found).toContain('Besuchsdienst für ältere Menschen');
    expect(found).not.toContain('Altpapier sammeln für den Förderverein');
    expect(found).not.toContain('Stadtführung durch die Altstadt');
  });

  it('finds "Hausaufgabenhilfe" for "Hausaufgaben", but not "Pfarrhaus" for its part "Haus"', async () => {
    const found = titles(await search('Hausaufgaben'));
    expect(found).toContain('Hausaufgabenhilfe im Jugendclub');
    expect(found).not.toContain('Kaffeenachmittag im Pfarrhaus');
  });

  it('reads a typo of a word it knows related words for as that word: "Flüchtlnge" finds the offers for refugees', async () => {
    const result = await search('Flüchtlnge');
    expect(result.mode).toBe('similar');
    expect(titles(result)).toEqual(expect.arrayContaining(['Flüchtlinge begleiten', 'Sprachcafé für Geflüchtete']));
    // Only the typo search corrects: the e-mail alerts find nothing for the misspelt word.
    expect(titles(await search('Flüchtlnge', false))).toEqual([]);
  });

  it('reads gender forms as the base word', async () => {
    for (const q of ['Trainer:in', 'TrainerIn', 'Trainer*in', 'Trainer/-in']) expect(titles(await search(q)), q).toContain('Trainer für die Fußballjugend');
  });

  it('suggests other words only when they find more', async () => {
    // "Gartenarbeitt" finds nothing; "Gartenarbeit" finds an offer.
    expect((await search('Gartenarbeitt')).suggestion).toBe('Gartenarbeit');
    // One offer found, and the words of its title would find no more.
    expect((await search('Pfarrgarten')).suggestion).toBeUndefined();
  });
});
