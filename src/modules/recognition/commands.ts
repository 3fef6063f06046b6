import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Db } from '../../platform/db.ts';
import { berlinDay } from '../../platform/berlin-time.ts';
import { networks } from '../../platform/networks/schema.ts';
import { organisations } from '../organisations/index.ts';
import { evaluate, type Eligibility } from './rules/engine.ts';
import { rulesOfState } from './rules/states.ts';
import type { Alternative, CardKind } from './rules/types.ts';
import {
  cardApplications,
  cards,
  cardSettings,
  engagementCertificates,
  hoursEntries,
  type HoursSource,
} from './schema.ts';
import { signPayload } from '../../platform/signing/index.ts';
import { shortNumber, type CardPayload, type CertificatePayload } from './signing.ts';
import { confirmedHoursOf } from './queries.ts';
import { dismissProposal, type Proposal } from './proposals.ts';
import { reminderWeeksOf, reminderWeeksProblem, type ReminderWeeks } from './reminders.ts';

/** Both engines' databases take the same calls; TypeScript cannot unite their `returning` overloads. */
const pg = (db: Db) => db as NodePgDatabase;
const asDb = (tx: unknown) => tx as Db;

export type Result<T = object> = ({ ok: true } & T) | { ok: false; code: string; field?: string };


export interface HoursInput {
  organisationId: string;
  day: string;
  hours: number;
  activity: string;
  /** The proposal the entry is made from (already found to be the person's); its organiser confirms. */
  proposal?: Pick<Proposal, 'kind' | 'sourceId' | 'networkId' | 'organisationId'> | undefined;
}

/**
 * A volunteer logs hours at an organisation, or takes over a proposal (then at its organiser, which may be
 * the network office). Refused: a day in the future or more than three years back, no or more than 24
 * hours, more than 24 hours on one day together with what is already logged, the same hours twice (same
 * organisation, day and amount), and a proposal that already became an entry.
 */
export async function logHours(db: Db, userId: string, input: HoursInput, now: Date): Promise<Result<{ id: string }>> {
  const today = berlinDay(now);
  if (input.day > today) return { ok: false, code: 'recognition.hours.future', field: 'day' };
  if (input.day < `${Number(today.slice(0, 4)) - 3}${today.slice(4)}`) return { ok: false, code: 'recognition.hours.tooOld', field: 'day' };
  if (!(input.hours > 0)) return { ok: false, code: 'recognition.hours.notPositive', field: 'hours' };
  if (input.hours > 24) return { ok: false, code: 'recognition.hours.moreThanADay', field: 'hours' };
  const proposal = input.proposal;
  let target: { organisationId: string | null; networkId: string };
  if (proposal) target = { organisationId: proposal.organisationId, networkId: proposal.networkId };
  else {
    const [organisation] = await db
      .select({ id: organisations.id, networkId: organisations.networkId, status: organisations.status })
      .from(organisations)
      .where(eq(organisations.id, input.organisationId));
    if (!organisation || organisation.status !== 'verified') return { ok: false, code: 'recognition.hours.unknownOrganisation', field: 'organisationId' };
    target = { organisationId: organisation.id, networkId: organisation.networkId };
  }
  const origin = proposal ? (proposal.kind === 'event' ? { eventId: proposal.sourceId } : { placementId: proposal.sourceId }) : {};

  return (db as NodePgDatabase).transaction(async (tx) => {
    // One person's entries are written one at a time, so two tabs cannot both fit into the same day.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`hours:${userId}`}))`);
    if (proposal) {
      const [taken] = await tx
        .select({ id: hoursEntries.id })
        .from(hoursEntries)
        .where(and(eq(hoursEntries.userId, userId), proposal.kind === 'event' ? eq(hoursEntries.eventId, proposal.sourceId) : eq(hoursEntries.placementId, proposal.sourceId)));
      if (taken) return { ok: false as const, code: 'recognition.proposal.gone', field: 'hours' };
    }
    const sameDay = await tx
      .select({ organisationId: hoursEntries.organisationId, hours: hoursEntries.hours })
      .from(hoursEntries)
      .where(and(eq(hoursEntries.userId, userId), eq(hoursEntries.day, input.day), ne(hoursEntries.status, 'rejected'), ne(hoursEntries.source, 'organisation')));
    if (sameDay.some((e) => e.organisationId === target.organisationId && Number(e.hours) === input.hours)) {
      return { ok: false as const, code: 'recognition.hours.duplicate', field: 'hours' };
    }
    const logged = sameDay.reduce((sum, e) => sum + Number(e.hours), 0);
    if (logged + input.hours > 24) return { ok: false as const, code: 'recognition.hours.dayFull', field: 'hours' };
    const [row] = await tx
      .insert(hoursEntries)
      .values({
        userId,
        networkId: target.networkId,
        organisationId: target.organisationId,
        ...origin,
        day: input.day,
        hours: input.hours,
        activity: input.activity.trim(),
        source: (proposal?.kind ?? 'volunteer') satisfies HoursSource,
        createdAt: now,
      })
      .returning({ id: hoursEntries.id });
    return { ok: true as const, id: row!.id };
  });
}

