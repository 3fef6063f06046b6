import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { createOffer } from '../../../test/fixtures.ts';
import { expireOffers, saveDraft } from './commands.ts';
import { offerInputFromForm, type OfferForm } from './form.ts';
import { availableActions, canTransition, OFFER_ACTIONS, OFFER_TRANSITIONS, type OfferAction } from './lifecycle.ts';
import { BUTTON_ACTIONS, performOfferAction, type ButtonAction } from './perform.ts';
import { OFFER_STATUSES, offers, type OfferStatus } from './schema.ts';
import { castOf, offerForm, type Cast } from './test-support.ts';

const DAY = 86_400_000;

describe('the transition table', () => {
  it('allows exactly what it lists', () => {
    for (const from of OFFER_STATUSES) {
      for (const action of OFFER_ACTIONS) {
        const targets = OFFER_TRANSITIONS[from][action] ?? [];
        expect(canTransition(from, action)).toBe(targets.length > 0);
        for (const to of OFFER_STATUSES) expect(canTransition(from, action, to)).toBe(targets.includes(to));
      }
    }
  });

  it('keeps archived final and moderation steps with the office', () => {
    expect(OFFER_ACTIONS.filter((a) => canTransition('archived', a))).toEqual([]);
    expect(availableActions('in_review', { organisation: true, office: false })).not.toContain('approve');
    expect(availableActions('in_review', { organisation: false, office: true })).toEqual(['approve', 'reject', 'archive']);
    expect(availableActions('published', { organisation: true, office: false })).toEqual(['pause', 'archive', 'confirm']);
  });
});

describe('every forbidden transition, tried on the database', () => {
  let ctx: TestContext;
  let cast: Cast;
  beforeAll(async () => {
    ctx = await createTestApp();
    cast = await castOf(ctx);
  });
  afterAll(() => ctx.close());

  async function offerIn(status: OfferStatus) {
    // Expiry in the past, so the clock action would bite if the table let it.
    return createOffer(ctx, {
      networkId: cast.gems.id,
      organisationId: cast.orgA.id,
      status,
      expiresAt: new Date(ctx.clock.now.getTime() - DAY),
      statusReason: status === 'draft' ? 'alt' : '',
    });
  }

  async function attempt(offerId: string, action: OfferAction) {
    const now = ctx.clock.now;
    if (action === 'expire') return (await expireOffers(ctx.deps.db, now)).includes(offerId) ? { ok: true } : { ok: false, code: 'offers.transition_forbidden' };
    if (action === 'edit') {
      const parsed = offerInputFromForm(offerForm({ municipalityId: cast.krostitz, title: 'Geändert' }) as unknown as OfferForm);
      if (!parsed.ok) throw new Error('fixture form invalid');
      return saveDraft(ctx.deps.db, { actor: { userId: cast.memberA.id, isPlatformAdmin: false, roles: [] }, organisation: cast.orgA, offerId, input: parsed.value, now });
    }
    return performOfferAction(ctx.deps, offerId, action as ButtonAction, 'Grund', now);
  }

  const forbidden = OFFER_STATUSES.flatMap((from) => OFFER_ACTIONS.filter((action) => !canTransition(from, action)).map((action) => ({ from, action })));

  it('has forbidden transitions to try', () => {
    expect(forbidden.length).toBeGreaterThan(30);
    expect(BUTTON_ACTIONS.length + 2).toBe(OFFER_ACTIONS.length);
  });

  it.each(forbidden)('refuses $action from $from and changes nothing', async ({ from, action }) => {
    const offer = await offerIn(from);
    const result = await attempt(offer.id, action);
    expect(result).toMatchObject({ ok: false, code: 'offers.transition_forbidden' });
    const [after] = await ctx.deps.db.select().from(offers).where(eq(offers.id, offer.id));
    expect(after?.status).toBe(from);
    expect(after?.title).toBe(offer.title);
    expect(after?.updatedAt.getTime()).toBe(offer.updatedAt.getTime());
  });

  const allowed = OFFER_STATUSES.flatMap((from) => OFFER_ACTIONS.filter((action) => canTransition(from, action)).map((action) => ({ from, action })));

  it.each(allowed)('lets $action from $from lead to a status the table lists', async ({ from, action }) => {
    const offer = await offerIn(from);
    const result = await attempt(offer.id, action);
    expect(result.ok).toBe(true);
    const [after] = await ctx.deps.db.select().from(offers).where(eq(offers.id, offer.id));
    expect(OFFER_TRANSITIONS[from][action]).toContain(after?.status);
  });
});
