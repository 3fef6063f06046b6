import { pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';

/**
 * Ed25519 keys that sign everything the platform certifies (volunteer cards, certificates of engagement,
 * certificates of participation); retired keys stay to verify what they signed. The platform owns the table
 * because modules of different layers sign with it (decision 007); it moved here from recognition unchanged.
 */
export const signingKeys = pgTable('signing_keys', {
  id: varchar('id', { length: 24 }).primaryKey(),
  /** Raw 32-byte public key, base64url. */
  publicKey: text('public_key').notNull(),
  /** PKCS#8 private key encrypted with a key derived from the cookie secret (AES-256-GCM), base64url. */
  privateKey: text('private_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});
