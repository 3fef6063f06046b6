import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ical from 'node-ical';
import { Client, linkIn, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { queuedMails } from '../placements/testing.ts';
import crypto from 'node:crypto';
import { publicKeys, verifyCode } from '../../platform/signing/index.ts';
import { eventCertificateCode } from './certificate.ts';
import { findEvent } from './queries.ts';
import { sendReminders } from './reminders.ts';
import { eventRegistrations, events } from './schema.ts';
import { createEvent, DAY, gemsEvents, localInDays, startEventWorld, type EventWorld } from './testing.ts';
import { instantToBerlin } from '../../platform/berlin-time.ts';

let ctx: TestContext;
let world: EventWorld;
beforeAll(async () => ({ ctx, world } = await startEventWorld()));
afterAll(() => ctx.close());

const base = () => gemsEvents(world);

function form(overrides: Record<string, string | string[]> = {}) {
  return {
    organiser: 'office',
    kind: 'network_meeting',
    title: 'Netzwerktreffen Herbst',
    description: 'Wir tauschen uns aus.',
    startsAt: localInDays(ctx, 10, '18:00'),
    endsAt: localInDays(ctx, 10, '20:30'),
    mode: 'onsite',
    place: 'Rathaus Krostitz',
    accessibility: 'Stufenloser Zugang',
    municipalityId: world.krostitz.id,
    onlineUrl: '',
    audience: 'Vereine',
    capacity: '2',
    registrationEnabled: '1',
    questions: 'Essen: vegetarisch | vegan | egal *\nAnmerkungen',
    costs: 'kostenfrei',
    repeatCount: '0',
    repeatWeeks: '1',
    ...overrides,
  };
}

async function eventIdFrom(location: string | undefined): Promise<string> {
  const id = location?.match(/veranstaltungen\/([0-9a-f-]{36})/)?.[1];
  if (!id) throw new Error(`no event in ${location}`);
  return id;
}

describe('creating and editing events', () => {
  it('refuses past dates and an end before the start with messages at the fields, keeping the input', async () => {
    const office = await signedInClient(ctx, world.office);
    const past = await office.submit(`${base()}/neu`, form({ startsAt: localInDays(ctx, -2, '18:00'), endsAt: localInDays(ctx, -2, '19:00') }), `${base()}/neu`);
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('liegt in der Vergangenheit');
    const backwards = await office.submit(`${base()}/neu`, form({ endsAt: localInDays(ctx, 10, '17:00'), title: 'Rückwärts' }));
    expect(backwards.statusCode).toBe(422);
    expect(backwards.body).toContain('Das Ende muss nach dem Beginn liegen.');
    expect(backwards.body).toContain('value="Rückwärts"');
    const online = await office.submit(`${base()}/neu`, form({ mode: 'online', onlineUrl: 'javascript:alert(1)' }));
    expect(online.statusCode).toBe(422);
    expect(online.body).toContain('https://');
  });

  it('escapes HTML and script in every text field', async () => {
    const office = await signedInClient(ctx, world.office);
    const evil = '<script>alert(1)</script><b>x</b>';
    const response = await office.submit(
      `${base()}/neu`,
      form({ title: `T ${evil}`, description: evil, place: evil, accessibility: evil, audience: evil, costs: evil, questions: `${evil}: a | <i>b</i>` }),
      `${base()}/neu`,
    );
    expect(response.statusCode).toBe(303);
    const page = await office.get(response.headers.location as string);
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).not.toContain('<b>x</b>');
    expect(page.body).not.toContain('<i>b</i>');
    expect(page.body).toContain('T &lt;script>alert(1)&lt;/script>');
  });

  it('publishes office events at once and puts an organisation’s event into review', async () => {
    const office = await signedInClient(ctx, world.office);
    const created = await office.submit(`${base()}/neu`, form(), `${base()}/neu`);
    const officeEvent = await eventIdFrom(created.headers.location as string);
    const [row] = await ctx.deps.db.select().from(events).where(eq(events.id, officeEvent));
    expect(row?.status).toBe('published');

    const member = await signedInClient(ctx, world.member);
    const own = await member.submit(`${base()}/neu`, form({ organiser: world.organisation.id, title: 'Vereinsworkshop' }), `${base()}/neu`);
    expect(own.statusCode).toBe(303);
    const orgEvent = await eventIdFrom(own.headers.location as string);
    const [orgRow] = await ctx.deps.db.select().from(events).where(eq(events.id, orgEvent));
    expect(orgRow?.status).toBe('review');
    // Not public while in review.
    expect((await new Client(ctx.app).get(`${base()}/${orgEvent}`)).statusCode).toBe(404);
    // An organisation may not pose as the office or as another organisation.
    const posing = await member.submit(`${base()}/neu`, form({ organiser: 'office' }));
    expect(posing.statusCode).toBe(422);
    const other = await member.submit(`${base()}/neu`, form({ organiser: world.otherOrganisation.id }));
    expect(other.statusCode).toBe(422);
    // The office approves it.
    const approved = await office.submit(`${base()}/${orgEvent}/status`, { status: 'published' }, `${base()}/${orgEvent}`);
    expect(approved.statusCode).toBe(303);
    expect((await new Client(ctx.app).get(`${base()}/${orgEvent}`)).statusCode).toBe(200);
  });

  it('lets an organisation edit only its own events; other offices, other clubs and visitors are refused', async () => {
    const orgEvent = await createEvent(ctx, { networkId: world.gems.id, organisationId: world.organisation.id, title: 'Vereinsabend' });
    const officeEvent = await createEvent(ctx, { networkId: world.gems.id, title: 'Treffen der Netzwerkstelle' });
    const edit = (id: string) => `${base()}/${id}/bearbeiten`;
    const member = await signedInClient(ctx, world.member);
    expect((await member.get(edit(orgEvent.id))).statusCode).toBe(200);
    expect((await member.submit(edit(orgEvent.id), form({ title: 'Vereinsabend neu', organiser: world.organisation.id }))).statusCode).toBe(303);
    expect((await member.get(edit(officeEvent.id))).statusCode).toBe(403);
    expect((await member.submit(edit(officeEvent.id), form({ title: 'übernommen' }), `${base()}/${officeEvent.id}`)).statusCode).toBe(403);
    const otherMember = await signedInClient(ctx, world.otherMember);
    expect((await otherMember.get(edit(orgEvent.id))).statusCode).toBe(403);
    expect((await otherMember.get(`${base()}/${orgEvent.id}/anmeldungen`)).statusCode).toBe(403);
    const otherOffice = await signedInClient(ctx, world.otherOffice);
    expect((await otherOffice.get(edit(orgEvent.id))).statusCode).toBe(403);
    const volunteer = await signedInClient(ctx, world.volunteer);
    expect((await volunteer.get(`${base()}/neu`)).statusCode).toBe(403);
    expect((await volunteer.get(`${base()}/${orgEvent.id}/anwesenheit`)).statusCode).toBe(403);
    const visitor = new Client(ctx.app);
    expect((await visitor.get(edit(orgEvent.id))).statusCode).toBe(303);
    const office = await signedInClient(ctx, world.office);
    expect((await office.get(edit(orgEvent.id))).statusCode).toBe(200);
    const [row] = await ctx.deps.db.select().from(events).where(eq(events.id, officeEvent.id));
    expect(row?.title).toBe('Treffen der Netzwerkstelle');
  });

  it('creates a series: the same event on further dates', async () => {
    const office = await signedInClient(ctx, world.office);
    const created = await office.submit(`${base()}/neu`, form({ title: 'Stammtisch', repeatCount: '2', repeatWeeks: '2' }), `${base()}/neu`);
    const id = await eventIdFrom(created.headers.location as string);
    const [first] = await ctx.deps.db.select().from(events).where(eq(events.id, id));
    const series = await ctx.deps.db.select().from(events).where(eq(events.seriesId, first!.seriesId!));
    expect(series).toHaveLength(3);
    const gaps = series.map((e) => e.startsAt.getTime()).sort().map((t, i, all) => (i ? t - all[i - 1]! : 0));
    expect(gaps.slice(1).every((g) => Math.abs(g - 14 * DAY) <= 3_600_000)).toBe(true);
    const page = await office.get(`${base()}/${id}`);
    expect(page.body).toContain('Weitere Termine dieser Reihe');
  });
});

