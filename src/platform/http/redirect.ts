import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * A return path from a query parameter or form field, only if it stays on this site (no open
 * redirects). The value is parsed as a browser would (WHATWG URL) against a stand-in origin and must
 * stay on it; what comes back is the parsed, normalised form, so a browser reading it as a Location
 * header cannot land anywhere else. Control characters, whitespace and backslashes are refused outright,
 * also percent-encoded in the path, where some server or proxy on the way might decode them.
 */
const BASE = new URL('https://return-path.invalid/');

const RAW_FORBIDDEN = /[\u0000-\u0020\u007f\\]/;
const DECODED_FORBIDDEN = /[\u0000-\u001f\u007f\\]/;

export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return fallback;
  if (RAW_FORBIDDEN.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE.origin || url.username || url.password) return fallback;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return fallback;
  }
  // "/..//x" normalises to "//x", and "/%2f/x" decodes to it: both would read as another host.
  if (url.pathname.startsWith('//') || path.startsWith('//') || DECODED_FORBIDDEN.test(path)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** An error that the error handler answers with 400 (page or problem+json). */
function badLocation(): Error {
  return Object.assign(new Error('redirect target with control characters'), { statusCode: 400 });
}

/**
 * A Location header value Node accepts: characters outside printable ASCII are percent-encoded (as
 * UTF-8), existing escapes stay; control characters (CR and LF above all) are refused with a 400 rather
 * than written into a header.
 */
export function safeLocation(target: string): string {
  if (/[\u0000-\u001f\u007f]/.test(target)) throw badLocation();
  try {
    return target.replace(/[^\u0021-\u007e]+/gu, (run) => encodeURIComponent(run));
  } catch {
    // A lone surrogate has no UTF-8 form.
    throw badLocation();
  }
}

/**
 * Every reply.redirect() of the app goes through safeLocation, so a target built from input can neither
 * split the header nor make Node refuse it.
 */
export function safeRedirects(app: FastifyInstance): void {
  app.addHook('onRequest', async (_request, reply) => {
    const redirect = reply.redirect;
    reply.redirect = function (this: FastifyReply, url: string, code?: number) {
      return code === undefined ? redirect.call(this, safeLocation(url)) : redirect.call(this, safeLocation(url), code);
    };
  });
}
