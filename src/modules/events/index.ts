/*
 * The public entry of the events module: what other modules may use of it (decision 006). The module's
 * manifest is in manifest.ts and is read only by the module list.
 */
/** What the recognition module proposes as hours: the events a person attended. */
export { attendedEventsOf } from './attended.ts';
/**
 * Lists of events: upcoming ones without personal data or online links for the widget (issue 14), the
 * network home page's list.
 */
export { type EventListItem, listEvents, upcomingEvents } from './queries.ts';
/** The event tables and kinds: knowledge links documentation to an event, info mails list coming events. */
export { EVENT_KINDS, type EventKind, eventRegistrations, events } from './schema.ts';
/**
 * Participation certificates for the verification page /pruefen (recognition): what a verified signed code of
 * type EVENT_CERTIFICATE certifies, and the legacy HMAC codes printed before decision 007.
 */
export { EVENT_CERTIFICATE, eventCertificateOf, verifyLegacyEventCertificate, type VerifiedCertificate } from './certificate.ts';
export { isLegacyCertificateCode } from './legacy-certificate.ts';
/** Who counts as a member of a network (members see members-only events and knowledge). */
export { isNetworkMember } from './policy.ts';
/** An event as its page shows it. */
export type { EventDetail } from './queries.ts';
/** The event documentation contract, provided by the knowledge module. */
export { provideEventDocumentation, type EventDocumentation, type EventLoader } from './documentation.ts';
/** The coming events box of the network home page. */
export { UpcomingEvents } from './views/upcoming.tsx';
