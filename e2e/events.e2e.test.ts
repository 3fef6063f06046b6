import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import ical from 'node-ical';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  checkBothWidths,
  confirmedAccount,
  DESKTOP,
  launchBrowser,
  linkInMail,
  logIn,
  newPerson,
  PHONE,
  readMails,
  startServer,
  waitForNewestMail,
  withDatabase,
  type RunningServer,
} from './harness.ts';
import '../src/modules/index.ts';
import { eventCertificateCode } from '../src/modules/events/certificate.ts';
import { findEvent } from '../src/modules/events/queries.ts';
import { eventRegistrations, events } from '../src/modules/events/schema.ts';
import { instantToBerlin } from '../src/platform/berlin-time.ts';
import { seedDemoNetworks } from '../src/modules/networks/demo.ts';
import { networks } from '../src/modules/networks/schema.ts';
import { memberships } from '../src/modules/roles/schema.ts';

/*
 * The events story in a real browser against the real server: the GEMS office creates a network meeting
 * with 10 seats; 11 people register (address confirmed by link); the 11th is waitlisted; one cancels by
 * the personal link and the 11th moves up and gets a mail; the iCal file parses with node-ical at the
 * Berlin time typed in; attendance is taken. The server cannot be moved in time, so it is stopped, the
 * meeting moved into the past, and started again: the minutes are written and found by the knowledge
 * base's full-text search. A certificate code verifies, an altered one does not. axe checks every page
 * at phone and desktop width; screenshots of the main pages go to docs/screenshots/.
 */

const PASSWORD = 'Streuobstwiese-im-Herbst-27';
const OFFICE = 'koordination@gems-e2e.example';
const SECRET = 'e2e-cookie-secret-that-is-long-enough-0123456789';
const SHOTS = path.resolve(import.meta.dirname, '../docs/screenshots');
const TITLE = 'Netzwerktreffen Herbst: Engagement sichtbar machen';

