import { hasRole, isNetworkAdmin, type Actor } from '../../platform/policy.ts';
import type { Event } from './schema.ts';

/*
 * Events are run by the network office or by a member organisation. The office may do everything
 * with every event of its network; people of an organisation only with their organisation's events.
 * An organisation's event waits in review until the office publishes it (like offers); the office's
 * own events go out at once.
 */

type Subject = Pick<Event, 'networkId' | 'organisationId' | 'status'>;

/** Office, or anyone acting for at least one organisation of the network. */
export function canCreateEvent(actor: Actor, networkId: string, organisationIds: readonly string[]): boolean {
  return isNetworkAdmin(actor, networkId) || (actor.userId !== null && organisationIds.length > 0);
}

/** Office events only by the office; an organisation's by its own people (and the office). */
export function canEditEvent(actor: Actor, event: Subject, isOrganisationMember: boolean): boolean {
  if (isNetworkAdmin(actor, event.networkId)) return true;
  return actor.userId !== null && event.organisationId !== null && isOrganisationMember;
}

/** Registrations, attendance and documentation belong to whoever runs the event. */
export const canManageRegistrations = canEditEvent;

export function canPublishEvent(actor: Actor, event: Pick<Event, 'networkId'>): boolean {
  return isNetworkAdmin(actor, event.networkId);
}

/** Published and cancelled events are public; drafts and those in review only for their organisers. */
export function canViewEvent(actor: Actor, event: Subject, isOrganisationMember: boolean): boolean {
  return event.status === 'published' || event.status === 'cancelled' || canEditEvent(actor, event, isOrganisationMember);
}

/** A person with any role in the network counts as a member (members-only content, event lists). */
export function isNetworkMember(actor: Actor, networkId: string): boolean {
  return actor.isPlatformAdmin || hasRole(actor, networkId, 'volunteer', 'organisation', 'municipality_contact', 'guide', 'network_office', 'programme_office', 'consultant');
}
