import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Client, createTestApp, createUser, linkIn, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { createNeed, createOffer } from '../../../test/fixtures.ts';
import type { User } from '../../platform/auth/schema.ts';
import { volunteerProfiles } from '../volunteers/schema.ts';
import { placementEvents, placements } from './schema.ts';
import { newMails, placementWorld, queuedMails, requestKeyIn } from './testing.ts';

let ctx: TestContext;
let world: Awaited<ReturnType<typeof placementWorld>>;
const HOUR = 3_600_000;

beforeAll(async () => {
  ctx = await createTestApp();
  world = await placementWorld(ctx);
});
afterAll(() => ctx.close());

async function placementCount(offerId: string): Promise<number> {
  return (await ctx.deps.db.select().from(placements).where(eq(placements.offerId, offerId))).length;
}

/** An offer of its own for a test, so counts and lists do not mix between tests. */
async function freshOffer(title: string) {
  return createOffer(ctx, {
    networkId: world.gems.id,
    organisationId: world.organisation.id,
    municipalityId: world.krostitz.id,
    title,
    contactEmail: 'hausaufgaben@heimatverein-krostitz.de',
  });
}

/** A signed-in volunteer asks about an offer; returns the placement's path. */
async function signedInInquiry(volunteer: User, offerId: string, message = 'Ich habe dienstags Zeit.'): Promise<string> {
  const client = await signedInClient(ctx, volunteer);
  const form = await client.get(`/angebote/${offerId}/anfragen`);
  const response = await client.submit(`/angebote/${offerId}/anfragen`, { message, requestKey: requestKeyIn(form.body) });
  expect(response.statusCode).toBe(303);
  return String(response.headers.location).split('?')[0] ?? '';
}

