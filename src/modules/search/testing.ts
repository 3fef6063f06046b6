import type { TestContext } from '../../../test/helpers.ts';
import { parseSearchQuery, toSearchParams } from './params.ts';
import { resolveSearch, runSearch, type SearchOptions, type SearchResult } from './queries.ts';

/** For tests: a search as the page's query parameters give it, run on the engine `options.memory` names. */
export async function searchAs(ctx: TestContext, query: Record<string, string | string[]>, options: SearchOptions): Promise<SearchResult> {
  const parsed = parseSearchQuery(query);
  if (!parsed) throw new Error(`invalid query ${JSON.stringify(query)}`);
  const { search } = await resolveSearch(ctx.deps.db, toSearchParams(parsed));
  return runSearch(ctx.deps.db, search, ctx.clock.now, options);
}
