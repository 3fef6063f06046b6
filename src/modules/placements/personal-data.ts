import { and, eq, inArray, isNotNull, isNull, lt, ne, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { DataSubject, PersonalDataPart, RetentionRule } from '../../platform/privacy.ts';
import { offers } from '../offers/index.ts';
import { placementEvents, placementMessages, placements, type PlacementStatus } from './schema.ts';

function ownPlacements(subject: DataSubject): SQL | undefined {
  return or(eq(placements.volunteerId, subject.userId), eq(placements.volunteerEmail, subject.email));
}

async function ownPlacementIds(db: Db, subject: DataSubject): Promise<string[]> {
  const rows = await db.select({ id: placements.id }).from(placements).where(ownPlacements(subject));
  return rows.map((row) => row.id);
}

/*
 * A placement is also the organisation's record (and later the basis of confirmed hours), so erasure
 * anonymises it: the person's name, address, account and words go; the offer, status and dates stay.
 */
export const placementsPersonalData: PersonalDataPart[] = [
  {
    name: 'anfragen',
    label: 'privacy.kind.placements',
    tables: [{ table: 'placements', columns: ['volunteer_id', 'volunteer_name', 'volunteer_email', 'message', 'request_key'] }],
    async export(db, subject) {
      return db
        .select({
          id: placements.id,
          offer: offers.title,
          status: placements.status,
          name: placements.volunteerName,
          email: placements.volunteerEmail,
          message: placements.message,
          createdAt: placements.createdAt,
          lastActivityAt: placements.lastActivityAt,
          sharesContact: placements.volunteerSharesContact,
        })
        .from(placements)
        .leftJoin(offers, eq(offers.id, placements.offerId))
        .where(ownPlacements(subject));
    },
    async erase(db, subject) {
      await db
        .update(placements)
        .set({ volunteerId: null, volunteerName: '', volunteerEmail: '', message: '', requestKey: null, volunteerSharesContact: null })
        .where(ownPlacements(subject));
    },
  },
  {
    name: 'nachrichten',
    label: 'privacy.kind.placementMessages',
    tables: [{ table: 'placement_messages', columns: ['author_id', 'body'] }],
    async export(db, subject) {
      const ids = await ownPlacementIds(db, subject);
      const mine = ids.length > 0 ? or(eq(placementMessages.authorId, subject.userId), inArray(placementMessages.placementId, ids)) : eq(placementMessages.authorId, subject.userId);
      return db
        .select({ placement: placementMessages.placementId, at: placementMessages.at, side: placementMessages.side, body: placementMessages.body })
        .from(placementMessages)
        .where(mine);
    },
    async erase(db, subject) {
      const ids = await ownPlacementIds(db, subject);
      // The volunteer's own words in their placements go; the other side's messages stay with the placement.
      if (ids.length > 0) {
        await db.delete(placementMessages).where(and(inArray(placementMessages.placementId, ids), eq(placementMessages.side, 'volunteer')));
      }
      await db.update(placementMessages).set({ authorId: null }).where(eq(placementMessages.authorId, subject.userId));
    },
  },
  {
    name: 'vermittlungsverlauf',
    label: 'privacy.kind.placementEvents',
    tables: [{ table: 'placement_events', columns: ['actor_id', 'note'] }],
    async export(db, subject) {
      return db
        .select({ placement: placementEvents.placementId, at: placementEvents.at, from: placementEvents.fromStatus, to: placementEvents.toStatus, note: placementEvents.note })
        .from(placementEvents)
        .where(eq(placementEvents.actorId, subject.userId));
    },
    async erase(db, subject) {
      await db.update(placementEvents).set({ actorId: null, note: '' }).where(eq(placementEvents.actorId, subject.userId));
    },
  },
];

const CLOSED: PlacementStatus[] = ['ended', 'declined', 'no_answer'];

/** Retention: inquiries whose address was never confirmed, and closed placements, which are anonymised. */
export const placementsRetention: RetentionRule[] = [
  {
    key: 'placements.unconfirmed',
    label: 'privacy.retention.placements.unconfirmed',
    defaultMonths: 6,
    minMonths: 1,
    maxMonths: 24,
    async purge(db, scope) {
      const removed = await db
        .delete(placements)
        .where(and(eq(placements.networkId, scope.networkId), isNull(placements.emailConfirmedAt), isNull(placements.volunteerId), lt(placements.createdAt, scope.before)))
        .returning();
      return removed.length;
    },
  },
  {
    key: 'placements.closed',
    label: 'privacy.retention.placements.closed',
    defaultMonths: 36,
    minMonths: 12,
    maxMonths: 120,
    async purge(db, scope) {
      // Closed and still naming someone: the counts stay for the overview, the person goes.
      const due = await db
        .select({ id: placements.id })
        .from(placements)
        .where(
          and(
            eq(placements.networkId, scope.networkId),
            inArray(placements.status, CLOSED),
            lt(placements.lastActivityAt, scope.before),
            or(isNotNull(placements.volunteerId), ne(placements.volunteerEmail, ''), ne(placements.volunteerName, '')),
          ),
        );
      const ids = due.map((row) => row.id);
      if (ids.length === 0) return 0;
      await db
        .update(placements)
        .set({ volunteerId: null, volunteerName: '', volunteerEmail: '', message: '', requestKey: null, volunteerSharesContact: null })
        .where(inArray(placements.id, ids));
      await db.delete(placementMessages).where(inArray(placementMessages.placementId, ids));
      await db.update(placementEvents).set({ note: '', actorId: null }).where(inArray(placementEvents.placementId, ids));
      return ids.length;
    },
  },
];
