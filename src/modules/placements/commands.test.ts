import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, createUser, type TestContext } from '../../../test/helpers.ts';
import { changePlacementStatus, requestPlacement, runPlacementReminders } from './commands.ts';
import type { Party } from './policy.ts';
import { findPublishedOffer } from './queries.ts';
import { PLACEMENT_STATUSES } from './schema.ts';
import { placementEvents, placements } from './schema.ts';
import { canTransition } from './status.ts';
import { newMails, placementWorld, queuedMails } from './testing.ts';

let ctx: TestContext;
let world: Awaited<ReturnType<typeof placementWorld>>;
let placementId: string;
const DAY = 86_400_000;

beforeAll(async () => {
  ctx = await createTestApp();
  world = await placementWorld(ctx);
  const offer = await findPublishedOffer(ctx.deps.db, world.offer.id);
  const volunteer = await createUser(ctx, { email: 'tabelle@example.org' });
  const result = await requestPlacement(ctx.deps, {
    offer: offer!,
    userId: volunteer.id,
    message: 'Ich probiere jeden Übergang.',
    now: ctx.clock.now,
  });
  placementId = result.placementId;
});
afterAll(() => ctx.close());

const SIDES: Array<{ parties: Party[]; mover: 'staff' | 'volunteer' }> = [
  { parties: ['organisation'], mover: 'staff' },
  { parties: ['office'], mover: 'staff' },
  { parties: ['guide'], mover: 'staff' },
  { parties: ['volunteer'], mover: 'volunteer' },
];

describe('changePlacementStatus', () => {
  it('refuses every forbidden transition for every side and leaves the placement untouched', async () => {
    let tried = 0;
    for (const from of PLACEMENT_STATUSES) {
      for (const to of PLACEMENT_STATUSES) {
        for (const { parties, mover } of SIDES) {
          if (canTransition(from, to, mover)) continue;
          await ctx.deps.db.update(placements).set({ status: from }).where(eq(placements.id, placementId));
          const eventsBefore = await ctx.deps.db.select().from(placementEvents).where(eq(placementEvents.placementId, placementId));
          const result = await changePlacementStatus(ctx.deps, {
            placementId,
            parties,
            actorId: null,
            to,
            note: '',
            now: ctx.clock.now,
          });
          expect(result, `${from} → ${to} by ${parties[0]}`).toEqual({ ok: false, code: 'placements.transition_forbidden' });
          const [row] = await ctx.deps.db.select().from(placements).where(eq(placements.id, placementId));
          expect(row?.status).toBe(from);
          const eventsAfter = await ctx.deps.db.select().from(placementEvents).where(eq(placementEvents.placementId, placementId));
          expect(eventsAfter.length).toBe(eventsBefore.length);
          tried++;
        }
      }
    }
    // 7 × 7 pairs for four sides, less the allowed ones (11 for each staff side, 3 for the volunteer).
    expect(tried).toBe(4 * 49 - 3 * 11 - 3);
  });

  it('records an allowed change with who and when, and counts the first staff reaction once', async () => {
    await ctx.deps.db
      .update(placements)
      .set({ status: 'requested', firstResponseAt: null })
      .where(eq(placements.id, placementId));
    const first = new Date(ctx.clock.now.getTime() + DAY);
    expect(
      await changePlacementStatus(ctx.deps, { placementId, parties: ['guide'], actorId: world.guide.id, to: 'in_contact', note: 'angerufen', now: first }),
    ).toEqual({ ok: true });
    await changePlacementStatus(ctx.deps, {
      placementId,
      parties: ['organisation'],
      actorId: world.member.id,
      to: 'first_meeting',
      note: '',
      now: new Date(first.getTime() + DAY),
    });
    const [row] = await ctx.deps.db.select().from(placements).where(eq(placements.id, placementId));
    expect(row?.status).toBe('first_meeting');
    expect(row?.firstResponseAt?.getTime()).toBe(first.getTime());
    const events = await ctx.deps.db.select().from(placementEvents).where(eq(placementEvents.placementId, placementId));
    const last = events.slice(-2).map((e) => [e.fromStatus, e.toStatus, e.actorId, e.note]);
    expect(last).toEqual([
      ['requested', 'in_contact', world.guide.id, 'angerufen'],
      ['in_contact', 'first_meeting', world.member.id, ''],
    ]);
  });
});

describe('runPlacementReminders', () => {
  it('sends each reminder once even when two runs overlap', async () => {
    await ctx.deps.db
      .update(placements)
      .set({ status: 'requested', firstResponseAt: null, remindedAt: null, escalatedAt: null })
      .where(eq(placements.id, placementId));
    const [row] = await ctx.deps.db.select().from(placements).where(eq(placements.id, placementId));
    const now = new Date(row!.emailConfirmedAt!.getTime() + 11 * DAY);
    const before = await queuedMails(ctx);
    const [a, b] = await Promise.all([runPlacementReminders(ctx.deps, now), runPlacementReminders(ctx.deps, now)]);
    expect(a.reminded + b.reminded).toBe(1);
    expect(a.escalated + b.escalated).toBe(1);
    const mails = await newMails(ctx, before);
    expect(mails.filter((m) => m.subject.startsWith('Erinnerung'))).toHaveLength(1);
    expect(mails.filter((m) => m.subject.startsWith('Anfrage seit'))).toHaveLength(2);
  });
});
