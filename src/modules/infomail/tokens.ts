import crypto from 'node:crypto';

/**
 * Personal links (preferences, unsubscribe) carry their own meaning and a signature made with the
 * app's secret, so no token table is needed and a link in any old mail still works; a changed secret
 * voids them all. Confirmation links are different: random, single-use, stored as a hash.
 */
export interface LinkPayload {
  /** 'p': preferences of a subscriber; 'u': unsubscribe an address from a list. */
  k: 'p' | 'u';
  /** Subscriber id (preferences) or list id (unsubscribe). */
  i: string;
  /** The address (unsubscribe only), so that a segment recipient without a subscription can leave too. */
  e?: string;
}

function sign(secret: string, body: string): string {
  return crypto.createHmac('sha256', secret).update(`infomail:${body}`).digest('base64url').slice(0, 32);
}

export function signLink(secret: string, payload: LinkPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

export function readLink(secret: string, token: string, kind: LinkPayload['k']): LinkPayload | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = sign(secret, body);
  if (signature.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkPayload;
    return payload.k === kind && typeof payload.i === 'string' ? payload : null;
  } catch {
    return null;
  }
}

export function randomToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(24).toString('base64url');
  return { token, hash: tokenHash(token) };
}

export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