describe('an inquiry without an account, from the form to "vermittelt"', () => {
  it('runs through confirmation, answer, status and the office overview', async () => {
    const before = await queuedMails(ctx);
    const visitor = new Client(ctx.app);
    const form = await visitor.get(`/angebote/${world.offer.id}/anfragen`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Ich möchte helfen: Hausaufgabenhilfe in der Grundschule Krostitz');
    expect(form.body).toContain('name="consent"');

    const sent = await visitor.submit(`/angebote/${world.offer.id}/anfragen`, {
      name: 'Lena Freiwillig',
      email: 'Lena.Freiwillig@example.org',
      message: 'Ich bin Lehramtsstudentin und habe dienstags und donnerstags nachmittags Zeit.',
      consent: 'ja',
      requestKey: requestKeyIn(form.body),
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/angebote/${world.offer.id}/anfragen/gesendet`);
    expect((await visitor.get(String(sent.headers.location))).body).toContain('bestätigen Sie Ihre Anfrage');

    // Before confirmation only the visitor hears of it, and nobody else can see it.
    const confirmMails = await newMails(ctx, before);
    expect(confirmMails.map((m) => m.to)).toEqual(['lena.freiwillig@example.org']);
    const member = await signedInClient(ctx, world.member);
    expect((await member.get('/meine-organisationen/vermittlungen')).body).not.toContain('Hausaufgabenhilfe');
    const office = await signedInClient(ctx, world.office);
    expect((await office.get('/netzwerk/gems/verwaltung/vermittlungen?status=alle')).body).not.toContain('Hausaufgabenhilfe');
    const [stored] = await ctx.deps.db.select().from(placements).where(eq(placements.offerId, world.offer.id));
    expect(stored?.emailConfirmedAt).toBeNull();
    expect((await member.get(`/vermittlungen/${stored?.id}`)).statusCode).toBe(404);

    // The link in the mail shows a button; only pressing it confirms.
    const confirmPath = linkIn(confirmMails[0]!, '/vermittlungen/bestaetigen/');
    const confirmPage = await visitor.get(confirmPath);
    expect(confirmPage.statusCode).toBe(200);
    expect(confirmPage.body).toContain('Anfrage jetzt bestätigen');
    expect((await ctx.deps.db.select().from(placements).where(eq(placements.offerId, world.offer.id)))[0]?.emailConfirmedAt).toBeNull();
    const confirmed = await visitor.submit(confirmPath, {});
    expect(confirmed.statusCode).toBe(303);
    const volunteerPage = String(confirmed.headers.location);
    expect(volunteerPage).toMatch(/^\/vermittlungen\/[0-9a-f-]{36}\?zugang=[\w-]+&hinweis=confirmed$/);
    const placementPath = volunteerPage.split('?')[0] ?? '';

    // A second use of the link does nothing.
    expect((await visitor.submit(confirmPath, {})).statusCode).toBe(410);

    const ownView = await visitor.get(volunteerPage);
    expect(ownView.statusCode).toBe(200);
    expect(ownView.body).toContain('angefragt');
    expect(ownView.body).toContain('Ihre Anfrage ist bestätigt');

    const afterConfirm = await newMails(ctx, before);
    const recipients = afterConfirm.slice(1).map((m) => m.to).sort();
    expect(recipients).toEqual(
      ['karl.kassenwart@heimatverein-krostitz.de', 'lena.freiwillig@example.org', 'lotsin.krostitz@gems.example'].sort(),
    );
    const inquiryMail = afterConfirm.find((m) => m.to === 'karl.kassenwart@heimatverein-krostitz.de');
    expect(inquiryMail?.subject).toBe('Neue Anfrage: Hausaufgabenhilfe in der Grundschule Krostitz');
    expect(inquiryMail?.text).toContain('Lena Freiwillig');
    expect(inquiryMail?.text).not.toContain('lena.freiwillig@example.org');
    const accessMail = afterConfirm.slice(1).find((m) => m.to === 'lena.freiwillig@example.org');
    expect(linkIn(accessMail!, '/vermittlungen/')).toMatch(/\?zugang=/);

    // The organisation sees it and answers two hours later.
    const list = await member.get('/meine-organisationen/vermittlungen');
    expect(list.body).toContain(`href="${placementPath}"`);
    const orgView = await member.get(placementPath);
    expect(orgView.statusCode).toBe(200);
    expect(orgView.body).toContain('Ich bin Lehramtsstudentin');
    ctx.clock.advance(2 * HOUR);
    const beforeAnswer = await queuedMails(ctx);
    const answered = await member.submit(`${placementPath}/nachrichten`, { body: 'Hallo Lena, kommen Sie gern am Dienstag vorbei!' });
    expect(answered.statusCode).toBe(303);
    const answerMails = await newMails(ctx, beforeAnswer);
    expect(answerMails.map((m) => m.to)).toEqual(['lena.freiwillig@example.org']);
    expect(answerMails[0]?.text).toContain('kommen Sie gern am Dienstag vorbei');
    expect(answerMails[0]?.text).not.toContain('karl.kassenwart@');
    expect(answerMails[0]?.text).not.toContain('heimatverein-krostitz.de');

    // The volunteer follows the fresh link from that mail and replies; the organisation is told.
    const fromMail = linkIn(answerMails[0]!, '/vermittlungen/');
    const seen = await visitor.get(fromMail);
    expect(seen.body).toContain('kommen Sie gern am Dienstag vorbei');
    const beforeReply = await queuedMails(ctx);
    const replied = await visitor.submit(`${placementPath}/nachrichten?${fromMail.split('?')[1]}`, { body: 'Sehr gern, bis Dienstag!' });
    expect(replied.statusCode).toBe(303);
    expect((await newMails(ctx, beforeReply)).map((m) => m.to)).toEqual(['karl.kassenwart@heimatverein-krostitz.de']);

    ctx.clock.advance(24 * HOUR);
    const placed = await member.submit(`${placementPath}/stand`, { status: 'placed', note: 'Start nach den Herbstferien' });
    expect(placed.statusCode).toBe(303);
    const history = await member.get(placementPath);
    expect(history.body).toContain('angefragt → vermittelt');
    expect(history.body).toContain('Karl Kassenwart');
    expect(history.body).toContain('Start nach den Herbstferien');

    // The office sees it with its response time (two hours) and the median.
    const overview = await office.get('/netzwerk/gems/verwaltung/vermittlungen?status=placed');
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Hausaufgabenhilfe in der Grundschule Krostitz');
    expect(overview.body).toContain('<td data-label="Reaktionszeit">2 Std.</td>');
    expect(overview.body).toContain('Reaktionszeit (Median): 2 Std.');
    expect(overview.body).toContain('<caption id="vermittlungen-ueberblick-caption">');
    // Inside the admin area, with its navigation and this section marked.
    expect(overview.body).toMatch(/<a href="\/netzwerk\/gems\/verwaltung\/vermittlungen" aria-current="page">/);
    // The default view shows only open placements.
    expect((await office.get('/netzwerk/gems/verwaltung/vermittlungen')).body).not.toContain(placementPath);
  });

  it('keeps both e-mail addresses out of every page until both sides agree', async () => {
    const offer = await freshOffer('Lesepatenschaft in der Bibliothek Krostitz');
    const volunteer = await createUser(ctx, { email: 'paula.privat@example.org', name: 'Paula' });
    const path = await signedInInquiry(volunteer, offer.id);
    const asVolunteer = await signedInClient(ctx, volunteer);
    const asMember = await signedInClient(ctx, world.member);
    const asOffice = await signedInClient(ctx, world.office);

    const hidden = async () => {
      for (const client of [asVolunteer, asMember, asOffice]) {
        const html = (await client.get(path)).body;
        expect(html).not.toContain('paula.privat@example.org');
        expect(html).not.toContain('hausaufgaben@heimatverein-krostitz.de');
        expect(html).not.toContain('info@heimatverein-krostitz.de');
      }
    };
    await hidden();
    expect((await asVolunteer.get(path)).body).toContain('Meine E-Mail-Adresse freigeben');
    // Neither side may agree for the other.
    expect((await asVolunteer.submit(`${path}/freigeben`, { side: 'organisation' })).statusCode).toBe(403);
    expect((await asMember.submit(`${path}/freigeben`, { side: 'volunteer' })).statusCode).toBe(403);
    expect((await asOffice.submit(`${path}/freigeben`, { side: 'organisation' })).statusCode).toBe(403);

    expect((await asVolunteer.submit(`${path}/freigeben`, { side: 'volunteer' })).statusCode).toBe(303);
    await hidden();
    expect((await asMember.get(path)).body).toContain('Die/der Engagierte hat zugestimmt.');

    expect((await asMember.submit(`${path}/freigeben`, { side: 'organisation' })).statusCode).toBe(303);
    const volunteerView = (await asVolunteer.get(path)).body;
    expect(volunteerView).toContain('hausaufgaben@heimatverein-krostitz.de');
    const memberView = (await asMember.get(path)).body;
    expect(memberView).toContain('paula.privat@example.org');
    expect(memberView).not.toContain('Meine E-Mail-Adresse freigeben');
  });
});

describe('a repeated submit', () => {
  it('opens one placement for a signed-in volunteer, however often the form is sent', async () => {
    const offer = await freshOffer('Gartenpflege am Dorfgemeinschaftshaus');
    const volunteer = await createUser(ctx, { email: 'doppelklick@example.org' });
    const client = await signedInClient(ctx, volunteer);
    const form = await client.get(`/angebote/${offer.id}/anfragen`);
    const fields = { message: 'Ich helfe gern beim Rasenmähen.', requestKey: requestKeyIn(form.body) };
    const before = await queuedMails(ctx);
    const [first, second] = await Promise.all([
      client.submit(`/angebote/${offer.id}/anfragen`, fields),
      client.submit(`/angebote/${offer.id}/anfragen`, fields),
    ]);
    const third = await client.submit(`/angebote/${offer.id}/anfragen`, fields);
    expect(first.statusCode).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(third.headers.location).toBe(first.headers.location);
    expect(await placementCount(offer.id)).toBe(1);
    const mails = await newMails(ctx, before);
    expect(mails.filter((m) => m.to === 'karl.kassenwart@heimatverein-krostitz.de')).toHaveLength(1);
    // A new visit to the form is a new inquiry, but points to the running one first.
    const again = await client.get(`/angebote/${offer.id}/anfragen`);
    expect(requestKeyIn(again.body)).not.toBe(fields.requestKey);
    expect(again.body).toContain(`href="${String(first.headers.location).split('?')[0]}"`);
  });

  it('opens one placement and sends one confirmation without an account', async () => {
    const offer = await freshOffer('Fahrdienst zum Seniorentreff');
    const visitor = new Client(ctx.app);
    const form = await visitor.get(`/angebote/${offer.id}/anfragen`);
    const fields = {
      name: 'Otto Doppelt',
      email: 'otto@example.org',
      message: 'Ich habe ein Auto.',
      consent: 'ja',
      requestKey: requestKeyIn(form.body),
    };
    const before = await queuedMails(ctx);
    await visitor.submit(`/angebote/${offer.id}/anfragen`, fields);
    await visitor.submit(`/angebote/${offer.id}/anfragen`, fields);
    expect(await placementCount(offer.id)).toBe(1);
    expect((await newMails(ctx, before)).map((m) => m.to)).toEqual(['otto@example.org']);
  });
});

describe('rights', () => {
  let path: string;
  let volunteer: User;

  beforeAll(async () => {
    const offer = await freshOffer('Vorlesen im Seniorenheim Krostitz');
    volunteer = await createUser(ctx, { email: 'rechte@example.org', name: 'Rita Rechte' });
    path = await signedInInquiry(volunteer, offer.id, 'Ich lese gern vor.');
  });

  it('shows the placement to the volunteer, the organisation, the office and the guide of the municipality', async () => {
    for (const user of [volunteer, world.member, world.office, world.guide]) {
      const response = await (await signedInClient(ctx, user)).get(path);
      expect(response.statusCode, user.email).toBe(200);
      expect(response.body).toContain('Ich lese gern vor.');
    }
  });

  it('refuses another organisation, another network office, a guide elsewhere, a stranger and anonymous visitors', async () => {
    const stranger = await createUser(ctx, { email: 'fremd@example.org' });
    for (const user of [world.otherMember, world.otherOffice, world.otherGuide, stranger]) {
      const client = await signedInClient(ctx, user);
      const page = await client.get(path);
      expect(page.statusCode, user.email).toBe(403);
      expect(page.body).not.toContain('Ich lese gern vor.');
      await client.get('/');
      expect((await client.submit(`${path}/nachrichten`, { body: 'Hallo?' })).statusCode).toBe(403);
      expect((await client.submit(`${path}/stand`, { status: 'declined' })).statusCode).toBe(403);
    }
    const anonymous = new Client(ctx.app);
    const page = await anonymous.get(path);
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toMatch(/^\/anmelden\?weiter=/);
    expect((await anonymous.get(`${path}?zugang=erfunden`)).statusCode).toBe(404);
    expect((await anonymous.get('/vermittlungen/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
    expect((await anonymous.get('/vermittlungen/kein-uuid')).statusCode).toBe(404);
    expect(
      (await ctx.deps.db.select().from(placements).where(eq(placements.volunteerId, volunteer.id)))[0]?.status,
    ).toBe('requested');
  });

  it('keeps the lists to their owners: guides see only their municipalities, offices only their network', async () => {
    expect((await (await signedInClient(ctx, world.guide)).get('/netzwerk/gems/lotsen/vermittlungen')).body).toContain(path);
    const elsewhere = await (await signedInClient(ctx, world.otherGuide)).get('/netzwerk/gems/lotsen/vermittlungen');
    expect(elsewhere.statusCode).toBe(200);
    expect(elsewhere.body).not.toContain(path);
    const office = await signedInClient(ctx, world.office);
    expect((await office.get(`/netzwerk/gems/verwaltung/vermittlungen?kommune=${world.krostitz.id}`)).body).toContain(path);
    expect((await office.get(`/netzwerk/gems/verwaltung/vermittlungen?kommune=${world.delitzsch.id}`)).body).not.toContain(path);
    expect((await office.get('/netzwerk/gems/verwaltung/vermittlungen?status=placed')).body).not.toContain(path);
    // A guide cannot widen the view by naming another municipality.
    const widened = await (await signedInClient(ctx, world.otherGuide)).get(`/netzwerk/gems/lotsen/vermittlungen?kommune=${world.krostitz.id}`);
    expect(widened.body).not.toContain(path);
    expect((await (await signedInClient(ctx, world.otherOffice)).get('/netzwerk/gems/verwaltung/vermittlungen')).statusCode).toBe(403);
    expect((await (await signedInClient(ctx, world.member)).get('/netzwerk/gems/verwaltung/vermittlungen')).statusCode).toBe(403);
    expect((await (await signedInClient(ctx, world.otherMember)).get('/meine-organisationen/vermittlungen')).body).not.toContain(path);
    expect((await (await signedInClient(ctx, volunteer)).get('/konto/vermittlungen')).body).toContain(path);
    expect((await new Client(ctx.app).get('/konto/vermittlungen')).statusCode).toBe(303);
  });

  it('lets the volunteer withdraw but not move the placement on', async () => {
    const client = await signedInClient(ctx, volunteer);
    const page = await client.get(path);
    expect(page.body).toContain('Anfrage zurückziehen');
    expect(page.body).not.toContain('name="note"');
    const refused = await client.submit(`${path}/stand`, { status: 'placed' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Dieser Wechsel des Stands ist nicht möglich.');
    // The first click asks again, without JavaScript: the same form with confirm=1, and nothing changed yet.
    const asked = await client.submit(`${path}/stand`, { status: 'declined' });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Wirklich die Anfrage zurückziehen?');
    expect(asked.body).toContain('<input type="hidden" name="confirm" value="1"/>');
    expect(asked.body).toContain('<input type="hidden" name="status" value="declined"/>');
    expect(asked.body).not.toContain('angefragt → abgesagt');
    expect((await client.submit(`${path}/stand`, { status: 'declined', confirm: '1' })).statusCode).toBe(303);
    const after = await client.get(path);
    expect(after.body).toContain('angefragt → abgesagt');
    expect(after.body).toContain('Diese Vermittlung ist abgeschlossen.');
    expect(page.body).not.toContain('Diese Vermittlung ist abgeschlossen.');
    expect(after.body).not.toContain('Anfrage zurückziehen');
    // Closed: staff cannot move it on either.
    const member = await signedInClient(ctx, world.member);
    expect((await member.submit(`${path}/stand`, { status: 'in_contact' })).statusCode).toBe(409);
  });
});

describe('bad input', () => {
  it('marks empty, over-long and invalid fields, keeps the input and stores nothing', async () => {
    const offer = await freshOffer('Kuchen backen für das Dorffest');
    const visitor = new Client(ctx.app);
    const form = await visitor.get(`/angebote/${offer.id}/anfragen`);
    const key = requestKeyIn(form.body);
    const cases: Array<{ fields: Record<string, string>; field: string; text: string }> = [
      { fields: { name: 'Hanna', email: 'hanna@example.org', message: '   ', consent: 'ja' }, field: 'message', text: 'Bitte füllen Sie dieses Feld aus.' },
      { fields: { name: 'Hanna', email: 'hanna@example.org', message: 'x'.repeat(2001), consent: 'ja' }, field: 'message', text: 'höchstens 2000 Zeichen' },
      { fields: { name: 'Hanna', email: 'hanna@', message: 'Ich backe gern.', consent: 'ja' }, field: 'email', text: 'gültige E-Mail-Adresse' },
      { fields: { name: '', email: 'hanna@example.org', message: 'Ich backe gern.', consent: 'ja' }, field: 'name', text: 'Bitte füllen Sie dieses Feld aus.' },
      { fields: { name: 'Hanna', email: 'hanna@example.org', message: 'Ich backe gern.' }, field: 'consent', text: 'Bitte stimmen Sie zu' },
    ];
    for (const { fields, field, text } of cases) {
      const response = await visitor.submit(`/angebote/${offer.id}/anfragen`, { ...fields, requestKey: key });
      expect(response.statusCode, field).toBe(422);
      expect(response.body).toContain('class="error-summary"');
      expect(response.body).toContain(`href="#f-${field}"`);
      expect(response.body).toContain(text);
      expect(response.body).toMatch(new RegExp(`id="f-${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-${field}"`));
      if (fields.name) expect(response.body).toContain(`value="${fields.name}"`);
      if (field !== 'message') expect(response.body).toContain('Ich backe gern.</textarea>');
      expect(requestKeyIn(response.body)).toBe(key);
    }
    expect(await placementCount(offer.id)).toBe(0);
  });

  it('refuses empty and over-long messages inside a placement, keeping what was typed', async () => {
    const offer = await freshOffer('Spielenachmittag im Jugendclub');
    const volunteer = await createUser(ctx, { email: 'spiele@example.org' });
    const path = await signedInInquiry(volunteer, offer.id);
    const member = await signedInClient(ctx, world.member);
    const empty = await member.submit(`${path}/nachrichten`, { body: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('href="#f-body"');
    const long = 'Sehr lange Antwort. '.repeat(120);
    const tooLong = await member.submit(`${path}/nachrichten`, { body: long });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain(long.trim());
    const badStatus = await member.submit(`${path}/stand`, { status: 'erfunden' });
    expect(badStatus.statusCode).toBe(422);
  });

  it('shows markup typed into a message as text', async () => {
    const offer = await freshOffer('Basteln mit Kindern');
    const volunteer = await createUser(ctx, { email: 'script@example.org' });
    const path = await signedInInquiry(volunteer, offer.id, '<script>alert(1)</script> Ich bastle gern.');
    const html = (await (await signedInClient(ctx, world.member)).get(path)).body;
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script>alert(1)&lt;/script> Ich bastle gern.');
  });

  it('answers 404 for unknown, unpublished or malformed offers', async () => {
    const draft = await createOffer(ctx, {
      networkId: world.gems.id,
      organisationId: world.organisation.id,
      status: 'draft',
      title: 'Entwurf',
    });
    const visitor = new Client(ctx.app);
    expect((await visitor.get(`/angebote/${draft.id}/anfragen`)).statusCode).toBe(404);
    expect((await visitor.get('/angebote/nicht-da/anfragen')).statusCode).toBe(404);
    expect((await visitor.get('/vermittlungen/bestaetigen/erfunden')).statusCode).toBe(410);
  });
});

describe('the office opens a placement for a need', () => {
  it('suggests a need to a volunteer who opted in, and only to such a volunteer', async () => {
    const need = await createNeed(ctx, { networkId: world.gems.id, municipalityId: world.krostitz.id });
    const willing = await createUser(ctx, { email: 'willig@example.org', name: 'Wilma Willig' });
    const shy = await createUser(ctx, { email: 'scheu@example.org', name: 'Sven Scheu' });
    await ctx.deps.db.insert(volunteerProfiles).values([
      { userId: willing.id, homeMunicipalityId: world.krostitz.id, contactable: true },
      { userId: shy.id, homeMunicipalityId: world.krostitz.id, contactable: false },
    ]);
    const url = `/netzwerk/gems/vermittlungen/neu?need=${need.id}&volunteer=${willing.id}`;

    const otherGuide = await signedInClient(ctx, world.otherGuide);
    expect((await otherGuide.get(url)).statusCode).toBe(403);
    expect((await (await signedInClient(ctx, world.otherOffice)).get(url)).statusCode).toBe(403);

    const guide = await signedInClient(ctx, world.guide);
    const form = await guide.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Wilma Willig');
    expect(form.body).not.toContain('Sven Scheu');

    const refused = await guide.submit(url, { volunteer: shy.id, message: 'Hätten Sie Zeit?', requestKey: requestKeyIn(form.body) });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('nicht zugestimmt');

    const before = await queuedMails(ctx);
    const opened = await guide.submit(url, {
      volunteer: willing.id,
      message: 'Frau Muster braucht dienstags Begleitung zum Arzt. Hätten Sie Zeit?',
      requestKey: requestKeyIn(form.body),
    });
    expect(opened.statusCode).toBe(303);
    const path = String(opened.headers.location).split('?')[0] ?? '';
    const mails = await newMails(ctx, before);
    expect(mails.map((m) => m.to)).toEqual(['willig@example.org']);
    expect(mails[0]?.text).toContain('Begleitung zum Arzt');

    const asVolunteer = await (await signedInClient(ctx, willing)).get(path);
    expect(asVolunteer.statusCode).toBe(200);
    expect(asVolunteer.body).toContain('Begleitung zum Arzt');
    expect(asVolunteer.body).not.toContain('Erika Muster');
    const [placement] = await ctx.deps.db.select().from(placements).where(eq(placements.needId, need.id));
    const events = await ctx.deps.db.select().from(placementEvents).where(eq(placementEvents.placementId, placement!.id));
    expect(events.map((e) => [e.toStatus, e.actorId])).toEqual([['requested', world.guide.id]]);
  });
});
