import type { Commitment, Field } from '../../platform/vocabulary.ts';
import type { FacetGroup, Sort } from './params.ts';
import type { ResolvedSearch } from './resolve.ts';

export interface OfferHit {
  id: string;
  title: string;
  organisation: { id: string; name: string };
  network: { slug: string; name: string };
  municipality: { id: string; name: string } | null;
  place: string;
  field: Field;
  commitment: Commitment;
  remote: boolean;
  distanceKm: number | null;
  /** Matches only some of the meaningful words typed (a partial match, ranked after the full ones). */
  partial: boolean;
  /** Plain text with MARK_START/MARK_STOP around the words that matched. */
  snippet: string;
  publishedAt: Date | null;
}

export interface FacetValue {
  value: string;
  count: number;
}

export type Facets = Record<FacetGroup, FacetValue[]>;

/**
 * Counts are exact up to this many matching offers. Beyond it a search reads only this many (plus one,
 * to know there are more): the nearest ones around a place, else the newest; the total then reads
 * "more than 1,000", pages end there, and a filter group's counts are shown only where they are complete.
 */
export const COUNT_LIMIT = 1000;

export interface SearchResult {
  /** Exact from the in-memory index; from the database at most COUNT_LIMIT, with `totalExact` false when more offers match. */
  total: number;
  totalExact: boolean;
  page: number;
  perPage: number;
  items: OfferHit[];
  /** Counts per filter value; empty for a group whose `facetsExact` is false (too many offers to count). */
  facets: Facets;
  facetsExact: Record<FacetGroup, boolean>;
  /** fulltext: the words were found; similar: nothing was, these are offers with similar titles. */
  mode: 'all' | 'fulltext' | 'similar';
  /** Some hits of the page match only some of the words (the page says so). */
  partial: boolean;
  /** A corrected query text when few or no offers matched ("Meinten Sie …?"). */
  suggestion: string | undefined;
  sort: Sort;
  position: ResolvedSearch['position'];
  radiusKm: number | undefined;
}
