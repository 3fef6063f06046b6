import type { SiteSearchSource } from '../../platform/module.ts';
import { resolveSearch, runSearch } from './queries.ts';
import { toSearchParams } from './params.ts';
import { MARK_START, MARK_STOP } from './text.ts';

/** Offers in the site-wide search (/suche): the offer search itself, its first hits and its total. */
export const offersSiteSearch: SiteSearchSource = {
  label: 'sitesearch.group.offers',
  order: 10,
  async find(deps, query) {
    const { search } = await resolveSearch(deps.db, toSearchParams({ q: query.words }));
    const scoped = query.networkId ? { ...search, networkId: query.networkId } : search;
    const result = await runSearch(deps.db, scoped, deps.clock(), { memory: deps.config.searchIndex === 'memory', similar: false });
    return {
      total: result.total,
      hits: result.items.slice(0, query.limit).map((hit) => ({
        title: hit.title,
        href: `/angebote/${hit.id}`,
        snippet: hit.snippet.replaceAll(MARK_START, '').replaceAll(MARK_STOP, '') || undefined,
        detail: [hit.organisation.name, hit.municipality?.name ?? hit.place, hit.network.name].filter(Boolean).join(' · '),
      })),
    };
  },
};
