import { and, eq, lt, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { FigureSource } from '../../platform/module.ts';
import type { RetentionRule } from '../../platform/privacy.ts';
import { organisations } from '../organisations/index.ts';
import { cardApplications, cards, hoursEntries } from './schema.ts';

/** Confirmed hours by the month they were given and the organisation's municipality; cards by month of issue. */
export const recognitionFigures: FigureSource[] = [
  {
    key: 'recognition.hours',
    label: 'recognition.figure.hours',
    async count(deps, scope) {
      const rows = await deps.db
        .select({
          month: sql<string>`to_char(${hoursEntries.day}, 'YYYY-MM')`,
          municipalityId: organisations.municipalityId,
          value: sql<number>`sum(${hoursEntries.hours})::float8`,
        })
        .from(hoursEntries)
        // Hours at the office's own events have no organisation: they count network-wide.
        .leftJoin(organisations, eq(organisations.id, hoursEntries.organisationId))
        .where(
          and(
            eq(hoursEntries.networkId, scope.networkId),
            eq(hoursEntries.status, 'confirmed'),
            sql`${hoursEntries.day} >= ${scope.from.toISOString().slice(0, 10)} and ${hoursEntries.day} < ${scope.to.toISOString().slice(0, 10)}`,
            scope.municipalityId ? eq(organisations.municipalityId, scope.municipalityId) : undefined,
          ),
        )
        .groupBy(sql`1`, organisations.municipalityId);
      return rows.map((r) => ({ month: r.month, municipalityId: r.municipalityId, value: Number(r.value) }));
    },
  },
  {
    key: 'recognition.cards',
    label: 'recognition.figure.cards',
    async count(deps, scope) {
      const rows = await deps.db
        .select({
          month: sql<string>`to_char(${cards.validFrom}, 'YYYY-MM')`,
          municipalityId: cardApplications.municipalityId,
          value: sql<number>`count(*)::int`,
        })
        .from(cards)
        .innerJoin(cardApplications, eq(cardApplications.id, cards.applicationId))
        .where(
          and(
            eq(cards.networkId, scope.networkId),
            sql`${cards.validFrom} >= ${scope.from.toISOString().slice(0, 10)} and ${cards.validFrom} < ${scope.to.toISOString().slice(0, 10)}`,
            scope.municipalityId ? eq(cardApplications.municipalityId, scope.municipalityId) : undefined,
          ),
        )
        .groupBy(sql`1`, cardApplications.municipalityId);
      return rows.map((r) => ({ month: r.month, municipalityId: r.municipalityId, value: Number(r.value) }));
    },
  },
];

export const recognitionRetention: RetentionRule[] = [
  {
    key: 'recognition.rejected_hours',
    label: 'recognition.retention.rejectedHours',
    defaultMonths: 6,
    minMonths: 1,
    maxMonths: 36,
    async purge(db, { networkId, before }) {
      const removed = await (db as NodePgDatabase)
        .delete(hoursEntries)
        .where(and(eq(hoursEntries.networkId, networkId), eq(hoursEntries.status, 'rejected'), lt(hoursEntries.decidedAt, before)))
        .returning({ id: hoursEntries.id });
      return removed.length;
    },
  },
  {
    key: 'recognition.decided_applications',
    label: 'recognition.retention.decidedApplications',
    defaultMonths: 24,
    minMonths: 6,
    maxMonths: 60,
    async purge(db, { networkId, before }) {
      // Approved applications stay while their card exists (the card points to them); rejected and withdrawn ones go.
      const removed = await (db as NodePgDatabase)
        .delete(cardApplications)
        .where(and(eq(cardApplications.networkId, networkId), sql`${cardApplications.status} in ('rejected', 'withdrawn')`, lt(cardApplications.createdAt, before)))
        .returning({ id: cardApplications.id });
      return removed.length;
    },
  },
];
