import { and, arrayOverlaps, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import type { Field } from '../../platform/vocabulary.ts';
import type { Db } from '../../platform/db.ts';
import { users } from '../../platform/auth/schema.ts';
import { municipalities } from '../../platform/networks/schema.ts';
import { organisationMembers, organisations } from '../organisations/index.ts';
import { membershipMunicipalities, memberships, type Role } from '../../platform/roles/schema.ts';
import { volunteerProfiles } from '../volunteers/index.ts';
import { eventRegistrations, events } from '../events/index.ts';
import { addressHash, normaliseAddress } from './address.ts';
import { infomailSubscribers, infomailSubscriptions, infomailSuppressions, type InfomailList, type SegmentCriteria } from './schema.ts';

export interface Audience {
  email: string;
  subscriberId: string | null;
}

/**
 * Everyone a list reaches now: confirmed subscribers of a subscription list, or the people a saved
 * segment describes; in both cases without suppressed (unsubscribed, bounced) addresses.
 */
export async function resolveAudience(db: Db, list: InfomailList): Promise<Audience[]> {
  const found = list.kind === 'segment' ? await segmentAddresses(db, list.networkId, list.segment) : await subscribers(db, list.id);
  const suppressed = new Set(
    (
      await db
        .select({ hash: infomailSuppressions.emailHash })
        .from(infomailSuppressions)
        .where(and(eq(infomailSuppressions.networkId, list.networkId), or(isNull(infomailSuppressions.listId), eq(infomailSuppressions.listId, list.id))))
    ).map((row) => row.hash),
  );
  const seen = new Set<string>();
  const audience: Audience[] = [];
  for (const entry of found) {
    const normal = normaliseAddress(entry.email);
    if (!normal.ok || seen.has(normal.email) || suppressed.has(addressHash(normal.email))) continue;
    seen.add(normal.email);
    audience.push({ email: normal.email, subscriberId: entry.subscriberId });
  }
  return audience;
}

async function subscribers(db: Db, listId: string): Promise<Audience[]> {
  return db
    .select({ email: infomailSubscribers.email, subscriberId: infomailSubscribers.id })
    .from(infomailSubscriptions)
    .innerJoin(infomailSubscribers, eq(infomailSubscribers.id, infomailSubscriptions.subscriberId))
    .where(
      and(
        eq(infomailSubscriptions.listId, listId),
        isNotNull(infomailSubscribers.confirmedAt),
        isNull(infomailSubscribers.bouncedAt),
        eq(infomailSubscribers.frequency, 'all'),
      ),
    );
}

/** The addresses a segment describes; criteria left out do not narrow. */
export async function segmentAddresses(db: Db, networkId: string, segment: SegmentCriteria): Promise<Audience[]> {
  const out: Audience[] = [];
  const push = (rows: Array<{ email: string }>) => out.push(...rows.map((r) => ({ email: r.email, subscriberId: null })));
  const places = segment.municipalityIds?.length ? segment.municipalityIds : null;
  const fields = segment.fields?.length ? segment.fields : null;

  if (segment.roles?.length) {
    const rows = await db
      .selectDistinct({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .leftJoin(membershipMunicipalities, eq(membershipMunicipalities.membershipId, memberships.id))
      .where(
        and(
          eq(memberships.networkId, networkId),
          inArray(memberships.role, segment.roles as Role[]),
          places ? inArray(membershipMunicipalities.municipalityId, places) : undefined,
        ),
      );
    push(rows);
  }
  if (segment.organisationContacts) {
    const members = await db
      .selectDistinct({ email: users.email })
      .from(organisationMembers)
      .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
      .innerJoin(users, eq(users.id, organisationMembers.userId))
      .where(and(eq(organisations.networkId, networkId), eq(organisations.status, 'verified'), places ? inArray(organisations.municipalityId, places) : undefined));
    push(members);
  }
  if (segment.contactableVolunteers) {
    const rows = await db
      .selectDistinct({ email: users.email })
      .from(volunteerProfiles)
      .innerJoin(users, eq(users.id, volunteerProfiles.userId))
      .innerJoin(municipalities, eq(municipalities.id, volunteerProfiles.homeMunicipalityId))
      .where(
        and(
          eq(municipalities.networkId, networkId),
          eq(volunteerProfiles.contactable, true),
          places ? inArray(volunteerProfiles.homeMunicipalityId, places) : undefined,
          fields ? arrayOverlaps(volunteerProfiles.fields, fields as Field[]) : undefined,
        ),
      );
    push(rows);
  }
  if (segment.eventId) {
    const rows = await db
      .selectDistinct({ email: eventRegistrations.email })
      .from(eventRegistrations)
      .innerJoin(events, eq(events.id, eventRegistrations.eventId))
      .where(and(eq(events.networkId, networkId), eq(events.id, segment.eventId), inArray(eventRegistrations.status, ['confirmed', 'pending'])));
    push(rows);
  }
  return out;
}
