import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ENGINE, type TestContext } from '../../../test/helpers.ts';
import { cancelRegistration, register } from './commands.ts';
import { eventRegistrations, events } from './schema.ts';
import { createEvent, startEventWorld, type EventWorld } from './testing.ts';

let ctx: TestContext;
let world: EventWorld;
beforeAll(async () => ({ ctx, world } = await startEventWorld()));
afterAll(() => ctx.close());

describe(`registration under load (${ENGINE})`, () => {
  it('gives the last 10 seats to exactly 10 of 100 people at once, the rest wait in order, nobody twice', async () => {
    const event = await createEvent(ctx, { networkId: world.gems.id, capacity: 10 });
    const people = Array.from({ length: 100 }, (_, i) => `person${i}@example.org`);
    // Each person sends twice at the same moment (a double click); the second must be refused.
    const attempts = [...people, ...people.slice(0, 20)].map((email) =>
      register(ctx.deps.db, ctx.deps.config.cookieSecret!, event, { name: email, email, userId: null, answers: {}, emailConfirmed: true, locale: 'de' }, ctx.clock.now),
    );
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r.ok)).toHaveLength(100);
    expect(results.filter((r) => !r.ok && r.error === 'duplicate')).toHaveLength(20);

    const rows = await ctx.deps.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id));
    expect(rows).toHaveLength(100);
    expect(new Set(rows.map((r) => r.email)).size).toBe(100);
    const confirmed = rows.filter((r) => r.status === 'confirmed');
    const waiting = rows.filter((r) => r.status === 'waitlisted').sort((a, b) => a.position! - b.position!);
    expect(confirmed).toHaveLength(10);
    expect(waiting).toHaveLength(90);
    // Arrival order: the seats went to the first ten arrivals, the list continues without gaps or repeats.
    expect(confirmed.map((r) => r.position).sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(waiting.map((r) => r.position)).toEqual(Array.from({ length: 90 }, (_, i) => i + 11));
    const [counters] = await ctx.deps.db.select().from(events).where(eq(events.id, event.id));
    expect(counters?.seatsTaken).toBe(10);
    expect(counters?.arrivals).toBe(100);

    // Ten cancel at once: the next ten on the list move up, in their order, and the seats stay at 10.
    const cancelled = await Promise.all(confirmed.map((r) => cancelRegistration(ctx.deps.db, r.id, ctx.clock.now)));
    const promoted = cancelled.flatMap((c) => c.promoted).map((r) => r.position).sort((a, b) => a! - b!);
    expect(promoted).toEqual(waiting.slice(0, 10).map((r) => r.position));
    const after = await ctx.deps.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id));
    expect(after.filter((r) => r.status === 'confirmed')).toHaveLength(10);
    const [final] = await ctx.deps.db.select().from(events).where(eq(events.id, event.id));
    expect(final?.seatsTaken).toBe(10);
  });
});
