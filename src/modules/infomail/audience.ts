import { and, arrayOverlaps, eq, inArray, isNotNull, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
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

/** A query for addresses a list reaches (before suppression and dedup): run for the addresses, or counted inside SQL. */
type AddressQuery = SQLWrapper & PromiseLike<Array<{ email: string }>>;

/**
 * Everyone a list reaches now: confirmed subscribers of a subscription list, or the people a saved
 * segment describes; in both cases without suppressed (unsubscribed, bounced) addresses.
 */
export async function resolveAudience(db: Db, list: InfomailList): Promise<Audience[]> {
  const found = list.kind === 'segment' ? await segmentAddresses(db, list.networkId, list.segment) : await subscriberQuery(db, list.id);
  const suppressed = new Set((await db.select({ hash: infomailSuppressions.emailHash }).from(infomailSuppressions).where(suppressedFor(list))).map((row) => row.hash));
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

/**
 * An address already in the form normaliseAddress gives it (and valid): lower-case ASCII, one @, a
 * domain of plain labels (none in punycode) ending in a letter label. For these, the normalised address
 * is the address itself and its hash is SHA-256 of it, so the database can compare and hash them; every
 * other address is normalised here. audience.test.ts checks the claim on many generated addresses.
 */
const CANONICAL_ADDRESS = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([a-z0-9-]+\.)+[a-z][a-z0-9-]*$/;

/** The canonical-address test in SQL: the pattern above, no punycode label, and RFC 5321's lengths. */
export function canonicalAddressSql(email: SQL): SQL {
  return sql`(${email} ~ ${CANONICAL_ADDRESS.source} and ${email} !~ '[@.]xn--' and length(${email}) <= 254 and strpos(${email}, '@') <= 65)`;
}

/**
 * How many addresses resolveAudience would give, counted by the database (the compose page shows it at
 * every render). The same sources, suppression and dedup; only the rare address not already stored in
 * its normal form (upper case, punycode or Unicode domain, spaces, invalid) is read and normalised here.
 */
export async function countAudience(db: Db, list: InfomailList): Promise<number> {
  const sources: AddressQuery[] = list.kind === 'segment' ? segmentQueries(db, list.networkId, list.segment) : [subscriberQuery(db, list.id)];
  if (!sources.length) return 0;
  const found = sql`(${sql.join(
    sources.map((source) => sql`select source.email from (${source}) as source`),
    sql` union all `,
  )})`;
  const others = (await db.execute<{ email: string }>(sql`select distinct found.email from ${found} as found where not ${canonicalAddressSql(sql`found.email`)}`)).rows;
  const normalised = others.flatMap((row) => {
    const normal = normaliseAddress(row.email);
    return normal.ok ? [[normal.email, addressHash(normal.email)]] : [];
  });
  // Each address once (union drops repeats, also between the two parts), with the hash the suppression list keeps.
  const canonical = sql`select distinct found.email, encode(sha256(convert_to(found.email, 'UTF8')), 'hex') as hash from ${found} as found where ${canonicalAddressSql(sql`found.email`)}`;
  const candidates = normalised.length ? sql`${canonical} union select pair->>0, pair->>1 from jsonb_array_elements(${JSON.stringify(normalised)}::jsonb) as pair` : canonical;
  const suppressed = db.select({ one: sql`1` }).from(infomailSuppressions).where(and(suppressedFor(list), eq(infomailSuppressions.emailHash, sql`candidate.hash`)));
  const [row] = (await db.execute<{ count: number }>(sql`select count(*)::int as count from (${candidates}) as candidate where not exists (${suppressed})`)).rows;
  return Number(row?.count ?? 0);
}

/** The suppressions that hold for a list: the network-wide ones and the list's own. */
function suppressedFor(list: InfomailList): SQL | undefined {
  return and(eq(infomailSuppressions.networkId, list.networkId), or(isNull(infomailSuppressions.listId), eq(infomailSuppressions.listId, list.id)));
}

/** A subscription list's confirmed subscribers who get every mail and whose address does not bounce. */
function subscriberQuery(db: Db, listId: string) {
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
  for (const query of segmentQueries(db, networkId, segment)) out.push(...(await query).map((r) => ({ email: r.email, subscriberId: null })));
  return out;
}

/** One query per kind of person the segment names (members by role, organisation contacts, volunteers, event guests). */
function segmentQueries(db: Db, networkId: string, segment: SegmentCriteria): AddressQuery[] {
  const places = segment.municipalityIds?.length ? segment.municipalityIds : null;
  const fields = segment.fields?.length ? segment.fields : null;
  const queries: AddressQuery[] = [];
  if (segment.roles?.length) {
    queries.push(
      db
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
        ),
    );
  }
  if (segment.organisationContacts) {
    queries.push(
      db
        .selectDistinct({ email: users.email })
        .from(organisationMembers)
        .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
        .innerJoin(users, eq(users.id, organisationMembers.userId))
        .where(and(eq(organisations.networkId, networkId), eq(organisations.status, 'verified'), places ? inArray(organisations.municipalityId, places) : undefined)),
    );
  }
  if (segment.contactableVolunteers) {
    queries.push(
      db
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
        ),
    );
  }
  if (segment.eventId) {
    queries.push(
      db
        .selectDistinct({ email: eventRegistrations.email })
        .from(eventRegistrations)
        .innerJoin(events, eq(events.id, eventRegistrations.eventId))
        .where(and(eq(events.networkId, networkId), eq(events.id, segment.eventId), inArray(eventRegistrations.status, ['confirmed', 'pending']))),
    );
  }
  return queries;
}
