import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { Client, createTestApp, createUser, linkIn, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation } from '../../../test/fixtures.ts';
import { signIn } from '../accounts/commands.ts';
import { users } from '../../platform/auth/schema.ts';
import { organisationMembers, organisations } from '../organisations/schema.ts';
import { runPlacementReminders } from './commands.ts';
import { placements } from './schema.ts';
import { newMails, placementWorld, queuedMails, requestKeyIn } from './testing.ts';

/*
 * Organisations nobody has an account for (imported, demo) answer through a personal link in their
 * mail, claim the organisation from there, and offers without any address go to the office and guides.
 */

let ctx: TestContext;
let world: Awaited<ReturnType<typeof placementWorld>>;
const DAY = 86_400_000;

beforeAll(async () => {
  ctx = await createTestApp();
  world = await placementWorld(ctx);
});
afterAll(() => ctx.close());

/** An organisation without members, as an import leaves it, with one offer. */
async function unclaimed(name: string, email: string, offerContact = '') {
  const organisation = await createOrganisation(ctx, { networkId: world.gems.id, municipalityId: world.krostitz.id, name, email });
  const offer = await createOffer(ctx, {
    networkId: world.gems.id,
    organisationId: organisation.id,
    municipalityId: world.krostitz.id,
    title: `Mithilfe bei ${name}`,
    contactEmail: offerContact,
  });
  return { organisation, offer };
}

/** A signed-in volunteer asks; returns the placement's path and the mails that went out. */
async function ask(offerId: string, email: string) {
  const volunteer = await createUser(ctx, { email, name: 'Mia Mithelfer' });
  const client = await signedInClient(ctx, volunteer);
  const form = await client.get(`/angebote/${offerId}/anfragen`);
  const before = await queuedMails(ctx);
  const response = await client.submit(`/angebote/${offerId}/anfragen`, { message: 'Ich hätte samstags Zeit.', requestKey: requestKeyIn(form.body) });
  expect(response.statusCode).toBe(303);
  return { path: String(response.headers.location).split('?')[0] ?? '', mails: await newMails(ctx, before), client, form };
}

