import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../i18n/index.ts';
import { sendProblem } from './problem.ts';

/** JSON clients get problem+json; browsers get a page in their language. */
export function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('json') && !accept.includes('text/html');
}

const KNOWN: Record<number, string> = {
  400: 'error.badRequest',
  403: 'error.forbidden',
  404: 'error.notFound',
  413: 'error.tooLarge',
  415: 'error.unsupportedType',
  429: 'error.rateLimit',
  500: 'error.server',
};

export function sendError(request: FastifyRequest, reply: FastifyReply, status: number, key?: string): FastifyReply {
  const base = key ?? KNOWN[status] ?? (status >= 500 ? 'error.server' : 'error.badRequest');
  const t = request.t;
  const title = t(`${base}.title` as MessageKey);
  const text = status === 429 ? rateLimitText(request, reply) : t(`${base}.text` as MessageKey);
  if (wantsJson(request) || !t) return sendProblem(reply, { title, status, detail: text });
  return reply.page(
    title,
    <div class="error-page">
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href="/">{t('error.backHome')}</a>
      </p>
    </div>,
    { status },
  );
}

/** The rate limit's own wait (Retry-After, in seconds) when it is minutes rather than a moment. */
function rateLimitText(request: FastifyRequest, reply: FastifyReply): string {
  const seconds = Number(reply.getHeader('retry-after'));
  if (Number.isFinite(seconds) && seconds > 90) {
    return request.t('error.rateLimit.minutes', { minutes: String(Math.ceil(seconds / 60)) });
  }
  return request.t('error.rateLimit.text');
}

/** The field a validation error is about: its path, or the missing or unknown property it names. */
function problemField(instancePath: string, params: { missingProperty?: string; additionalProperty?: string }): string {
  const path = instancePath.replace(/^\//, '');
  const named = params.missingProperty ?? params.additionalProperty;
  if (named === undefined) return path;
  return path ? `${path}/${named}` : named;
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => sendError(request, reply, 404));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code?.startsWith('FST_CSRF')) return sendError(request, reply, 403, 'error.csrf');
    if (error.validation) {
      if (wantsJson(request)) {
        return sendProblem(reply, {
          status: 400,
          title: request.t('error.badRequest.title'),
          detail: error.message,
          errors: error.validation.map((v) => ({
            field: problemField(v.instancePath, v.params as { missingProperty?: string; additionalProperty?: string }),
            message: v.message ?? 'invalid',
          })),
        });
      }
      return sendError(request, reply, 400);
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return sendError(request, reply, 500);
    }
    if (status === 429) return sendError(request, reply, 429);
    if (status === 413) return sendError(request, reply, 413);
    if (status === 404) return sendError(request, reply, 404);
    if (status === 403) return sendError(request, reply, 403);
    return sendError(request, reply, status === 415 ? 415 : 400);
  });
}

/** Guard for handlers: answer 403 unless allowed. Returns true when the request may go on. */
export function allow(request: FastifyRequest, reply: FastifyReply, allowed: boolean): boolean {
  if (allowed) return true;
  if (!request.user && !wantsJson(request) && request.method === 'GET') {
    void reply.redirect(`/anmelden?weiter=${encodeURIComponent(request.url)}`, 303);
    return false;
  }
  void sendError(request, reply, 403);
  return false;
}
