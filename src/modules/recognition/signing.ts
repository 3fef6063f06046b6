import crypto from 'node:crypto';
import type { SignedPayload } from '../../platform/signing/index.ts';

/*
 * What recognition signs: cards and certificates of engagement carry a code made by the platform's signing
 * (platform/signing: Ed25519, `payload.keyId.signature`, public keys at /.well-known/mitmachnetz-keys.json).
 * The payload is the printed content, and nothing more: the verification page shows exactly this.
 */

/** What a card's code says. */
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

/** What a certificate of engagement's code says. */
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

export type RecognitionPayload = CardPayload | CertificatePayload;

/** A verified payload as one of recognition's, or null when it is another type (another module's paper). */
export function recognitionPayload(payload: SignedPayload): RecognitionPayload | null {
  if (payload.t === 'card' && typeof payload.no === 'string') return payload as unknown as CardPayload;
  if (payload.t === 'certificate' && typeof payload.no === 'string') return payload as unknown as CertificatePayload;
  return null;
}

/** A short number to print and read out: Crockford base32 without look-alikes, in groups of four. */
export function shortNumber(prefix: string): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = crypto.randomBytes(8);
  let out = '';
  for (const byte of bytes) out += alphabet[byte & 31];
  return `${prefix}-${out.slice(0, 4)}-${out.slice(4, 8)}`;
}
