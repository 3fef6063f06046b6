import crypto from 'node:crypto';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppDeps } from './platform/deps.ts';
import { registerErrorHandlers } from './platform/http/errors.tsx';
import { serializeRequest } from './platform/http/log.ts';
import { requestContext } from './platform/http/context.tsx';
import { rateLimitBacking } from './platform/ratelimit/index.ts';
import { modules } from './modules/index.ts';
import { openApiOptions } from './modules/openapi/document.ts';
import { projectPath } from './platform/paths.ts';

const PUBLIC_DIR = projectPath('public');

export interface BuildOptions {
  /** pino logger options, or false in tests. */
  logger?: boolean | object;
  /** Prefix of the rate-limit counters in Redis or PostgreSQL (tests keep theirs apart). */
  rateLimitNamespace?: string;
}

/** Builds the Fastify app from the platform and the modules. Starts nothing, listens nowhere. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger && typeof options.logger === 'object'
        ? { ...options.logger, serializers: { req: serializeRequest } }
        : (options.logger ?? false),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Every form lists all its problems at once, not just the first.
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: true } },
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: deps.config.trustProxy,
  });
  await app.register(cookie, { secret: deps.config.cookieSecret });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'mmn_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true },
  });
  await app.register(formbody);
  const limits = rateLimitBacking(deps.database, deps.config.redisUrl, options.rateLimitNamespace);
  app.addHook('onClose', () => limits.close());
  await app.register(rateLimit, { global: false, ...limits.options });
  // Pages are mostly repeated markup: gzip makes them several times smaller. Brotli at quality 4
  // compresses about as well as gzip at a fraction of the default quality 11's CPU time.
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/static/',
    maxAge: '1d',
  });
  await app.register(requestContext);

  // Every state-changing request outside the token-authenticated API must carry the CSRF token.
  app.addHook('preHandler', (request, reply, done) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method) || request.url.startsWith('/api/')) return done();
    app.csrfProtection(request, reply, done);
  });

  // Clean text fields of forms once, so rules and storage see what the person meant; passwords are not trimmed.
  app.addHook('preValidation', async (request) => {
    const body = request.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return;
    if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return;
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (typeof value !== 'string') continue;
      // PostgreSQL text cannot hold NUL; other control characters (except tab and line breaks) are noise.
      const clean = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
      (body as Record<string, unknown>)[key] = /password|passwort/i.test(key) ? clean : clean.trim();
    }
  });

  registerErrorHandlers(app);

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await deps.database.query('select 1');
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  // Before the modules: the OpenAPI document is built from the schemas of the routes registered after it.
  await app.register(swagger, openApiOptions(deps.config));

  for (const module of modules) {
    if (module.routes) await app.register(module.routes);
  }
  return app;
}
