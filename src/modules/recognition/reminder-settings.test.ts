import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestAppWithInbox, createUser, signedInClient, type SmtpInbox, type TestContext } from '../../../test/helpers.ts';
import { createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { users } from '../../platform/auth/schema.ts';
import { organisationMembers } from '../organisations/schema.ts';
import { sendCardReminders } from './reminders.ts';
import { issueTestCard } from './testing.ts';
import { cardReminders, cardSettings } from './schema.ts';

/*
 * The network office chooses how many weeks before a card expires its holders are reminded (first and
 * second reminder, or no second). The daily job follows each network's choice; each card still gets each
 * reminder once, also when the office changes the weeks in between.
 */

const DAY = 86_400_000;
let ctx: TestContext;
let inbox: SmtpInbox;
let gems: { id: string; slug: string };
let weisswasser: { id: string; slug: string };
let office: Client;
let settingsPage: string;
let settingsUrl: string;

beforeAll(async () => {
  ({ ctx, inbox } = await createTestAppWithInbox());
  const region = await demoRegion(ctx);
  gems = region.gems;
  weisswasser = region.weisswasser;
  settingsPage = `/netzwerk/${gems.slug}/verwaltung/ehrenamtskarte`;
  settingsUrl = `${settingsPage}/einstellungen`;
  office = await signedInClient(ctx, await createUser(ctx, { email: 'office@gems.example', roles: [{ networkId: gems.id, role: 'network_office' }] }));
});

afterAll(async () => {
  await ctx?.close();
});

const saved = async (networkId: string) => (await ctx.deps.db.select().from(cardSettings).where(eq(cardSettings.networkId, networkId)))[0];
const sentFor = async (cardId: string) =>
  (await ctx.deps.db.select().from(cardReminders).where(eq(cardReminders.cardId, cardId))).map((r) => `${r.reminder}:${r.weeks}`).sort();

/** An approved application and its card in `networkId`, valid until `daysLeft` days from today. */
async function issuedCard(networkId: string, email: string, daysLeft: number): Promise<{ id: string; email: string }> {
  const user = await createUser(ctx, { email, name: email.split('@')[0] });
  return { id: await issueTestCard(ctx, { userId: user.id, holderName: user.name, networkId, region: 'Testregion', daysLeft }), email: user.email };
}

/** Moves the test clock on until `daysLeft` days are left of a card that had `from` days left, and runs the job twice at once. */
async function runAt(state: { daysLeft: number }, daysLeft: number): Promise<number> {
  ctx.clock.advance((state.daysLeft - daysLeft) * DAY);
  state.daysLeft = daysLeft;
  const counts = await Promise.all([sendCardReminders(ctx.deps, ctx.clock.now), sendCardReminders(ctx.deps, ctx.clock.now)]);
  return counts.reduce((a, b) => a + b);
}

describe('the reminder settings form', () => {
  it('shows the defaults 8 and 2 to the office before anything is saved', async () => {
    const page = await office.get(settingsPage);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Erinnerungen vor Ablauf einer Karte');
    expect(page.body).toMatch(/name="reminderFirst"[^>]*value="8"/);
    expect(page.body).toMatch(/name="reminderSecond"[^>]*value="2"/);
    expect(page.body).toContain(`action="${settingsUrl}"`);
  });

  it('may be changed by the office of the network only', async () => {
    const organisation = await createOrganisation(ctx, { networkId: gems.id, name: 'Tafel Delitzsch e. V.' });
    const orgUser = await createUser(ctx, { email: 'kasse@tafel.example' });
    await ctx.deps.db.insert(organisationMembers).values({ organisationId: organisation.id, userId: orgUser.id, role: 'admin' });
    const municipality = (await demoRegion(ctx)).municipality('Delitzsch').id;
    const refused: Array<[string, Client]> = [
      ['office of another network', await signedInClient(ctx, await createUser(ctx, { email: 'office@weisswasser.example', roles: [{ networkId: weisswasser.id, role: 'network_office' }] }))],
      ['municipality contact', await signedInClient(ctx, await createUser(ctx, { email: 'rathaus@delitzsch.example', roles: [{ networkId: gems.id, role: 'municipality_contact', municipalityIds: [municipality] }] }))],
      ['guide', await signedInClient(ctx, await createUser(ctx, { email: 'lotse@delitzsch.example', roles: [{ networkId: gems.id, role: 'guide', municipalityIds: [municipality] }] }))],
      ['organisation', await signedInClient(ctx, orgUser)],
      ['volunteer', await signedInClient(ctx, await createUser(ctx, { email: 'helga@example.org' }))],
    ];
    for (const [role, client] of refused) {
      // A valid CSRF token of the person's own, so that the refusal is the policy's.
      await client.get('/konto/stunden');
      expect(client.lastCsrf, role).not.toBe('');
      const response = await client.submit(settingsUrl, { state: 'SN', reminderFirst: '5', reminderSecond: '3' });
      expect(response.statusCode, role).toBe(403);
      expect(response.body, role).not.toContain('name="reminderFirst"');
    }
    // The municipality contact sees the applications, not the settings.
    const contactPage = await refused[1]![1].get(settingsPage);
    expect(contactPage.statusCode).toBe(200);
    expect(contactPage.body).not.toContain('name="reminderFirst"');
    const visitor = new Client(ctx.app);
    await visitor.get('/anmelden');
    expect(visitor.lastCsrf).not.toBe('');
    const anonymous = await visitor.submit(settingsUrl, { state: 'SN', reminderFirst: '5', reminderSecond: '3' });
    expect(anonymous.statusCode).toBe(403);
    expect(anonymous.body).not.toContain('name="reminderFirst"');
    expect(await saved(gems.id)).toBeUndefined();

    // Without the CSRF token not even the office.
    const forged = await office.request({
      method: 'POST',
      url: settingsUrl,
      payload: new URLSearchParams({ state: 'SN', reminderFirst: '5', reminderSecond: '3' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(forged.statusCode).toBe(403);
    expect(await saved(gems.id)).toBeUndefined();

    const done = await office.submit(settingsUrl, { state: 'SN', reminderFirst: '4', reminderSecond: '1' }, settingsPage);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`${settingsPage}?einstellungen=1`);
    expect(await saved(gems.id)).toMatchObject({ state: 'SN', reminderFirstWeeks: 4, reminderSecondWeeks: 1 });
    const page = await office.get(done.headers.location as string);
    expect(page.body).toContain('Die Einstellungen sind gespeichert.');
    expect(page.body).toMatch(/name="reminderFirst"[^>]*value="4"/);
  });

  it('gives bad input back, kept and marked, with a German or English message, and saves nothing', async () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ reminderFirst: '30', reminderSecond: '2' }, 'reminderFirst', 'Bitte geben Sie eine ganze Zahl von Wochen zwischen 1 und 26 an.'],
      [{ reminderFirst: '0', reminderSecond: '2' }, 'reminderFirst', 'Bitte geben Sie eine ganze Zahl von Wochen zwischen 1 und 26 an.'],
      [{ reminderFirst: 'acht', reminderSecond: '2' }, 'reminderFirst', 'Bitte geben Sie eine ganze Zahl von Wochen zwischen 1 und 26 an.'],
      [{ reminderFirst: '6', reminderSecond: '' }, 'reminderSecond', 'Bitte geben Sie eine ganze Zahl von Wochen zwischen 1 und 26 an.'],
      [{ reminderFirst: '6', reminderSecond: '6' }, 'reminderSecond', 'Die zweite Erinnerung muss weniger Wochen vor Ablauf kommen als die erste.'],
      [{ reminderFirst: '6', reminderSecond: '9' }, 'reminderSecond', 'Die zweite Erinnerung muss weniger Wochen vor Ablauf kommen als die erste.'],
      [{ reminderFirst: '6', reminderSecond: '2.5' }, 'reminderSecond', 'Bitte geben Sie eine ganze Zahl von Wochen zwischen 1 und 26 an.'],
    ];
    for (const [fields, field, message] of cases) {
      const response = await office.submit(settingsUrl, { state: 'SN', ...fields }, settingsPage);
      const label = JSON.stringify(fields);
      expect(response.statusCode, label).toBe(422);
      expect(response.body, label).toContain(message);
      expect(response.body, label).toMatch(new RegExp(`name="${field}"[^>]*aria-invalid="true"`));
      expect(response.body, label).toMatch(new RegExp(`name="reminderFirst"[^>]*value="${fields.reminderFirst}"`));
      expect(response.body, label).toContain(`href="#f-${field}"`);
    }
    expect(await saved(gems.id)).toMatchObject({ reminderFirstWeeks: 4, reminderSecondWeeks: 1 });

    const english = await createUser(ctx, { email: 'office-en@gems.example', roles: [{ networkId: gems.id, role: 'network_office' }] });
    await ctx.deps.db.update(users).set({ locale: 'en' }).where(eq(users.id, english.id));
    const englishOffice = await signedInClient(ctx, english);
    const order = await englishOffice.submit(settingsUrl, { state: 'SN', reminderFirst: '3', reminderSecond: '5' }, settingsPage);
    expect(order.statusCode).toBe(422);
    expect(order.body).toContain('The second reminder must come fewer weeks before expiry than the first.');
    expect(order.body).toMatch(/name="reminderSecond"[^>]*value="5"/);
    const range = await englishOffice.submit(settingsUrl, { state: 'SN', reminderFirst: '27', reminderSecond: '5' });
    expect(range.body).toContain('Please enter a whole number of weeks from 1 to 26.');
    expect(await saved(gems.id)).toMatchObject({ reminderFirstWeeks: 4, reminderSecondWeeks: 1 });
  });

  it('are checked by the database as well', async () => {
    await expect(ctx.deps.db.update(cardSettings).set({ reminderFirstWeeks: 27 }).where(eq(cardSettings.networkId, gems.id))).rejects.toThrow();
    await expect(ctx.deps.db.update(cardSettings).set({ reminderSecondWeeks: 4 }).where(eq(cardSettings.networkId, gems.id))).rejects.toThrow();
    expect(await saved(gems.id)).toMatchObject({ reminderFirstWeeks: 4, reminderSecondWeeks: 1 });
  });
});

