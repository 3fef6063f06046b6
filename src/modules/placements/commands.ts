import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/deps.ts';
import { hashSecret, newSecret } from '../../platform/auth/tokens.ts';
import { translator } from '../../platform/i18n/index.ts';
import { tokens } from '../accounts/index.ts';
import {
  CONFIRM_KIND,
  findByRequestKey,
  findPlacement,
  listUnanswered,
  officeRecipients,
  guideRecipients,
  isMediated,
  type InquiryOffer,
  type PlacementDetail,
  type PlacementSubject,
} from './queries.ts';
import { placementEvents, placementMessages, placements, type PlacementStatus } from './schema.ts';
import { canChangeStatus, sideOf, type Party } from './policy.ts';
import { canTransition } from './status.ts';
import {
  inquiryRecipients,
  issueAccess,
  receivingSide,
  sendTo,
  statusLabel,
  titleOf,
  volunteerLink,
  volunteerRecipient,
  placementUrl,
} from './notify.ts';
import { CONTACT_PURPOSE } from '../privacy/index.ts';

export const CONFIRM_DAYS = 7;
/** Inquiries never confirmed are deleted after this many days: nobody asked for them to be kept. */
export const UNCONFIRMED_KEEP_DAYS = 14;
export const MESSAGE_MAX = 2000;

export type PlacementError =
  | 'placements.link_invalid'
  | 'placements.transition_forbidden'
  | 'placements.not_found'
  | 'placements.not_allowed';

export type Failure = { ok: false; code: PlacementError };

const DAY = 86_400_000;

/**
 * Serialises submits carrying the same idempotency key, so a double click cannot open two
 * placements even when both requests arrive at once (the key's index is not unique).
 */