/**
 * Volunteers take back their own entries until the organisation confirmed them. An entry made from a
 * proposal counts as dismissing it: the proposal does not come back.
 */
export async function withdrawHours(db: Db, userId: string, entryId: string, now = new Date()): Promise<Result> {
  const removed = await pg(db)
    .delete(hoursEntries)
    .where(and(eq(hoursEntries.id, entryId), eq(hoursEntries.userId, userId), ne(hoursEntries.status, 'confirmed')))
    .returning({ eventId: hoursEntries.eventId, placementId: hoursEntries.placementId });
  const entry = removed[0];
  if (!entry) return { ok: false, code: 'recognition.hours.locked' };
  if (entry.eventId) await dismissProposal(db, userId, `event:${entry.eventId}`, now);
  if (entry.placementId) await dismissProposal(db, userId, `placement:${entry.placementId}`, now);
  return { ok: true };
}

/**
 * The organisation confirms or rejects pending entries, one or many at once; a rejection needs a reason.
 * With `organisationId: null` the network office decides on the hours at its own events in `networkId`.
 */
export async function decideHours(
  db: Db,
  input: { organisationId: string | null; networkId?: string; entryIds: string[]; decision: 'confirm' | 'reject'; reason: string; actorId: string },
  now: Date,
): Promise<Result<{ count: number }>> {
  if (input.entryIds.length === 0) return { ok: false, code: 'recognition.hours.noneChosen', field: 'entryIds' };
  const reason = input.reason.trim();
  if (input.decision === 'reject' && !reason) return { ok: false, code: 'recognition.hours.reasonRequired', field: 'reason' };
  const changed = await pg(db)
    .update(hoursEntries)
    .set({
      status: input.decision === 'confirm' ? 'confirmed' : 'rejected',
      reason: input.decision === 'reject' ? reason : null,
      decidedBy: input.actorId,
      decidedAt: now,
    })
    .where(
      and(
        input.organisationId ? eq(hoursEntries.organisationId, input.organisationId) : and(isNull(hoursEntries.organisationId), eq(hoursEntries.networkId, input.networkId ?? '')),
        eq(hoursEntries.status, 'pending'),
        inArray(hoursEntries.id, input.entryIds),
      ),
    )
    .returning({ id: hoursEntries.id });
  return { ok: true, count: changed.length };
}

/**
 * The organisation confirms engagement that was not logged here (before the platform, or on paper) as one
 * entry, with the reason; it counts like confirmed hours on the day given.
 */
