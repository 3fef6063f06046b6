import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, linkIn, mailbox, signedInClient, type OutboxMail, type TestContext } from '../../../test/helpers.ts';
import { createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { BrowserAt } from '../accounts/test-client.ts';
import { runRetention } from '../privacy/retention.ts';
import { inviteToOrganisation } from './invitations.ts';
import { organisationInvitations, organisationMembers, type Organisation } from './schema.ts';
import type { User } from '../accounts/schema.ts';

/*
 * Issue 12, finding 6: an organisation's admin could add any registered address at once (303), was told
 * "kein Konto" for any other (422), and then saw the added people's addresses. Membership is now an
 * invitation the invited person accepts; known and unknown addresses get the same answer.
 */

let ctx: TestContext;
let organisation: Organisation;
let admin: User;
let nextMail: (to: string) => Promise<OutboxMail>;
beforeAll(async () => {
  ctx = await createTestApp({ workers: true });
  nextMail = mailbox(ctx.dataDir);
  const region = await demoRegion(ctx);
  organisation = await createOrganisation(ctx, { networkId: region.gems.id, name: 'Heimatverein Krostitz e. V.', status: 'pending' });
  admin = await createUser(ctx, { email: 'vorstand@heimatverein.example', password: 'Vorstand Passwort 1' });
  await ctx.deps.db.insert(organisationMembers).values({ organisationId: organisation.id, userId: admin.id, role: 'admin' });
});
afterAll(() => ctx.close());


async function memberIds(): Promise<string[]> {
  const rows = await ctx.deps.db.select().from(organisationMembers).where(eq(organisationMembers.organisationId, organisation.id));
  return rows.map((r) => r.userId).sort();
}

const membersPath = () => `/organisationen/${organisation.id}/mitglieder`;

describe('inviting people into an organisation', () => {
  it('answers alike for addresses with and without an account, adds nobody, and shows no address', async () => {
    const known = await createUser(ctx, { email: 'kassenwart@example.org', name: 'Karl Kasse' });
    const inviter = await signedInClient(ctx, admin);
    const answers = [];
    for (const email of ['Kassenwart@Example.org', 'niemand-bekannt@example.org']) {
      const response = await inviter.submit(membersPath(), { email, role: 'member' }, membersPath());
      answers.push({ status: response.statusCode, location: response.headers.location, body: response.body });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]?.status).toBe(303);
    expect(await memberIds()).toEqual([admin.id]);

    const page = await inviter.get(String(answers[0]?.location));
    expect(page.body).toContain('Die Einladung ist verschickt');
    expect(page.body).not.toContain('kassenwart@example.org');
    expect(page.body).not.toContain('niemand-bekannt@example.org');
    expect(page.body).not.toContain('Karl Kasse');
    expect(page.body).toContain('k…@e…');

    // Both get the same mail, with a link of their own.
    const mails = [await nextMail('kassenwart@example.org'), await nextMail('niemand-bekannt@example.org')];
    expect(mails[0]?.subject).toBe(mails[1]?.subject);
    expect(mails[0]?.subject).toContain('Heimatverein Krostitz');
    expect(known.id).toBeTruthy();
  });

  it('makes someone with an account a member only when they accept, once', async () => {
    const invited = await createUser(ctx, { email: 'schatzmeisterin@example.org', password: 'Schatz Passwort 22' });
    const inviter = await signedInClient(ctx, admin);
    await inviter.submit(membersPath(), { email: 'schatzmeisterin@example.org', role: 'admin' }, membersPath());
    const link = linkIn(await nextMail('schatzmeisterin@example.org'), '/organisationen/einladung/');

    // Someone else signed in cannot use it.
    const stranger = await signedInClient(ctx, await createUser(ctx, { email: 'fremd@example.org' }));
    const wrong = await stranger.get(link);
    expect(wrong.body).toContain('Die Einladung ging an eine andere Adresse');
    expect((await stranger.submit(link, {}, link)).statusCode).toBe(403);
    expect(await memberIds()).not.toContain(invited.id);

    const me = await signedInClient(ctx, invited);
    const page = await me.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Einladung annehmen');
    expect(await memberIds()).not.toContain(invited.id);
    const accepted = await me.submit(link, {}, link);
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(`/organisationen/${organisation.id}?hinweis=beigetreten`);
    const [row] = await ctx.deps.db
      .select()
      .from(organisationMembers)
      .where(and(eq(organisationMembers.organisationId, organisation.id), eq(organisationMembers.userId, invited.id)));
    expect(row?.role).toBe('admin');
    expect((await me.submit(link, {}, link)).statusCode).toBe(410);
  });

  it('lets someone without an account register through the link and then accept', async () => {
    const inviter = await signedInClient(ctx, admin);
    await inviter.submit(membersPath(), { email: 'neu-dabei@example.org', role: 'member' }, membersPath());
    const link = linkIn(await nextMail('neu-dabei@example.org'), '/organisationen/einladung/');

    const browser = new BrowserAt(ctx.app);
    const page = await browser.get(link);
    expect(page.body).toContain(`href="/registrieren?weiter=${encodeURIComponent(link)}"`);
    const registered = await browser.submit('/registrieren', { name: 'Neu Dabei', email: 'neu-dabei@example.org', password: 'Neues Passwort 33', consent: 'ja', weiter: link }, `/registrieren?weiter=${encodeURIComponent(link)}`);
    expect(registered.statusCode).toBe(303);
    const confirm = linkIn(await nextMail('neu-dabei@example.org'), '/bestaetigen/');
    const confirmed = await browser.submit(confirm, {}, confirm);
    expect(confirmed.headers.location).toBe(link);
    const accepted = await browser.submit(link, {}, link);
    expect(accepted.statusCode).toBe(303);
    expect((await memberIds()).length).toBe(3);
  });

  it('ends with the days it names, and when withdrawn', async () => {
    const inviter = await signedInClient(ctx, admin);
    const late = await createUser(ctx, { email: 'spaet@example.org' });
    await inviter.submit(membersPath(), { email: 'spaet@example.org', role: 'member' }, membersPath());
    const link = linkIn(await nextMail('spaet@example.org'), '/organisationen/einladung/');
    ctx.clock.advance(7 * 86_400_000 + 60_000);
    try {
      const me = await signedInClient(ctx, late);
      expect((await me.get(link)).statusCode).toBe(410);
      expect((await me.submit(link, {}, '/konto')).statusCode).toBe(410);
    } finally {
      ctx.clock.advance(-(7 * 86_400_000 + 60_000));
    }

    await inviter.submit(membersPath(), { email: 'zurueck@example.org', role: 'member' }, membersPath());
    const withdrawnLink = linkIn(await nextMail('zurueck@example.org'), '/organisationen/einladung/');
    const list = await inviter.get(membersPath());
    const revoke = list.body.match(/action="(\/organisationen\/[^"]+\/einladungen\/[^"]+\/zurueckziehen)"/g) ?? [];
    expect(revoke.length).toBeGreaterThan(0);
    for (const form of revoke) {
      const action = form.slice('action="'.length, -1);
      expect((await inviter.submit(action, {}, membersPath())).statusCode).toBe(303);
    }
    const invitee = await signedInClient(ctx, await createUser(ctx, { email: 'zurueck@example.org' }));
    expect((await invitee.submit(withdrawnLink, {}, '/konto')).statusCode).toBe(410);
  });

  it('limits how many invitations one person sends an hour', async () => {
    const busy = await createUser(ctx, { email: 'eifrig@example.org' });
    await ctx.deps.db.insert(organisationMembers).values({ organisationId: organisation.id, userId: busy.id, role: 'admin' });
    const client = await signedInClient(ctx, busy);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await client.submit(membersPath(), { email: `adresse${i}@example.org`, role: 'member' }, membersPath())).statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(303));
    expect(statuses[10]).toBe(429);
    // Another admin of the same organisation is not held back.
    expect((await (await signedInClient(ctx, admin)).submit(membersPath(), { email: 'noch-wer@example.org', role: 'member' }, membersPath())).statusCode).toBe(303);
  });
});

describe('keeping invitations', () => {
  it('removes closed invitations after the network’s retention period, and keeps the recent ones', async () => {
    const later = new Date(ctx.clock.now.getTime() + 4 * 30 * 86_400_000);
    const invite = (email: string, now: Date) => inviteToOrganisation(ctx.deps.db, { organisationId: organisation.id, email, role: 'member', invitedBy: admin.id, now });
    const old = await invite('laengst-vergessen@example.org', ctx.clock.now);
    const fresh = await invite('gerade-eben@example.org', new Date(later.getTime() - 86_400_000));
    expect(old.ok && fresh.ok).toBe(true);

    const report = await runRetention(ctx.deps.db, later);
    expect(report).toContainEqual({ networkId: organisation.networkId, key: 'organisations.invitations', removed: expect.any(Number) });
    const left = await ctx.deps.db.select({ email: organisationInvitations.email }).from(organisationInvitations).where(eq(organisationInvitations.organisationId, organisation.id));
    expect(left.map((row) => row.email)).toEqual(['gerade-eben@example.org']);
  });
});
