import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAppWithInbox, createUser, signedInClient, type SmtpInbox, type TestContext } from '../../../test/helpers.ts';
import { createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { berlinDay } from '../../platform/berlin-time.ts';
import type { User } from '../accounts/schema.ts';
import { carryOutErasure, requestErasure } from '../privacy/erasure.ts';
import { erasureRequests } from '../privacy/schema.ts';
import { chooseState } from './commands.ts';
import { recognitionModule } from './manifest.ts';
import { recognitionPersonalData } from './personal-data.ts';
import { CARD_REMINDER_QUEUE, sendCardReminders } from './reminders.ts';
import { issueTestCard } from './testing.ts';
import { addYears } from './rules/engine.ts';
import { cardApplications, cardReminders, cards, hoursEntries } from './schema.ts';

/*
 * Issue 16, point 2: card holders are mailed 8 and 2 weeks before their card expires, once per card and
 * threshold however often the daily job runs, with a link to the renewal application, which draws on
 * confirmed hours like a first one. A test clock moves the days; mail goes through a real SMTP server in
 * this process.
 */

const DAY = 86_400_000;
let ctx: TestContext;
let inbox: SmtpInbox;
let gemsId: string;
let delitzschId: string;
let clubId: string;
let helga: User;
let otto: User;

beforeAll(async () => {
  ({ ctx, inbox } = await createTestAppWithInbox());
  const region = await demoRegion(ctx);
  gemsId = region.gems.id;
  delitzschId = region.municipality('Delitzsch').id;
  clubId = (await createOrganisation(ctx, { networkId: gemsId, name: 'Tafel Delitzsch e. V.' })).id;
  await chooseState(ctx.deps.db, gemsId, 'SN', ctx.clock.now);
  helga = await createUser(ctx, { email: 'helga@example.org', name: 'Helga Sommer' });
  otto = await createUser(ctx, { email: 'otto@example.org', name: 'Otto Meier' });
});

afterAll(async () => {
  await ctx?.close();
});

const today = () => berlinDay(ctx.clock.now);

/** An approved application and its card, valid until `daysLeft` days from today. */
function issuedCard(userId: string, holderName: string, daysLeft: number): Promise<string> {
  return issueTestCard(ctx, { userId, holderName, networkId: gemsId, municipalityId: delitzschId, region: 'Delitzscher Land', daysLeft });
}

/** Gives the mail worker time to deliver anything queued, so "no further mail" is a real observation. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2500));

describe('expiry reminders', () => {
  it('are a daily job declared in the module manifest', () => {
    expect(recognitionModule.queues).toContain(CARD_REMINDER_QUEUE);
    expect(recognitionModule.schedules).toContainEqual({ queue: CARD_REMINDER_QUEUE, cron: '30 7 * * *' });
  });

  it('mail 8 and 2 weeks before expiry, once each however often and however many processes run', async () => {
    const cardId = await issuedCard(helga.id, 'Helga Sommer', 60);
    expect(await sendCardReminders(ctx.deps, ctx.clock.now)).toBe(0);

    // Four days on, 56 days are left: the 8-week reminder, through the queue worker as the schedule runs it.
    ctx.clock.advance(4 * DAY);
    await ctx.deps.jobs.send(CARD_REMINDER_QUEUE, {});
    const [first] = await inbox.waitFor(helga.email, 1, { timeoutMs: 30_000 });
    expect(first!.subject).toBe(`Ihre Ehrenamtskarte läuft am ${addYears(today(), 0, 56).split('-').reverse().join('.')} ab`);
    expect(first!.text).toContain('Guten Tag Helga Sommer');
    expect(first!.text).toContain('etwa 8 Wochen');
    expect(first!.text).toContain(`/konto/ehrenamtskarte?netzwerk=gems&verlaengern=${cardId}`);

    // Again the same day, a day later, and two processes at once: nothing more.
    expect(await sendCardReminders(ctx.deps, ctx.clock.now)).toBe(0);
    ctx.clock.advance(DAY);
    expect((await Promise.all([sendCardReminders(ctx.deps, ctx.clock.now), sendCardReminders(ctx.deps, ctx.clock.now)])).reduce((a, b) => a + b)).toBe(0);

    // 14 days left: the second reminder, once.
    ctx.clock.advance(41 * DAY);
    expect((await Promise.all([sendCardReminders(ctx.deps, ctx.clock.now), sendCardReminders(ctx.deps, ctx.clock.now)])).reduce((a, b) => a + b)).toBe(1);
    const both = await inbox.waitFor(helga.email, 2);
    expect(both[1]!.text).toContain('etwa 2 Wochen');
    expect(await sendCardReminders(ctx.deps, ctx.clock.now)).toBe(0);
    expect((await ctx.deps.db.select().from(cardReminders).where(eq(cardReminders.cardId, cardId))).map((r) => r.weeks).sort()).toEqual([2, 8]);

    // After the card ended: no more mail.
    ctx.clock.advance(20 * DAY);
    expect(await sendCardReminders(ctx.deps, ctx.clock.now)).toBe(0);
    await settle();
    expect(inbox.to(helga.email)).toHaveLength(2);
  });

  it('send one mail, not two, for a card first seen inside both thresholds, and none to a holder who already applied again or whose card is revoked', async () => {
    const late = await createUser(ctx, { email: 'spaet@example.org', name: 'Sven Spät' });
    await issuedCard(late.id, 'Sven Spät', 10);
    const applied = await createUser(ctx, { email: 'schon@example.org', name: 'Susi Schon' });
    await issuedCard(applied.id, 'Susi Schon', 20);
    await ctx.deps.db.insert(cardApplications).values({ userId: applied.id, networkId: gemsId, municipalityId: delitzschId, kind: 'standard', holderName: 'Susi Schon' });
    const revoked = await createUser(ctx, { email: 'gesperrt@example.org', name: 'Gert Gesperrt' });
    const revokedCard = await issuedCard(revoked.id, 'Gert Gesperrt', 20);
    await ctx.deps.db.update(cards).set({ status: 'revoked' }).where(eq(cards.id, revokedCard));

    expect(await sendCardReminders(ctx.deps, ctx.clock.now)).toBe(1);
    expect(await sendCardReminders(ctx.deps, ctx.clock.now)).toBe(0);
    const [mail] = await inbox.waitFor(late.email, 1);
    expect(mail!.text).toContain('etwa 2 Wochen');
    await settle();
    expect(inbox.to(late.email)).toHaveLength(1);
    expect([...inbox.to(applied.email), ...inbox.to(revoked.email)]).toHaveLength(0);
  });

  it('lead to a renewal application that counts confirmed hours like a first one; another person cannot renew the card', async () => {
    const cardId = await issuedCard(otto.id, 'Otto Meier', 30);
    const client = await signedInClient(ctx, otto);
    const link = `/konto/ehrenamtskarte?netzwerk=gems&verlaengern=${cardId}`;
    const page = await client.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sie beantragen die Verlängerung Ihrer Karte');
    expect(page.body).toContain(`name="renewalOf" value="${cardId}"`);
    expect(page.body).toContain('value="Otto Meier"');
    // The card list offers the renewal too.
    expect((await client.get('/konto/ehrenamtskarte?netzwerk=gems')).body).toContain(`verlaengern=${cardId}`);

    const form = { kind: 'standard', holderName: 'Otto Meier', birthDate: '1970-05-01', municipalityId: delitzschId, allowanceEuro: '0', alternative: '', note: '', renewalOf: cardId };
    const refused = await client.submit('/konto/ehrenamtskarte?netzwerk=gems', form, link);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Es fehlen noch');
    expect(refused.body).toContain('Sie beantragen die Verlängerung Ihrer Karte');

    // With two years of confirmed hours the renewal goes to the municipality, marked as one.
    await ctx.deps.db.insert(hoursEntries).values(
      [-40, -400].map((offset) => ({ userId: otto.id, networkId: gemsId, organisationId: clubId, day: addYears(today(), 0, offset), hours: 160, activity: 'Ausgabe', source: 'organisation' as const, status: 'confirmed' as const })),
    );
    const someoneElse = await signedInClient(ctx, helga);
    const stolen = await someoneElse.submit('/konto/ehrenamtskarte?netzwerk=gems', { ...form, holderName: 'Helga Sommer' }, '/konto/ehrenamtskarte?netzwerk=gems');
    expect(stolen.statusCode).toBe(422);
    expect(stolen.body).toContain('Diese Karte gibt es nicht oder sie gehört nicht zu Ihrem Konto.');

    const sent = await client.submit('/konto/ehrenamtskarte?netzwerk=gems', form, link);
    expect(sent.statusCode).toBe(303);
    const [application] = await ctx.deps.db.select().from(cardApplications).where(eq(cardApplications.renewalOf, cardId));
    expect(application).toMatchObject({ userId: otto.id, status: 'submitted' });
    expect(application!.evidence.every((p) => p.have >= p.need)).toBe(true);
    const office = await signedInClient(ctx, await createUser(ctx, { email: 'office@gems.example', roles: [{ networkId: gemsId, role: 'network_office' }] }));
    const admin = await office.get('/netzwerk/gems/verwaltung/ehrenamtskarte');
    const [card] = await ctx.deps.db.select().from(cards).where(eq(cards.id, cardId));
    expect(admin.body).toContain(`Verlängerung von ${card!.number}`);
    // An open renewal stops the reminders for the old card.
    expect(await sendCardReminders(ctx.deps, ctx.clock.now)).toBe(0);
  });

  it('are in the data download and go with the erasure', async () => {
    const part = recognitionPersonalData.find((p) => p.name === 'ehrenamtskarte-erinnerungen')!;
    const subject = { userId: helga.id, email: helga.email };
    expect((await part.export(ctx.deps.db, subject)).map((r) => r.weeksBefore).sort()).toEqual([2, 8]);
    const cardsPart = recognitionPersonalData.find((p) => p.name === 'ehrenamtskarten')!;
    await cardsPart.erase(ctx.deps.db, subject, ctx.deps);
    expect(await part.export(ctx.deps.db, subject)).toHaveLength(0);
    const [card] = await ctx.deps.db.select().from(cards).where(eq(cards.holderName, '–'));
    expect(await ctx.deps.db.select().from(cardReminders).where(eq(cardReminders.cardId, card!.id))).toHaveLength(0);
  });

  it('are gone after the erasure of the account, which anonymises the card', async () => {
    const leaving = await createUser(ctx, { email: 'geht@example.org', name: 'Grete Geht' });
    const cardId = await issuedCard(leaving.id, 'Grete Geht', 10);
    expect(await sendCardReminders(ctx.deps, ctx.clock.now)).toBe(1);
    // One mail inside both thresholds records both.
    expect((await ctx.deps.db.select().from(cardReminders).where(eq(cardReminders.cardId, cardId))).map((r) => r.weeks).sort()).toEqual([2, 8]);

    const { dueAt } = await requestErasure(ctx.deps, { userId: leaving.id, requestedBy: null, networkId: null });
    const [request] = await ctx.deps.db.select().from(erasureRequests).where(eq(erasureRequests.userId, leaving.id));
    expect(await carryOutErasure(ctx.deps, request!.id, new Date(dueAt.getTime() + 1000))).toBe(true);

    const [card] = await ctx.deps.db.select().from(cards).where(eq(cards.id, cardId));
    expect(card).toMatchObject({ userId: null, holderName: '–', status: 'revoked' });
    expect(await ctx.deps.db.select().from(cardReminders).where(eq(cardReminders.cardId, cardId))).toHaveLength(0);
  });
});
