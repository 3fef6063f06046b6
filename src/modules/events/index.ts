/*
 * The public entry of the events module: what other modules may use of it (decision 006). The module's
 * manifest is in manifest.ts and is read only by the module list.
 */
/** What the recognition module proposes as hours: the events a person attended. */
export { attendedEventsOf } from './attended.ts';
/** For the widget (issue 14: events in the widget): upcoming events without personal data or online links. */
export { upcomingEvents, type EventListItem } from './queries.ts';
export { EVENT_KINDS, type EventKind } from './schema.ts';
/** A participation certificate's code (HMAC, see certificate.ts), for a verification page outside events. */
export { verifyEventCertificate, type VerifiedCertificate } from './certificate.ts';
/** Who counts as a member of a network (members see members-only events and knowledge). */
export { isNetworkMember } from './policy.ts';
/** An event as its page shows it. */
export type { EventDetail } from './queries.ts';
/** The event documentation contract, provided by the knowledge module. */
export { provideEventDocumentation, type EventDocumentation, type EventLoader } from './documentation.ts';
