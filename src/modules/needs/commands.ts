import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { Field, TimeOfDay } from '../../platform/vocabulary.ts';
import { findNetworkMunicipality, findRecentDuplicate } from './queries.ts';
import { needs, type Need, type NeedStatus } from './schema.ts';

/** Where a need may go from each status: forward through the work, closed from anywhere, reopened. */
export const NEXT_STATUSES: Record<NeedStatus, readonly NeedStatus[]> = {
  open: ['in_progress', 'closed'],
  in_progress: ['matched', 'open', 'closed'],
  matched: ['closed', 'in_progress'],
  closed: ['open'],
};

export interface NeedContent {
  title: string;
  description: string;
  field: Field;
  skills: string[];
  weekdays: number[];
  timesOfDay: TimeOfDay[];
  municipalityId: string;
  place: string;
  startsOn: string | null;
  endsOn: string | null;
  isPublic: boolean;
  requesterName: string;
  requesterEmail: string;
  requesterPhone: string;
}

export type NeedError =
  | { ok: false; code: 'needs.unknown_municipality'; field: 'municipalityId' }
  | { ok: false; code: 'needs.not_your_municipality'; field: 'municipalityId' }
  | { ok: false; code: 'needs.invalid_date'; field: 'startsOn' | 'endsOn' }
  | { ok: false; code: 'needs.ends_before_start'; field: 'endsOn' };

/** A calendar date as typed (YYYY-MM-DD) that really exists: no 31 February. */
export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 2000 && year <= 2100;
}

async function checkContent(
  db: Db,
  networkId: string,
  content: NeedContent,
  allowedMunicipalities: readonly string[] | null,
): Promise<NeedError | { ok: true; lat: number | null; lng: number | null }> {
  if (content.startsOn && !isRealDate(content.startsOn)) return { ok: false, code: 'needs.invalid_date', field: 'startsOn' };
  if (content.endsOn && !isRealDate(content.endsOn)) return { ok: false, code: 'needs.invalid_date', field: 'endsOn' };
  if (content.startsOn && content.endsOn && content.endsOn < content.startsOn) {
    return { ok: false, code: 'needs.ends_before_start', field: 'endsOn' };
  }
  const municipality = await findNetworkMunicipality(db, networkId, content.municipalityId);
  if (!municipality) return { ok: false, code: 'needs.unknown_municipality', field: 'municipalityId' };
  if (allowedMunicipalities && !allowedMunicipalities.includes(municipality.id)) {
    return { ok: false, code: 'needs.not_your_municipality', field: 'municipalityId' };
  }
  return { ok: true, lat: municipality.lat, lng: municipality.lng };
}

function columns(content: NeedContent, place: { lat: number | null; lng: number | null }) {
  return {
    title: content.title,
    description: content.description,
    field: content.field,
    skills: content.skills,
    weekdays: [...new Set(content.weekdays)].sort((a, b) => a - b),
    timesOfDay: [...new Set(content.timesOfDay)],
    municipalityId: content.municipalityId,
    place: content.place,
    lat: place.lat,
    lng: place.lng,
    startsOn: content.startsOn,
    endsOn: content.endsOn,
    isPublic: content.isPublic,
    requesterName: content.requesterName,
    requesterEmail: content.requesterEmail,
    requesterPhone: content.requesterPhone,
  };
}

/**
 * Records a need. `onBehalfIn` limits the municipality when a guide files it for someone else
 * (null: anywhere in the network). Sending the same need twice within ten minutes gives the first one
 * back instead of a copy, so a double click or a reloaded form does not create two needs.
 */
export async function createNeed(
  db: Db,
  input: { networkId: string; createdBy: string; organisationId: string | null; content: NeedContent; onBehalfIn: readonly string[] | null },
  now: Date,
): Promise<{ ok: true; id: string; duplicate: boolean } | NeedError> {
  const checked = await checkContent(db, input.networkId, input.content, input.onBehalfIn);
  if (!checked.ok) return checked;
  const duplicate = await findRecentDuplicate(
    db,
    { networkId: input.networkId, createdBy: input.createdBy, title: input.content.title, description: input.content.description },
    new Date(now.getTime() - 10 * 60_000),
  );
  if (duplicate) return { ok: true, id: duplicate, duplicate: true };
  const [row] = await db
    .insert(needs)
    .values({
      networkId: input.networkId,
      createdBy: input.createdBy,
      organisationId: input.organisationId,
      ...columns(input.content, checked),
      status: 'open',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('need not inserted');
  return { ok: true, id: row.id, duplicate: false };
}

export async function updateNeed(
  db: Db,
  need: Pick<Need, 'id' | 'networkId'>,
  content: NeedContent,
  now: Date,
): Promise<{ ok: true } | NeedError> {
  const checked = await checkContent(db, need.networkId, content, null);
  if (!checked.ok) return checked;
  await db
    .update(needs)
    .set({ ...columns(content, checked), updatedAt: now })
    .where(and(eq(needs.id, need.id), eq(needs.networkId, need.networkId)));
  return { ok: true };
}

/**
 * Moves a need to another status if that step is allowed from where it is now. The update names the
 * status it expects, so two people clicking at once cannot skip a step.
 */
export async function changeNeedStatus(
  db: Db,
  need: Pick<Need, 'id' | 'status'>,
  to: NeedStatus,
  allowed: readonly NeedStatus[] | 'all',
  now: Date,
): Promise<{ ok: true } | { ok: false; code: 'needs.status_not_allowed' | 'needs.status_changed' }> {
  if (!NEXT_STATUSES[need.status].includes(to)) return { ok: false, code: 'needs.status_not_allowed' };
  if (allowed !== 'all' && !allowed.includes(to)) return { ok: false, code: 'needs.status_not_allowed' };
  const updated = await db
    .update(needs)
    .set({ status: to, updatedAt: now })
    .where(and(eq(needs.id, need.id), eq(needs.status, need.status)))
    .returning();
  return updated.length > 0 ? { ok: true } : { ok: false, code: 'needs.status_changed' };
}
