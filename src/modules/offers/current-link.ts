import crypto from 'node:crypto';

/*
 * The "still current" link in the reminder mail is signed, not stored: it names the offer and the end
 * date it was made for. Confirming moves the end date, which makes every earlier link invalid — so a
 * link works once, and nothing needs to be kept or cleaned up.
 */

function sign(secret: string, offerId: string, expiresAt: Date): string {
  return crypto.createHmac('sha256', secret).update(`offer-current:${offerId}:${expiresAt.toISOString()}`).digest('base64url');
}

export function currentLinkToken(secret: string, offerId: string, expiresAt: Date): string {
  return sign(secret, offerId, expiresAt);
}

export function isCurrentLinkToken(secret: string, offerId: string, expiresAt: Date | null, token: string): boolean {
  if (!expiresAt || !/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
  const expected = Buffer.from(sign(secret, offerId, expiresAt));
  const given = Buffer.from(token);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

export function currentLinkPath(offerId: string, token: string): string {
  return `/angebote/${offerId}/aktuell/${token}`;
}
