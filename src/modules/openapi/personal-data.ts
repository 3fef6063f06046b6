import { eq } from 'drizzle-orm';
import type { PersonalDataPart } from '../../platform/privacy.ts';
import { apiTokens } from './schema.ts';

export const openapiPersonalData: PersonalDataPart[] = [
  {
    name: 'api-schluessel',
    label: 'privacy.kind.apiTokens',
    tables: [{ table: 'api_tokens', columns: ['created_by', 'revoked_by'] }],
    async export(db, subject) {
      return db
        .select({ name: apiTokens.name, prefix: apiTokens.prefix, scopes: apiTokens.scopes, createdAt: apiTokens.createdAt, revokedAt: apiTokens.revokedAt })
        .from(apiTokens)
        .where(eq(apiTokens.createdBy, subject.userId));
    },
    async erase(db, subject) {
      // The organisation's key keeps working; it no longer names who made or revoked it.
      await db.update(apiTokens).set({ createdBy: null }).where(eq(apiTokens.createdBy, subject.userId));
      await db.update(apiTokens).set({ revokedBy: null }).where(eq(apiTokens.revokedBy, subject.userId));
    },
  },
];
