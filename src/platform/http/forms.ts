import type { FastifySchemaValidationError } from 'fastify';
import type { T } from '../i18n/index.ts';

/** Field name → message shown beside the field. */
export type FieldErrors = Record<string, string>;

/**
 * Turns the route schema's validation errors into one message per field, in the user's language.
 * Forms declare their rules once, in the TypeBox schema, and get German messages for free.
 */
export function fieldErrorsFromValidation(
  errors: readonly FastifySchemaValidationError[] | undefined,
  t: T,
): FieldErrors {
  const result: FieldErrors = {};
  for (const error of errors ?? []) {
    const params = error.params as Record<string, unknown>;
    const field =
      error.keyword === 'required'
        ? String(params.missingProperty ?? '')
        : error.instancePath.replace(/^\//, '').split('/')[0] ?? '';
    if (!field || result[field]) continue;
    result[field] = messageFor(error.keyword, params, t);
  }
  return result;
}

function messageFor(keyword: string, params: Record<string, unknown>, t: T): string {
  switch (keyword) {
    case 'required':
      return t('form.required');
    case 'minLength':
      return params.limit === 1 ? t('form.required') : t('form.tooShort', { min: Number(params.limit) });
    case 'maxLength':
      return t('form.tooLong', { max: Number(params.limit) });
    case 'format':
      return params.format === 'email' ? t('form.email') : t('form.invalid');
    default:
      return t('form.invalid');
  }
}

/** Form values as plain strings, for refilling a form after an error (passwords are never refilled). */
export function keptValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (/password|passwort|_csrf/i.test(key)) continue;
      if (typeof value === 'string') values[key] = value;
    }
  }
  return values;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
