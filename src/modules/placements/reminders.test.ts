import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Client, createTestApp, createUser, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { createOffer } from '../../../test/fixtures.ts';
import { networks } from '../../platform/networks/schema.ts';
import { placementEvents, placements } from './schema.ts';
import { runPlacementReminders, UNCONFIRMED_KEEP_DAYS } from './commands.ts';
import { setNoticeMode } from '../moderation/office-notices.ts';
import { newMails, placementWorld, queuedMails, requestKeyIn } from './testing.ts';

let ctx: TestContext;
let world: Awaited<ReturnType<typeof placementWorld>>;
const DAY = 86_400_000;
const HOUR = 3_600_000;

beforeAll(async () => {
  ctx = await createTestApp();
  world = await placementWorld(ctx);
});
afterAll(() => ctx.close());

async function inquiry(title: string, email: string): Promise<string> {
  const offer = await createOffer(ctx, {
    networkId: world.gems.id,
    organisationId: world.organisation.id,
    municipalityId: world.krostitz.id,
    title,
  });
  const volunteer = await createUser(ctx, { email });
  const client = await signedInClient(ctx, volunteer);
  const form = await client.get(`/angebote/${offer.id}/anfragen`);
  const response = await client.submit(`/angebote/${offer.id}/anfragen`, {
    message: 'Ich würde gern helfen.',
    requestKey: requestKeyIn(form.body),
  });
  return String(response.headers.location).split('/')[2]?.split('?')[0] ?? '';
}

async function run(): Promise<{ result: Awaited<ReturnType<typeof runPlacementReminders>>; mails: Awaited<ReturnType<typeof queuedMails>> }> {
  const before = await queuedMails(ctx);
  const result = await runPlacementReminders(ctx.deps, ctx.clock.now);
  return { result, mails: await newMails(ctx, before) };
}

