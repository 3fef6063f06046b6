import { and, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { eventRegistrations, events } from './schema.ts';

/**
 * The events a person was marked present at (attendance taken, seat confirmed) that ended in [from, to]:
 * what the recognition module proposes as hours. Read-only; the organiser is the organisation, or the
 * network office where organisationId is null.
 */
export async function attendedEventsOf(
  db: Db,
  userId: string,
  range: { from: Date; to: Date },
): Promise<Array<{ eventId: string; networkId: string; organisationId: string | null; title: string; startsAt: Date; endsAt: Date }>> {
  return db
    .select({ eventId: events.id, networkId: events.networkId, organisationId: events.organisationId, title: events.title, startsAt: events.startsAt, endsAt: events.endsAt })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(
      and(
        eq(eventRegistrations.userId, userId),
        eq(eventRegistrations.status, 'confirmed'),
        eq(eventRegistrations.attended, true),
        gte(events.endsAt, range.from),
        lte(events.endsAt, range.to),
      ),
    );
}
