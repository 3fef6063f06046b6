import { eq, or } from 'drizzle-orm';
import type { PersonalDataPart } from '../../platform/privacy.ts';
import { infomailBounces, infomailRecipients, infomailSubscribers, infomailSubscriptions, infomailLists, infomailMailings } from './schema.ts';
import { unsubscribeAll } from './subscriptions.ts';

/** Subscriptions (with their lists and digest choices), the info mails received, and bounce reports. */
export const infomailPersonalData: PersonalDataPart[] = [
  {
    name: 'infomail-abonnements',
    label: 'infomail.privacy.subscribers',
    tables: [
      { table: 'infomail_subscribers', columns: ['email', 'user_id'] },
      { table: 'infomail_bounces', columns: ['email', 'recipient_id'] },
      { table: 'infomail_subscriptions', columns: ['subscriber_id'] },
    ],
    async export(db, subject) {
      const rows = await db
        .select({ id: infomailSubscribers.id, email: infomailSubscribers.email, confirmedAt: infomailSubscribers.confirmedAt, frequency: infomailSubscribers.frequency, digest: infomailSubscribers.digest, createdAt: infomailSubscribers.createdAt })
        .from(infomailSubscribers)
        .where(or(eq(infomailSubscribers.email, subject.email.toLowerCase()), eq(infomailSubscribers.userId, subject.userId)));
      const out: Array<Record<string, unknown>> = [];
      for (const row of rows) {
        const lists = await db
          .select({ name: infomailLists.name })
          .from(infomailSubscriptions)
          .innerJoin(infomailLists, eq(infomailLists.id, infomailSubscriptions.listId))
          .where(eq(infomailSubscriptions.subscriberId, row.id));
        out.push({ email: row.email, confirmedAt: row.confirmedAt, frequency: row.frequency, digest: row.digest, createdAt: row.createdAt, lists: lists.map((l) => l.name) });
      }
      return out;
    },
    async erase(db, subject, deps) {
      const rows = await db.select().from(infomailSubscribers).where(or(eq(infomailSubscribers.email, subject.email.toLowerCase()), eq(infomailSubscribers.userId, subject.userId)));
      for (const row of rows) await unsubscribeAll(db, row, deps.clock());
      await db.delete(infomailBounces).where(eq(infomailBounces.email, subject.email.toLowerCase()));
    },
  },
  {
    name: 'infomail-empfang',
    label: 'infomail.privacy.recipients',
    tables: [
      { table: 'infomail_recipients', columns: ['email', 'subscriber_id'] },
      { table: 'infomail_mailings', columns: ['created_by', 'approved_by'] },
    ],
    async export(db, subject) {
      return db
        .select({ subject: infomailMailings.subject, state: infomailRecipients.state, sentAt: infomailRecipients.sentAt })
        .from(infomailRecipients)
        .innerJoin(infomailMailings, eq(infomailMailings.id, infomailRecipients.mailingId))
        .where(eq(infomailRecipients.email, subject.email.toLowerCase()));
    },
    async erase(db, subject) {
      await db.delete(infomailRecipients).where(eq(infomailRecipients.email, subject.email.toLowerCase()));
    },
  },
];
