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

