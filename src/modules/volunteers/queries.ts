import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { users } from '../../platform/auth/schema.ts';
import { municipalities, networks } from '../../platform/networks/schema.ts';
import { type Field } from '../../platform/vocabulary.ts';
import { offers } from '../offers/index.ts';
import { organisationMembers, organisations } from '../organisations/index.ts';
import { boundingBox } from '../../platform/geo.ts';
import { normaliseSkill } from './matching.ts';
import { volunteerProfiles, type VolunteerProfile } from './schema.ts';

/** How many candidates the SQL pre-filter hands to the scoring in TypeScript. */
export const CANDIDATE_LIMIT = 500;

export async function getVolunteerProfile(db: Db, userId: string): Promise<VolunteerProfile | undefined> {
  const [profile] = await db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, userId));
  return profile;
}

export interface MunicipalityGroup {
  network: { id: string; name: string };
  municipalities: Array<{ id: string; name: string }>;
}

/** Every municipality on the instance, grouped by network, for the home-municipality select. */
export async function listMunicipalityGroups(db: Db): Promise<MunicipalityGroup[]> {
  const rows = await db
    .select({ networkId: networks.id, networkName: networks.name, id: municipalities.id, name: municipalities.name })
    .from(municipalities)
    .innerJoin(networks, eq(networks.id, municipalities.networkId))
    .orderBy(asc(networks.name), asc(municipalities.name));
  const groups = new Map<string, MunicipalityGroup>();
  for (const row of rows) {
    const group = groups.get(row.networkId) ?? { network: { id: row.networkId, name: row.networkName }, municipalities: [] };
    group.municipalities.push({ id: row.id, name: row.name });
    groups.set(row.networkId, group);
  }
  return [...groups.values()];
}

export async function findMunicipality(
  db: Db,
  id: string,
): Promise<{ id: string; networkId: string; name: string; lat: number | null; lng: number | null } | undefined> {
  const [row] = await db
    .select({
      id: municipalities.id,
      networkId: municipalities.networkId,
      name: municipalities.name,
      lat: municipalities.lat,
      lng: municipalities.lng,
    })
    .from(municipalities)
    .where(eq(municipalities.id, id));
  return row;
}

/**
 * Skills are compared the same way on both sides inside SQL (lower case, hyphens as spaces); German
 * capital umlauts are folded by hand because lower() leaves them alone under the C collation.
 */
function normalisedSql(expression: SQL): SQL {
  return sql`btrim(regexp_replace(lower(translate(${expression}, 'ÄÖÜ', 'äöü')), '[-_/[:space:]]+', ' ', 'g'))`;
}

function skillsOverlap(column: SQL, skills: readonly string[]): SQL | undefined {
  const wanted = [...new Set(skills.map(normaliseSkill).filter(Boolean))];
  if (wanted.length === 0) return undefined;
  const list = sql.join(
    wanted.map((s) => normalisedSql(sql`${s}::text`)),
    sql`, `,
  );
  return sql`exists (select 1 from unnest(${column}) as s(skill) where ${normalisedSql(sql`s.skill`)} in (${list}))`;
}

export interface OfferCandidate {
  id: string;
  networkId: string;
  title: string;
  summary: string;
  field: Field;
  skills: string[];
  weekdays: number[];
  timesOfDay: VolunteerProfile['timesOfDay'];
  suitability: Array<'youth' | 'seniors' | 'families' | 'little_german' | 'wheelchair'>;
  remote: boolean;
  lat: number | null;
  lng: number | null;
  place: string;
  organisationName: string;
  municipalityName: string | null;
  publishedAt: Date | null;
}

/**
 * Published offers that could fit a volunteer: inside the bounding box of their radius (or remote work
 * they accept), in one of their fields or asking for one of their skills. Offers without a place are
 * left out when the volunteer has one, since nobody can say how far they are.
 */
