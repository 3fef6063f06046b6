import crypto from 'node:crypto';

/** A random, URL-safe secret of 256 bits. */
export function newSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** What the database stores instead of a secret: its SHA-256, hex. */
export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}