export async function confirmEngagementDirectly(
  db: Db,
  input: { organisationId: string; networkId: string; userId: string; day: string; hours: number; reason: string; actorId: string },
  now: Date,
): Promise<Result<{ id: string }>> {
  const reason = input.reason.trim();
  if (!reason) return { ok: false, code: 'recognition.hours.reasonRequired', field: 'reason' };
  if (input.day > berlinDay(now)) return { ok: false, code: 'recognition.hours.future', field: 'day' };
  if (!(input.hours > 0) || input.hours > 5000) return { ok: false, code: 'recognition.hours.notPositive', field: 'hours' };
  const [row] = await pg(db)
    .insert(hoursEntries)
    .values({
      userId: input.userId,
      networkId: input.networkId,
      organisationId: input.organisationId,
      day: input.day,
      hours: input.hours,
      activity: reason,
      source: 'organisation',
      status: 'confirmed',
      decidedBy: input.actorId,
      decidedAt: now,
      createdAt: now,
    })
    .returning({ id: hoursEntries.id });
  return { ok: true, id: row!.id };
}

/** The rules a network follows (its state's, with its own changes); null when the network has chosen none. */
export async function networkRules(db: Db, networkId: string) {
  return (await cardSettingsOf(db, networkId)).chosen;
}

/** A network's card settings in one reading: the state's rules it chose (null: none yet) and its reminder weeks. */
export async function cardSettingsOf(db: Db, networkId: string) {
  const [settings] = await db.select().from(cardSettings).where(eq(cardSettings.networkId, networkId));
  const rules = settings ? rulesOfState(settings.state) : undefined;
  return { chosen: rules ? { rules, overrides: settings!.overrides } : null, reminders: reminderWeeksOf(settings) };
}

export async function eligibilityOf(
  db: Db,
  input: { userId: string; networkId: string; birthDate: string | null; alternatives: Alternative[]; allowanceEuroPerYear: number },
  now: Date,
): Promise<Eligibility[] | null> {
  const chosen = await networkRules(db, input.networkId);
  if (!chosen) return null;
  const hours = await confirmedHoursOf(db, input.userId);
  return evaluate(
    chosen.rules,
    { today: berlinDay(now), birthDate: input.birthDate, hours, alternatives: input.alternatives, allowanceEuroPerYear: input.allowanceEuroPerYear },
    chosen.overrides,
  );
}

export interface ApplicationInput {
  networkId: string;
  municipalityId: string | null;
  kind: CardKind;
  holderName: string;
  birthDate: string | null;
  allowanceEuro: number;
  alternative: Alternative | null;
  note: string;
  /** The applicant's own card this application renews (checked by the caller). */
  renewalOf?: string | null | undefined;
}

/**
 * A volunteer applies for a card. The application is refused at once, with the missing hours named, when the
 * confirmed hours and proofs do not reach the rule; the municipality decides on the rest (a proof such as a
 * Juleica is checked by them). One open application per person, network and kind.
 */
export async function applyForCard(db: Db, userId: string, input: ApplicationInput, now: Date): Promise<Result<{ id: string }> | { ok: false; code: 'recognition.apply.notEligible'; eligibility: Eligibility }> {
  const all = await eligibilityOf(
    db,
    { userId, networkId: input.networkId, birthDate: input.birthDate, alternatives: input.alternative ? [input.alternative] : [], allowanceEuroPerYear: input.allowanceEuro },
    now,
  );
  if (!all) return { ok: false, code: 'recognition.apply.noRules' };
  const eligibility = all.find((e) => e.kind === input.kind);
  if (!eligibility) return { ok: false, code: 'recognition.apply.unknownKind', field: 'kind' };
  if (!eligibility.eligible) return { ok: false, code: 'recognition.apply.notEligible', eligibility };
  const inserted = await pg(db)
    .insert(cardApplications)
    .values({
      userId,
      networkId: input.networkId,
      municipalityId: input.municipalityId,
      kind: input.kind,
      holderName: input.holderName.trim(),
      birthDate: input.birthDate,
      allowanceEuro: input.allowanceEuro,
      alternative: input.alternative,
      note: input.note.trim(),
      renewalOf: input.renewalOf ?? null,
      evidence: eligibility.periods,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: cardApplications.id });
  if (!inserted[0]) return { ok: false, code: 'recognition.apply.alreadyOpen' };
  return { ok: true, id: inserted[0].id };
}

