import crypto from 'node:crypto';

/*
 * LEGACY — certificates of participation printed before decision 007 carry `<registration id>-<HMAC>`: the
 * registration's id (32 hex digits) and an HMAC-SHA256 over it, keyed from the platform secret. Nothing makes
 * such codes any more (new certificates carry a signed code, certificate.ts); this check stays only so that
 * paper already handed out stays valid. It works only while the secret is the one they were made with.
 */

const LEGACY_CODE = /^([0-9a-f]{32})-([A-Za-z0-9_-]{22})$/;

/** Whether a code has the old shape (it may still be altered or made elsewhere). */
export function isLegacyCertificateCode(code: string): boolean {
  return LEGACY_CODE.test(code.trim());
}

function mac(secret: string, id: string): string {
  const key = Buffer.from(crypto.hkdfSync('sha256', secret, 'mitmachnetz', 'event-certificate-v1', 32));
  return crypto.createHmac('sha256', key).update(id).digest('base64url').slice(0, 22);
}

/** The registration id an old code stands for, or null when it was not made by this platform. */
export function legacyRegistrationId(secret: string, code: string): string | null {
  const match = LEGACY_CODE.exec(code.trim());
  if (!match) return null;
  const [, id, given] = match as unknown as [string, string, string];
  const expected = Buffer.from(mac(secret, id));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !crypto.timingSafeEqual(expected, actual)) return null;
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}
