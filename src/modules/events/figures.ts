import { sql } from 'drizzle-orm';
import type { FigureScope, FigureSource } from '../../platform/module.ts';
import type { AppDeps } from '../../platform/deps.ts';

/*
 * The overview's figures of events, per month (German calendar) and municipality of the event: events
 * held (published and over), seats taken, people present, and the attendance rate (present of those
 * with a seat whose attendance was taken, in percent).
 */

type Row = { month: string; municipality_id: string | null; value: number | string };

async function rows(deps: AppDeps, scope: FigureScope, select: ReturnType<typeof sql>): Promise<Array<{ month: string; municipalityId: string | null; value: number }>> {
  const result = (await deps.db.execute(sql`
    select to_char(e.starts_at at time zone 'Europe/Berlin', 'YYYY-MM') as month, e.municipality_id, ${select} as value
    from events e
    where e.network_id = ${scope.networkId}
      and e.status = 'published'
      and e.starts_at >= ${scope.from.toISOString()}::timestamptz and e.starts_at < ${scope.to.toISOString()}::timestamptz
      and e.ends_at <= ${deps.clock().toISOString()}::timestamptz
      ${scope.municipalityId ? sql`and e.municipality_id = ${scope.municipalityId}` : sql``}
    group by 1, 2
    order by 1, 2`)) as unknown as { rows: Row[] };
  return result.rows.map((r) => ({ month: r.month, municipalityId: r.municipality_id, value: Number(r.value) }));
}

const taken = sql`(select count(*) from event_registrations r where r.event_id = e.id and r.status = 'confirmed')`;
const present = sql`(select count(*) from event_registrations r where r.event_id = e.id and r.status = 'confirmed' and r.attended)`;
const recorded = sql`(select count(*) from event_registrations r where r.event_id = e.id and r.status = 'confirmed' and r.attended is not null)`;

export const eventFigures: FigureSource[] = [
  { key: 'events.held', label: 'events.figures.held', count: (deps, scope) => rows(deps, scope, sql`count(*)::int`) },
  { key: 'events.registrations', label: 'events.figures.registrations', count: (deps, scope) => rows(deps, scope, sql`sum(${taken})::int`) },
  { key: 'events.attended', label: 'events.figures.attended', count: (deps, scope) => rows(deps, scope, sql`sum(${present})::int`) },
  {
    key: 'events.attendanceRate',
    label: 'events.figures.attendanceRate',
    count: (deps, scope) => rows(deps, scope, sql`coalesce(round(100.0 * sum(${present}) / nullif(sum(${recorded}), 0)), 0)::int`),
  },
];
