import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hashSecret } from '../../platform/auth/tokens.ts';
import { sendProblem } from '../../platform/http/problem.ts';
import { recordTokenUse } from './commands.ts';
import { findActiveToken, type ApiTokenRef } from './queries.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API token the request carried and that is still valid; null for anonymous requests. */
    apiToken: ApiTokenRef | null;
  }
}

/** Requests per minute: anonymous reads per IP address, and everything a token does. */
export const ANONYMOUS_LIMIT = 300;
export const TOKEN_LIMIT = 1200;
const WINDOW_MS = 60_000;

/** Headers a page on another origin may send when it reads (conditional requests and language). */
const READ_HEADERS = 'Accept, Accept-Language, If-None-Match, If-Modified-Since';
const EXPOSED_HEADERS = 'ETag, Last-Modified, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset';

function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function isRead(request: FastifyRequest): boolean {
  return request.method === 'GET' || request.method === 'HEAD';
}

/** The secret of an `Authorization: Bearer …` header; undefined without one, null when it is malformed. */
function bearerOf(request: FastifyRequest): string | null | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

function unauthorised(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  void reply.header('www-authenticate', 'Bearer realm="mitmachnetz", error="invalid_token"');
  return sendProblem(reply, {
    status: 401,
    title: request.t('openapi.error.unauthorised.title'),
    detail: request.t('openapi.error.unauthorised.text'),
  });
}

/** A weak validator over the bytes sent: equal answers get equal ETags whatever produced them. */
function etagOf(payload: string | Buffer): string {
  return `W/"${crypto.createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

function notModifiedSince(request: FastifyRequest, lastModified: string | undefined): boolean {
  const since = request.headers['if-modified-since'];
  if (!since || !lastModified) return false;
  const sinceTime = Date.parse(since);
  const modified = Date.parse(lastModified);
  return Number.isFinite(sinceTime) && Number.isFinite(modified) && modified <= sinceTime;
}

/**
 * What every /api/ route gets, including those of other modules (the search's /api/v1/offers): token
 * authentication, rate limits, CORS for reading, and validators with 304 answers. Registered with
 * fastify-plugin so its hooks apply to the whole app, not just this module's routes.
 */
export const apiHttp = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('apiToken', null);

    const limit = app.createRateLimit({
      timeWindow: WINDOW_MS,
      // The token's hash, never the token: keys may end up in the limiter's store or in Redis.
      keyGenerator: (request) => (request.apiToken ? `api-token:${request.apiToken.id}` : `api-ip:${request.ip}`),
      max: (_request, key) => (key.startsWith('api-token:') ? TOKEN_LIMIT : ANONYMOUS_LIMIT),
    });

    app.addHook('onRequest', async (request, reply) => {
      if (!isApi(request) || request.method === 'OPTIONS') return;
      const secret = bearerOf(request);
      const token = secret ? await findActiveToken(app.deps.db, hashSecret(secret)) : undefined;
      if (token) {
        request.apiToken = token;
        await recordTokenUse(app.deps.db, token, app.deps.clock());
      }
      // Wrong tokens count against the address they come from, like anonymous reads.
      const result = await limit(request);
      if (!result.isAllowed) {
        void reply.header('x-ratelimit-limit', result.max).header('x-ratelimit-remaining', result.remaining).header('x-ratelimit-reset', result.ttlInSeconds);
        if (result.isExceeded) {
          void reply.header('retry-after', result.ttlInSeconds);
          return sendProblem(reply, { status: 429, title: request.t('error.rateLimit.title'), detail: request.t('error.rateLimit.text') });
        }
      }
      if (secret !== undefined && !token) return unauthorised(request, reply);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (!isApi(request)) return payload;
      if (!isRead(request)) {
        void reply.header('cache-control', 'no-store');
        return payload;
      }
      // Readable from any origin, without cookies: the data is public, and a token is never sent by a browser page.
      void reply
        .header('access-control-allow-origin', '*')
        .header('access-control-expose-headers', EXPOSED_HEADERS)
        .header('cross-origin-resource-policy', 'cross-origin')
        .header('vary', 'Accept-Language');
      if (reply.statusCode !== 200) return payload;
      void reply.header('cache-control', request.apiToken ? 'private, no-cache' : 'public, max-age=60');
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      const etag = etagOf(payload);
      void reply.header('etag', etag);
      const lastModified = reply.getHeader('last-modified') as string | undefined;
      const ifNoneMatch = request.headers['if-none-match'];
      const fresh = ifNoneMatch !== undefined ? matchesEtag(ifNoneMatch, etag) : notModifiedSince(request, lastModified);
      if (!fresh) return payload;
      void reply.code(304).removeHeader('content-type').removeHeader('content-length');
      return '';
    });

    // Preflight of a cross-origin read (for example with If-None-Match); writing stays same-origin or server-side.
    app.options('/api/*', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .code(204)
        .header('access-control-allow-origin', '*')
        .header('access-control-allow-methods', 'GET, HEAD')
        .header('access-control-allow-headers', READ_HEADERS)
        .header('access-control-max-age', '86400')
        .send(),
    );
  },
  { name: 'openapi-http' },
);

/** Last-Modified from the newest of some timestamps; HTTP dates have whole seconds. */
export function lastModifiedHeader(reply: FastifyReply, dates: Array<Date | null | undefined>): void {
  const times = dates.filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
  if (times.length === 0) return;
  void reply.header('last-modified', new Date(Math.max(...times)).toUTCString());
}
