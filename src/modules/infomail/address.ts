import crypto from 'node:crypto';
import { domainToASCII, domainToUnicode } from 'node:url';

/** RFC 5321: 64 characters before the @, 254 in all (counted in the ASCII form the wire carries). */
const MAX_LOCAL = 64;
const MAX_TOTAL = 254;

export type AddressProblem = 'invalid' | 'too_long';

/**
 * An address as typed → the form it is stored and compared in: trimmed, lower case, the domain in Unicode
 * ("müller@bücher.de" and "MÜLLER@xn--bcher-kva.de" are the same subscriber). Null with a reason when
 * it cannot be an address; length is checked on the ASCII (punycode) form, which is what servers see.
 */
export function normaliseAddress(input: string): { ok: true; email: string; ascii: string } | { ok: false; problem: AddressProblem } {
  const value = input.trim().toLowerCase();
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return { ok: false, problem: 'invalid' };
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (/[\s<>()[\],;:"\\]/.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return { ok: false, problem: 'invalid' };
  }
  const asciiDomain = domainToASCII(domain);
  if (!asciiDomain || !asciiDomain.includes('.') || !/^[a-z0-9.-]+$/.test(asciiDomain)) return { ok: false, problem: 'invalid' };
  const ascii = `${local}@${asciiDomain}`;
  if (Buffer.byteLength(local, 'utf8') > MAX_LOCAL || ascii.length > MAX_TOTAL) return { ok: false, problem: 'too_long' };
  return { ok: true, email: `${local}@${domainToUnicode(asciiDomain)}`, ascii };
}

/** What the suppression list keeps instead of an address. */
export function addressHash(email: string): string {
  const normal = normaliseAddress(email);
  return crypto
    .createHash('sha256')
    .update(normal.ok ? normal.email : email.trim().toLowerCase())
    .digest('hex');
}