async function lockKey(tx: { execute: (query: ReturnType<typeof sql>) => Promise<unknown> }, key: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`placement:${key}`}))`);
}

async function mustFind(deps: AppDeps, id: string): Promise<PlacementDetail> {
  const placement = await findPlacement(deps.db, id);
  if (!placement) throw new Error('placement vanished');
  return placement;
}

async function notifyNewInquiry(deps: AppDeps, placement: PlacementDetail, now: Date): Promise<void> {
  const link = placementUrl(deps, placement.id);
  await sendTo(deps, await inquiryRecipients(deps, placement, now), 'inquiry', () => ({
    title: titleOf(placement),
    name: placement.volunteerName,
    message: placement.message,
    link,
  }));
}

/** "Ich möchte helfen" from a signed-in person: the placement is open at once and the receiving side is told. */
export async function requestPlacement(
  deps: AppDeps,
  input: { offer: InquiryOffer; userId: string; message: string; requestKey?: string | undefined; now: Date },
): Promise<{ ok: true; placementId: string; created: boolean }> {
  const { offer, userId, message, requestKey, now } = input;
  const outcome = await deps.db.transaction(async (tx) => {
    if (requestKey) {
      await lockKey(tx, requestKey);
      const existing = await findByRequestKey(tx, { requestKey, offerId: offer.id, volunteerId: userId });
      if (existing) return { placementId: existing.id, created: false };
    }
    const [row] = await tx
      .insert(placements)
      .values({
        networkId: offer.networkId,
        offerId: offer.id,
        volunteerId: userId,
        emailConfirmedAt: now,
        message,
        requestKey: requestKey ?? null,
        createdAt: now,
        lastActivityAt: now,
      })
      .returning();
    if (!row) throw new Error('placement not created');
    await tx.insert(placementEvents).values({ placementId: row.id, at: now, actorId: userId, toStatus: 'requested' });
    return { placementId: row.id, created: true };
  });
  // Mail is queued after the commit: on PGlite the queue shares the one connection the transaction holds.
  if (outcome.created) await notifyNewInquiry(deps, await mustFind(deps, outcome.placementId), now);
  return { ok: true, ...outcome };
}

/**
 * "Ich möchte helfen" without an account: stored unconfirmed, and only a confirmation link is sent.
 * Nobody else hears of it until the link is used.
 */
export async function requestPlacementWithoutAccount(
  deps: AppDeps,
  input: {
    offer: InquiryOffer;
    name: string;
    email: string;
    message: string;
    requestKey?: string | undefined;
    now: Date;
  },
): Promise<{ ok: true; placementId: string; created: boolean }> {
  const { offer, name, message, requestKey, now } = input;
  const email = input.email.toLowerCase();
  const secret = newSecret();
  const outcome = await deps.db.transaction(async (tx) => {
    if (requestKey) {
      await lockKey(tx, requestKey);
      const existing = await findByRequestKey(tx, { requestKey, offerId: offer.id, volunteerId: null, email });
      if (existing) return { placementId: existing.id, created: false };
    }
    const [row] = await tx
      .insert(placements)
      .values({
        networkId: offer.networkId,
        offerId: offer.id,
        volunteerName: name,
        volunteerEmail: email,
        message,
        requestKey: requestKey ?? null,
        createdAt: now,
        lastActivityAt: now,
      })
      .returning();
    if (!row) throw new Error('placement not created');
    await tx.insert(tokens).values({
      id: hashSecret(secret),
      purpose: 'placement',
      email,
      data: { kind: CONFIRM_KIND, placementId: row.id },
      createdAt: now,
      expiresAt: new Date(now.getTime() + CONFIRM_DAYS * DAY),
    });
    return { placementId: row.id, created: true };
  });
  if (outcome.created) {
    await sendTo(deps, [{ email, locale: 'de' }], 'confirm', () => ({
      name,
      title: offer.title,
      link: `${deps.config.publicUrl}/vermittlungen/bestaetigen/${secret}`,
      days: CONFIRM_DAYS,
    }));
  }
  return { ok: true, ...outcome };
}

/** The confirmation link was used: the inquiry counts from now, the volunteer gets a private link, the receiving side hears of it. */
export async function confirmPlacementRequest(
  deps: AppDeps,
  secret: string,
  now: Date,
): Promise<{ ok: true; placementId: string; accessSecret: string } | Failure> {
  const placementId = await deps.db.transaction(async (tx) => {
    const [token] = await tx
      .update(tokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(tokens.id, hashSecret(secret)),
          eq(tokens.purpose, 'placement'),
          sql`${tokens.data}->>'kind' = ${CONFIRM_KIND}`,
          isNull(tokens.usedAt),
          gt(tokens.expiresAt, now),
        ),
      )
      .returning();
    const id = token?.data.placementId;
    if (typeof id !== 'string') return undefined;
    const [row] = await tx
      .update(placements)
      .set({ emailConfirmedAt: now, lastActivityAt: now })
      .where(and(eq(placements.id, id), isNull(placements.emailConfirmedAt)))
      .returning();
    if (!row) return undefined;
    await tx.insert(placementEvents).values({ placementId: id, at: now, toStatus: 'requested' });
    return id;
  });
  if (!placementId) return { ok: false, code: 'placements.link_invalid' };
  const placement = await mustFind(deps, placementId);
  const accessSecret = await issueAccess(deps, placementId, placement.volunteerEmail, now);
  const mediated = placement.offerId ? await isMediated(deps.db, placement.offerId) : false;
  await sendTo(deps, volunteerRecipient(placement), 'access', (locale) => ({
    name: placement.volunteerName,
    title: titleOf(placement),
    answer: mediated
      ? translator(locale)('placements.inquiry.mediated', { network: placement.networkName })
      : translator(locale)('placements.mail.answerOrganisation'),
    link: `${placementUrl(deps, placementId)}?zugang=${accessSecret}`,
  }));
  await notifyNewInquiry(deps, placement, now);
  return { ok: true, placementId, accessSecret };
}

/**
 * Moves a placement along the transition table. The first move by anyone but the volunteer is the
 * receiving side's first response.
 */
export async function changePlacementStatus(
  deps: AppDeps,
  input: { placementId: string; parties: readonly Party[]; actorId: string | null; to: PlacementStatus; note: string; now: Date },
): Promise<{ ok: true } | Failure> {
  const { placementId, parties, actorId, to, note, now } = input;
  const outcome = await deps.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: placements.status })
      .from(placements)
      .where(eq(placements.id, placementId))
      .for('update');
    if (!current) return 'placements.not_found' as const;
    if (!canChangeStatus(parties, current.status, to)) return 'placements.transition_forbidden' as const;
    const byStaff = parties.some((p) => p !== 'volunteer') && canTransition(current.status, to, 'staff');
    await tx
      .update(placements)
      .set({
        status: to,
        lastActivityAt: now,
        ...(byStaff ? { firstResponseAt: sql`coalesce(${placements.firstResponseAt}, ${now.toISOString()}::timestamptz)` } : {}),
      })
      .where(eq(placements.id, placementId));
    const side = byStaff ? sideOf(parties.filter((p) => p !== 'volunteer')) : 'volunteer';
    await tx.insert(placementEvents).values({ placementId, at: now, actorId, fromStatus: current.status, toStatus: to, note, side });
    return byStaff ? ('staff' as const) : ('volunteer' as const);
  });
  if (outcome !== 'staff' && outcome !== 'volunteer') return { ok: false, code: outcome };
  const placement = await mustFind(deps, placementId);
  if (outcome === 'staff') {
    const link = await volunteerLink(deps, placement, now);
    await sendTo(deps, volunteerRecipient(placement), 'status', (locale) => ({
      title: titleOf(placement),
      status: statusLabel(locale, to),
      note,
      link,
    }));
  } else {
    await sendTo(deps, await receivingSide(deps, placement, now), 'withdrawn', () => ({
      title: titleOf(placement),
      name: placement.volunteerName,
      link: placementUrl(deps, placementId),
    }));
  }
  return { ok: true };
}

/** A message inside the placement; the other side is told by mail, without either address. */
export async function postPlacementMessage(
  deps: AppDeps,
  input: { placementId: string; authorId: string | null; side: 'volunteer' | 'organisation' | 'office'; body: string; now: Date },
): Promise<{ ok: true }> {
  const { placementId, authorId, side, body, now } = input;
  await deps.db.transaction(async (tx) => {
    await tx.insert(placementMessages).values({ placementId, at: now, authorId, side, body });
    await tx
      .update(placements)
      .set({
        lastActivityAt: now,
        ...(side !== 'volunteer'
          ? { firstResponseAt: sql`coalesce(${placements.firstResponseAt}, ${now.toISOString()}::timestamptz)` }
          : {}),
      })
      .where(eq(placements.id, placementId));
  });
  const placement = await mustFind(deps, placementId);
  if (side === 'volunteer') {
    await sendTo(deps, await receivingSide(deps, placement, now), 'message', () => ({
      title: titleOf(placement),
      body,
      link: placementUrl(deps, placementId),
    }));
  } else {
    const link = await volunteerLink(deps, placement, now);
    await sendTo(deps, volunteerRecipient(placement), 'message', () => ({ title: titleOf(placement), body, link }));
  }
  return { ok: true };
}

/** One side agrees to show its e-mail address; the addresses appear only once both sides have agreed. */
export async function shareContact(
  deps: AppDeps,
  input: { placementId: string; side: 'volunteer' | 'organisation'; now: Date },
): Promise<{ ok: true; both: boolean }> {
  const { placementId, side, now } = input;
  const column = side === 'volunteer' ? placements.volunteerSharesContact : placements.organisationSharesContact;
  const [row] = await deps.db
    .update(placements)
    .set(
      side === 'volunteer'
        ? { volunteerSharesContact: sql`coalesce(${column}, ${now.toISOString()}::timestamptz)` }
        : { organisationSharesContact: sql`coalesce(${column}, ${now.toISOString()}::timestamptz)` },
    )
    .where(and(eq(placements.id, placementId), isNull(column)))
    .returning();
  if (!row) {
    const placement = await mustFind(deps, placementId);
    return { ok: true, both: Boolean(placement.volunteerSharesContact && placement.organisationSharesContact) };
  }
  const both = Boolean(row.volunteerSharesContact && row.organisationSharesContact);
  const placement = await mustFind(deps, placementId);
  const kind = both ? 'sharedBoth' : 'shared';
  if (side === 'volunteer' || both) {
    await sendTo(deps, await receivingSide(deps, placement, now), kind, () => ({
      title: titleOf(placement),
      link: placementUrl(deps, placementId),
    }));
  }
  if (side === 'organisation' || both) {
    const link = await volunteerLink(deps, placement, now);
    await sendTo(deps, volunteerRecipient(placement), kind, () => ({ title: titleOf(placement), link }));
  }
  return { ok: true, both };
}

/**
 * The office or a guide opens a placement for a chosen volunteer (who agreed to be contacted), for a
 * need, an offer or both. For a need alone, opening it is the receiving side's answer already.
 */
export async function openPlacement(
  deps: AppDeps,
  input: {
    networkId: string;
    offer: PlacementSubject | undefined;
    need: PlacementSubject | undefined;
    volunteerId: string;
    actorId: string;
    message: string;
    requestKey?: string | undefined;
    now: Date;
  },
): Promise<{ ok: true; placementId: string; created: boolean }> {
  const { networkId, offer, need, volunteerId, actorId, message, requestKey, now } = input;
  const outcome = await deps.db.transaction(async (tx) => {
    if (requestKey) {
      await lockKey(tx, requestKey);
      const existing = await findByRequestKey(tx, {
        requestKey,
        offerId: offer?.id ?? null,
        needId: need?.id ?? null,
        volunteerId,
      });
      if (existing) return { placementId: existing.id, created: false };
    }
    const [row] = await tx
      .insert(placements)
      .values({
        networkId,
        offerId: offer?.id ?? null,
        needId: need?.id ?? null,
        volunteerId,
        emailConfirmedAt: now,
        firstResponseAt: offer ? null : now,
        message,
        requestKey: requestKey ?? null,
        createdAt: now,
        lastActivityAt: now,
      })
      .returning();
    if (!row) throw new Error('placement not created');
    await tx.insert(placementEvents).values({ placementId: row.id, at: now, actorId, toStatus: 'requested' });
    return { placementId: row.id, created: true };
  });
  if (outcome.created) {
    const placement = await mustFind(deps, outcome.placementId);
    const link = placementUrl(deps, placement.id);
    // Sent on the strength of the volunteer's "may contact me" consent; withdrawn meanwhile, it is not sent.
    const consent = placement.volunteerId ? { purpose: CONTACT_PURPOSE, userId: placement.volunteerId } : undefined;
    await sendTo(deps, volunteerRecipient(placement), 'opened', () => ({ title: titleOf(placement), message, link }), consent);
    if (offer) await notifyNewInquiry(deps, placement, now);
  }
  return { ok: true, ...outcome };
}

/**
 * The reminder job. For an inquiry still unanswered after the network's N days: a reminder to the
 * receiving side; after 2N an escalation to the guides and the office; after 4N the placement is
 * closed as "keine Rückmeldung" and the volunteer is pointed to other offers. Each step happens once:
 * the row is claimed by a conditional update before any mail is queued, so parallel runs cannot repeat it.
 */
export async function runPlacementReminders(
  deps: AppDeps,
  now: Date,
): Promise<{ reminded: number; escalated: number; closed: number; purged: number }> {
  const result = { reminded: 0, escalated: 0, closed: 0, purged: 0 };
  for (const due of await listUnanswered(deps.db)) {
    const days = Math.max(1, due.reminderDays);
    const age = now.getTime() - due.requestedAt.getTime();
    if (age >= 4 * days * DAY) {
      if (await closeUnanswered(deps, due.id, now)) result.closed++;
      continue;
    }
    if (age >= 2 * days * DAY && !due.escalatedAt) {
      if (await claim(deps, due.id, 'escalatedAt', now)) {
        const placement = await mustFind(deps, due.id);
        const recipients = [
          ...(await guideRecipients(deps.db, placement.networkId, placement.municipalityId)),
          ...(await officeRecipients(deps.db, placement.networkId, 'notice')),
        ];
        await sendTo(deps, recipients, 'escalation', () => ({
          title: titleOf(placement),
          organisation: placement.organisationName ?? '',
          municipality: placement.municipalityName ?? '',
          days: Math.floor(age / DAY),
          link: placementUrl(deps, placement.id),
        }));
        result.escalated++;
      }
    }
    if (age >= days * DAY && !due.remindedAt) {
      if (await claim(deps, due.id, 'remindedAt', now)) {
        const placement = await mustFind(deps, due.id);
        await sendTo(deps, await receivingSide(deps, placement, now), 'reminder', () => ({
          title: titleOf(placement),
          name: placement.volunteerName,
          days: Math.floor(age / DAY),
          link: placementUrl(deps, placement.id),
        }));
        result.reminded++;
      }
    }
  }
  const purged = await deps.db
    .delete(placements)
    .where(and(isNull(placements.emailConfirmedAt), lt(placements.createdAt, new Date(now.getTime() - UNCONFIRMED_KEEP_DAYS * DAY))))
    .returning();
  result.purged = purged.length;
  return result;
}

async function claim(deps: AppDeps, id: string, column: 'remindedAt' | 'escalatedAt', now: Date): Promise<boolean> {
  const target = column === 'remindedAt' ? placements.remindedAt : placements.escalatedAt;
  const rows = await deps.db
    .update(placements)
    .set(column === 'remindedAt' ? { remindedAt: now } : { escalatedAt: now })
    .where(and(eq(placements.id, id), isNull(target), eq(placements.status, 'requested'), isNull(placements.firstResponseAt)))
    .returning();
  return rows.length > 0;
}

async function closeUnanswered(deps: AppDeps, id: string, now: Date): Promise<boolean> {
  if (!canTransition('requested', 'no_answer', 'system')) return false;
  const closed = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(placements)
      .set({ status: 'no_answer', lastActivityAt: now })
      .where(and(eq(placements.id, id), eq(placements.status, 'requested'), isNull(placements.firstResponseAt)))
      .returning();
    if (rows.length === 0) return false;
    await tx.insert(placementEvents).values({ placementId: id, at: now, fromStatus: 'requested', toStatus: 'no_answer' });
    return true;
  });
  if (!closed) return false;
  const placement = await mustFind(deps, id);
  const link = await volunteerLink(deps, placement, now);
  await sendTo(deps, volunteerRecipient(placement), 'noAnswer', () => ({
    title: titleOf(placement),
    organisation: placement.organisationName ?? '',
    search: `${deps.config.publicUrl}/angebote`,
    network: `${deps.config.publicUrl}/netzwerk/${placement.networkSlug}`,
    link,
  }));
  return true;
}
