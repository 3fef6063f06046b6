import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { TestContext } from '../../../test/helpers.ts';
import { register } from './commands.ts';
import { eventFigures } from './figures.ts';
import { eventsPersonalData } from './personal-data.ts';
import { eventRegistrations, events } from './schema.ts';
import { createEvent, DAY, startEventWorld, type EventWorld } from './testing.ts';

let ctx: TestContext;
let world: EventWorld;
beforeAll(async () => ({ ctx, world } = await startEventWorld()));
afterAll(() => ctx.close());

describe('personal data and figures of events', () => {
  it('exports a person’s registrations, and erasure frees upcoming seats and anonymises past ones', async () => {
    const upcoming = await createEvent(ctx, { networkId: world.gems.id, capacity: 1, title: 'Kommt noch' });
    const past = await createEvent(ctx, {
      networkId: world.gems.id,
      title: 'War schon',
      municipalityId: world.krostitz.id,
      startsAt: new Date(ctx.clock.now.getTime() - 5 * DAY),
      endsAt: new Date(ctx.clock.now.getTime() - 5 * DAY + 3_600_000),
    });
    const subject = { userId: world.volunteer.id, email: world.volunteer.email };
    const mine = { name: 'Erika', email: subject.email, userId: subject.userId, answers: { q1: 'vegan' }, emailConfirmed: true, locale: 'de' as const };
    expect((await register(ctx.deps.db, ctx.deps.config.cookieSecret!, upcoming, mine, ctx.clock.now)).ok).toBe(true);
    const waiting = await register(ctx.deps.db, ctx.deps.config.cookieSecret!, upcoming, { ...mine, name: 'Wartend', email: 'wartend@example.org', userId: null }, ctx.clock.now);
    await ctx.deps.db.insert(eventRegistrations).values([
      { eventId: past.id, name: 'Erika', email: subject.email, status: 'confirmed', position: 1, tokenHash: 'f'.repeat(64), attended: true },
      { eventId: past.id, name: 'Otto', email: 'otto@example.org', status: 'confirmed', position: 2, tokenHash: '0'.repeat(64), attended: false },
    ]);
    const part = eventsPersonalData.find((p) => p.name === 'veranstaltungen-anmeldungen')!;
    const exported = await part.export(ctx.deps.db, subject);
    expect(exported.map((r) => r.event).sort()).toEqual(['Kommt noch', 'War schon']);
    expect(JSON.stringify(exported)).not.toContain('otto@example.org');

    await part.erase(ctx.deps.db, subject, ctx.deps);
    const rows = await ctx.deps.db.select().from(eventRegistrations);
    expect(JSON.stringify(rows)).not.toContain(subject.email);
    expect(rows.find((r) => r.eventId === past.id && r.attended === true)?.name).toBe('');
    // The freed seat went to the waiting list.
    expect(waiting.ok && rows.find((r) => r.id === waiting.registration.id)?.status).toBe('confirmed');
    expect(await part.export(ctx.deps.db, subject)).toEqual([]);

    // Figures: the past event counts as held, with two seats, one present: 50 %.
    const scope = { networkId: world.gems.id, from: new Date(ctx.clock.now.getTime() - 30 * DAY), to: ctx.clock.now };
    const value = async (key: string) => (await eventFigures.find((f) => f.key === key)!.count(ctx.deps, scope)).find((r) => r.municipalityId === world.krostitz.id)?.value;
    expect(await value('events.held')).toBe(1);
    expect(await value('events.registrations')).toBe(2);
    expect(await value('events.attended')).toBe(1);
    expect(await value('events.attendanceRate')).toBe(50);
    const [event] = await ctx.deps.db.select().from(events).where(eq(events.id, upcoming.id));
    expect(event?.seatsTaken).toBe(1);
  });
});
