import { and, eq, inArray, lt, or } from 'drizzle-orm';
import type { PersonalDataPart, RetentionRule } from '../../platform/privacy.ts';
import { organisationInvitations, organisationMembers, organisations } from './schema.ts';

export const organisationsPersonalData: PersonalDataPart[] = [
  {
    name: 'organisationen',
    label: 'privacy.kind.organisations',
    tables: [{ table: 'organisation_members', columns: ['user_id'] }],
    async export(db, subject) {
      return db
        .select({ organisation: organisations.name, role: organisationMembers.role, since: organisationMembers.createdAt })
        .from(organisationMembers)
        .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
        .where(eq(organisationMembers.userId, subject.userId));
    },
    async erase(db, subject) {
      await db.delete(organisationMembers).where(eq(organisationMembers.userId, subject.userId));
    },
  },
  {
    name: 'organisationen-kontakt',
    label: 'privacy.kind.organisationContacts',
    tables: [{ table: 'organisations', columns: ['email', 'phone', 'created_by'] }],
    async export(db, subject) {
      return db
        .select({ organisation: organisations.name, email: organisations.email, phone: organisations.phone, createdAt: organisations.createdAt })
        .from(organisations)
        .where(or(eq(organisations.email, subject.email), eq(organisations.createdBy, subject.userId)));
    },
    async erase(db, subject) {
      // The organisation stays; it loses the person's address as its contact (and its phone, which came with it).
      await db.update(organisations).set({ email: '', phone: '' }).where(eq(organisations.email, subject.email));
      await db.update(organisations).set({ createdBy: null }).where(eq(organisations.createdBy, subject.userId));
    },
  },
  {
    name: 'organisationen-einladungen',
    label: 'organisations.data.invitations',
    tables: [{ table: 'organisation_invitations', columns: ['email', 'invited_by'] }],
    async export(db, subject) {
      return db
        .select({ organisation: organisations.name, email: organisationInvitations.email, role: organisationInvitations.role, createdAt: organisationInvitations.createdAt, acceptedAt: organisationInvitations.acceptedAt, revokedAt: organisationInvitations.revokedAt })
        .from(organisationInvitations)
        .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
        .where(or(eq(organisationInvitations.email, subject.email), eq(organisationInvitations.invitedBy, subject.userId)));
    },
    async erase(db, subject) {
      // An invitation to the person is nobody else's business once they are gone; ones they sent lose their name.
      await db.delete(organisationInvitations).where(eq(organisationInvitations.email, subject.email));
      await db.update(organisationInvitations).set({ invitedBy: null }).where(eq(organisationInvitations.invitedBy, subject.userId));
    },
  },
];

/**
 * Invitations carry an address that may never have become an account. Every one is closed a week after it
 * was sent (accepted, withdrawn or expired), so the shortest period leaves no open invitation to remove.
 */
export const organisationsRetention: RetentionRule[] = [
  {
    key: 'organisations.invitations',
    label: 'organisations.retention.invitations',
    defaultMonths: 3,
    minMonths: 1,
    maxMonths: 24,
    async purge(db, scope) {
      const inNetwork = db.select({ id: organisations.id }).from(organisations).where(eq(organisations.networkId, scope.networkId));
      const removed = await db
        .delete(organisationInvitations)
        .where(and(inArray(organisationInvitations.organisationId, inNetwork), lt(organisationInvitations.createdAt, scope.before)))
        .returning();
      return removed.length;
    },
  },
];
