import type { Db } from '../../platform/db.ts';
import { allGroups, inSearchTransaction, scan } from './database-search.ts';
import { loadHits } from './hits.ts';
import type { IndexAnswer, IndexQuery, OfferIndex } from './memory.ts';
import { liveOfferIndex } from './memory-sync.ts';
import { prepareText, strictText, withCorrections, withParts, type ResolvedSearch, type TextQuery } from './resolve.ts';
import { MAX_PAGE, PER_PAGE, wordsOf } from './params.ts';
import { COUNT_LIMIT, type SearchResult } from './results.ts';
import { suggest } from './suggest.ts';

/*
 * Runs a search: over the in-memory index (memory.ts) when it is loaded, else in the database
 * (database-search.ts). Names are resolved in resolve.ts, the texts of the hits read in hits.ts.
 */

export { labelsFor, prepareText, resolvePlace, resolveSearch } from './resolve.ts';
export type { ResolvedPlace, ResolvedSearch, SearchProblem, SearchProblemCode, TextQuery } from './resolve.ts';
export { COUNT_LIMIT } from './results.ts';
export type { FacetValue, Facets, OfferHit, SearchResult } from './results.ts';
export { snippetOf } from './hits.ts';
export { countSavedSearches, findSavedSearch, listAlertingSearches, listSavedSearches } from './saved-queries.ts';
export type { SavedSearch } from './saved-queries.ts';

/** Few enough hits that a "did you mean" is worth showing. */
const FEW = 3;

export interface SearchOptions {
  /** Look again by title similarity when the words match nothing (default true; false for e-mail alerts, which must be exact). */
  similar?: boolean;
  /** COUNT_LIMIT, smaller in tests (database only). */
  countLimit?: number;
  /** Search the offers in the process's memory (memory.ts) when its index is loaded; else the database. */
  memory?: boolean;
}

/** How long a search waits for the in-memory index's first load before it asks the database instead. */
const INDEX_WAIT_MS = 2_000;

/**
 * Runs a resolved search: counts and facets, then one page of hits. When the words match nothing, it
 * looks again by title similarity (unless `similar` is false, as for e-mail alerts, which must be exact).
 */
export async function runSearch(db: Db, asked: ResolvedSearch, now: Date, options: SearchOptions = {}): Promise<SearchResult> {
  // E-mail alerts send only offers matching every meaningful word.
  const search = asked.text && options.similar === false ? { ...asked, text: strictText(asked.text) } : asked;
  if (options.memory) {
    const live = liveOfferIndex(db);
    const index = await live.loaded(db, INDEX_WAIT_MS);
    if (index) {
      const refreshing = live.refresh(db);
      // A look at the changes that failed leaves the index behind: this search asks the database.
      const failed = refreshing.then(
        () => false,
        () => true,
      );
      const answer = await runIndexed(db, index, failed, search, now, options.similar ?? true);
      if (answer) return answer;
    }
  }
  return runInDatabase(db, search, now, options);
}

function pageOf(search: ResolvedSearch): number {
  return Math.min(Math.max(1, search.params.page), MAX_PAGE);
}

/** What the in-memory index is asked for a resolved search (its page of PER_PAGE hits). */
export function indexQuery(search: ResolvedSearch, now: Date, mode: IndexQuery['mode']): IndexQuery {
  const p = search.params;
  return {
    words: search.text?.words.map(({ word, terms, filler }) => ({ word, terms, filler })),
    required: search.text?.required ?? 1,
    // Partial matches only when the full ones do not fill a page (docs/search.md), as in the database.
    fullFirst: mode === 'fulltext' ? PER_PAGE : undefined,
    mode,
    networkId: search.networkId,
    fields: p.fields,
    targetGroups: p.targetGroups,
    municipalityIds: search.municipalityIds,
    commitments: p.commitments,
    weekdays: p.weekdays,
    timesOfDay: p.timesOfDay,
    suitability: p.suitability,
    remoteOnly: p.remoteOnly,
    position: search.position,
    radiusKm: search.radiusKm,
    sort: search.sort,
    now: now.getTime(),
    publishedAfter: search.publishedAfter?.getTime(),
    offset: (pageOf(search) - 1) * PER_PAGE,
    limit: PER_PAGE,
  };
}

/**
 * The search over the in-memory index: every count exact; the texts of the page's hits from the
 * database. Undefined when the look at the changes failed: the caller asks the database instead.
 */