describe('an organisation without an account', () => {
  it('answers through the link in its mail, moves the placement to "vermittelt" and claims the organisation', async () => {
    const { organisation, offer } = await unclaimed('Kleingartenverein Krostitz', 'Vorstand@Kleingarten-Krostitz.de');
    const { path, mails } = await ask(offer.id, 'mia@example.org');
    const inquiry = mails.find((m) => m.to === 'Vorstand@Kleingarten-Krostitz.de');
    expect(inquiry?.subject).toBe(`Neue Anfrage: ${offer.title}`);
    const link = linkIn(inquiry!, '/vermittlungen/');
    expect(link).toMatch(new RegExp(`^${path}\\?zugang=[\\w-]{40,}$`));

    const contact = new Client(ctx.app);
    // Without the link: a login is needed; with it, the page and the claim offer.
    expect((await contact.get(path)).headers.location).toMatch(/^\/anmelden/);
    const page = await contact.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ich hätte samstags Zeit.');
    expect(page.body).toContain('Organisation übernehmen');

    const query = link.split('?')[1];
    const beforeAnswer = await queuedMails(ctx);
    expect((await contact.submit(`${path}/nachrichten?${query}`, { body: 'Herzlich willkommen, Samstag 10 Uhr am Vereinsheim?' })).statusCode).toBe(303);
    expect((await contact.submit(`${path}/stand?${query}`, { status: 'placed', note: 'Start im April' })).statusCode).toBe(303);
    const toVolunteer = await newMails(ctx, beforeAnswer);
    expect(toVolunteer.map((m) => m.to)).toEqual(['mia@example.org', 'mia@example.org']);
    const [row] = await ctx.deps.db.select().from(placements).where(eq(placements.offerId, offer.id));
    expect(row?.status).toBe('placed');
    expect(row?.firstResponseAt).not.toBeNull();
    const after = await contact.get(link);
    expect(after.body).toContain('angefragt → vermittelt');
    // The change is recorded for the organisation, not for the volunteer.
    expect(after.body).toMatch(/angefragt → vermittelt<\/td>\s*<td[^>]*>Organisation<\/td>/);

    // The link is the organisation's only: the same secret opens no other placement.
    const other = await ask(world.offer.id, 'mia2@example.org');
    expect((await contact.get(`${other.path}?${query}`)).statusCode).toBe(404);

    // Claiming: a confirmation link goes to the contact address (and only there).
    const claimPath = `/organisationen/${organisation.id}/uebernehmen?${query}`;
    const claimPage = await contact.get(claimPath);
    expect(claimPage.statusCode).toBe(200);
    expect(claimPage.body).toContain('vorstand@kleingarten-krostitz.de');
    const beforeClaim = await queuedMails(ctx);
    expect((await contact.submit(claimPath, {})).statusCode).toBe(303);
    const claimMails = await newMails(ctx, beforeClaim);
    expect(claimMails.map((m) => m.to)).toEqual(['vorstand@kleingarten-krostitz.de']);
    const confirm = linkIn(claimMails[0]!, '/organisationen/uebernehmen/');
    const form = await contact.get(confirm);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="password"');

    // A short password comes back marked, the name kept.
    const short = await contact.submit(confirm, { name: 'Gerda Gärtner', password: 'kurz' });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('value="Gerda Gärtner"');
    expect(short.body).toContain('aria-invalid="true"');

    const done = await contact.submit(confirm, { name: 'Gerda Gärtner', password: 'Zwiebelbeet-am-Zaun-9' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Zur Anmeldung');
    const [account] = await ctx.deps.db.select().from(users).where(eq(users.email, 'vorstand@kleingarten-krostitz.de'));
    expect(account?.emailVerifiedAt).not.toBeNull();
    const [membership] = await ctx.deps.db
      .select()
      .from(organisationMembers)
      .where(and(eq(organisationMembers.organisationId, organisation.id), eq(organisationMembers.userId, account!.id)));
    expect(membership?.role).toBe('admin');
    const login = await signIn(ctx.deps.db, { email: 'vorstand@kleingarten-krostitz.de', password: 'Zwiebelbeet-am-Zaun-9', previousSessionId: null }, ctx.clock.now);
    expect(login.ok).toBe(true);

    // Claimed: the access link, the claim page and the claim link are spent.
    expect((await contact.get(link)).statusCode).toBe(404);
    expect((await contact.get(claimPath)).statusCode).toBe(404);
    expect((await contact.submit(confirm, { name: 'Jemand', password: 'Noch-ein-Passwort-1' })).statusCode).toBe(410);
  });

  it('loses its link when the contact address changes', async () => {
    const { organisation, offer } = await unclaimed('Schützenverein Hohenroda', 'info@schuetzen-hohenroda.de');
    const { mails, path } = await ask(offer.id, 'schuetze@example.org');
    const link = linkIn(mails.find((m) => m.to === 'info@schuetzen-hohenroda.de')!, '/vermittlungen/');
    const contact = new Client(ctx.app);
    expect((await contact.get(link)).statusCode).toBe(200);
    await ctx.deps.db.update(organisations).set({ email: 'neu@schuetzen-hohenroda.de' }).where(eq(organisations.id, organisation.id));
    expect((await contact.get(link)).statusCode).toBe(404);
    expect(path).toMatch(/^\/vermittlungen\//);
  });

  it('gets reminded with a fresh link of its own', async () => {
    const start = ctx.clock.now;
    const { offer } = await unclaimed('Heimatstube Krensitz', 'heimatstube@krensitz.de');
    const { path } = await ask(offer.id, 'erinnert@example.org');
    ctx.clock.now = new Date(start.getTime() + 5 * DAY);
    const before = await queuedMails(ctx);
    await runPlacementReminders(ctx.deps, ctx.clock.now);
    const reminder = (await newMails(ctx, before)).find((m) => m.to === 'heimatstube@krensitz.de');
    expect(reminder?.subject).toContain('Erinnerung');
    const link = linkIn(reminder!, '/vermittlungen/');
    expect(link.startsWith(`${path}?zugang=`)).toBe(true);
    expect((await new Client(ctx.app).get(link)).statusCode).toBe(200);
    ctx.clock.now = start;
  });
});

describe('an offer without any contact address', () => {
  it('goes to the office and the guides, and the volunteer is told who answers', async () => {
    const { offer } = await unclaimed('Dorfclub Zschepen', '');
    const visitor = new Client(ctx.app);
    const form = await visitor.get(`/angebote/${offer.id}/anfragen`);
    expect(form.body).toContain('keine eigene Kontaktadresse');
    const sent = await visitor.submit(`/angebote/${offer.id}/anfragen`, {
      name: 'Otto Ohnekonto',
      email: 'otto@example.org',
      message: 'Ich kann Stühle tragen.',
      consent: 'ja',
      requestKey: requestKeyIn(form.body),
    });
    expect(sent.statusCode).toBe(303);
    expect((await visitor.get(String(sent.headers.location))).body).toContain('Netzwerkstelle GEMS');

    const before = await queuedMails(ctx);
    const confirmMail = (await queuedMails(ctx)).filter((m) => m.to === 'otto@example.org').at(-1)!;
    const confirmed = await visitor.submit(linkIn(confirmMail, '/vermittlungen/bestaetigen/'), {});
    expect(confirmed.statusCode).toBe(303);
    const mails = await newMails(ctx, before);
    expect(mails.filter((m) => m.subject.startsWith('Neue Anfrage')).map((m) => m.to).sort()).toEqual(
      ['lotsin.krostitz@gems.example', 'netzwerkstelle@gems.example'].sort(),
    );
    const access = mails.find((m) => m.to === 'otto@example.org');
    expect(access?.text).toContain('keine eigene Kontaktadresse');

    // The office answers as the receiving side.
    const office = await signedInClient(ctx, world.office);
    const path = String(confirmed.headers.location).split('?')[0] ?? '';
    expect((await office.submit(`${path}/stand`, { status: 'in_contact', note: '' })).statusCode).toBe(303);
  });
});
