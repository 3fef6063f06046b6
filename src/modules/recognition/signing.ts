import crypto from 'node:crypto';
import { desc, isNull } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Db } from '../../platform/db.ts';
import { signingKeys } from './schema.ts';

/*
 * Cards and certificates carry a code that any acceptance point can check: the printed content, signed with
 * Ed25519 (node:crypto). The code is `payload.keyId.signature` in base64url; the signature covers
 * `payload.keyId`, so neither can be swapped. Public keys are published at /.well-known/mitmachnetz-keys.json;
 * a rotated key stays there (retired) so that what it signed still verifies.
 */

/** What a card's code says, and nothing more: the verification page shows exactly this. */
export interface CardPayload {
  t: 'card';
  /** Card number */
  no: string;
  /** Holder's name */
  n: string;
  /** Region (network) */
  r: string;
  /** Kind: standard or gold */
  k: string;
  /** Valid until (YYYY-MM-DD), or null for lifetime cards */
  u: string | null;
}

export interface CertificatePayload {
  t: 'certificate';
  no: string;
  n: string;
  /** Issuer */
  i: string;
  /** Period, YYYY-MM-DD–YYYY-MM-DD */
  p: string;
  /** Confirmed hours */
  h: number;
}

export type SignedPayload = CardPayload | CertificatePayload;

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

function decryptPrivateKey(stored: string, secret: string): crypto.KeyObject {
  const raw = Buffer.from(stored, 'base64url');
  const decipher = crypto.createDecipheriv('aes-256-gcm', wrappingKey(secret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  const der = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
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

/** The key new codes are signed with; made on first use. */
async function currentKey(db: Db, secret: string, now: Date): Promise<{ id: string; key: crypto.KeyObject }> {
  let [row] = await db.select().from(signingKeys).where(isNull(signingKeys.retiredAt)).orderBy(desc(signingKeys.createdAt)).limit(1);
  if (!row) {
    await rotateSigningKey(db, secret, now);
    [row] = await db.select().from(signingKeys).where(isNull(signingKeys.retiredAt)).limit(1);
  }
  return { id: row!.id, key: decryptPrivateKey(row!.privateKey, secret) };
}

export async function signPayload(db: Db, secret: string, payload: SignedPayload, now: Date): Promise<string> {
  const { id, key } = await currentKey(db, secret, now);
  const signed = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${id}`;
  const signature = crypto.sign(null, Buffer.from(signed), key).toString('base64url');
  return `${signed}.${signature}`;
}

export async function publicKeys(db: Db): Promise<PublicKey[]> {
  const rows = await db.select().from(signingKeys).orderBy(desc(signingKeys.createdAt));
  return rows.map((row) => ({ id: row.id, publicKey: row.publicKey, retired: row.retiredAt !== null }));
}

/** Checks a code against the published keys; needs nothing but the keys, so it also works offline. */
export function verifyCode(code: string, keys: readonly PublicKey[]): Verified {
  const parts = code.trim().split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) return { ok: false, code: 'malformed' };
  const [payload, keyId, signature] = parts as [string, string, string];
  const key = keys.find((k) => k.id === keyId);
  if (!key) return { ok: false, code: 'unknown_key' };
  const publicKey = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey }, format: 'jwk' });
  const valid = crypto.verify(null, Buffer.from(`${payload}.${keyId}`), publicKey, Buffer.from(signature, 'base64url'));
  if (!valid) return { ok: false, code: 'bad_signature' };
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SignedPayload;
    if (parsed.t !== 'card' && parsed.t !== 'certificate') return { ok: false, code: 'malformed' };
    return { ok: true, keyId, payload: parsed };
  } catch {
    return { ok: false, code: 'malformed' };
  }
}

/** A short number to print and read out: Crockford base32 without look-alikes, in groups of four. */
export function shortNumber(prefix: string): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = crypto.randomBytes(8);
  let out = '';
  for (const byte of bytes) out += alphabet[byte & 31];
  return `${prefix}-${out.slice(0, 4)}-${out.slice(4, 8)}`;
}