describe('reminders, escalation and "keine Rückmeldung"', () => {
  it('reminds after 5 days, escalates after 10, closes after 20 — each exactly once', async () => {
    const start = ctx.clock.now;
    const id = await inquiry('Laternenumzug begleiten', 'laterne@example.org');
    const at = (ms: number) => {
      ctx.clock.now = new Date(start.getTime() + ms);
    };

    at(5 * DAY - HOUR);
    expect((await run()).mails).toEqual([]);

    at(5 * DAY);
    const reminder = await run();
    expect(reminder.result.reminded).toBe(1);
    expect(reminder.mails.map((m) => m.to)).toEqual(['karl.kassenwart@heimatverein-krostitz.de']);
    expect(reminder.mails[0]?.subject).toContain('Erinnerung');
    expect(reminder.mails[0]?.text).toContain('seit 5 Tagen');
    expect(reminder.mails[0]?.text).not.toContain('laterne@example.org');

    at(6 * DAY);
    expect((await run()).mails).toEqual([]);

    at(10 * DAY);
    const escalation = await run();
    expect(escalation.result.escalated).toBe(1);
    expect(escalation.mails.map((m) => m.to).sort()).toEqual(['lotsin.krostitz@gems.example', 'netzwerkstelle@gems.example']);
    expect(escalation.mails[0]?.text).toContain('Heimatverein Krostitz e. V.');
    expect(escalation.mails[0]?.text).toContain('Krostitz');

    at(15 * DAY);
    expect((await run()).mails).toEqual([]);

    at(20 * DAY);
    const closing = await run();
    expect(closing.result.closed).toBe(1);
    expect(closing.mails.map((m) => m.to)).toEqual(['laterne@example.org']);
    expect(closing.mails[0]?.text).toContain('/angebote');
    expect(closing.mails[0]?.text).toContain('/netzwerk/gems');
    const [row] = await ctx.deps.db.select().from(placements).where(eq(placements.id, id));
    expect(row?.status).toBe('no_answer');
    const events = await ctx.deps.db.select().from(placementEvents).where(eq(placementEvents.placementId, id));
    expect(events.map((e) => `${e.fromStatus ?? ''}>${e.toStatus}:${e.actorId ?? 'system'}`)).toEqual([
      `>requested:${row?.volunteerId}`,
      'requested>no_answer:system',
    ]);

    at(30 * DAY);
    expect((await run()).mails).toEqual([]);

    const page = await (await signedInClient(ctx, world.member)).get(`/vermittlungen/${id}`);
    expect(page.body).toContain('angefragt → keine Rückmeldung');
    expect(page.body).toContain('automatisch (keine Antwort)');
    ctx.clock.now = start;
  });

  it('stops as soon as the organisation reacts, by message or by status', async () => {
    const start = ctx.clock.now;
    const byMessage = await inquiry('Bücherei-Café betreuen', 'cafe@example.org');
    const byStatus = await inquiry('Sportfest auf- und abbauen', 'sport@example.org');
    const member = await signedInClient(ctx, world.member);
    ctx.clock.now = new Date(start.getTime() + 4 * DAY);
    expect((await member.submit(`/vermittlungen/${byMessage}/nachrichten`, { body: 'Danke, wir melden uns!' })).statusCode).toBe(303);
    expect((await member.submit(`/vermittlungen/${byStatus}/stand`, { status: 'in_contact' })).statusCode).toBe(303);
    const [answered] = await ctx.deps.db.select().from(placements).where(eq(placements.id, byMessage));
    expect(answered?.firstResponseAt?.getTime()).toBe(start.getTime() + 4 * DAY);
    for (const days of [5, 10, 20, 40]) {
      ctx.clock.now = new Date(start.getTime() + days * DAY);
      expect((await run()).mails).toEqual([]);
    }
    const rows = await ctx.deps.db.select().from(placements);
    expect(rows.find((r) => r.id === byMessage)?.status).toBe('requested');
    expect(rows.find((r) => r.id === byStatus)?.status).toBe('in_contact');
    // A later message does not move the first response.
    ctx.clock.now = new Date(start.getTime() + 6 * DAY);
    await member.submit(`/vermittlungen/${byMessage}/nachrichten`, { body: 'Noch eine Nachricht.' });
    const [again] = await ctx.deps.db.select().from(placements).where(eq(placements.id, byMessage));
    expect(again?.firstResponseAt?.getTime()).toBe(start.getTime() + 4 * DAY);
    ctx.clock.now = start;
  });

  it('follows the network\'s own reminder period', async () => {
    const start = ctx.clock.now;
    await ctx.deps.db.update(networks).set({ placementReminderDays: 2 }).where(eq(networks.id, world.gems.id));
    try {
      await inquiry('Adventsmarkt Kuchenstand', 'advent@example.org');
      ctx.clock.now = new Date(start.getTime() + 2 * DAY);
      const { result } = await run();
      expect(result.reminded).toBe(1);
      ctx.clock.now = new Date(start.getTime() + 4 * DAY);
      expect((await run()).result.escalated).toBe(1);
      ctx.clock.now = new Date(start.getTime() + 8 * DAY);
      expect((await run()).result.closed).toBe(1);
    } finally {
      await ctx.deps.db.update(networks).set({ placementReminderDays: 5 }).where(eq(networks.id, world.gems.id));
      ctx.clock.now = start;
    }
  });

  it('spares the escalation to an office person who chose no mails, and still reaches the others', async () => {
    const start = ctx.clock.now;
    const silent = await createUser(ctx, {
      email: 'ruhe@gems.example',
      name: 'Keine Mails',
      roles: [{ networkId: world.gems.id, role: 'network_office' }],
    });
    await setNoticeMode(ctx.deps.db, world.gems.id, silent.id, 'off', start);
    await setNoticeMode(ctx.deps.db, world.gems.id, world.office.id, 'daily', start);
    try {
      await inquiry('Kuchenbasar vorbereiten', 'kuchen@example.org');
      ctx.clock.now = new Date(start.getTime() + 10 * DAY);
      const { result, mails } = await run();
      expect(result.escalated).toBe(1);
      // Besides the organisation's reminder, the escalation: to the guide and the office person on "daily".
      expect(mails.map((m) => m.to).sort()).toEqual(['karl.kassenwart@heimatverein-krostitz.de', 'lotsin.krostitz@gems.example', 'netzwerkstelle@gems.example']);
      expect(mails.map((m) => m.to)).not.toContain(silent.email);
    } finally {
      ctx.clock.now = start;
    }
  });

  it('never reminds about unconfirmed inquiries, and deletes them after two weeks', async () => {
    const start = ctx.clock.now;
    const offer = await createOffer(ctx, { networkId: world.gems.id, organisationId: world.organisation.id, title: 'Chorprobe' });
    const visitor = new Client(ctx.app);
    const form = await visitor.get(`/angebote/${offer.id}/anfragen`);
    await visitor.submit(`/angebote/${offer.id}/anfragen`, {
      name: 'Nie Bestätigt',
      email: 'nie@example.org',
      message: 'Vielleicht.',
      consent: 'ja',
      requestKey: requestKeyIn(form.body),
    });
    ctx.clock.now = new Date(start.getTime() + 10 * DAY);
    expect((await run()).mails).toEqual([]);
    ctx.clock.now = new Date(start.getTime() + UNCONFIRMED_KEEP_DAYS * DAY + HOUR);
    const { result, mails } = await run();
    expect(mails).toEqual([]);
    expect(result.purged).toBe(1);
    expect(await ctx.deps.db.select().from(placements).where(eq(placements.offerId, offer.id))).toEqual([]);
    ctx.clock.now = start;
  });
});