async function runIndexed(
  db: Db,
  index: OfferIndex,
  refreshFailed: Promise<boolean>,
  search: ResolvedSearch,
  now: Date,
  similar: boolean,
): Promise<SearchResult | undefined> {
  const page = pageOf(search);
  const query = (mode: IndexQuery['mode']) => indexQuery(search, now, mode);
  // The look at the changes since the last search goes to the database first; the index is searched
  // while it travels, and once more in the rare case that it brought changes.
  await new Promise((resolve) => setImmediate(resolve));
  const version = index.version;
  const searched = (): { found: IndexAnswer; mode: SearchResult['mode']; exact: number } => {
    const found = index.search(query('fulltext'));
    if (search.text && found.total === 0 && similar) {
      return { found: index.search(indexQuery({ ...search, text: withCorrections(search.text) }, now, 'similar')), mode: 'similar', exact: 0 };
    }
    return { found, mode: search.text ? 'fulltext' : 'all', exact: found.total };
  };
  let answer = searched();
  if (await refreshFailed) return undefined;
  if (index.version !== version) answer = searched();
  const { found, mode, exact } = answer;
  // Which hits match only some of the words is told by the database (with the compounds' lexemes), as
  // for its own search; none does when only full matches were counted.
  const partly = search.text && search.text.meaningful > 1 && !found.fullOnly;
  const items = await loadHits(db, partly ? { ...search, text: await withParts(db, search.text!) } : search, found.ids, { coverage: Boolean(partly) });
  const similarTitles = mode === 'similar' && found.total > 0 ? items.map((i) => i.title) : undefined;
  // After the typo search, the suggestion is read from its titles: no database (and no transaction) needed.
  const suggested =
    similar && search.text && exact < FEW
      ? similarTitles
        ? await suggest(db, search, now, similarTitles)
        : await inSearchTransaction(db, { indexScans: true }, (tx) => suggest(tx, search, now))
      : undefined;
  // A suggestion only where it finds more than the words typed.
  const suggestion =
    suggested && (await leadsToMore(db, suggested, exact, async (text) => index.countUpTo(indexQuery({ ...search, text }, now, 'fulltext'), exact + 1)));
  return {
    total: found.total,
    totalExact: true,
    page,
    perPage: PER_PAGE,
    items,
    facets: found.facets,
    facetsExact: allGroups(true),
    mode,
    partial: mode === 'fulltext' && items.some((item) => item.partial),
    suggestion,
    sort: search.sort,
    position: search.position,
    radiusKm: search.radiusKm,
  };
}

/** Whether the suggested words find more offers than `total`, counted by `count` (the engine's own). */
async function leadsToMore(
  db: Db,
  suggested: string,
  total: number,
  count: (text: TextQuery) => Promise<number>,
): Promise<string | undefined> {
  const text = await prepareText(db, wordsOf(suggested));
  if (!text) return undefined;
  return (await count(text)) > total ? suggested : undefined;
}

/** The search in the database: counts exact up to the limit (see COUNT_LIMIT). */
async function runInDatabase(db: Db, asked: ResolvedSearch, now: Date, options: SearchOptions): Promise<SearchResult> {
  const search = asked.text ? { ...asked, text: await withParts(db, asked.text) } : asked;
  const similar = options.similar ?? true;
  const limit = options.countLimit ?? COUNT_LIMIT;
  const page = pageOf(search);
  const slice = { limit: PER_PAGE, offset: (page - 1) * PER_PAGE };
  let mode: SearchResult['mode'] = search.text ? 'fulltext' : 'all';
  // One transaction for the readings of a search: fewer round trips, which count on PGlite.
  const { scanned, items, suggestion } = await inSearchTransaction(db, { indexScans: Boolean(search.text) }, async (tx) => {
    // Partial matches only when the full ones do not fill a page (docs/search.md), as in the index.
    const partly = search.text && search.text.required < search.text.meaningful;
    let found = partly ? await scan(tx, { search: { ...search, text: strictText(search.text!) }, now, mode: 'fulltext', limit }, slice) : undefined;
    if (!found || found.total < PER_PAGE) found = await scan(tx, { search, now, mode: search.text ? 'fulltext' : undefined, limit }, slice);
    const exact = found.total;
    if (search.text && found.total === 0 && similar) {
      mode = 'similar';
      const corrected = withCorrections(asked.text!);
      const typo = corrected === asked.text ? search : { ...search, text: await withParts(tx, corrected) };
      found = await scan(tx, { search: typo, now, mode: 'similar', limit }, slice);
    }
    const items = await loadHits(tx, search, found.ids);
    const similarTitles = mode === 'similar' && found.total > 0 ? items.map((i) => i.title) : undefined;
    const suggested = similar && search.text && exact < FEW ? await suggest(tx, search, now, similarTitles) : undefined;
    const counted = async (text: TextQuery) => (await scan(tx, { search: { ...search, text: await withParts(tx, text) }, now, mode: 'fulltext', limit }, slice)).total;
    return { scanned: found, items, suggestion: suggested && (await leadsToMore(tx, suggested, exact, counted)) };
  });
  return {
    total: scanned.total,
    totalExact: scanned.totalExact,
    page,
    perPage: PER_PAGE,
    items,
    facets: scanned.facets,
    facetsExact: scanned.facetsExact,
    mode,
    partial: mode === 'fulltext' && items.some((item) => item.partial),
    suggestion,
    sort: search.sort,
    position: search.position,
    radiusKm: search.radiusKm,
  };
}