describe('the daily job with the network’s weeks', () => {
  it('reminds at 4 and 1 weeks in a network that chose them, and at 8 and 2 in one that chose nothing', async () => {
    const clock = { daysLeft: 60 };
    const chosen = await issuedCard(gems.id, 'vier-eins@example.org', 60);
    const defaults = await issuedCard(weisswasser.id, 'acht-zwei@example.org', 60);
    expect(await runAt(clock, 60)).toBe(0);

    // 8 weeks: only the card of the network with the defaults.
    expect(await runAt(clock, 56)).toBe(1);
    expect(await sentFor(defaults.id)).toEqual(['1:8']);
    expect(await sentFor(chosen.id)).toEqual([]);
    const [eight] = await inbox.waitFor(defaults.email, 1, { timeoutMs: 30_000 });
    expect(eight!.text).toContain('etwa 8 Wochen');

    // 5 weeks, then 4 weeks: only the card of the network with 4 and 1.
    expect(await runAt(clock, 35)).toBe(0);
    expect(await runAt(clock, 28)).toBe(1);
    expect(await sentFor(chosen.id)).toEqual(['1:4']);
    const [four] = await inbox.waitFor(chosen.email, 1, { timeoutMs: 30_000 });
    expect(four!.text).toContain('etwa 4 Wochen');

    // 2 weeks: the second reminder of the defaults, nothing for 4 and 1.
    expect(await runAt(clock, 14)).toBe(1);
    expect(await sentFor(defaults.id)).toEqual(['1:8', '2:2']);
    expect(await sentFor(chosen.id)).toEqual(['1:4']);

    // 1 week: the second reminder of 4 and 1.
    expect(await runAt(clock, 8)).toBe(0);
    expect(await runAt(clock, 7)).toBe(1);
    expect(await sentFor(chosen.id)).toEqual(['1:4', '2:1']);
    const both = await inbox.waitFor(chosen.email, 2, { timeoutMs: 30_000 });
    expect(both[1]!.text).toContain('etwa eine Woche');

    expect(await runAt(clock, 0)).toBe(0);
    await inbox.waitFor(defaults.email, 2, { timeoutMs: 30_000 });
    expect(inbox.to(chosen.email)).toHaveLength(2);
    expect(inbox.to(defaults.email)).toHaveLength(2);
  });

  it('sends only the first reminder when the network switched the second off', async () => {
    // The test clock has moved on past the sessions made at the start: the office signs in again.
    const office = await signedInClient(ctx, (await ctx.deps.db.select().from(users).where(eq(users.email, 'office@gems.example')))[0]!);
    const off = await office.submit(settingsUrl, { state: 'SN', reminderFirst: '4', reminderSecond: '1', reminderSecondOff: '1' }, settingsPage);
    expect(off.statusCode).toBe(303);
    expect(await saved(gems.id)).toMatchObject({ reminderFirstWeeks: 4, reminderSecondWeeks: null });
    const page = await office.get(settingsPage);
    expect(page.body).toMatch(/name="reminderSecondOff"[^>]*checked/);

    const clock = { daysLeft: 40 };
    const card = await issuedCard(gems.id, 'nur-eine@example.org', 40);
    expect(await runAt(clock, 29)).toBe(0);
    expect(await runAt(clock, 28)).toBe(1);
    expect(await runAt(clock, 14)).toBe(0);
    expect(await runAt(clock, 7)).toBe(0);
    expect(await runAt(clock, 1)).toBe(0);
    expect(await sentFor(card.id)).toEqual(['1:4']);
    await inbox.waitFor(card.email, 1, { timeoutMs: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(inbox.to(card.email)).toHaveLength(1);
  });

  it('does not send a reminder twice when the office changes the weeks between them', async () => {
    // Weißwasser uses the defaults: a card gets its first reminder at 8 weeks.
    const clock = { daysLeft: 57 };
    const card = await issuedCard(weisswasser.id, 'umgestellt@example.org', 57);
    expect(await runAt(clock, 56)).toBe(1);
    expect(await sentFor(card.id)).toEqual(['1:8']);

    // Its office now chooses 4 and 1: at 4 weeks the card has had its first reminder already.
    const weisswasserUser = await createUser(ctx, { email: 'buero@weisswasser.example', roles: [{ networkId: weisswasser.id, role: 'network_office' }] });
    let weisswasserOffice = await signedInClient(ctx, weisswasserUser);
    const page = `/netzwerk/${weisswasser.slug}/verwaltung/ehrenamtskarte`;
    expect((await weisswasserOffice.submit(`${page}/einstellungen`, { state: 'SN', reminderFirst: '4', reminderSecond: '1' }, page)).statusCode).toBe(303);
    expect(await runAt(clock, 28)).toBe(0);
    expect(await runAt(clock, 14)).toBe(0);
    expect(await runAt(clock, 7)).toBe(1);
    expect(await sentFor(card.id)).toEqual(['1:8', '2:1']);

    // And back to 8 and 2 (signed in again, weeks later): both reminders are sent, nothing more.
    weisswasserOffice = await signedInClient(ctx, weisswasserUser);
    expect((await weisswasserOffice.submit(`${page}/einstellungen`, { state: 'SN', reminderFirst: '8', reminderSecond: '2' }, page)).statusCode).toBe(303);
    expect(await runAt(clock, 6)).toBe(0);
    await inbox.waitFor(card.email, 2, { timeoutMs: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(inbox.to(card.email)).toHaveLength(2);
  });
});
