import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './errors.tsx';
import { sendProblem } from './problem.ts';

/*
 * One gate for what every route receives, so that no route can forget it. PostgreSQL refuses NUL in text
 * (a 500 deep inside a query), and no other C0 control character belongs in anything a person types.
 *
 * - Path parameters: any control character is a 400.
 * - Query parameters (names and values): a control character other than tab and line breaks is a 400.
 * - API bodies (/api/, JSON): the same, as problem+json naming the field.
 * - Page bodies: pages post forms (urlencoded or multipart), nothing else; a JSON body is a 415, so a
 *   form route never meets objects, numbers or nulls where it expects text. Control characters typed
 *   or pasted into a form are removed, text fields trimmed (passwords kept as typed), so rules and
 *   storage see what the person meant.
 */

const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROL_IN_TEXT_ALL = new RegExp(CONTROL_IN_TEXT.source, 'g');

const PAGE_BODY_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** The path (e.g. `skills/2`) of the first key or string in `value` that matches `pattern`, or null. */
export function findControl(value: unknown, pattern: RegExp, path = ''): string | null {
  if (typeof value === 'string') return pattern.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findControl(item, pattern, path ? `${path}/${i}` : String(i));
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      const here = path ? `${path}/${key}` : key;
      if (pattern.test(key)) return here;
      const found = findControl(item, pattern, here);
      if (found !== null) return found;
    }
  }
  return null;
}

function cleanText(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(CONTROL_IN_TEXT_ALL, '');
  if (Array.isArray(value)) return value.map(cleanText);
  return value;
}

function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function mediaType(request: FastifyRequest): string {
  return String(request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function refuse(request: FastifyRequest, reply: FastifyReply, status: 400 | 415, field: string | null): FastifyReply {
  if (isApi(request)) {
    const detail = request.t(status === 415 ? 'error.unsupportedType.text' : 'error.controlCharacter');
    return sendProblem(reply, {
      status,
      title: request.t(status === 415 ? 'error.unsupportedType.title' : 'error.badRequest.title'),
      detail,
      ...(field !== null ? { errors: [{ field, message: detail }] } : {}),
    });
  }
  return sendError(request, reply, status, status === 415 ? 'error.unsupportedType' : 'error.controlCharacterPage');
}

/** Registers the gate on the app (before the modules, so it covers every route they add). */
export function guardInput(app: FastifyInstance): void {
  // Paths and queries are checked as soon as the request arrives: some routes look things up in their
  // own onRequest hooks (before reading a large upload), and those must not see the bytes either.
  app.addHook('onRequest', async (request, reply) => {
    const inPath = findControl(request.params, CONTROL);
    if (inPath !== null) return refuse(request, reply, 400, inPath);
    const inQuery = findControl(request.query, CONTROL_IN_TEXT);
    if (inQuery !== null) return refuse(request, reply, 400, inQuery);
  });

  app.addHook('preValidation', async (request, reply) => {
    const body = request.body;
    if (body === undefined || body === null) return;
    if (isApi(request)) {
      const inBody = findControl(body, CONTROL_IN_TEXT);
      if (inBody !== null) return refuse(request, reply, 400, inBody);
      return;
    }
    const type = mediaType(request);
    if (!PAGE_BODY_TYPES.includes(type)) return refuse(request, reply, 415, null);
    if (typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) return;
    const fields = body as Record<string, unknown>;
    const badKey = Object.keys(fields).find((key) => CONTROL.test(key));
    if (badKey !== undefined) return refuse(request, reply, 400, badKey);
    for (const [key, value] of Object.entries(fields)) {
      const clean = cleanText(value);
      // Passwords are taken as typed; everything else without the spaces around it.
      fields[key] = typeof clean === 'string' && type !== 'multipart/form-data' && !/password|passwort/i.test(key) ? clean.trim() : clean;
    }
  });
}
