import { eq } from 'drizzle-orm';
import type { PersonalDataPart } from '../../platform/privacy.ts';
import { offers, savedSearches } from './schema.ts';

export const offersPersonalData: PersonalDataPart[] = [
  {
    name: 'angebote-kontakt',
    label: 'privacy.kind.offers',
    tables: [{ table: 'offers', columns: ['contact_name', 'contact_email', 'contact_phone', 'created_by'] }],
    async export(db, subject) {
      return db
        .select({ title: offers.title, contactName: offers.contactName, contactEmail: offers.contactEmail, contactPhone: offers.contactPhone, status: offers.status })
        .from(offers)
        .where(eq(offers.contactEmail, subject.email));
    },
    async erase(db, subject) {
      // The offer belongs to its organisation and stays; the person stops being its named contact.
      await db.update(offers).set({ contactName: '', contactEmail: '', contactPhone: '' }).where(eq(offers.contactEmail, subject.email));
      await db.update(offers).set({ createdBy: null }).where(eq(offers.createdBy, subject.userId));
    },
  },
  {
    name: 'gespeicherte-suchen',
    label: 'privacy.kind.savedSearches',
    tables: [{ table: 'saved_searches', columns: ['user_id', 'name', 'query'] }],
    async export(db, subject) {
      return db
        .select({ name: savedSearches.name, query: savedSearches.query, alerts: savedSearches.alerts, lastNotifiedAt: savedSearches.lastNotifiedAt, createdAt: savedSearches.createdAt })
        .from(savedSearches)
        .where(eq(savedSearches.userId, subject.userId));
    },
    async erase(db, subject) {
      await db.delete(savedSearches).where(eq(savedSearches.userId, subject.userId));
    },
  },
];
