import type { FastifyRequest } from 'fastify';

/**
 * Secrets travel in some URLs: e-mail confirmation, password reset, login and invitation links, and a
 * volunteer's private access link. The request log keeps the route but never the secret.
 */
const SECRET_PATH = /^(\/(?:bestaetigen|email-zuruecksetzen|passwort-neu|anmeldelink|einladung|organisationen\/einladung|vermittlungen\/bestaetigen|angebote\/[^/]+\/aktuell|angebote\/abmelden|konto\/suchen\/abmelden)\/)[^/?#]+/;
// `weiter` may carry a return path to an invitation link, secret and all.
const SECRET_QUERY = /([?&](?:zugang|token|code|weiter)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PATH, '$1[redacted]').replace(SECRET_QUERY, '$1[redacted]');
}

/** pino serializer for requests: method, redacted URL, and no headers (they hold cookies). */
export function serializeRequest(request: FastifyRequest) {
  return { method: request.method, url: redactUrl(request.url), id: request.id };
}
