import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { berlinDay } from '../../platform/berlin-time.ts';
import { networks } from '../../platform/networks/schema.ts';
import { attendedEventsOf } from '../events/index.ts';
import { organisations } from '../organisations/index.ts';
import { engagementsOfVolunteer } from '../placements/index.ts';
import { hoursEntries, hoursProposalDismissals, PROPOSAL_KINDS, type ProposalKind } from './schema.ts';

/*
 * Hours proposals are computed when the log is read, not stored: an event the person was marked present at,
 * or a placement that came about, is a proposal until an hours entry points to it (whatever became of the
 * entry) or the person dismissed it. Only the dismissal is stored. So a proposal cannot appear twice, needs
 * no job to create it, and an attendance corrected by the organiser (present → absent) takes it away again.
 */

export interface Proposal {
  /** `event:<id>` or `placement:<id>`: what the forms send back. */
  key: string;
  kind: ProposalKind;
  sourceId: string;
  networkId: string;
  /** The organisation that confirms the hours; null for an event of the network office. */
  organisationId: string | null;
  /** The organisation's name, or the network's for the office. */
  confirmer: string;
  /** The event's title or the offer's. */
  title: string;
  /** The day the hours are booked on: the event's (German) day; for a placement, today. */
  day: string;
  /** Hours from the event's times (quarter hours, at most 24); null for a placement. */
  hours: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
}

/** How far back proposals go: the log takes no day older than three years. */
const YEARS_BACK = 3;

export function parseProposalKey(key: string): { kind: ProposalKind; sourceId: string } | null {
  const match = /^(event|placement):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(key);
  const kind = PROPOSAL_KINDS.find((k) => k === match?.[1]);
  return kind && match?.[2] ? { kind, sourceId: match[2].toLowerCase() } : null;
}

/** An event's length in hours, rounded to a quarter hour and at most a day. */
export function eventHours(startsAt: Date, endsAt: Date): number {
  const hours = Math.round(((endsAt.getTime() - startsAt.getTime()) / 3_600_000) * 4) / 4;
  return Math.min(24, Math.max(0.25, hours));
}

/** The person's open proposals, newest event first, placements after the events. */
export async function proposalsOf(db: Db, userId: string, now: Date): Promise<Proposal[]> {
  const from = new Date(now);
  from.setUTCFullYear(from.getUTCFullYear() - YEARS_BACK);
  const [attended, placed] = await Promise.all([attendedEventsOf(db, userId, { from, to: now }), engagementsOfVolunteer(db, userId)]);
  if (attended.length === 0 && placed.length === 0) return [];

  const [used, dismissed] = await Promise.all([
    db
      .select({ eventId: hoursEntries.eventId, placementId: hoursEntries.placementId })
      .from(hoursEntries)
      .where(and(eq(hoursEntries.userId, userId), or(isNotNull(hoursEntries.eventId), isNotNull(hoursEntries.placementId)))),
    db.select({ kind: hoursProposalDismissals.kind, sourceId: hoursProposalDismissals.sourceId }).from(hoursProposalDismissals).where(eq(hoursProposalDismissals.userId, userId)),
  ]);
  const gone = new Set([
    ...used.flatMap((u) => [u.eventId ? `event:${u.eventId}` : null, u.placementId ? `placement:${u.placementId}` : null]).filter((k): k is string => k !== null),
    ...dismissed.map((d) => `${d.kind}:${d.sourceId}`),
  ]);

  const organisationIds = [...new Set([...attended.flatMap((e) => (e.organisationId ? [e.organisationId] : [])), ...placed.map((p) => p.organisationId)])];
  const networkIds = [...new Set(attended.filter((e) => !e.organisationId).map((e) => e.networkId))];
  const [orgs, nets] = await Promise.all([
    organisationIds.length
      ? db.select({ id: organisations.id, name: organisations.name, status: organisations.status }).from(organisations).where(inArray(organisations.id, organisationIds))
      : Promise.resolve([]),
    networkIds.length ? db.select({ id: networks.id, name: networks.name }).from(networks).where(inArray(networks.id, networkIds)) : Promise.resolve([]),
  ]);
  // Hours are logged only at verified organisations; a proposal for another would fail when accepted.
  const orgName = new Map(orgs.filter((o) => o.status === 'verified').map((o) => [o.id, o.name]));
  const netName = new Map(nets.map((n) => [n.id, n.name]));

  const proposals: Proposal[] = [];
  for (const event of [...attended].sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())) {
    const key = `event:${event.eventId}`;
    const confirmer = event.organisationId ? orgName.get(event.organisationId) : netName.get(event.networkId);
    if (gone.has(key) || confirmer === undefined) continue;
    proposals.push({
      key,
      kind: 'event',
      sourceId: event.eventId,
      networkId: event.networkId,
      organisationId: event.organisationId,
      confirmer,
      title: event.title,
      day: berlinDay(event.startsAt),
      hours: eventHours(event.startsAt, event.endsAt),
      startsAt: event.startsAt,
      endsAt: event.endsAt,
    });
  }
  const today = berlinDay(now);
  for (const placement of placed) {
    const key = `placement:${placement.placementId}`;
    const confirmer = orgName.get(placement.organisationId);
    if (gone.has(key) || confirmer === undefined) continue;
    proposals.push({
      key,
      kind: 'placement',
      sourceId: placement.placementId,
      networkId: placement.networkId,
      organisationId: placement.organisationId,
      confirmer,
      title: placement.offerTitle,
      day: today,
      hours: null,
      startsAt: null,
      endsAt: null,
    });
  }
  return proposals;
}

/** One open proposal of the person by its key, or undefined when it is not (or no longer) theirs to take. */
export async function findProposal(db: Db, userId: string, key: string, now: Date): Promise<Proposal | undefined> {
  if (!parseProposalKey(key)) return undefined;
  return (await proposalsOf(db, userId, now)).find((p) => p.key === key);
}

/** "No, thanks": the proposal stays away. Dismissing twice, or something that is not a proposal, changes nothing. */
export async function dismissProposal(db: Db, userId: string, key: string, now: Date): Promise<boolean> {
  const parsed = parseProposalKey(key);
  if (!parsed) return false;
  await db.insert(hoursProposalDismissals).values({ userId, kind: parsed.kind, sourceId: parsed.sourceId, dismissedAt: now }).onConflictDoNothing();
  return true;
}
