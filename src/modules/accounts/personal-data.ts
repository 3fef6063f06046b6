import { eq, or } from 'drizzle-orm';
import type { PersonalDataPart } from '../../platform/privacy.ts';
import { sessions, tokens, users } from './schema.ts';

/*
 * The account itself goes last: parts are erased in reverse module order, and accounts is registered early,
 * so every other module still finds the person's rows by id before the row they point to is deleted.
 */
export const accountsPersonalData: PersonalDataPart[] = [
  {
    name: 'konto',
    label: 'privacy.kind.account',
    tables: [{ table: 'users', columns: ['id', 'email', 'name', 'password_hash', 'locale'] }],
    async export(db, subject) {
      return db
        .select({
          id: users.id,
          email: users.email,
          name: users.name,
          locale: users.locale,
          emailVerifiedAt: users.emailVerifiedAt,
          isPlatformAdmin: users.isPlatformAdmin,
          createdAt: users.createdAt,
          updatedAt: users.updatedAt,
        })
        .from(users)
        .where(eq(users.id, subject.userId));
    },
    async erase(db, subject) {
      await db.delete(users).where(eq(users.id, subject.userId));
    },
  },
  {
    name: 'anmeldungen',
    label: 'privacy.kind.sessions',
    tables: [{ table: 'sessions', columns: ['user_id'] }],
    async export(db, subject) {
      return db
        .select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
        .from(sessions)
        .where(eq(sessions.userId, subject.userId));
    },
    async erase(db, subject) {
      await db.delete(sessions).where(eq(sessions.userId, subject.userId));
    },
  },
  {
    name: 'email-links',
    label: 'privacy.kind.tokens',
    tables: [{ table: 'tokens', columns: ['email', 'user_id', 'data'] }],
    async export(db, subject) {
      // The links' secrets are stored only as hashes; what they were for and when is the person's data.
      return db
        .select({ purpose: tokens.purpose, email: tokens.email, createdAt: tokens.createdAt, expiresAt: tokens.expiresAt, usedAt: tokens.usedAt })
        .from(tokens)
        .where(or(eq(tokens.userId, subject.userId), eq(tokens.email, subject.email)));
    },
    async erase(db, subject) {
      await db.delete(tokens).where(or(eq(tokens.userId, subject.userId), eq(tokens.email, subject.email)));
    },
  },
];
