import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';

/*
 * One check for the ids (UUIDs) that arrive in addresses, queries and forms, for every route: an id is
 * checked before it reaches the database, so a wrong or truncated link is a 404 or a marked field and
 * never a 500 from a failed cast (invalid input syntax for type uuid).
 */

/** A UUID without anchors, for composing patterns such as `org:<uuid>`. */
export const UUID_SOURCE = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** A whole value that is a UUID, as a JSON-schema pattern. */
export const UUID_PATTERN = `^${UUID_SOURCE}$`;

export const UUID_REGEX = new RegExp(UUID_PATTERN);

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_REGEX.test(value);
}

/** A TypeBox string that must be a UUID (route params, query and body fields). */
export function Uuid(options: { description?: string } = {}) {
  return Type.String({ ...options, pattern: UUID_PATTERN });
}

/** A route parameter that must be a UUID; undefined otherwise, so the route answers 404. */
export function idParam(request: FastifyRequest, name: string): string | undefined {
  const value = (request.params as Record<string, unknown> | undefined)?.[name];
  return isUuid(value) ? value : undefined;
}
