import { eq, or } from 'drizzle-orm';
import type { PersonalDataPart } from '../../platform/privacy.ts';
import { needs } from './schema.ts';

export const needsPersonalData: PersonalDataPart[] = [
  {
    name: 'bedarfe',
    label: 'privacy.kind.needs',
    tables: [{ table: 'needs', columns: ['created_by', 'requester_name', 'requester_email', 'requester_phone', 'description'] }],
    async export(db, subject) {
      return db
        .select({
          title: needs.title,
          description: needs.description,
          requesterName: needs.requesterName,
          requesterEmail: needs.requesterEmail,
          requesterPhone: needs.requesterPhone,
          status: needs.status,
          createdAt: needs.createdAt,
        })
        .from(needs)
        .where(or(eq(needs.requesterEmail, subject.email), eq(needs.createdBy, subject.userId)));
    },
    async erase(db, subject) {
      // The need may already be matched with a volunteer; it stays without the person who asked.
      await db.update(needs).set({ requesterName: '', requesterEmail: '', requesterPhone: '' }).where(eq(needs.requesterEmail, subject.email));
      await db.update(needs).set({ createdBy: null }).where(eq(needs.createdBy, subject.userId));
    },
  },
];