/**
 * The municipality contact or the office decides. Only a submitted application can be decided, in one
 * statement, so two approvals at the same moment issue one card; the card's code is signed here.
 */
export async function decideApplication(
  db: Db,
  secret: string,
  input: { applicationId: string; decision: 'approve' | 'reject'; reason: string; actorId: string },
  now: Date,
): Promise<Result<{ cardId?: string }>> {
  const reason = input.reason.trim();
  if (input.decision === 'reject' && !reason) return { ok: false, code: 'recognition.decide.reasonRequired', field: 'reason' };
  return (db as NodePgDatabase).transaction(async (tx) => {
    const [application] = await tx
      .update(cardApplications)
      .set({ status: input.decision === 'approve' ? 'approved' : 'rejected', reason: reason || null, decidedBy: input.actorId, decidedAt: now })
      .where(and(eq(cardApplications.id, input.applicationId), eq(cardApplications.status, 'submitted')))
      .returning();
    if (!application) return { ok: false as const, code: 'recognition.decide.alreadyDecided' };
    if (input.decision === 'reject') return { ok: true as const };

    const chosen = await networkRules(asDb(tx), application.networkId);
    const variant = chosen?.rules.variants.find((v) => v.kind === application.kind);
    const validityYears = application.kind === 'standard' && chosen?.overrides.validityYears !== undefined ? chosen.overrides.validityYears : variant?.validityYears ?? null;
    const validFrom = berlinDay(now);
    const validUntil = variant?.editionEnds ?? (validityYears === null ? null : lastDayBefore(validFrom, validityYears));
    const [network] = await tx.select({ name: networks.name, region: networks.region }).from(networks).where(eq(networks.id, application.networkId));
    const region = network?.region || network?.name || '';
    const number = shortNumber('EK');
    const code = await signPayload<CardPayload>(asDb(tx), secret, { t: 'card', no: number, n: application.holderName, r: region, k: application.kind, u: validUntil }, now);
    const [card] = await tx
      .insert(cards)
      .values({
        number,
        applicationId: application.id,
        userId: application.userId,
        networkId: application.networkId,
        holderName: application.holderName,
        region,
        kind: application.kind,
        validFrom,
        validUntil,
        code,
        createdAt: now,
      })
      .returning({ id: cards.id });
    return { ok: true as const, cardId: card!.id };
  });
}

function lastDayBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

export async function withdrawApplication(db: Db, userId: string, applicationId: string): Promise<Result> {
  const changed = await pg(db)
    .update(cardApplications)
    .set({ status: 'withdrawn' })
    .where(and(eq(cardApplications.id, applicationId), eq(cardApplications.userId, userId), eq(cardApplications.status, 'submitted')))
    .returning({ id: cardApplications.id });
  return changed.length ? { ok: true } : { ok: false, code: 'recognition.decide.alreadyDecided' };
}

export async function revokeCard(db: Db, input: { cardId: string; reason: string }, now: Date): Promise<Result> {
  const reason = input.reason.trim();
  if (!reason) return { ok: false, code: 'recognition.revoke.reasonRequired', field: 'reason' };
  const changed = await pg(db)
    .update(cards)
    .set({ status: 'revoked', revokedAt: now, revokedReason: reason })
    .where(and(eq(cards.id, input.cardId), eq(cards.status, 'valid')))
    .returning({ id: cards.id });
  return changed.length ? { ok: true } : { ok: false, code: 'recognition.revoke.already' };
}

/** A network chooses the state whose rules its municipalities follow. */
export async function chooseState(db: Db, networkId: string, state: string, now: Date): Promise<Result> {
  if (!rulesOfState(state)) return { ok: false, code: 'recognition.settings.unknownState', field: 'state' };
  await pg(db)
    .insert(cardSettings)
    .values({ networkId, state, updatedAt: now })
    .onConflictDoUpdate({ target: cardSettings.networkId, set: { state, updatedAt: now } });
  return { ok: true };
}

/**
 * The office's settings of the card in one go: the state whose rules apply and the weeks before expiry at
 * which holders are reminded (second: null for none). Nothing is saved when a value breaks its rule; the
 * database checks the weeks as well.
 */