describe('registration, waiting list and the personal link', () => {
  it('confirms by link, fills the seats, waitlists the rest, and moves the first waiting person up on a cancellation', async () => {
    const event = await createEvent(ctx, {
      networkId: world.gems.id,
      capacity: 2,
      title: 'Workshop Ehrenamtsgewinnung',
      questions: [{ id: 'q1', label: 'Essen', type: 'choice', options: ['vegetarisch', 'egal'], required: true }],
    });
    const page = `${base()}/${event.id}`;
    const before = (await queuedMails(ctx)).length;
    const people = ['anna@example.org', 'ben@example.org', 'cem@example.org'];
    const links: string[] = [];
    for (const email of people) {
      const visitor = new Client(ctx.app);
      // Cem reads the site in English: every mail about his registration must come in English.
      if (email.startsWith('cem')) visitor.cookies.set('mmn_lang', 'en');
      const missing = await visitor.submit(`${page}/anmelden`, { name: 'X', email }, page);
      expect(missing.statusCode).toBe(422);
      const english = email.startsWith('cem');
      expect(missing.body).toContain(english ? 'Please fill in this field.' : 'Bitte füllen Sie dieses Feld aus.');
      const wrongChoice = await visitor.submit(`${page}/anmelden`, { name: 'X', email, answer_q1: 'Schnitzel' });
      expect(wrongChoice.body).toContain(english ? 'Please choose one of the answers.' : 'Bitte wählen Sie eine der Antworten.');
      const ok = await visitor.submit(`${page}/anmelden`, { name: email.split('@')[0]!, email, answer_q1: 'egal' });
      expect(ok.statusCode).toBe(303);
      const subject = english ? 'Please confirm' : 'Bitte bestätigen';
      const mail = (await queuedMails(ctx)).slice(before).find((m) => m.to === email && m.subject.startsWith(subject));
      expect(mail).toBeDefined();
      const link = linkIn(mail!, '/veranstaltungen/anmeldung/');
      links.push(link);
      const confirm = await visitor.submit(`${link}/bestaetigen`, {}, link);
      expect(confirm.statusCode).toBe(303);
    }
    // A second registration with the same address is refused.
    const again = await new Client(ctx.app).submit(`${page}/anmelden`, { name: 'Anna', email: 'ANNA@example.org', answer_q1: 'egal' }, page);
    expect(again.statusCode).toBe(409);
    const rows = await ctx.deps.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id));
    expect(rows.map((r) => [r.email, r.status]).sort()).toEqual([
      ['anna@example.org', 'confirmed'],
      ['ben@example.org', 'confirmed'],
      ['cem@example.org', 'waitlisted'],
    ]);
    expect(rows.find((r) => r.email === 'anna@example.org')?.answers).toEqual({ q1: 'egal' });

    // Ben cancels through his link; Cem moves up and is told.
    const ben = new Client(ctx.app);
    const cancel = await ben.submit(`${links[1]}/abmelden`, {}, links[1]);
    expect(cancel.statusCode).toBe(303);
    const after = await ctx.deps.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id));
    expect(after.find((r) => r.email === 'ben@example.org')?.status).toBe('cancelled');
    expect(after.find((r) => r.email === 'cem@example.org')?.status).toBe('confirmed');
    // Later mails come in the language of the registration and carry the personal link again.
    const waitlisted = (await queuedMails(ctx)).find((m) => m.to === 'cem@example.org' && m.subject.startsWith('Waiting list'));
    expect(waitlisted?.text).toContain(links[2]);
    const promoted = (await queuedMails(ctx)).find((m) => m.to === 'cem@example.org' && m.subject.startsWith('A seat has become free'));
    expect(promoted?.text).toContain('Workshop Ehrenamtsgewinnung');
    expect(promoted?.text).toContain(links[2]);
    const left = (await queuedMails(ctx)).find((m) => m.to === 'ben@example.org' && m.subject.startsWith('Abgemeldet'));
    expect(left?.text).toContain(links[1]);
    // An altered link finds nothing.
    expect((await new Client(ctx.app).get(`${links[0]!.slice(0, -2)}xx`)).statusCode).toBe(404);

    // The organiser's list, its CSV (formula cells defused) and the print view.
    const office = await signedInClient(ctx, world.office);
    const list = await office.get(`${page}/anmeldungen`);
    expect(list.body).toContain('anna@example.org');
    const csv = await office.get(`${page}/anmeldungen.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('cem@example.org');
    expect(csv.body).not.toContain('ben@example.org');
    expect((await office.get(`${page}/anmeldungen?druck=1`)).body).not.toContain('/stornieren');

    // Signed-in volunteers register at once (their address is confirmed).
    const volunteer = await signedInClient(ctx, world.volunteer);
    const mine = await volunteer.submit(`${page}/anmelden`, { answer_q1: 'vegetarisch' }, page);
    expect(mine.headers.location).toContain('warteliste=1');
  });

  it('mails everyone registered when the time changes or the event is cancelled, and reminds the day before', async () => {
    const event = await createEvent(ctx, { networkId: world.gems.id, capacity: 5, title: 'Dorfwerkstatt Löbnitz', kind: 'village_workshop' });
    await ctx.deps.db.insert(eventRegistrations).values([
      { eventId: event.id, name: 'Dora', email: 'dora@example.org', status: 'confirmed', position: 1, tokenHash: 'a'.repeat(64) },
      { eventId: event.id, name: 'Emil', email: 'emil@example.org', status: 'waitlisted', position: 2, tokenHash: 'b'.repeat(64) },
    ]);
    await ctx.deps.db.update(events).set({ seatsTaken: 1, arrivals: 2 }).where(eq(events.id, event.id));
    const office = await signedInClient(ctx, world.office);
    const page = `${base()}/${event.id}`;
    const values = { ...form(), title: event.title, kind: 'village_workshop', capacity: '5', questions: '', startsAt: localInDays(ctx, 12, '17:00'), endsAt: localInDays(ctx, 12, '19:00') };
    const before = (await queuedMails(ctx)).length;
    expect((await office.submit(`${page}/bearbeiten`, values, `${page}/bearbeiten`)).statusCode).toBe(303);
    const mails = (await queuedMails(ctx)).slice(before);
    // The larger capacity moved Emil up; both hear of the new time.
    expect(mails.filter((m) => m.subject.startsWith('Geändert')).map((m) => m.to).sort()).toEqual(['dora@example.org', 'emil@example.org']);
    expect(mails.some((m) => m.to === 'emil@example.org' && m.subject.startsWith('Ein Platz'))).toBe(true);

    // Reminders: only for events tomorrow, once.
    const tomorrow = await createEvent(ctx, { networkId: world.gems.id, title: 'Morgen-Termin', startsAt: new Date(ctx.clock.now.getTime() + DAY), endsAt: new Date(ctx.clock.now.getTime() + DAY + 3_600_000) });
    await ctx.deps.db.insert(eventRegistrations).values({ eventId: tomorrow.id, name: 'Fritz', email: 'fritz@example.org', status: 'confirmed', position: 1, tokenHash: 'c'.repeat(64) });
    const remindedBefore = (await queuedMails(ctx)).length;
    // Run the job at noon of the day before, whenever the test runs.
    const noonToday = new Date(`${instantToBerlin(ctx.clock.now).slice(0, 10)}T10:00:00Z`);
    const startNextDay = new Date(noonToday.getTime() + DAY);
    await ctx.deps.db.update(events).set({ startsAt: startNextDay, endsAt: new Date(startNextDay.getTime() + 3_600_000) }).where(eq(events.id, tomorrow.id));
    await sendReminders(ctx.deps, noonToday);
    await sendReminders(ctx.deps, noonToday);
    const reminders = (await queuedMails(ctx)).slice(remindedBefore).filter((m) => m.subject.startsWith('Erinnerung'));
    expect(reminders.map((m) => m.to)).toEqual(['fritz@example.org']);

    const cancelledBefore = (await queuedMails(ctx)).length;
    const refused = await office.submit(`${page}/absagen`, {}, page);
    expect(refused.statusCode).toBe(422);
    expect((await office.submit(`${page}/absagen`, { confirm: '1' }, page)).statusCode).toBe(303);
    const cancelMails = (await queuedMails(ctx)).slice(cancelledBefore).filter((m) => m.subject.startsWith('Abgesagt'));
    expect(cancelMails.map((m) => m.to).sort()).toEqual(['dora@example.org', 'emil@example.org']);
  });
});

describe('calendar files, feeds and the event page', () => {
  it('writes iCal that another library reads with the Berlin time, a feed per network, RSS and JSON-LD', async () => {
    // A date in summer and one in winter: both must come out at 18:00 German time.
    const office = await signedInClient(ctx, world.office);
    const created = await office.submit(`${base()}/neu`, form({ title: 'Kalendertest', capacity: '' }), `${base()}/neu`);
    const id = await eventIdFrom(created.headers.location as string);
    const one = await new Client(ctx.app).get(`${base()}/${id}.ics`);
    expect(one.headers['content-type']).toContain('text/calendar');
    expect(one.body).toContain('TZID=Europe/Berlin');
    const parsed = Object.values(ical.sync.parseICS(one.body)).find((c) => c?.type === 'VEVENT') as ical.VEvent;
    const [row] = await ctx.deps.db.select().from(events).where(eq(events.id, id));
    expect(new Date(parsed.start).getTime()).toBe(row!.startsAt.getTime());
    expect(instantToBerlin(new Date(parsed.start)).slice(11)).toBe('18:00');
    expect(parsed.summary).toBe('Kalendertest');

    const feed = await new Client(ctx.app).get(`${base()}.ics`);
    const entries = Object.values(ical.sync.parseICS(feed.body)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
    expect(entries.some((e) => e.summary === 'Kalendertest')).toBe(true);
    const list = await new Client(ctx.app).get(base());
    expect(list.body).toContain('webcal://');
    const rss = await new Client(ctx.app).get(`${base()}.rss`);
    expect(rss.headers['content-type']).toContain('rss');
    expect(rss.body).toContain('Kalendertest');
    const page = await new Client(ctx.app).get(`${base()}/${id}`);
    expect(page.body).toContain('"@type":"Event"');
    const month = await new Client(ctx.app).get(`${base()}?ansicht=monat&monat=${localInDays(ctx, 10, '00:00').slice(0, 7)}`);
    expect(month.body).toContain('Kalendertest');
    expect((await new Client(ctx.app).get('/veranstaltungen?format=online')).body).not.toContain('Kalendertest');
  });

  it('keeps the online link from visitors and the feed, and gives it to people with a seat', async () => {
    const event = await createEvent(ctx, { networkId: world.gems.id, mode: 'online', onlineUrl: 'https://meet.example.org/geheim', place: '', title: 'Online-Schulung' });
    const visitorPage = await new Client(ctx.app).get(`${base()}/${event.id}`);
    expect(visitorPage.body).not.toContain('meet.example.org');
    expect((await new Client(ctx.app).get(`${base()}.ics`)).body).not.toContain('meet.example.org');
    const volunteer = await signedInClient(ctx, world.volunteer);
    await volunteer.submit(`${base()}/${event.id}/anmelden`, {}, `${base()}/${event.id}`);
    expect((await volunteer.get(`${base()}/${event.id}`)).body).toContain('https://meet.example.org/geheim');
  });
});

describe('attendance and certificates', () => {
  it('records attendance, counts no-shows, and issues a certificate whose code verifies while an altered one does not', async () => {
    const starts = new Date(ctx.clock.now.getTime() - 3 * DAY);
    const event = await createEvent(ctx, { networkId: world.gems.id, kind: 'training', title: 'Schulung Vereinsrecht', startsAt: starts, endsAt: new Date(starts.getTime() + 4 * 3_600_000) });
    const [present, absent] = await ctx.deps.db
      .insert(eventRegistrations)
      .values([
        { eventId: event.id, name: 'Gabi Gut', email: 'gabi@example.org', status: 'confirmed', position: 1, tokenHash: 'd'.repeat(64), userId: world.volunteer.id },
        { eventId: event.id, name: 'Hans Fehlt', email: 'hans@example.org', status: 'confirmed', position: 2, tokenHash: 'e'.repeat(64) },
      ])
      .returning();
    const office = await signedInClient(ctx, world.office);
    const page = `${base()}/${event.id}`;
    const sheet = await office.get(`${page}/anwesenheit`);
    expect(sheet.body).toContain('Gabi Gut');
    const saved = await office.submit(`${page}/anwesenheit`, { present: [present!.id] }, `${page}/anwesenheit`);
    expect(saved.statusCode).toBe(303);
    const summary = await office.get(`${page}/anwesenheit`);
    expect(summary.body).toContain('1 anwesend, 1 nicht erschienen');

    const pdf = await office.get(`${page}/teilnahme/${present!.id}/bescheinigung.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await office.get(`${page}/teilnahme/${absent!.id}/bescheinigung.pdf`)).statusCode).toBe(404);
    // The person may fetch their own; another volunteer may not.
    const volunteer = await signedInClient(ctx, world.volunteer);
    expect((await volunteer.get(`${page}/teilnahme/${present!.id}/bescheinigung.pdf`)).statusCode).toBe(200);

    const code = await eventCertificateCode(ctx.deps.db, ctx.deps.config.cookieSecret!, (await findEvent(ctx.deps.db, event.id))!, present!, ctx.clock.now);
    const valid = await new Client(ctx.app).get(`/veranstaltungen/nachweis?code=${code}`);
    expect(valid.statusCode).toBe(200);
    expect(valid.body).toContain('Die Bescheinigung ist echt.');
    expect(valid.body).toContain('Gabi Gut');
    const last = code.at(-1) === 'A' ? 'B' : 'A';
    const altered = await new Client(ctx.app).get(`/veranstaltungen/nachweis?code=${code.slice(0, -1)}${last}`);
    expect(altered.statusCode).toBe(404);
    expect(altered.body).toContain('Dieser Code ist nicht gültig.');
    expect(altered.body).not.toContain('Gabi Gut');
    // The content of another registration under this signature.
    const [payload, keyId, signature] = code.split('.') as [string, string, string];
    const otherPayload = Buffer.from(Buffer.from(payload, 'base64url').toString('utf8').replace(present!.id, absent!.id)).toString('base64url');
    const otherId = await new Client(ctx.app).get(`/veranstaltungen/nachweis?code=${otherPayload}.${keyId}.${signature}`);
    expect(otherId.statusCode).toBe(404);

    // The platform's one verification page for cards and certificates (/pruefen) checks it too.
    const checked = await new Client(ctx.app).get(`/pruefen?code=${code}`);
    expect(checked.statusCode).toBe(200);
    expect(checked.body).toContain('Diese Teilnahmebescheinigung ist echt.');
    expect(checked.body).toContain('Gabi Gut');
    expect(checked.body).toContain('Schulung Vereinsrecht');
    const forged = await new Client(ctx.app).get(`/pruefen?code=${code.slice(0, -1)}${last}`);
    expect(forged.statusCode).toBe(422);
    expect(forged.body).toContain('Der Code wurde verändert oder ist gefälscht.');
    expect(forged.body).not.toContain('Gabi Gut');
    const swapped = await new Client(ctx.app).get(`/pruefen?code=${otherPayload}.${keyId}.${signature}`);
    expect(swapped.statusCode).toBe(422);
    expect(swapped.body).toContain('Der Code wurde verändert oder ist gefälscht.');
  });

  it('signs the certificate’s content: the published public keys alone verify it, and a corrected attendance withdraws it online', async () => {
    const starts = new Date(ctx.clock.now.getTime() - 5 * DAY);
    const event = await createEvent(ctx, { networkId: world.gems.id, kind: 'workshop', title: 'Workshop Fördermittel', startsAt: starts, endsAt: new Date(starts.getTime() + 3 * 3_600_000) });
    const [present] = await ctx.deps.db
      .insert(eventRegistrations)
      .values({ eventId: event.id, name: 'Olga Offline', email: 'olga@example.org', status: 'confirmed', position: 1, attended: true, tokenHash: '1'.repeat(64) })
      .returning();
    const detail = (await findEvent(ctx.deps.db, event.id))!;
    const code = await eventCertificateCode(ctx.deps.db, ctx.deps.config.cookieSecret!, detail, present!, ctx.clock.now);

    // What an offline checker has: the key list from /.well-known, nothing from the database or the secret.
    const published = JSON.parse((await new Client(ctx.app).get('/.well-known/mitmachnetz-keys.json')).body) as { keys: Array<{ id: string; publicKey: string; retired: boolean }> };
    expect(verifyCode(code, published.keys)).toEqual({
      ok: true,
      keyId: code.split('.')[1],
      payload: {
        t: 'event-certificate',
        no: present!.id,
        n: 'Olga Offline',
        e: 'Workshop Fördermittel',
        p: `${detail.startsAt.toISOString()}–${detail.endsAt.toISOString()}`,
        o: detail.organiserName ?? detail.networkName,
      },
    });
    // The same with node:crypto alone, as a script of an employer would do it.
    const [payload, keyId, signature] = code.split('.') as [string, string, string];
    const key = published.keys.find((k) => k.id === keyId)!;
    const publicKey = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey }, format: 'jwk' });
    expect(crypto.verify(null, Buffer.from(`${payload}.${keyId}`), publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
    expect(verifyCode(code, [])).toEqual({ ok: false, code: 'unknown_key' });
    expect(await publicKeys(ctx.deps.db)).toEqual(published.keys);

    // The office corrects the attendance: the paper no longer counts where the registration can be asked.
    await ctx.deps.db.update(eventRegistrations).set({ attended: false }).where(eq(eventRegistrations.id, present!.id));
    const withdrawn = await new Client(ctx.app).get(`/pruefen?code=${code}`);
    expect(withdrawn.statusCode).toBe(422);
    expect(withdrawn.body).toContain('Diese Teilnahmebescheinigung gilt nicht mehr');
    expect((await new Client(ctx.app).get(`/veranstaltungen/nachweis?code=${code}`)).statusCode).toBe(404);
    const english = await new Client(ctx.app).get(`/pruefen?code=${code}`, { 'accept-language': 'en' });
    expect(english.body).toContain('This certificate of participation is no longer valid');

    // Anonymised after the retention period, the registration no longer names anyone; the paper still does.
    await ctx.deps.db.update(eventRegistrations).set({ attended: true, name: '' }).where(eq(eventRegistrations.id, present!.id));
    const kept = await new Client(ctx.app).get(`/pruefen?code=${code}`, { 'accept-language': 'en' });
    expect(kept.statusCode).toBe(200);
    expect(kept.body).toContain('This certificate of participation is genuine.');
    expect(kept.body).toContain('Olga Offline');
  });

  it('still verifies the HMAC codes printed before certificates were signed (legacy), and no altered one', async () => {
    const starts = new Date(ctx.clock.now.getTime() - 4 * DAY);
    const event = await createEvent(ctx, { networkId: world.gems.id, kind: 'training', title: 'Schulung Datenschutz', startsAt: starts, endsAt: new Date(starts.getTime() + 2 * 3_600_000) });
    const [present, absent] = await ctx.deps.db
      .insert(eventRegistrations)
      .values([
        { eventId: event.id, name: 'Lena Langzeit', email: 'lena@example.org', status: 'confirmed', position: 1, attended: true, tokenHash: '2'.repeat(64) },
        { eventId: event.id, name: 'Max Fehlt', email: 'max@example.org', status: 'confirmed', position: 2, attended: false, tokenHash: '3'.repeat(64) },
      ])
      .returning();
    const code = legacyCode(ctx.deps.config.cookieSecret!, present!.id);
    const valid = await new Client(ctx.app).get(`/veranstaltungen/nachweis?code=${code}`);
    expect(valid.statusCode).toBe(200);
    expect(valid.body).toContain('Die Bescheinigung ist echt.');
    expect(valid.body).toContain('Lena Langzeit');
    const last = code.at(-1) === 'A' ? 'B' : 'A';
    const altered = await new Client(ctx.app).get(`/veranstaltungen/nachweis?code=${code.slice(0, -1)}${last}`);
    expect(altered.statusCode).toBe(404);
    expect(altered.body).toContain('Dieser Code ist nicht gültig.');
    expect(altered.body).not.toContain('Lena Langzeit');
    const otherId = await new Client(ctx.app).get(`/veranstaltungen/nachweis?code=${absent!.id.replace(/-/g, '')}${code.slice(32)}`);
    expect(otherId.statusCode).toBe(404);

    const checked = await new Client(ctx.app).get(`/pruefen?code=${code}`);
    expect(checked.statusCode).toBe(200);
    expect(checked.body).toContain('Diese Teilnahmebescheinigung ist echt.');
    expect(checked.body).toContain('Lena Langzeit');
    const forged = await new Client(ctx.app).get(`/pruefen?code=${code.slice(0, -1)}${last}`);
    expect(forged.statusCode).toBe(422);
    expect(forged.body).toContain('Zu diesem Code gibt es keine Teilnahmebescheinigung');
    expect(forged.body).not.toContain('Lena Langzeit');
  });
});

