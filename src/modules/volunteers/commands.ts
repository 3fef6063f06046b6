import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { Field, TimeOfDay } from '../../platform/vocabulary.ts';
import { CONTACT_PURPOSE, recordConsent, withdrawConsent } from '../privacy/index.ts';
import { findMunicipality } from './queries.ts';
import { volunteerProfiles } from './schema.ts';

export interface VolunteerProfileInput {
  fields: Field[];
  skills: string[];
  weekdays: number[];
  timesOfDay: TimeOfDay[];
  homeMunicipalityId: string | null;
  postcode: string;
  radiusKm: number;
  languages: string[];
  remoteOk: boolean;
  about: string;
  contactable: boolean;
}

export type SaveProfileResult =
  | { ok: true }
  | { ok: false; code: 'volunteers.unknown_municipality'; field: 'homeMunicipalityId' }
  | { ok: false; code: 'volunteers.radius_range'; field: 'radiusKm' };

/** Splits a comma-separated list typed by a person, dropping blanks and repeats (case-insensitive). */
export function splitList(text: string, maxItems: number, maxLength: number): string[] | null {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const item = raw.replace(/\s+/g, ' ').trim();
    if (!item) continue;
    if (item.length > maxLength) return null;
    const key = item.toLocaleLowerCase('de');
    if (seen.has(key)) continue;
    seen.add(key);
    items.push(item);
  }
  return items.length > maxItems ? null : items;
}

/**
 * Creates or replaces a person's volunteer profile. The place for distances comes from the home
 * municipality, so coordinates can never be typed in wrong; a postcode alone gives no distance.
 */
export async function saveVolunteerProfile(
  db: Db,
  userId: string,
  input: VolunteerProfileInput,
  now: Date,
): Promise<SaveProfileResult> {
  if (!Number.isInteger(input.radiusKm) || input.radiusKm < 1 || input.radiusKm > 200) {
    return { ok: false, code: 'volunteers.radius_range', field: 'radiusKm' };
  }
  let lat: number | null = null;
  let lng: number | null = null;
  if (input.homeMunicipalityId) {
    const municipality = await findMunicipality(db, input.homeMunicipalityId);
    if (!municipality) return { ok: false, code: 'volunteers.unknown_municipality', field: 'homeMunicipalityId' };
    lat = municipality.lat;
    lng = municipality.lng;
  }
  const values = {
    homeMunicipalityId: input.homeMunicipalityId,
    postcode: input.postcode,
    lat,
    lng,
    radiusKm: input.radiusKm,
    fields: [...new Set(input.fields)],
    skills: input.skills,
    weekdays: [...new Set(input.weekdays)].sort((a, b) => a - b),
    timesOfDay: [...new Set(input.timesOfDay)],
    languages: input.languages,
    remoteOk: input.remoteOk,
    about: input.about,
    contactable: input.contactable,
    updatedAt: now,
  };
  await db
    .insert(volunteerProfiles)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: volunteerProfiles.userId, set: values });
  // The "may contact me" tick is a consent: recorded with its wording's version, withdrawn when unticked.
  if (input.contactable) await recordConsent(db, { userId, purpose: CONTACT_PURPOSE, version: CONTACT_WORDING, method: 'form' }, now);
  else await withdrawConsent(db, { userId, purpose: CONTACT_PURPOSE }, now);
  return { ok: true };
}

/** Version of the "may contact me" wording (volunteers.profile.contactable); raise it when the text changes. */
export const CONTACT_WORDING = '2025-01';

/** Follows a withdrawal made on the consents page: the profile no longer offers itself for contact. */
export async function stopContact(db: Db, userId: string, now: Date): Promise<void> {
  await db.update(volunteerProfiles).set({ contactable: false, updatedAt: now }).where(eq(volunteerProfiles.userId, userId));
}