export async function offerCandidatesForVolunteer(
  db: Db,
  profile: Pick<VolunteerProfile, 'lat' | 'lng' | 'radiusKm' | 'remoteOk' | 'fields' | 'skills'>,
  now: Date,
): Promise<OfferCandidate[]> {
  const conditions: Array<SQL | undefined> = [
    eq(offers.status, 'published'),
    or(isNull(offers.expiresAt), gt(offers.expiresAt, now)),
  ];
  if (profile.lat !== null && profile.lng !== null) {
    const box = boundingBox({ lat: profile.lat, lng: profile.lng }, profile.radiusKm);
    const inBox = and(
      sql`${offers.lat} between ${box.minLat} and ${box.maxLat}`,
      sql`${offers.lng} between ${box.minLng} and ${box.maxLng}`,
    );
    conditions.push(profile.remoteOk ? or(eq(offers.remote, true), inBox) : inBox);
  }
  const topical = [
    profile.fields.length > 0 ? inArray(offers.field, profile.fields) : undefined,
    skillsOverlap(sql`${offers.skills}`, profile.skills),
  ].filter((c): c is SQL => c !== undefined);
  if (topical.length > 0) conditions.push(or(...topical));

  return db
    .select({
      id: offers.id,
      networkId: offers.networkId,
      title: offers.title,
      summary: offers.summary,
      field: offers.field,
      skills: offers.skills,
      weekdays: offers.weekdays,
      timesOfDay: offers.timesOfDay,
      suitability: offers.suitability,
      remote: offers.remote,
      lat: offers.lat,
      lng: offers.lng,
      place: offers.place,
      organisationName: organisations.name,
      municipalityName: municipalities.name,
      publishedAt: offers.publishedAt,
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .leftJoin(municipalities, eq(municipalities.id, offers.municipalityId))
    .where(and(...conditions))
    .orderBy(desc(offers.publishedAt), asc(offers.id))
    .limit(CANDIDATE_LIMIT);
}

export interface VolunteerCandidate {
  userId: string;
  name: string;
  fields: Field[];
  skills: string[];
  weekdays: number[];
  timesOfDay: VolunteerProfile['timesOfDay'];
  lat: number | null;
  lng: number | null;
  radiusKm: number;
  remoteOk: boolean;
}

/** What an offer or need says about itself, as far as finding volunteers is concerned. */
export interface VolunteerSearchTarget {
  networkId: string;
  field: Field;
  skills: readonly string[];
  lat: number | null;
  lng: number | null;
  remote?: boolean;
}

/**
 * Opted-in volunteers who could fit: the target lies in the bounding box of each volunteer's own radius
 * (or it is remote work they accept), and it is in one of their fields or asks for one of their skills.
 * Without a place on the target, only volunteers living in its network are considered.
 * Never selects e-mail addresses: suggestions show names and reasons only.
 */
export async function volunteerCandidatesFor(db: Db, target: VolunteerSearchTarget): Promise<VolunteerCandidate[]> {
  const conditions: Array<SQL | undefined> = [eq(volunteerProfiles.contactable, true)];
  const remote = target.remote ? eq(volunteerProfiles.remoteOk, true) : undefined;
  if (target.lat !== null && target.lng !== null) {
    const lat = target.lat;
    const lng = target.lng;
    const degLat = sql`(${volunteerProfiles.radiusKm} / 111.0)`;
    const degLng = sql`(${volunteerProfiles.radiusKm} / (111.0 * greatest(0.01, cos(radians(least(90.0, abs(${lat}::float8) + ${degLat}))))))`;
    const inBox = and(
      isNotNull(volunteerProfiles.lat),
      sql`abs(${volunteerProfiles.lat} - ${lat}::float8) <= ${degLat}`,
      sql`abs(${volunteerProfiles.lng} - ${lng}::float8) <= ${degLng}`,
    );
    conditions.push(remote ? or(remote, inBox) : inBox);
  } else {
    const inNetwork = inArray(
      volunteerProfiles.homeMunicipalityId,
      db.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.networkId, target.networkId)),
    );
    conditions.push(remote ? or(remote, inNetwork) : inNetwork);
  }
  const topical = [
    sql`${target.field}::text = any(${volunteerProfiles.fields})`,
    skillsOverlap(sql`${volunteerProfiles.skills}`, target.skills),
  ].filter((c): c is SQL => c !== undefined);
  conditions.push(or(...topical));

  return db
    .select({
      userId: volunteerProfiles.userId,
      name: users.name,
      fields: volunteerProfiles.fields,
      skills: volunteerProfiles.skills,
      weekdays: volunteerProfiles.weekdays,
      timesOfDay: volunteerProfiles.timesOfDay,
      lat: volunteerProfiles.lat,
      lng: volunteerProfiles.lng,
      radiusKm: volunteerProfiles.radiusKm,
      remoteOk: volunteerProfiles.remoteOk,
    })
    .from(volunteerProfiles)
    .innerJoin(users, eq(users.id, volunteerProfiles.userId))
    .where(and(...conditions))
    .orderBy(asc(volunteerProfiles.updatedAt))
    .limit(CANDIDATE_LIMIT);
}

/** An offer with what the suggestion page for it needs, whatever its status. */
export async function findOfferForSuggestions(db: Db, id: string) {
  const [row] = await db
    .select({
      id: offers.id,
      networkId: offers.networkId,
      networkSlug: networks.slug,
      networkName: networks.name,
      organisationId: offers.organisationId,
      title: offers.title,
      field: offers.field,
      skills: offers.skills,
      weekdays: offers.weekdays,
      timesOfDay: offers.timesOfDay,
      suitability: offers.suitability,
      remote: offers.remote,
      lat: offers.lat,
      lng: offers.lng,
      status: offers.status,
    })
    .from(offers)
    .innerJoin(networks, eq(networks.id, offers.networkId))
    .where(eq(offers.id, id));
  return row;
}

export async function isOrganisationMember(db: Db, userId: string | null, organisationId: string): Promise<boolean> {
  if (!userId) return false;
  const [row] = await db
    .select({ userId: organisationMembers.userId })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)));
  return row !== undefined;
}
