import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, createUser, linkIn, readOutbox, signedInClient, waitForMail, type TestContext } from '../../../test/helpers.ts';
import { createOffer } from '../../../test/fixtures.ts';
import { users } from '../../platform/auth/schema.ts';
import { networks } from '../../platform/networks/schema.ts';
import { organisationMembers, organisations } from '../organisations/schema.ts';
import { runOfferExpiry } from './expiry.ts';
import { offersModule } from './manifest.ts';
import { offers } from './schema.ts';
import { castOf, type Cast } from './test-support.ts';

const DAY = 86_400_000;

let ctx: TestContext;
let cast: Cast;
beforeAll(async () => {
  ctx = await createTestApp({ workers: true });
  cast = await castOf(ctx);
});
afterAll(() => ctx.close());

async function stored(id: string) {
  const [row] = await ctx.deps.db.select().from(offers).where(eq(offers.id, id));
  if (!row) throw new Error('offer gone');
  return row;
}

describe('offer expiry and the reminder', () => {
  it('declares its queue and an hourly schedule', () => {
    expect(offersModule.queues).toContain('offers.expiry');
    expect(offersModule.schedules).toEqual([{ queue: 'offers.expiry', cron: '7 * * * *' }]);
  });

  it('reminds the organisation’s members once, 14 days before the end, with a one-click link that works once', async () => {
    const colleague = await createUser(ctx, { email: 'kollegin@heimatverein.example', name: 'Kerstin Kollegin' });
    await ctx.deps.db.update(users).set({ locale: 'en' }).where(eq(users.id, colleague.id));
    await ctx.deps.db.insert(organisationMembers).values({ organisationId: cast.orgA.id, userId: colleague.id, role: 'member' });
    const offer = await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgA.id, title: 'Lesepatenschaft Krostitz' });
    const other = await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgB.id, title: 'Noch lange gültig', expiresAt: new Date(ctx.clock.now.getTime() + 200 * DAY) });

    // 75 days in: 15 days left, nothing yet.
    ctx.clock.advance(75 * DAY);
    expect((await runOfferExpiry(ctx.deps, ctx.clock.now)).reminded).not.toContain(offer.id);
    ctx.clock.advance(DAY + 60_000);
    const first = await runOfferExpiry(ctx.deps, ctx.clock.now);
    expect(first.reminded).toEqual([offer.id]);
    expect((await stored(offer.id)).expiryReminderSentAt?.getTime()).toBe(ctx.clock.now.getTime());
    expect((await runOfferExpiry(ctx.deps, ctx.clock.now)).reminded).toEqual([]);

    const mail = await waitForMail(ctx.dataDir, (m) => m.to.includes(cast.memberA.email));
    expect(mail.subject).toBe('Ist Ihr Angebot „Lesepatenschaft Krostitz“ noch aktuell?');
    const english = await waitForMail(ctx.dataDir, (m) => m.to.includes('kollegin@heimatverein.example'));
    expect(english.subject).toContain('still current');
    expect(readOutbox(ctx.dataDir).filter((m) => m.subject.includes('Lesepatenschaft'))).toHaveLength(2);
    const link = linkIn(mail, '/aktuell/');
    expect(link).toMatch(new RegExp(`^/angebote/${offer.id}/aktuell/[A-Za-z0-9_-]{43}$`));

    // Opening the link changes nothing (mail scanners open links); the button does.
    const browser = new Client(ctx.app);
    const page = await browser.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ja, ist noch aktuell');
    expect((await stored(offer.id)).expiresAt?.getTime()).toBe(offer.expiresAt?.getTime());
    const confirmed = await browser.submit(link, {});
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('Danke');
    const after = await stored(offer.id);
    expect(after.expiresAt?.getTime()).toBe(ctx.clock.now.getTime() + 90 * DAY);
    expect(after.expiryReminderSentAt).toBeNull();
    expect(after.status).toBe('published');

    // The same link again: used up.
    expect((await browser.get(link)).statusCode).toBe(410);
    expect((await browser.submit(link, {})).statusCode).toBe(410);
    expect((await stored(offer.id)).expiresAt?.getTime()).toBe(after.expiresAt?.getTime());
    expect((await stored(other.id)).expiryReminderSentAt).toBeNull();
  });

  it('refuses forged and foreign links', async () => {
    const offer = await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgA.id });
    const browser = new Client(ctx.app);
    for (const token of ['x'.repeat(43), 'kurz']) {
      expect((await browser.get(`/angebote/${offer.id}/aktuell/${token}`)).statusCode).toBe(410);
    }
    // A control character is refused before any route looks at it (the platform's bad-input gate).
    expect((await browser.get(`/angebote/${offer.id}/aktuell/${'x'.repeat(42)}%00`)).statusCode).toBe(400);
    expect((await browser.get(`/angebote/nicht-da/aktuell/${'x'.repeat(43)}`)).statusCode).toBe(410);
  });

  it('expires published offers whose end has passed, with the network’s lifetime', async () => {
    await ctx.deps.db.update(networks).set({ offerLifetimeDays: 30 }).where(eq(networks.id, cast.gems.id));
    const member = await signedInClient(ctx, cast.memberA);
    const draft = await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgA.id, status: 'draft', expiresAt: null, publishedAt: null, title: 'Neu mit 30 Tagen' });
    await member.submit(`/angebote/${draft.id}/status`, { action: 'submit' }, `/angebote/${draft.id}`);
    const published = await stored(draft.id);
    expect(published.status).toBe('published');
    expect(published.expiresAt?.getTime()).toBe(ctx.clock.now.getTime() + 30 * DAY);
    const paused = await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgA.id, status: 'paused', expiresAt: new Date(ctx.clock.now.getTime() + DAY) });

    ctx.clock.advance(30 * DAY);
    const result = await runOfferExpiry(ctx.deps, ctx.clock.now);
    expect(result.expired).toContain(draft.id);
    expect((await stored(draft.id)).status).toBe('expired');
    expect((await stored(paused.id)).status).toBe('paused');
    expect((await new Client(ctx.app).get(`/angebote/${draft.id}`)).statusCode).toBe(404);

    // "Still current" from the dashboard brings an expired offer back for a new lifetime.
    const later = await signedInClient(ctx, cast.memberA); // the earlier session ran out with the clock
    const again = await later.submit(`/angebote/${draft.id}/status`, { action: 'confirm', weiter: '/meine-organisationen' }, '/meine-organisationen');
    expect(again.statusCode).toBe(303);
    const back = await stored(draft.id);
    expect(back.status).toBe('published');
    expect(back.expiresAt?.getTime()).toBe(ctx.clock.now.getTime() + 30 * DAY);
    await ctx.deps.db.update(networks).set({ offerLifetimeDays: 90 }).where(eq(networks.id, cast.gems.id));
  });

  it('writes to the organisation’s own address when it has no members (imported organisations)', async () => {
    const offer = await createOffer(ctx, {
      networkId: cast.gems.id,
      organisationId: cast.orgB.id,
      title: 'Importiertes Angebot',
      expiresAt: new Date(ctx.clock.now.getTime() + 10 * DAY),
    });
    await ctx.deps.db.delete(organisationMembers).where(eq(organisationMembers.organisationId, cast.orgB.id));
    await ctx.deps.db.update(organisations).set({ email: 'info@tafel-delitzsch.example' }).where(eq(organisations.id, cast.orgB.id));
    const { reminded } = await runOfferExpiry(ctx.deps, ctx.clock.now);
    expect(reminded).toContain(offer.id);
    const mail = await waitForMail(ctx.dataDir, (m) => m.subject.includes('Importiertes Angebot'));
    expect(mail.to).toContain('info@tafel-delitzsch.example');
  });
});
