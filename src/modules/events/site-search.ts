import { and, count, desc, eq, gte, or, sql } from 'drizzle-orm';
import { formatDateTime } from '../../platform/i18n/index.ts';
import type { SiteSearchSource } from '../../platform/module.ts';
import { networks } from '../../platform/networks/schema.ts';
import { events } from './schema.ts';

/** Upcoming and recent public events matching the words (German full text over title, place, description). */
export const eventsSiteSearch: SiteSearchSource = {
  label: 'events.nav',
  order: 20,
  async find(deps, query) {
    const q = sql`websearch_to_tsquery('german', ${query.words})`;
    const since = new Date(deps.clock().getTime() - 30 * 86_400_000);
    const condition = and(
      or(eq(events.status, 'published'), eq(events.status, 'cancelled')),
      gte(events.endsAt, since),
      sql`${events.search} @@ ${q}`,
      query.networkId ? eq(events.networkId, query.networkId) : undefined,
    );
    const [rows, totals] = await Promise.all([
      deps.db
        .select({ id: events.id, title: events.title, startsAt: events.startsAt, place: events.place, mode: events.mode, slug: networks.slug, network: networks.name })
        .from(events)
        .innerJoin(networks, eq(networks.id, events.networkId))
        .where(condition)
        .orderBy(desc(sql`ts_rank(${events.search}, ${q})`), events.startsAt)
        .limit(query.limit),
      deps.db.select({ n: count() }).from(events).where(condition),
    ]);
    return {
      total: totals[0]?.n ?? 0,
      hits: rows.map((r) => ({
        title: r.title,
        href: `/netzwerk/${r.slug}/veranstaltungen/${r.id}`,
        detail: [formatDateTime('de', r.startsAt), r.mode === 'online' ? 'Online' : r.place, r.network].filter(Boolean).join(' · '),
      })),
    };
  },
};
