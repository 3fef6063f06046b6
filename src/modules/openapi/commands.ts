import crypto from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { hashSecret } from '../../platform/auth/tokens.ts';
import { ANONYMOUS, type Actor } from '../../platform/policy.ts';
import { archiveOffer, saveDraft, submitOffer, type OfferFailure, type OfferInput, getOffer, type Offer } from '../offers/index.ts';
import { type FieldProblems, getOrganisation } from '../organisations/index.ts';
import { canWriteOffersOf, ownsOffer } from './policy.ts';
import type { ApiTokenRef } from './queries.ts';
import { apiTokens, type ApiScope } from './schema.ts';

/** Every token starts with this, so secret scanners and people recognise one when it leaks. */
export const TOKEN_PREFIX = 'mmn_';
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;

export function looksLikeToken(value: string): boolean {
  return /^mmn_[A-Za-z0-9_-]{43}$/.test(value);
}

/**
 * Creates a token for an organisation. The secret is returned once for the person to copy; the database
 * keeps only its SHA-256. With an idempotency key (the form's), a form sent twice creates one token.
 */
export async function createApiToken(
  db: Db,
  args: { organisationId: string; name: string; scopes: ApiScope[]; createdBy: string; idempotencyKey?: string | undefined; now: Date },
): Promise<{ ok: true; id: string; token: string } | { ok: false; code: 'openapi.tokens.repeated' | 'openapi.tokens.noScope' }> {
  const scopes = (['read', 'write'] as const).filter((s) => args.scopes.includes(s));
  if (scopes.length === 0) return { ok: false, code: 'openapi.tokens.noScope' };
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
  const [created] = await db
    .insert(apiTokens)
    .values({
      ...(args.idempotencyKey ? { id: args.idempotencyKey } : {}),
      organisationId: args.organisationId,
      name: args.name,
      tokenHash: hashSecret(token),
      prefix: token.slice(0, SHOWN_PREFIX_LENGTH),
      scopes,
      createdBy: args.createdBy,
      createdAt: args.now,
    })
    .onConflictDoNothing({ target: apiTokens.id })
    .returning();
  if (!created) return { ok: false, code: 'openapi.tokens.repeated' };
  return { ok: true, id: created.id, token };
}

/** Revokes a token of this organisation; it stops working with the next request. Revoking twice is harmless. */
export async function revokeApiToken(
  db: Db,
  args: { organisationId: string; tokenId: string; revokedBy: string; now: Date },
): Promise<{ ok: true } | { ok: false; code: 'openapi.tokens.notFound' }> {
  const [row] = await db
    .select({ id: apiTokens.id, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.id, args.tokenId), eq(apiTokens.organisationId, args.organisationId)));
  if (!row) return { ok: false, code: 'openapi.tokens.notFound' };
  if (!row.revokedAt) {
    await db
      .update(apiTokens)
      .set({ revokedAt: args.now, revokedBy: args.revokedBy })
      .where(and(eq(apiTokens.id, row.id), isNull(apiTokens.revokedAt)));
  }
  return { ok: true };
}

/** How often the last use is written: once a minute is enough to tell a live integration from a dead one. */
const TOUCH_INTERVAL_MS = 60_000;

export async function recordTokenUse(db: Db, token: ApiTokenRef, now: Date): Promise<void> {
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < TOUCH_INTERVAL_MS) return;
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.id, token.id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - TOUCH_INTERVAL_MS))),
      ),
    );
}

// ---- Offers written through the API --------------------------------------------------------------
// The rules are the offer form's: the same commands, the same moderation. The token stands for its
// organisation, not for a person, so the offer has no author account.

const TOKEN_ACTOR: Actor = ANONYMOUS;

export type ApiOfferFailure =
  | OfferFailure
  | { ok: false; code: 'openapi.forbidden' }
  | { ok: false; code: 'offers.invalid'; problems: FieldProblems }
  | { ok: false; code: 'offers.key_taken' };

/** Creates an offer for the token's organisation and, unless asked to keep a draft, submits it. */
export async function createOfferWithToken(
  db: Db,
  args: { token: ApiTokenRef; input: OfferInput; submit: boolean; idempotencyKey?: string | undefined; now: Date },
): Promise<{ ok: true; offer: Offer; repeated: boolean } | ApiOfferFailure> {
  const organisation = await getOrganisation(db, args.token.organisationId);
  if (!organisation || !canWriteOffersOf(args.token, organisation)) return { ok: false, code: 'openapi.forbidden' };
  const saved = await saveDraft(db, {
    actor: TOKEN_ACTOR,
    organisation,
    input: args.input,
    idempotencyKey: args.idempotencyKey,
    now: args.now,
  });
  if (!saved.ok) return saved;
  if (!args.submit || saved.repeated || saved.offer.status !== 'draft') return saved;
  const submitted = await submitOffer(db, saved.offer.id, args.now);
  if (!submitted.ok) return submitted;
  return { ok: true, offer: submitted.offer, repeated: false };
}

/** Replaces an offer's content; its status stays, as when it is edited in the form. */
export async function updateOfferWithToken(
  db: Db,
  args: { token: ApiTokenRef; offerId: string; input: OfferInput; now: Date },
): Promise<{ ok: true; offer: Offer } | ApiOfferFailure> {
  const offer = await getOffer(db, args.offerId);
  if (!offer) return { ok: false, code: 'offers.not_found' };
  const organisation = await getOrganisation(db, offer.organisationId);
  if (!organisation || !ownsOffer(args.token, offer) || !canWriteOffersOf(args.token, organisation)) return { ok: false, code: 'openapi.forbidden' };
  const saved = await saveDraft(db, {
    actor: TOKEN_ACTOR,
    organisation,
    offerId: offer.id,
    input: args.input,
    now: args.now,
  });
  if (!saved.ok) return saved;
  return { ok: true, offer: saved.offer };
}

/** Takes an offer off the public pages for good (archived: kept for figures, never shown again). */
export async function archiveOfferWithToken(
  db: Db,
  args: { token: ApiTokenRef; offerId: string; now: Date },
): Promise<{ ok: true; offer: Offer } | ApiOfferFailure> {
  const offer = await getOffer(db, args.offerId);
  if (!offer) return { ok: false, code: 'offers.not_found' };
  const organisation = await getOrganisation(db, offer.organisationId);
  if (!organisation || !ownsOffer(args.token, offer) || !canWriteOffersOf(args.token, organisation)) return { ok: false, code: 'openapi.forbidden' };
  return archiveOffer(db, offer.id, args.now);
}