let dataDir: string;
let server: RunningServer | undefined;
let browser: Browser;
let certificate = '';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-e2e-events-'));
  await withDatabase(dataDir, async (database) => {
    await database.migrate();
    const db = database.db;
    if (!(await seedDemoNetworks(db, { content: true }))) throw new Error('demo not seeded');
    const officeId = await confirmedAccount(db, 'Koordination GEMS', OFFICE, PASSWORD);
    const [gems] = await db.select().from(networks).where(eq(networks.slug, 'gems'));
    await db.insert(memberships).values({ networkId: gems!.id, userId: officeId, role: 'network_office' });
    // The demo's past training: someone marked present gets a certificate.
    const [training] = await db.select().from(events).where(eq(events.title, 'Schulung: Vereinsrecht kompakt'));
    const [present] = await db.select().from(eventRegistrations).where(and(eq(eventRegistrations.eventId, training!.id), eq(eventRegistrations.attended, true)));
    certificate = await eventCertificateCode(db, SECRET, (await findEvent(db, training!.id))!, present!, new Date());
  });
  server = await startServer({ DATA_DIR: dataDir, COOKIE_SECRET: SECRET });
  browser = await launchBrowser();
  fs.mkdirSync(SHOTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** One person's window at desktop width; a step may wait 15 s. */
const newPage = (): Promise<Page> => newPerson(browser, server!.url, { viewport: DESKTOP }, 15_000);

const checked = new Set<string>();
/** axe at phone and desktop width, once per kind of page; with `shot`, screenshots at both widths too. */
async function check(page: Page, kind: string, shot?: string) {
  if (checked.has(kind)) return;
  checked.add(kind);
  await checkBothWidths(page, shot ? { screenshot: path.join(SHOTS, shot) } : {});
}

async function logInAsOffice(page: Page) {
  await page.goto('/anmelden');
  await logIn(page, OFFICE, PASSWORD);
}

/** A datetime-local value `days` ahead at `time`, German time. */
function local(days: number, time: string): string {
  return `${instantToBerlin(new Date(Date.now() + days * 86_400_000)).slice(0, 10)}T${time}`;
}

test('a network meeting: 10 seats, 11 registrations, a cancellation moves the 11th up, iCal, attendance, minutes in the knowledge base, certificates', async () => {
  const office = await newPage();
  await logInAsOffice(office);

  // ——— The office creates the meeting. ———
  await office.goto('/netzwerk/gems/veranstaltungen/neu');
  await check(office, 'form', 'events-form');
  await office.getByLabel('Art', { exact: true }).selectOption({ label: 'Netzwerktreffen' });
  await office.getByLabel('Titel', { exact: true }).fill(TITLE);
  await office.getByLabel('Beschreibung', { exact: true }).fill('Wie zeigen wir, was Engagierte im Delitzscher Land leisten?');
  const start = local(14, '18:00');
  await office.getByLabel('Beginn', { exact: true }).fill(start);
  await office.getByLabel('Ende', { exact: true }).fill(local(14, '20:30'));
  await office.getByLabel('Ort (Adresse, Raum)', { exact: true }).fill('Rathaus Delitzsch, Ratssaal, Markt 3, 04509 Delitzsch');
  await office.getByLabel('Kommune', { exact: true }).selectOption({ label: 'Delitzsch' });
  await office.getByLabel('Barrierefreiheit', { exact: true }).fill('Stufenloser Zugang, Aufzug.');
  await office.getByLabel('Plätze', { exact: true }).fill('10');
  await office.getByLabel('QR-Code zum Einchecken in der Anmeldebestätigung', { exact: true }).check();
  await office.getByRole('button', { name: 'Speichern' }).click();
  await office.waitForURL(/\/netzwerk\/gems\/veranstaltungen\/[0-9a-f-]{36}\?gespeichert=1/);
  const eventPath = new URL(office.url()).pathname;
  expect((await office.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(TITLE);
  // The venue's postcode is shared with Delitzsch: the meeting is on the map at the town, numbered 1.
  expect(await office.locator('#karte ~ ol li[value="1"] strong').textContent()).toBe('Delitzsch');
  await check(office, 'event-office');

  // ——— Eleven people register without an account, each confirming by the link in the mail. ———
  const people = Array.from({ length: 11 }, (_, i) => ({ name: `Person ${i + 1} Muster`, email: `person${i + 1}.${Date.now()}@beispiel.de` }));
  const links: string[] = [];
  for (const [i, person] of people.entries()) {
    const page = await newPage();
    await page.goto(eventPath);
    if (i === 0) await check(page, 'event-public', 'events-page');
    await page.getByLabel('Name', { exact: true }).fill(person.name);
    await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(person.email);
    await page.locator('main form[action$="/anmelden"] button[type=submit]').click();
    await page.waitForURL(/bestaetigen=1/);
    const mail = await waitForNewestMail(server!.dataDir, (m) => m.to.includes(person.email) && m.subject.startsWith('Bitte bestätigen'));
    const link = linkInMail(mail, '/veranstaltungen/anmeldung/');
    links.push(link);
    await page.goto(link);
    if (i === 0) await check(page, 'personal-link', 'events-personal-link');
    await page.getByRole('button', { name: 'Anmeldung bestätigen' }).click();
    await page.waitForURL(/bestaetigt=1/);
    await page.context().close();
  }
  const eleventh = people[10]!;
  const waitlisted = await waitForNewestMail(server!.dataDir, (m) => m.to.includes(eleventh.email) && m.subject.startsWith('Warteliste'));
  expect(waitlisted.text).toContain(TITLE);
  const seated = [];
  for (const person of people.slice(0, 10)) {
    seated.push(await waitForNewestMail(server!.dataDir, (m) => m.to.includes(person.email) && m.subject.startsWith('Angemeldet')));
  }
  // The seat's mail carries the check-in QR code (an inline image) and its link as text.
  const source = fs.readFileSync(path.join(server!.dataDir, 'mail', seated[0]!.file), 'utf8').replace(/=\r?\n/g, '');
  expect(source).toMatch(/Content-ID: <einchecken@mitmachnetz>/i);
  expect(source).toMatch(/src=(3D)?"cid:einchecken@mitmachnetz"/);
  const checkinLink = linkInMail(seated[0]!, '/veranstaltungen/einchecken/');
  // A visitor without the right learns nothing from the link: the sign-in page.
  const stranger = await newPage();
  await stranger.goto(checkinLink);
  expect(new URL(stranger.url()).pathname).toBe('/anmelden');
  expect(await stranger.locator('main').textContent()).not.toContain(people[0]!.name);
  await stranger.context().close();

  // ——— Person 3 cancels by the personal link; the 11th moves up and is told. ———
  const third = await newPage();
  await third.goto(links[2]!);
  await third.getByRole('button', { name: 'Abmelden' }).click();
  await third.waitForURL(/abgemeldet=1/);
  expect(await third.locator('main').textContent()).toContain('abgemeldet');
  const promoted = await waitForNewestMail(server!.dataDir, (m) => m.to.includes(eleventh.email) && m.subject.startsWith('Ein Platz ist frei geworden'));
  expect(promoted.text).toContain(TITLE);

  // ——— The calendar file, read by a library that did not write it. ———
  const icsText = await (await fetch(`${server!.url}${eventPath}.ics`)).text();
  const entry = Object.values(ical.sync.parseICS(icsText)).find((c) => c?.type === 'VEVENT') as ical.VEvent;
  expect(entry.summary).toBe(TITLE);
  expect(instantToBerlin(new Date(entry.start))).toBe(start);
  const feed = await (await fetch(`${server!.url}/netzwerk/gems/veranstaltungen.ics`)).text();
  expect(Object.values(ical.sync.parseICS(feed)).some((c) => c?.type === 'VEVENT' && (c as ical.VEvent).summary === TITLE)).toBe(true);

  // ——— The registrations list and attendance on a phone. ———
  await office.goto(`${eventPath}/anmeldungen`);
  await check(office, 'registrations', 'events-registrations');
  expect(await office.locator('main').textContent()).toContain(eleventh.name);
  // At the door: the organiser scans Person 1's code with the phone and confirms, without JavaScript needed.
  await office.setViewportSize(PHONE);
  await office.goto(checkinLink);
  expect(await office.locator('main').textContent()).toContain(people[0]!.name);
  await check(office, 'checkin', 'events-checkin');
  await office.setViewportSize(PHONE);
  await office.getByRole('button', { name: 'Anwesenheit bestätigen' }).click();
  await office.waitForURL(/bestaetigt=1/);
  expect(await office.locator('main').textContent()).toContain('Die Anwesenheit ist bestätigt.');
  expect(await office.getByRole('button', { name: 'Anwesenheit bestätigen' }).count()).toBe(0);
  await office.goto(`${eventPath}/anwesenheit`);
  expect(await office.getByLabel(people[0]!.name).isChecked()).toBe(true);
  await check(office, 'attendance', 'events-attendance');
  await office.setViewportSize(PHONE);
  for (const person of [people[1]!, eleventh]) await office.getByLabel(person.name).check();
  await office.getByRole('button', { name: 'Anwesenheit speichern' }).click();
  await office.waitForURL(/gespeichert=1/);
  expect(await office.locator('main').textContent()).toContain('3 anwesend, 7 nicht erschienen');
  await office.setViewportSize(DESKTOP);

  // ——— The lists: month view and the network's calendar. ———
  await office.goto(`/netzwerk/gems/veranstaltungen?ansicht=monat&monat=${start.slice(0, 7)}`);
  await check(office, 'month', 'events-month');
  expect(await office.locator('main').textContent()).toContain(TITLE);
  const visitor = await newPage();
  await visitor.goto('/netzwerk/gems/veranstaltungen');
  await check(visitor, 'list', 'events-list');
  expect(await visitor.locator('main').textContent()).toContain(TITLE);
  // The map of on-site events: drawn on the server, its numbered places carry the links.
  const map = visitor.locator('section[aria-labelledby="karte"]');
  expect(await map.getByRole('img').count()).toBe(1);
  expect(await map.getByRole('link', { name: TITLE }).count()).toBe(1);
  await map.screenshot({ path: path.join(SHOTS, 'events-map.png') });

  // ——— After the meeting: the server is stopped, the meeting moved into the past, the server started again. ———
  await server!.stop();
  await withDatabase(dataDir, async (database) => {
    const id = eventPath.split('/').at(-1)!;
    const ago = Date.now() - 2 * 86_400_000;
    await database.db.update(events).set({ startsAt: new Date(ago), endsAt: new Date(ago + 2.5 * 3_600_000) }).where(eq(events.id, id));
  });
  server = await startServer({ DATA_DIR: dataDir, COOKIE_SECRET: SECRET });
  const organiser = await newPage();
  await logInAsOffice(organiser);
  await organiser.goto(`${eventPath}/dokumentation`);
  await check(organiser, 'documentation');
  await organiser.getByLabel('Protokoll', { exact: true }).fill('## Protokoll\n\nDie Kommunen stellten ihre Engagementlandkarten vor; der Kreissportbund bot Schulungen zur Vereinsführung an.');
  await organiser.getByLabel('Ergebnisse', { exact: true }).fill('Eine Arbeitsgruppe Engagementlandkarte wird gegründet.');
  await organiser.getByRole('button', { name: 'Dokumentation speichern' }).click();
  await organiser.waitForURL(/\/netzwerk\/gems\/wissen\/[0-9a-f-]{36}/);
  await check(organiser, 'knowledge-entry', 'knowledge-entry');
  expect(await organiser.locator('main').textContent()).toContain('Engagementlandkarten');

  const reader = await newPage();
  await reader.goto('/netzwerk/gems/wissen?q=Engagementlandkarten');
  await check(reader, 'knowledge-search', 'knowledge-search');
  expect(await reader.locator('main').textContent()).toContain(`Dokumentation: ${TITLE}`);
  await reader.goto(eventPath);
  expect(await reader.locator('main').textContent()).toContain(`Dokumentation: ${TITLE}`);
  await reader.goto('/suche?q=Engagementlandkarten');
  await check(reader, 'site-search', 'site-search');
  expect(await reader.locator('main').textContent()).toContain(`Dokumentation: ${TITLE}`);

  // ——— A certificate's code verifies; an altered one does not. ———
  await reader.goto('/veranstaltungen/nachweis');
  await reader.getByLabel('Prüfcode', { exact: true }).fill(certificate);
  await reader.getByRole('button', { name: 'Prüfen' }).click();
  expect(await reader.locator('main').textContent()).toContain('Die Bescheinigung ist echt.');
  await check(reader, 'verify-valid', 'events-certificate-valid');
  const altered = `${certificate.slice(0, -1)}${certificate.endsWith('A') ? 'B' : 'A'}`;
  await reader.goto(`/veranstaltungen/nachweis?code=${altered}`);
  expect(await reader.locator('main').textContent()).toContain('Dieser Code ist nicht gültig.');
  await check(reader, 'verify-invalid');
  expect(readMails(server!.dataDir).length).toBeGreaterThan(20);
}, 900_000);
