import crypto from 'node:crypto';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import AjvCompiler from '@fastify/ajv-compiler';
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
import { guardInput } from './platform/http/bad-input.ts';
import { safeRedirects } from './platform/http/redirect.ts';
import { serializeRequest } from './platform/http/log.ts';
import { requestContext } from './platform/http/context.tsx';
import { rateLimitBacking } from './platform/ratelimit/index.ts';
import { signingRoutes } from './platform/signing/routes.ts';
import { modules } from './modules/index.ts';
import { openApiOptions } from './modules/openapi/document.ts';
import { projectPath } from './platform/paths.ts';

const PUBLIC_DIR = projectPath('public');

export interface BuildOptions {
  /** pino logger options, or false in tests. */
  logger?: boolean | object;
  /** Prefix of the rate-limit counters in Redis or PostgreSQL (tests keep theirs apart). */
  rateLimitNamespace?: string;
  /** Told of every route as it is added (tests walk all routes with it). */
  onRoute?: (route: RouteOptions) => void;
}

const ajvCompilers = AjvCompiler();

/**
 * Forms may carry fields a route does not name (the CSRF token, a button's name): those are dropped. The
 * API's bodies are a contract (`additionalProperties: false` in the OpenAPI document): a field it does not
 * know is a 400 naming it, so a typo in a client is found instead of silently losing data.
 */
// The compiler is called with a route definition, not a schema as its published types say.
type RouteDefinition = { schema: unknown; method: string; url: string; httpPart?: string };
type BuildCompiler = (externalSchemas: unknown, options?: { customOptions?: object }) => (route: RouteDefinition) => unknown;
const strictApiBodies = ((externalSchemas, options) => {
  const build = ajvCompilers as unknown as BuildCompiler;
  const lenient = build(externalSchemas, options);
  const strict = build(externalSchemas, { ...options, customOptions: { ...options?.customOptions, removeAdditional: false } });
  return (route) => (route.httpPart === 'body' && route.url.startsWith('/api/') ? strict : lenient)(route);
}) satisfies BuildCompiler as unknown as typeof ajvCompilers;

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
    schemaController: { compilersFactory: { buildValidator: strictApiBodies } },
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);
  const onRoute = options.onRoute;
  if (onRoute) app.addHook('onRoute', (route) => onRoute(route as RouteOptions));

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // Only the fonts the site ships (helmet's default would allow any https origin).
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // Said the same way as frame-ancestors 'none', for browsers that know only this header. The widget's
    // frame route removes it and sends its own frame-ancestors.
    xFrameOptions: { action: 'deny' },
    // Sent per request below: only an HTTPS answer may ask the browser to stay on HTTPS.
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  // Every cookie (session, CSRF, language) is Secure when the visitor came over HTTPS — told by the socket,
  // or by the proxy's X-Forwarded-Proto with TRUST_PROXY — and always when the public address is https.
  await app.register(cookie, {
    secret: deps.config.cookieSecret,
    parseOptions: { secure: deps.config.publicUrl.startsWith('https:') ? true : 'auto' },
  });
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

  // Bad bytes in paths, queries and bodies are refused or cleaned here, once, for every route.
  guardInput(app);
  safeRedirects(app);

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
  // The public keys of the platform's signed codes (cards and certificates of every module).
  await app.register(signingRoutes);

  for (const module of modules) {
    if (module.routes) await app.register(module.routes);
  }
  return app;
}
