import { eq, or } from 'drizzle-orm';
import type { PersonalDataPart } from '../../platform/privacy.ts';
import { organisationMembers, organisations } from './schema.ts';

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
];
