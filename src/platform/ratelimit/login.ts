import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/*
 * Failed logins are counted per account as well as per IP address (the route's own limit). Two counters,
 * both over a short window, both counting failures only:
 * - per account and address: a handful of guesses, then that address waits — the owner elsewhere does not;
 * - per account over all addresses: a small cap against guessing from many addresses. It can hold the
 *   owner's password login back for at most one window; a login link or a password reset still works.
 * Unknown addresses are counted exactly like known ones, so the answers never tell them apart.
 */

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const LOGIN_PER_ACCOUNT_AND_ADDRESS = 5;
export const LOGIN_PER_ACCOUNT = 30;

/** The account's key: a hash of the address, so counters (maybe in Redis) hold no addresses. */
function accountKey(request: FastifyRequest): string {
  const email = (request.body as { email?: unknown } | null)?.email;
  const normalised = typeof email === 'string' ? email.trim().toLowerCase() : '';
  return crypto.createHash('sha256').update(normalised).digest('base64url').slice(0, 32);
}

export interface LoginThrottle {
  /** Seconds to wait when either counter is full; null when the attempt may go ahead. Counts nothing. */
  wait(request: FastifyRequest): Promise<number | null>;
  /** Counts a failed attempt on both counters. */
  failed(request: FastifyRequest): Promise<void>;
}

export function loginThrottle(app: FastifyInstance): LoginThrottle {
  const pair = app.createRateLimit({
    timeWindow: LOGIN_WINDOW_MS,
    max: LOGIN_PER_ACCOUNT_AND_ADDRESS,
    keyGenerator: (request) => `login-pair:${accountKey(request)}:${request.ip}`,
  });
  const account = app.createRateLimit({
    timeWindow: LOGIN_WINDOW_MS,
    max: LOGIN_PER_ACCOUNT,
    keyGenerator: (request) => `login-account:${accountKey(request)}`,
  });
  return {
    async wait(request) {
      const results = await Promise.all([pair(request, { increment: false }), account(request, { increment: false })]);
      let wait: number | null = null;
      for (const result of results) {
        if (!result.isAllowed && result.remaining === 0) wait = Math.max(wait ?? 1, result.ttlInSeconds);
      }
      return wait;
    },
    async failed(request) {
      await Promise.all([pair(request), account(request)]);
    },
  };
}
