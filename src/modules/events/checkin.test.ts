import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { PNG } from 'pngjs';
import { Client, ENGINE, signedInClient, smtpInbox, type ReceivedMail, type SmtpInbox, type TestContext } from '../../../test/helpers.ts';
import { eventRegistrations, events } from './schema.ts';
import { gemsEvents, localInDays, startEventWorld, type EventWorld } from './testing.ts';

/*
 * Check-in by QR code (issue 14, point 3): the organiser switches it on per event; the mail that gives a
 * seat carries the code as an inline image and the link as text; the link shows the registration only to
 * the organiser and the office, marks attendance once, and dies with the registration's cancellation.
 * Mails go through a real SMTP server in this process.
 */

let ctx: TestContext;
let world: EventWorld;
let inbox: SmtpInbox;
/** jsqr is CommonJS with its function on `default`. */
const readQr = (createRequire(import.meta.url)('jsqr') as { default: (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null }).default;

beforeAll(async () => {
  inbox = await smtpInbox();
  ({ ctx, world } = await startEventWorld({ workers: true, env: { SMTP_URL: inbox.url } }));
});
afterAll(async () => {
  await ctx?.close();
  await inbox?.close();
});

/** The first mail to `address` whose subject starts with `subject`. */
async function mailTo(address: string, subject: string): Promise<ReceivedMail> {
  const [mail] = await inbox.waitFor(address, 1, { timeoutMs: 20_000, where: (m) => (m.subject ?? '').startsWith(subject) });
  return mail!;
}

const base = () => gemsEvents(world);

async function createMeeting(office: Client, title: string, checkinQr: boolean): Promise<string> {
  const response = await office.submit(
    `${base()}/neu`,
    {
      organiser: 'office',
      kind: 'network_meeting',
      title,
      description: '',
      startsAt: localInDays(ctx, 8, '18:00'),
      endsAt: localInDays(ctx, 8, '20:00'),
      mode: 'onsite',
      place: 'Rathaus, Markt 3, 04509 Krostitz',
      accessibility: '',
      municipalityId: world.krostitz.id,
      onlineUrl: '',
      audience: '',
      capacity: '1',
      registrationEnabled: '1',
      questions: 'Essen: vegetarisch | egal',
      costs: '',
      repeatCount: '0',
      repeatWeeks: '1',
      ...(checkinQr ? { checkinQr: '1' } : {}),
    },
    `${base()}/neu`,
  );
  expect(response.statusCode).toBe(303);
  return response.headers.location!.match(/veranstaltungen\/([0-9a-f-]{36})/)![1]!;
}

function decodeQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return readQr(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

describe(`check-in by QR code (${ENGINE})`, () => {
  it('mails the code with the seat, shows the registration only to the organiser, marks once and dies with the cancellation', async () => {
    const office = await signedInClient(ctx, world.office);
    const id = await createMeeting(office, 'Treffen mit Einchecken', true);
    const [stored] = await ctx.deps.db.select().from(events).where(eq(events.id, id));
    expect(stored?.checkinQr).toBe(true);
    expect((await office.get(`${base()}/${id}/bearbeiten`)).body).toMatch(/name="checkinQr" value="1" checked/);

    // Erika has an account with a confirmed address: a seat at once, and the mail carries the code.
    const erika = await signedInClient(ctx, world.volunteer);
    expect((await erika.submit(`${base()}/${id}/anmelden`, { answer_q1: 'vegetarisch' }, `${base()}/${id}`)).statusCode).toBe(303);
    const mail = await mailTo(world.volunteer.email, 'Angemeldet');
    const url = mail.text?.match(/https?:\/\/\S+\/veranstaltungen\/einchecken\/[0-9a-f-]{36}\/[A-Za-z0-9_-]{43}/)?.[0];
    expect(url).toBeDefined();
    const image = mail.attachments.find((a) => a.contentType === 'image/png');
    expect(image?.cid).toBe('einchecken@mitmachnetz');
    expect(image?.contentDisposition).toBe('inline');
    expect(mail.html).toContain('src="cid:einchecken@mitmachnetz"');
    expect(mail.html).toContain('alt="QR-Code zum Einchecken"');
    expect(decodeQr(image!.content)).toBe(url);
    const path = new URL(url!).pathname;

    // Karl is waitlisted (one seat): no code for a waiting place.
    const karl = await signedInClient(ctx, world.member);
    await karl.submit(`${base()}/${id}/anmelden`, {}, `${base()}/${id}`);
    const waiting = await mailTo(world.member.email, 'Warteliste');
    expect(waiting.attachments).toHaveLength(0);
    expect(waiting.text).not.toContain('/einchecken/');

    // Nobody else learns a name: a visitor is sent to sign in, another organisation's member gets 403.
    const visitor = await new Client(ctx.app).get(path);
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toContain('/anmelden?weiter=');
    const stranger = await (await signedInClient(ctx, world.otherMember)).get(path);
    expect(stranger.statusCode).toBe(403);
    expect(stranger.body).not.toContain(world.volunteer.name);
    const otherOffice = await (await signedInClient(ctx, world.otherOffice)).get(path);
    expect(otherOffice.statusCode).toBe(403);
    const strangerPost = await (await signedInClient(ctx, world.otherMember)).submit(path, {}, `${base()}/${id}`);
    expect(strangerPost.statusCode).toBe(403);
    // A link this platform did not make: 404 before anything is read.
    const altered = path.slice(0, -1) + (path.endsWith('A') ? 'B' : 'A');
    expect((await office.get(altered)).statusCode).toBe(404);
    expect((await office.get(path.replace(/\/[^/]+$/, '/kurz'))).statusCode).toBe(404);

    // The organiser sees name, registration and answers, and one button.
    const page = await office.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Erika Engagiert');
    expect(page.body).toContain('angemeldet (Platz sicher)');
    expect(page.body).toContain('Essen: vegetarisch');
    expect(page.body).toContain('Anwesenheit bestätigen');
    expect(page.body).toMatch(/<form method="post" action="\/veranstaltungen\/einchecken\/[^"]+"><input type="hidden" name="_csrf"/);
    // Without the CSRF token nothing is marked.
    const forged = await office.request({ method: 'POST', url: path, payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(forged.statusCode).toBe(403);
    const registrationOf = async () =>
      (await ctx.deps.db.select().from(eventRegistrations).where(eq(eventRegistrations.email, world.volunteer.email))).find((r) => r.eventId === id)!;
    expect((await registrationOf()).attended).toBeNull();

    const marked = await office.submit(path, {}, path);
    expect(marked.statusCode).toBe(303);
    expect(marked.headers.location).toBe(`${path}?bestaetigt=1`);
    const first = await registrationOf();
    expect(first.attended).toBe(true);
    expect(first.checkedInAt).not.toBeNull();
    const after = await office.get(`${path}?bestaetigt=1`);
    expect(after.body).toContain('Die Anwesenheit ist bestätigt.');
    expect(after.body).toContain('bereits am');
    expect(after.body).not.toContain('>Anwesenheit bestätigen<');
    // Single use: a second scan changes nothing.
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 60_000);
    const again = await office.submit(path, {}, path);
    expect(again.headers.location).toBe(path);
    expect((await registrationOf()).checkedInAt?.getTime()).toBe(first.checkedInAt?.getTime());
    const attendance = await office.get(`${base()}/${id}/anwesenheit`);
    expect(attendance.body).toMatch(/1 anwesend/);

    // Erika cancels: her link dies (Karl moves up and gets his own code).
    expect((await erika.submit(`${base()}/${id}/abmelden`, {}, `${base()}/${id}`)).statusCode).toBe(303);
    const dead = await office.get(path);
    expect(dead.statusCode).toBe(404);
    expect(dead.body).toContain('Dieser Check-in-Link gilt nicht');
    expect(dead.body).not.toContain('Erika');
    const promoted = await mailTo(world.member.email, 'Ein Platz ist frei geworden');
    expect(promoted.attachments.find((a) => a.cid === 'einchecken@mitmachnetz')).toBeDefined();
    expect(promoted.text).toContain('/veranstaltungen/einchecken/');
  });

  it('is off unless the organiser switches it on; switching it off stops the links', async () => {
    const office = await signedInClient(ctx, world.office);
    const id = await createMeeting(office, 'Treffen ohne Einchecken', false);
    const erika = await signedInClient(ctx, world.volunteer);
    await erika.submit(`${base()}/${id}/anmelden`, { answer_q1: 'egal' }, `${base()}/${id}`);
    const mail = await mailTo(world.volunteer.email, 'Angemeldet: Treffen ohne Einchecken');
    expect(mail.attachments).toHaveLength(0);
    expect(mail.html).toBeFalsy();
    expect(mail.text).not.toContain('/einchecken/');
    // Even a correctly made link does nothing while check-in by QR code is off.
    const [registration] = await ctx.deps.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, id));
    const { checkinPath } = await import('./checkin.ts');
    const response = await office.get(checkinPath(ctx.deps.config.cookieSecret!, registration!.id));
    expect(response.statusCode).toBe(404);
  });
});
