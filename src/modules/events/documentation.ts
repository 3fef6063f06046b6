import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db.ts';
import type { Network } from '../../platform/networks/schema.ts';
import type { Actor } from '../../platform/policy.ts';
import type { EventDetail } from './queries.ts';

/*
 * An event's documentation (minutes and results) is a knowledge entry, so it is the knowledge module's
 * (knowledge/event-documentation.tsx). Knowledge is above events: it provides the event page's link to the
 * documentation and the documentation form's routes in its manifest; without it, events have neither.
 */

/** The event in the URL with what the policy needs, or undefined once the answer (404, 403) is sent. */
export type EventLoader = (request: FastifyRequest, reply: FastifyReply) => Promise<{ network: Network; event: EventDetail; memberOf: boolean } | undefined>;

export interface EventDocumentation {
  /** The event's published documentation, when the person may see it. */
  linkFor(db: Db, eventId: string, actor: Actor): Promise<{ href: string; title: string } | null>;
  /** The documentation form under the event's URL, for those who manage the event. */
  registerRoutes(app: FastifyInstance, loaders: { loadManaged: EventLoader; loadEvent: EventLoader }): Promise<void>;
}

let provided: EventDocumentation | undefined;

export function provideEventDocumentation(documentation: EventDocumentation): void {
  provided = documentation;
}

export function eventDocumentation(): EventDocumentation | undefined {
  return provided;
}
