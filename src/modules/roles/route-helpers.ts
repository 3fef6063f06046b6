import type { FastifyRequest } from 'fastify';
import type { MessageKey, T } from '../../platform/i18n/index.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import type { Problems } from './rules.ts';

/* Helpers the roles module's routes share. */

/** Problems as messages in the reader's language, numbers with the reader's decimal sign (4,5 / 4.5). */
export function messagesFor(request: FastifyRequest, problems: Problems): FieldErrors {
  const number = new Intl.NumberFormat(request.locale === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return Object.fromEntries(
    Object.entries(problems).map(([field, p]) => {
      const params = Object.fromEntries(
        Object.entries(p.params ?? {}).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? number.format(v) : v]),
      );
      return [field, request.t(p.key, params)];
    }),
  );
}

/** Body fields as strings; a form field sent twice arrives as an array and is joined, never lost. */
export function text(body: unknown, field: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  if (Array.isArray(value)) return value.map(String).join(',');
  return typeof value === 'string' ? value : '';
}

export function list(body: unknown, field: string): string[] {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value ? [value] : [];
}

/** Success messages after a redirect come as a short code in the address, never as free text. */
export function notice(request: FastifyRequest, known: Record<string, MessageKey>): string | undefined {
  const code = (request.query as Record<string, unknown> | undefined)?.hinweis;
  return typeof code === 'string' && Object.hasOwn(known, code) ? request.t(known[code] as MessageKey) : undefined;
}

export function pageTitle(t: T, section: MessageKey): string {
  return `${t(section)} – ${t('roles.admin.title')}`;
}

/** The signed-in person behind an admin action; the policy check before it guarantees there is one. */
export function actorId(request: FastifyRequest): string {
  const id = request.actor.userId;
  if (!id) throw new Error('admin action without a signed-in person');
  return id;
}

