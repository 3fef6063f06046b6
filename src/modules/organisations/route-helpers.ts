import type { FastifyRequest } from 'fastify';
import { fieldErrorsFromValidation, type FieldErrors } from '../../platform/http/forms.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { FieldProblems } from './form.ts';

/* Small helpers the pages of organisations, offers and moderation share; HTTP-level, used only by routes. */

export function noticeFrom(request: FastifyRequest, notices: Record<string, MessageKey>): string | undefined {
  const key = (request.query as { hinweis?: unknown } | undefined)?.hinweis;
  return typeof key === 'string' && notices[key] ? request.t(notices[key]) : undefined;
}

/** Schema errors and the parser's problems as one set of messages per field. */
export function formErrors(request: FastifyRequest, problems: FieldProblems = {}): FieldErrors {
  const errors = fieldErrorsFromValidation(request.validationError?.validation, request.t);
  for (const [field, key] of Object.entries(problems)) errors[field] ??= request.t(key);
  return errors;
}


// C0 control characters other than tab and line breaks: PostgreSQL refuses NUL in text (a 500), and none
// of them belongs in anything a person types.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(CONTROL, '');
  if (Array.isArray(value)) return value.map(clean);
  return value;
}

/** A preValidation hook for form routes: removes control characters from every field of the body. */
export async function stripControlCharacters(request: FastifyRequest): Promise<void> {
  const body = request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) return;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    (body as Record<string, unknown>)[key] = clean(value);
  }
}
