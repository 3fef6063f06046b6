import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { PER_PAGE } from './params.ts';
import { searchAs } from './testing.ts';
import type { SearchResult } from './queries.ts';

/*
 * Several words: offers with only some of them are shown (after the full matches) only when the full
 * matches do not fill a page; otherwise neither listed nor counted (docs/search.md). Both engines.
 */

let ctx: TestContext;
const FULL = PER_PAGE + 1;

beforeAll(async () => {
  ctx = await createTestApp();
  const { gems, municipality } = await demoRegion(ctx);
  const verein = await createOrganisation(ctx, { networkId: gems.id, name: 'Bürgerverein Delitzsch' });
  const place = municipality('Krostitz');
  const offer = (title: string, summary: string, field: 'umwelt' | 'schule', daysAgo: number) =>
    createOffer(ctx, {
      networkId: gems.id,
      organisationId: verein.id,
      municipalityId: place.id,
      title,
      summary,
      field,
      publishedAt: new Date(ctx.clock.now.getTime() - daysAgo * 86_400_000),
    });
  // 21 offers with both words, three of them about the environment; 5 with "Garten" alone, all about it.
  for (let i = 0; i < FULL; i++) await offer(`Gartentag ${i + 1} in der Kita`, 'Mit den Kindern Beete anlegen.', i < 3 ? 'umwelt' : 'schule', i + 1);
  for (let i = 0; i < 5; i++) await offer(`Garten am Dorfteich ${i + 1}`, 'Rasen mähen und Hecken schneiden.', 'umwelt', 30 + i);
});

afterAll(async () => {
  await ctx.close();
});

describe.each([
  ['the in-memory index', true],
  ['the database', false],
])('Full matches first in %s', (_name, memory) => {
  const search = (query: Record<string, string>): Promise<SearchResult> => searchAs(ctx, query, { memory });

  it('lists and counts only the offers with every word when they fill a page', async () => {
    const result = await search({ q: 'Garten Kita' });
    expect(result.total).toBe(FULL);
    expect(result.partial).toBe(false);
    expect(result.items.every((i) => !i.partial)).toBe(true);
    expect(result.facets.feld).toEqual(expect.arrayContaining([{ value: 'umwelt', count: 3 }, { value: 'schule', count: FULL - 3 }]));
    // The second page holds the last full match, not the partial ones.
    const second = await search({ q: 'Garten Kita', seite: '2' });
    expect(second.items.map((i) => i.title)).toEqual(['Gartentag 21 in der Kita']);
  });

  it('adds the offers with some of the words, after the full ones, when fewer than a page have all', async () => {
    const result = await search({ q: 'Garten Kita', feld: 'umwelt' });
    expect(result.total).toBe(3 + 5);
    expect(result.partial).toBe(true);
    expect(result.items.slice(0, 3).every((i) => !i.partial)).toBe(true);
    expect(result.items.slice(3).every((i) => i.partial)).toBe(true);
  });
});