/** A code as certificates were printed before they were signed: the old algorithm, written out independently. */
function legacyCode(secret: string, registrationId: string): string {
  const id = registrationId.replace(/-/g, '');
  const key = Buffer.from(crypto.hkdfSync('sha256', secret, 'mitmachnetz', 'event-certificate-v1', 32));
  return `${id}-${crypto.createHmac('sha256', key).update(id).digest('base64url').slice(0, 22)}`;
}

describe('documentation flows into the knowledge base', () => {
  it('turns the minutes of a past meeting into a knowledge entry, linked both ways and found by full-text search', async () => {
    const starts = new Date(ctx.clock.now.getTime() - 2 * DAY);
    const event = await createEvent(ctx, { networkId: world.gems.id, title: 'Netzwerktreffen Sommer', startsAt: starts, endsAt: new Date(starts.getTime() + 3_600_000) });
    const page = `${base()}/${event.id}`;
    const member = await signedInClient(ctx, world.member);
    expect((await member.get(`${page}/dokumentation`)).statusCode).toBe(403);
    const office = await signedInClient(ctx, world.office);
    const empty = await office.submit(`${page}/dokumentation`, { minutes: '', results: '' }, `${page}/dokumentation`);
    expect(empty.statusCode).toBe(422);
    const saved = await office.submit(`${page}/dokumentation`, {
      minutes: '## Protokoll\n\nBesprochen wurde die Streuobstwiesenpflege in Löbnitz.',
      results: 'Arbeitsgruppe gegründet.',
      visibility: 'public',
    });
    expect(saved.statusCode).toBe(303);
    const entryUrl = saved.headers.location as string;
    const entry = await new Client(ctx.app).get(entryUrl);
    expect(entry.body).toContain('Streuobstwiesenpflege');
    expect(entry.body).toContain(`/veranstaltungen/${event.id}`);
    const eventPage = await new Client(ctx.app).get(page);
    expect(eventPage.body).toContain(entryUrl.split('?')[0]);
    const search = await new Client(ctx.app).get(`/netzwerk/${world.gems.slug}/wissen?q=Streuobstwiesenpflege`);
    expect(search.body).toContain('Dokumentation: Netzwerktreffen Sommer');
  });
});
