import type { FastifyRequest } from 'fastify';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { findNetworkBySlug } from '../../platform/networks/queries.ts';
import type { Municipality, Network } from '../../platform/networks/schema.ts';
import { findMunicipalityByName } from '../feeds/index.ts';

export const THEMES = { hell: 'light', dunkel: 'dark' } as const;
export type Theme = (typeof THEMES)[keyof typeof THEMES];
export const DEFAULT_LIMIT = 5;

/** The query both frames share; each adds one filter (`feld` for offers, `art` for events). */
interface ScopeQuery {
  netzwerk: string;
  kommune?: string;
  anzahl?: number;
  design?: keyof typeof THEMES;
  [filter: string]: string | number | undefined;
}

/** What a frame shows: the network, perhaps one municipality, and the query of its "show all" link. */
export interface WidgetScope {
  network: Network;
  municipality: Municipality | undefined;
  theme: Theme;
  limit: number;
  /** `?kommune=…&<filter>=…` for the network's full list, or '' when nothing narrows it. */
  allQuery: string;
}

/** Why a frame shows its problem instead: the text, in the theme asked for when the query was readable. */
export interface WidgetRefusal {
  refused: { theme: Theme; text: string };
}

/**
 * Reads a widget's query: the network by its slug and the municipality by its name, both of which the
 * frame names back when they do not exist. `parametersError` is said when the query fails its schema.
 */
export async function widgetScope(request: FastifyRequest, frame: { filter: 'feld' | 'art'; parametersError: MessageKey }): Promise<WidgetScope | WidgetRefusal> {
  const t = request.t;
  const db = request.server.deps.db;
  const query = request.query as ScopeQuery;
  const theme = THEMES[query.design ?? 'hell'] ?? 'light';
  if (request.validationError) return { refused: { theme: 'light', text: t(frame.parametersError) } };
  const network = await findNetworkBySlug(db, query.netzwerk);
  if (!network) return { refused: { theme, text: t('widget.error.network', { name: query.netzwerk }) } };
  let municipality: Municipality | undefined;
  if (query.kommune) {
    municipality = await findMunicipalityByName(db, network.id, query.kommune);
    if (!municipality) return { refused: { theme, text: t('widget.error.municipality', { name: query.kommune, network: network.name }) } };
  }
  const search = new URLSearchParams();
  if (municipality) search.set('kommune', municipality.id);
  const filter = query[frame.filter];
  if (typeof filter === 'string' && filter) search.set(frame.filter, filter);
  return { network, municipality, theme, limit: query.anzahl ?? DEFAULT_LIMIT, allQuery: search.size ? `?${search}` : '' };
}
