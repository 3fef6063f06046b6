import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isLegacyCertificateCode, legacyRegistrationId } from './legacy-certificate.ts';

const SECRET = 'a-secret-that-printed-certificates-long-ago-0123456789';
const REGISTRATION = '3f2b8c1e-5a4d-4e6f-9b7a-0c1d2e3f4a5b';

/** The old algorithm written out independently: what certificates printed before decision 007 carry. */
function printedCode(secret: string, registrationId: string): string {
  const id = registrationId.replace(/-/g, '');
  const key = Buffer.from(crypto.hkdfSync('sha256', secret, 'mitmachnetz', 'event-certificate-v1', 32));
  return `${id}-${crypto.createHmac('sha256', key).update(id).digest('base64url').slice(0, 22)}`;
}

describe('legacy certificate codes (HMAC, printed before codes were signed)', () => {
  it('name their registration while the secret is the one they were made with', () => {
    const code = printedCode(SECRET, REGISTRATION);
    expect(isLegacyCertificateCode(code)).toBe(true);
    expect(legacyRegistrationId(SECRET, code)).toBe(REGISTRATION);
    expect(legacyRegistrationId(SECRET, ` ${code}\n`)).toBe(REGISTRATION);
  });

  it('refuse every changed character, another id under the same mac, and another secret', () => {
    const code = printedCode(SECRET, REGISTRATION);
    for (let i = 0; i < code.length; i++) {
      if (i === 32) continue;
      const other = code[i] === 'a' ? 'b' : 'a';
      expect(legacyRegistrationId(SECRET, `${code.slice(0, i)}${other}${code.slice(i + 1)}`), `character ${i}`).toBeNull();
    }
    const otherId = `${'0'.repeat(32)}${code.slice(32)}`;
    expect(legacyRegistrationId(SECRET, otherId)).toBeNull();
    expect(legacyRegistrationId('another-secret-that-is-long-enough-0123456789', code)).toBeNull();
    expect(isLegacyCertificateCode('eyJ0Ijoi.key.sig')).toBe(false);
    expect(legacyRegistrationId(SECRET, 'eyJ0Ijoi.key.sig')).toBeNull();
  });
});