export async function saveCardSettings(db: Db, networkId: string, input: { state: string; reminders: ReminderWeeks }, now: Date): Promise<Result> {
  if (!rulesOfState(input.state)) return { ok: false, code: 'recognition.settings.unknownState', field: 'state' };
  const problem = reminderWeeksProblem(input.reminders);
  if (problem) return { ok: false, ...problem };
  const values = { state: input.state, reminderFirstWeeks: input.reminders.first, reminderSecondWeeks: input.reminders.second, updatedAt: now };
  await pg(db)
    .insert(cardSettings)
    .values({ networkId, ...values })
    .onConflictDoUpdate({ target: cardSettings.networkId, set: values });
  return { ok: true };
}

/**
 * An Engagementnachweis over a period: the confirmed hours at one organisation (issued by it) or at all of
 * them (issued by the network office), with a signed code.
 */
export async function issueCertificate(
  db: Db,
  secret: string,
  input: { userId: string; holderName: string; networkId: string; issuer: { organisationId: string | null; name: string }; from: string; to: string; actorId: string },
  now: Date,
): Promise<Result<{ id: string }>> {
  if (input.from > input.to) return { ok: false, code: 'recognition.certificate.periodOrder', field: 'from' };
  const rows = await db
    .select({ organisation: sql<string>`coalesce(${organisations.name}, ${networks.name})`, activity: hoursEntries.activity, hours: hoursEntries.hours })
    .from(hoursEntries)
    .innerJoin(networks, eq(networks.id, hoursEntries.networkId))
    .leftJoin(organisations, eq(organisations.id, hoursEntries.organisationId))
    .where(
      and(
        eq(hoursEntries.userId, input.userId),
        eq(hoursEntries.networkId, input.networkId),
        eq(hoursEntries.status, 'confirmed'),
        sql`${hoursEntries.day} between ${input.from} and ${input.to}`,
        input.issuer.organisationId ? eq(hoursEntries.organisationId, input.issuer.organisationId) : undefined,
      ),
    );
  if (rows.length === 0) return { ok: false, code: 'recognition.certificate.noHours', field: 'from' };
  const byOrganisation = new Map<string, { activities: Set<string>; hours: number }>();
  for (const row of rows) {
    const line = byOrganisation.get(row.organisation) ?? { activities: new Set<string>(), hours: 0 };
    if (row.activity) line.activities.add(row.activity);
    line.hours += Number(row.hours);
    byOrganisation.set(row.organisation, line);
  }
  const lines = [...byOrganisation].map(([organisation, line]) => ({
    organisation,
    activities: [...line.activities].slice(0, 12),
    hours: Math.round(line.hours * 100) / 100,
  }));
  const hours = Math.round(lines.reduce((sum, line) => sum + line.hours, 0) * 100) / 100;
  const number = shortNumber('EN');
  const code = await signPayload<CertificatePayload>(db, secret, { t: 'certificate', no: number, n: input.holderName, i: input.issuer.name, p: `${input.from}–${input.to}`, h: hours }, now);
  const [row] = await pg(db)
    .insert(engagementCertificates)
    .values({
      number,
      userId: input.userId,
      networkId: input.networkId,
      holderName: input.holderName,
      issuerName: input.issuer.name,
      issuedBy: input.actorId,
      periodFrom: input.from,
      periodTo: input.to,
      hours,
      lines,
      code,
      createdAt: now,
    })
    .returning({ id: engagementCertificates.id });
  return { ok: true, id: row!.id };
}

export async function revokeCertificate(db: Db, certificateId: string, now: Date): Promise<Result> {
  const changed = await pg(db)
    .update(engagementCertificates)
    .set({ revokedAt: now })
    .where(and(eq(engagementCertificates.id, certificateId), sql`${engagementCertificates.revokedAt} is null`))
    .returning({ id: engagementCertificates.id });
  return changed.length ? { ok: true } : { ok: false, code: 'recognition.revoke.already' };
}
