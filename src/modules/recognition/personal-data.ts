import { and, eq, inArray, ne } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PersonalDataPart } from '../../platform/privacy.ts';
import { cardApplications, cardReminders, cards, engagementCertificates, hoursEntries, hoursProposalDismissals } from './schema.ts';

const ERASED = '–';

/*
 * Confirmed hours stay as the organisation's figures without the person (user and activity removed); what
 * was never confirmed is deleted. Cards are revoked (their numbers stay on the revocation list, so a
 * printed card no longer verifies) and certificates revoked; names, birth dates and codes are cleared.
 */
export const recognitionPersonalData: PersonalDataPart[] = [
  {
    name: 'stunden',
    label: 'recognition.data.hours',
    tables: [{ table: 'hours_entries', columns: ['user_id', 'activity', 'reason', 'decided_by'] }],
    async export(db, subject) {
      return db
        .select({ day: hoursEntries.day, hours: hoursEntries.hours, activity: hoursEntries.activity, status: hoursEntries.status, reason: hoursEntries.reason, source: hoursEntries.source, organisationId: hoursEntries.organisationId, createdAt: hoursEntries.createdAt })
        .from(hoursEntries)
        .where(eq(hoursEntries.userId, subject.userId));
    },
    async erase(db, subject) {
      const pg = db as NodePgDatabase;
      await pg.delete(hoursEntries).where(and(eq(hoursEntries.userId, subject.userId), ne(hoursEntries.status, 'confirmed')));
      await pg.update(hoursEntries).set({ userId: null, activity: '', reason: null }).where(eq(hoursEntries.userId, subject.userId));
      await pg.update(hoursEntries).set({ decidedBy: null }).where(eq(hoursEntries.decidedBy, subject.userId));
    },
  },
  {
    name: 'ehrenamtskarte-antraege',
    label: 'recognition.data.applications',
    tables: [{ table: 'card_applications', columns: ['user_id', 'holder_name', 'birth_date', 'note', 'reason', 'decided_by'] }],
    async export(db, subject) {
      return db
        .select({ kind: cardApplications.kind, holderName: cardApplications.holderName, birthDate: cardApplications.birthDate, allowanceEuro: cardApplications.allowanceEuro, alternative: cardApplications.alternative, note: cardApplications.note, evidence: cardApplications.evidence, renewalOf: cardApplications.renewalOf, status: cardApplications.status, reason: cardApplications.reason, createdAt: cardApplications.createdAt })
        .from(cardApplications)
        .where(eq(cardApplications.userId, subject.userId));
    },
    async erase(db, subject) {
      const pg = db as NodePgDatabase;
      await pg.update(cardApplications).set({ userId: null, holderName: ERASED, birthDate: null, note: '', status: 'withdrawn' }).where(and(eq(cardApplications.userId, subject.userId), eq(cardApplications.status, 'submitted')));
      await pg.update(cardApplications).set({ userId: null, holderName: ERASED, birthDate: null, note: '' }).where(eq(cardApplications.userId, subject.userId));
      await pg.update(cardApplications).set({ decidedBy: null }).where(eq(cardApplications.decidedBy, subject.userId));
    },
  },
  {
    name: 'ehrenamtskarten',
    label: 'recognition.data.cards',
    tables: [{ table: 'cards', columns: ['user_id', 'holder_name', 'code', 'revoked_reason'] }],
    async export(db, subject) {
      return db
        .select({ number: cards.number, holderName: cards.holderName, region: cards.region, kind: cards.kind, validFrom: cards.validFrom, validUntil: cards.validUntil, status: cards.status, code: cards.code })
        .from(cards)
        .where(eq(cards.userId, subject.userId));
    },
    async erase(db, subject, deps) {
      const now = deps.clock();
      const pg = db as NodePgDatabase;
      // The reminders go first: once the card no longer names the person they cannot be found by them.
      // This is their only erasure; the reminders part only exports.
      await pg.delete(cardReminders).where(inArray(cardReminders.cardId, pg.select({ id: cards.id }).from(cards).where(eq(cards.userId, subject.userId))));
      await pg.update(cards).set({ status: 'revoked', revokedAt: now, revokedReason: 'erasure' }).where(and(eq(cards.userId, subject.userId), eq(cards.status, 'valid')));
      await pg.update(cards).set({ userId: null, holderName: ERASED, code: '' }).where(eq(cards.userId, subject.userId));
    },
  },
  {
    name: 'ehrenamtskarte-erinnerungen',
    label: 'recognition.data.reminders',
    tables: [{ table: 'card_reminders', columns: ['card_id', 'sent_at'] }],
    async export(db, subject) {
      return db
        .select({ card: cards.number, weeksBefore: cardReminders.weeks, sentAt: cardReminders.sentAt })
        .from(cardReminders)
        .innerJoin(cards, eq(cards.id, cardReminders.cardId))
        .where(eq(cards.userId, subject.userId));
    },
    // Deleted by the cards part, before it anonymises the cards (afterwards they no longer lead to the person).
    async erase() {},
  },
  {
    name: 'stundenvorschlaege-verworfen',
    label: 'recognition.data.dismissals',
    tables: [{ table: 'hours_proposal_dismissals', columns: ['user_id', 'source_id'] }],
    async export(db, subject) {
      return db
        .select({ kind: hoursProposalDismissals.kind, sourceId: hoursProposalDismissals.sourceId, dismissedAt: hoursProposalDismissals.dismissedAt })
        .from(hoursProposalDismissals)
        .where(eq(hoursProposalDismissals.userId, subject.userId));
    },
    async erase(db, subject) {
      await (db as NodePgDatabase).delete(hoursProposalDismissals).where(eq(hoursProposalDismissals.userId, subject.userId));
    },
  },
  {
    name: 'engagementnachweise',
    label: 'recognition.data.certificates',
    tables: [{ table: 'engagement_certificates', columns: ['user_id', 'holder_name', 'lines', 'code', 'issued_by'] }],
    async export(db, subject) {
      return db
        .select({ number: engagementCertificates.number, holderName: engagementCertificates.holderName, issuerName: engagementCertificates.issuerName, periodFrom: engagementCertificates.periodFrom, periodTo: engagementCertificates.periodTo, hours: engagementCertificates.hours, lines: engagementCertificates.lines, code: engagementCertificates.code })
        .from(engagementCertificates)
        .where(eq(engagementCertificates.userId, subject.userId));
    },
    async erase(db, subject, deps) {
      const pg = db as NodePgDatabase;
      await pg.update(engagementCertificates).set({ userId: null, holderName: ERASED, lines: [], code: '', revokedAt: deps.clock() }).where(eq(engagementCertificates.userId, subject.userId));
      await pg.update(engagementCertificates).set({ issuedBy: null }).where(eq(engagementCertificates.issuedBy, subject.userId));
    },
  },
];
