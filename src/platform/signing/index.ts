import crypto from 'node:crypto';
import { desc, isNull } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Db } from '../db.ts';
import { signingKeys } from './schema.ts';

/*
 * Everything the platform certifies on paper carries a code that anyone can check, also offline: the printed
 * content as a JSON payload with a type field `t`, signed with Ed25519 (node:crypto). The code is
 * `payload.keyId.signature` in base64url; the signature covers `payload.keyId`, so neither can be swapped.
 * Public keys are published at /.well-known/mitmachnetz-keys.json (routes.ts); a rotated key stays there
 * (retired) so that what it signed still verifies. Only the private keys' wrapping depends on the platform
 * secret: verifying needs nothing but the public keys. The modules own their payload types (decision 007).
 */

/** What a code says: a type and the printed content. Modules define the fields of their types. */
export interface SignedPayload {
  t: string;
  [field: string]: unknown;
}

export interface PublicKey {
  id: string;
  publicKey: string;
  retired: boolean;
}

export type Verified =
  | { ok: true; keyId: string; payload: SignedPayload }
  | { ok: false; code: 'malformed' | 'unknown_key' | 'bad_signature' };

function wrappingKey(secret: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, 'mitmachnetz', 'signing-keys', 32));
}

function encryptPrivateKey(der: Buffer, secret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', wrappingKey(secret), iv);
  const body = Buffer.concat([cipher.update(der), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The private key, or null when it was wrapped under another secret. */
function decryptPrivateKey(stored: string, secret: string): crypto.KeyObject | null {
  try {
    const raw = Buffer.from(stored, 'base64url');
    const decipher = crypto.createDecipheriv('aes-256-gcm', wrappingKey(secret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const der = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return null;
  }
}

/** Makes a new signing key and retires the current one (its signatures stay valid). */
export async function rotateSigningKey(db: Db, secret: string, now: Date): Promise<string> {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const id = `${now.toISOString().slice(0, 10).replace(/-/g, '')}-${crypto.randomBytes(3).toString('hex')}`;
  const x = publicKey.export({ format: 'jwk' }).x!;
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  await (db as NodePgDatabase).update(signingKeys).set({ retiredAt: now }).where(isNull(signingKeys.retiredAt));
  await db.insert(signingKeys).values({ id, publicKey: x, privateKey: encryptPrivateKey(der, secret), createdAt: now });
  return id;
}

/**
 * The key new codes are signed with; made on first use. When the platform secret changed, the current key
 * cannot be unwrapped any more: it is retired (what it signed still verifies) and a new one is made.
 */
async function currentKey(db: Db, secret: string, now: Date): Promise<{ id: string; key: crypto.KeyObject }> {
  const current = () => db.select().from(signingKeys).where(isNull(signingKeys.retiredAt)).orderBy(desc(signingKeys.createdAt)).limit(1);
  let [row] = await current();
  let key = row ? decryptPrivateKey(row.privateKey, secret) : null;
  if (!row || !key) {
    await rotateSigningKey(db, secret, now);
    [row] = await current();
    key = decryptPrivateKey(row!.privateKey, secret);
  }
  return { id: row!.id, key: key! };
}

export async function signPayload<P extends { t: string }>(db: Db, secret: string, payload: P, now: Date): Promise<string> {
  const { id, key } = await currentKey(db, secret, now);
  const signed = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${id}`;
  const signature = crypto.sign(null, Buffer.from(signed), key).toString('base64url');
  return `${signed}.${signature}`;
}

export async function publicKeys(db: Db): Promise<PublicKey[]> {
  const rows = await db.select().from(signingKeys).orderBy(desc(signingKeys.createdAt));
  return rows.map((row) => ({ id: row.id, publicKey: row.publicKey, retired: row.retiredAt !== null }));
}

/** Whether a text has the shape of a signed code (three base64url parts), before any check. */
export function looksSigned(code: string): boolean {
  const parts = code.trim().split('.');
  return parts.length === 3 && parts.every((part) => /^[A-Za-z0-9_-]+$/.test(part));
}

/** Checks a code against the published keys; needs nothing but the keys, so it also works offline. */
export function verifyCode(code: string, keys: readonly PublicKey[]): Verified {
  if (!looksSigned(code)) return { ok: false, code: 'malformed' };
  const [payload, keyId, signature] = code.trim().split('.') as [string, string, string];
  const key = keys.find((k) => k.id === keyId);
  if (!key) return { ok: false, code: 'unknown_key' };
  // base64url ignores the spare bits of a last character; asking for the one spelling of the bytes makes
  // every single changed character fail, not almost every.
  const signatureBytes = Buffer.from(signature, 'base64url');
  if (signatureBytes.toString('base64url') !== signature) return { ok: false, code: 'bad_signature' };
  const publicKey = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey }, format: 'jwk' });
  const valid = crypto.verify(null, Buffer.from(`${payload}.${keyId}`), publicKey, signatureBytes);
  if (!valid) return { ok: false, code: 'bad_signature' };
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { t?: unknown }).t !== 'string') return { ok: false, code: 'malformed' };
    return { ok: true, keyId, payload: parsed as SignedPayload };
  } catch {
    return { ok: false, code: 'malformed' };
  }
}
