import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  arriveAt,
  checkBothWidths,
  DESKTOP,
  confirmedAccount,
  launchBrowser,
  logIn,
  newPerson,
  pathOf,
  PHONE,
  startServer,
  testPostgres,
  withDatabase,
  type RunningServer,
  type TestPostgres,
} from './harness.ts';
import { berlinDay } from '../src/platform/berlin-time.ts';
import { memberships, membershipMunicipalities } from '../src/platform/roles/schema.ts';
import { municipalities, networks } from '../src/platform/networks/schema.ts';
import { seedDemoNetworks } from '../src/modules/networks/demo.ts';
import { organisationMembers, organisations } from '../src/modules/organisations/schema.ts';
import { eventRegistrations, events } from '../src/modules/events/schema.ts';
// The module list, so that seedDemoNetworks also seeds each module's demo part (here: Saxony's card rules, acceptance points).
import '../src/modules/index.ts';

/*
 * Issue 16 in a real browser against the real server with the demo content of `npm start`: a volunteer logs
 * hours at two organisations, both confirm (one also confirms the earlier engagement directly), the volunteer
 * applies for the Sächsische Ehrenamtskarte and the municipality contact of Delitzsch approves; the QR code read
 * from the card's PDF opens the verification page and verifies, a one-bit change does not, and after
 * revocation the same code shows as revoked. The volunteer works without JavaScript. Each kind of page passes
 * axe at phone and desktop width once, and the module's pages are photographed for docs/screenshots/.
 * Each step is logged with the seconds since the start, so a slow run shows where its time went.
 */

const jsQR = (createRequire(import.meta.url)('jsqr') as { default: (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null }).default;

const PASSWORD = 'Kirschblüte-an-der-Lober-23';
const VOLUNTEER = { name: 'Helga Sommer', email: 'helga.sommer@beispiel.de' };
const CLUB_A = 'kassenwart.a@beispiel.de';
const CLUB_B = 'vorstand.b@beispiel.de';
const CONTACT = 'ehrenamt@rathaus-delitzsch.beispiel.de';
const OFFICE = 'netzwerkstelle@gems.beispiel.de';
const SHOTS = path.resolve(import.meta.dirname, '../docs/screenshots');
const ADMIN = '/netzwerk/gems/verwaltung/ehrenamtskarte';
const OFFICE_HOURS = '/netzwerk/gems/verwaltung/stunden';
const OFFICE_EVENT = 'Netzwerktreffen Herbst der Vereine';

let dataDir: string;
let postgres: TestPostgres | undefined;
let server: RunningServer;
let browser: Browser;
const clubs: Array<{ email: string; id: string; name: string }> = [];

const started = Date.now();
function step(what: string) {
  console.log(`[recognition e2e] ${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-e2e-recognition-'));
  postgres = await testPostgres();
  await withDatabase(
    dataDir,
    async (database) => {
      await database.migrate();
      step('migrated');
      const db = database.db;
      if (!(await seedDemoNetworks(db, { content: true }))) throw new Error('demo networks not seeded');
      step('demo seeded');
      const [gems] = await db.select().from(networks).where(eq(networks.slug, 'gems'));
      const [delitzsch] = await db.select().from(municipalities).where(and(eq(municipalities.networkId, gems!.id), eq(municipalities.name, 'Delitzsch')));
      const verified = await db
        .select()
        .from(organisations)
        .where(and(eq(organisations.networkId, gems!.id), eq(organisations.status, 'verified')))
        .orderBy(organisations.name)
        .limit(2);
      if (verified.length < 2) throw new Error('two verified demo organisations needed');
      const volunteerId = await confirmedAccount(db, VOLUNTEER.name, VOLUNTEER.email, PASSWORD);
      // The volunteer was present at a meeting of the network office twelve days ago (18:00 to 20:30).
      const startsAt = new Date(Date.now() - 12 * 86_400_000);
      startsAt.setUTCHours(17, 0, 0, 0);
      const [meeting] = await db
        .insert(events)
        .values({ networkId: gems!.id, kind: 'network_meeting', status: 'published', title: OFFICE_EVENT, startsAt, endsAt: new Date(startsAt.getTime() + 2.5 * 3_600_000), place: 'Rathaus Delitzsch' })
        .returning();
      await db.insert(eventRegistrations).values({ eventId: meeting!.id, userId: volunteerId, name: VOLUNTEER.name, email: VOLUNTEER.email, status: 'confirmed', tokenHash: 'a1'.repeat(32), attended: true });
      for (const [email, organisation] of [
        [CLUB_A, verified[0]!],
        [CLUB_B, verified[1]!],
      ] as const) {
        const userId = await confirmedAccount(db, email.split('@')[0]!, email, PASSWORD);
        await db.insert(organisationMembers).values({ organisationId: organisation.id, userId, role: 'admin' });
        clubs.push({ email, id: organisation.id, name: organisation.name });
      }
      const contactId = await confirmedAccount(db, 'Rathaus Delitzsch', CONTACT, PASSWORD);
      const [membership] = await db.insert(memberships).values({ networkId: gems!.id, userId: contactId, role: 'municipality_contact' }).returning();
      await db.insert(membershipMunicipalities).values({ membershipId: membership!.id, municipalityId: delitzsch!.id });
      const officeId = await confirmedAccount(db, 'Netzwerkstelle GEMS', OFFICE, PASSWORD);
      await db.insert(memberships).values({ networkId: gems!.id, userId: officeId, role: 'network_office' });
    },
    postgres?.url,
  );
  [server, browser] = await Promise.all([startServer({ DATA_DIR: dataDir, ...(postgres ? { DATABASE_URL: postgres.url } : {}) }), launchBrowser()]);
  fs.mkdirSync(SHOTS, { recursive: true });
  step('server and browser ready');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await postgres?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const withoutJavaScript = new WeakSet<Page>();

async function person(options: { javaScript?: boolean } = {}): Promise<Page> {
  const page = await newPerson(browser, server.url, { javaScriptEnabled: options.javaScript ?? true });
  if (options.javaScript === false) withoutJavaScript.add(page);
  return page;
}

/**
 * axe at phone and desktop width, and the page's screenshots at both as docs/screenshots/recognition-<shot>.
 * axe runs as a script, and a page without JavaScript never answers a script: analyze() waits for ever (this
 * is where the earlier runs stalled until the file's timeout). Such a page is checked as the same address in
 * a twin window with the same cookies, made once and reused.
 */
const twins = new WeakMap<Page, Page>();
async function check(page: Page, shot: string, options: { axe?: boolean } = {}) {
  const from = Date.now();
  const screenshot = path.join(SHOTS, `recognition-${shot}`);
  let target = page;
  if (withoutJavaScript.has(page)) {
    target = twins.get(page) ?? (await newPerson(browser, server.url, { storageState: await page.context().storageState() }));
    twins.set(page, target);
    await target.goto(pathOf(page));
  }
  if (options.axe === false) {
    await target.setViewportSize(PHONE);
    await target.screenshot({ path: `${screenshot}-phone.png`, fullPage: true });
    await target.setViewportSize(DESKTOP);
    await target.screenshot({ path: `${screenshot}.png`, fullPage: true });
  } else {
    await checkBothWidths(target, { screenshot });
  }
  step(`${options.axe === false ? 'screenshots' : 'axe and screenshots'}: ${shot} (${((Date.now() - from) / 1000).toFixed(1)} s)`);
}

/** Opens `then` through the login form, as someone who follows a link while logged out does. */
async function logInTo(page: Page, email: string, then: string) {
  step(`log in ${email}`);
  await page.goto(`/anmelden?weiter=${encodeURIComponent(then)}`);
  await logIn(page, email, PASSWORD);
  await arriveAt(page, (url) => url.pathname === then.split('?')[0]);
}

/** A day `offsetDays` from today as the server counts days: in Berlin, not in UTC. */
function day(offsetDays: number): string {
  return berlinDay(new Date(Date.now() + offsetDays * 86_400_000));
}

/**
 * The QR code of the first image on the PDF's first page, read with jsQR. unpdf's extractImages() asks pdf.js for
 * the image before its data has arrived and fails ("Requesting object that isn't resolved yet"); pdf.js's
 * callback form of objs.get() waits for it.
 */
async function readQrCode(pdfBytes: Uint8Array): Promise<{ data: string } | null> {
  const { OPS } = await getResolvedPDFJS();
  const page = await (await getDocumentProxy(pdfBytes)).getPage(1);
  const operators = await page.getOperatorList();
  const at = operators.fnArray.indexOf(OPS.paintImageXObject);
  if (at === -1) throw new Error('no image on the PDF\'s first page');
  const key = (operators.argsArray[at] as [string])[0];
  const objects = key.startsWith('g_') ? page.commonObjs : page.objs;
  const image = await new Promise<{ width: number; height: number; data: Uint8ClampedArray }>((resolve) => objects.get(key, resolve));
  const { width, height, data } = image;
  const channels = data.length / (width * height);
  if (![1, 3, 4].includes(channels)) throw new Error(`unexpected image layout: ${data.length} bytes for ${width}×${height}`);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let pixel = 0; pixel < width * height; pixel++) {
    for (let c = 0; c < 3; c++) rgba[pixel * 4 + c] = data[pixel * channels + (channels === 1 ? 0 : c)]!;
    rgba[pixel * 4 + 3] = 255;
  }
  return jsQR(rgba, width, height);
}

const text = (page: Page) => page.locator('main').innerText();

test('hours confirmed at two organisations lead to a card whose QR code verifies until it is revoked', async () => {
  step('the volunteer logs hours at two organisations, without JavaScript');
  const volunteer = await person({ javaScript: false });
  await logInTo(volunteer, VOLUNTEER.email, '/konto/stunden');

  step('the meeting the volunteer attended is proposed; taken over with the hours changed, it waits for the office');
  expect(await volunteer.locator('#vorschlaege-liste').innerText()).toContain(OFFICE_EVENT);
  await check(volunteer, 'proposals');
  await volunteer.getByRole('link', { name: `Vorschlag übernehmen: ${OFFICE_EVENT}` }).click();
  await arriveAt(volunteer, /\/konto\/stunden\/vorschlag/);
  expect(await volunteer.getByLabel('Stunden', { exact: true }).inputValue()).toBe('2,5');
  expect(await volunteer.getByLabel('Was haben Sie getan?').inputValue()).toBe(OFFICE_EVENT);
  await check(volunteer, 'proposal');
  await volunteer.getByLabel('Stunden', { exact: true }).fill('3');
  await volunteer.getByRole('button', { name: 'Zur Bestätigung senden' }).click();
  await arriveAt(volunteer, /vorschlag=1/);
  expect(await volunteer.locator('#vorschlaege').count()).toBe(0);

  step('the volunteer lets organisations and the office see their hours by name');
  await volunteer.getByRole('button', { name: 'Freigabe erteilen' }).click();
  await arriveAt(volunteer, /freigabe=erteilt/);
  expect(await text(volunteer)).toContain('Sie haben die Freigabe erteilt.');
  for (const [club, when, hours] of [
    [clubs[0]!, day(-3), '4,5'],
    [clubs[1]!, day(-4), '3'],
  ] as const) {
    await volunteer.getByLabel('Organisation').selectOption({ label: club.name });
    await volunteer.getByLabel('Tag', { exact: true }).fill(when);
    await volunteer.getByLabel('Stunden', { exact: true }).fill(hours);
    await volunteer.getByLabel('Was haben Sie getan?').fill('Mithilfe beim Sommerfest');
    await volunteer.getByRole('button', { name: 'Eintragen' }).click();
    await arriveAt(volunteer, /gespeichert=1/);
  }
  expect(await volunteer.locator('#stunden-eintraege').innerText()).toContain('Wartet auf Bestätigung');
  await check(volunteer, 'hours');

  step('both organisations confirm; the first also confirms the two years before directly');
  for (const club of clubs) {
    const member = await person();
    await logInTo(member, club.email, `/organisationen/${club.id}/stunden`);
    await member.getByRole('checkbox', { name: new RegExp(VOLUNTEER.name) }).check();
    await member.getByRole('button', { name: 'Ausgewählte bestätigen' }).click();
    await arriveAt(member, /entschieden=1/);
    if (club !== clubs[0]) continue;
    for (const offset of [-40, -400]) {
      await member.locator('#f-direct-userId').selectOption({ label: VOLUNTEER.name });
      await member.locator('#f-direct-day').fill(day(offset));
      await member.locator('#f-direct-hours').fill('160');
      await member.locator('#f-direct-reason').fill('Ausgabe zweimal pro Woche laut Dienstplan');
      await member.getByRole('button', { name: 'Bestätigen', exact: true }).click();
      await arriveAt(member, /bestaetigt=1/);
    }
    // The totals name the volunteer, who agreed; the demo's volunteers without consent are one anonymous sum.
    await member.goto(`/organisationen/${club.id}/stunden`);
    expect(await member.locator('#summen-personen-tabelle').innerText()).toContain(VOLUNTEER.name);
    expect(await text(member)).toMatch(/weitere \d+ Personen ohne Freigabe|eine weitere Person ohne Freigabe/);
    await check(member, 'organisation');
  }

  step('the volunteer applies');
  await volunteer.goto('/konto/ehrenamtskarte?netzwerk=gems');
  const standing = await text(volunteer);
  // The hours suffice in both years; only the birth date, for the minimum age, is still unknown.
  expect(standing).toContain('Die Karte gibt es ab 14 Jahren: Bitte geben Sie Ihr Geburtsdatum an.');
  expect(standing).not.toContain('Es fehlen noch');
  await check(volunteer, 'card-application');
  await volunteer.getByLabel('Geburtsdatum').fill('1961-03-14');
  await volunteer.getByLabel('Ihre Kommune').selectOption({ label: 'Delitzsch' });
  await volunteer.getByRole('button', { name: 'Antrag stellen' }).click();
  await arriveAt(volunteer, /beantragt=1/);

  step('the municipality contact approves');
  const contact = await person();
  await logInTo(contact, CONTACT, ADMIN);
  expect(await text(contact)).toContain(VOLUNTEER.name);
  await check(contact, 'applications');
  await contact.getByRole('button', { name: 'Bewilligen' }).click();
  await arriveAt(contact, /entschieden=1/);

  step('the card, and its QR code read back from the image in its PDF');
  await volunteer.goto('/konto/ehrenamtskarte?netzwerk=gems');
  await volunteer.getByRole('link', { name: /Ehrenamtskarte EK-/ }).click();
  await arriveAt(volunteer, /\/konto\/ehrenamtskarte\/[0-9a-f-]{36}$/);
  await check(volunteer, 'card');
  const pdfHref = await volunteer.getByRole('link', { name: 'Karte als PDF (zum Ausdrucken)' }).getAttribute('href');
  const pdf = await volunteer.context().request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const decoded = await readQrCode(new Uint8Array(await pdf.body()));
  expect(decoded?.data).toContain('/pruefen?code=');
  const verifyUrl = new URL(decoded!.data);
  expect(verifyUrl.origin).toBe(server.url);
  const verifyPath = verifyUrl.pathname + verifyUrl.search;

  step('an acceptance point checks it on a phone');
  const shop = await person();
  await shop.setViewportSize(PHONE);
  await shop.goto(verifyPath);
  const valid = await text(shop);
  expect(valid).toContain('Diese Ehrenamtskarte ist echt und gültig.');
  expect(valid).toContain(VOLUNTEER.name);
  expect(valid).not.toContain(VOLUNTEER.email);
  expect(valid).not.toContain('1961');
  await check(shop, 'verify-valid');

  const code = verifyUrl.searchParams.get('code')!;
  const [payload, keyId, signature] = code.split('.') as [string, string, string];
  const bytes = Buffer.from(payload, 'base64url');
  bytes[7]! ^= 0x01;
  await shop.goto(`/pruefen?code=${encodeURIComponent(`${bytes.toString('base64url')}.${keyId}.${signature}`)}`);
  expect(await text(shop)).toContain('Der Code wurde verändert oder ist gefälscht.');
  expect(await text(shop)).not.toContain('echt und gültig');

  step('the office sets the reminder weeks of its network (axe at both widths)');
  const office = await person();
  await logInTo(office, OFFICE, ADMIN);
  await office.getByLabel('Erste Erinnerung: Wochen vor Ablauf').fill('6');
  await office.getByLabel('Zweite Erinnerung: Wochen vor Ablauf').fill('1');
  await office.getByRole('button', { name: 'Einstellungen speichern' }).click();
  expect(await text(office)).toContain('Die Einstellungen sind gespeichert.');
  expect(await office.getByLabel('Erste Erinnerung: Wochen vor Ablauf').inputValue()).toBe('6');
  await check(office, 'office-settings');

  step('the office revokes the card; the same code now shows as revoked');
  await office.getByLabel('Grund der Sperrung').fill('Karte als verloren gemeldet');
  await office.getByRole('button', { name: 'Karte sperren' }).click();
  await arriveAt(office, /gesperrt=1/);
  await shop.goto(verifyPath);
  const revoked = await text(shop);
  expect(revoked).toContain('Gesperrt');
  expect(revoked).toContain('wurde widerrufen');
  expect(revoked).not.toContain('echt und gültig');
  await check(shop, 'verify-revoked', { axe: false });

  step('the office confirms the hours from its meeting and sees the totals of the network');
  await office.goto(OFFICE_HOURS);
  await office.getByRole('checkbox', { name: new RegExp(VOLUNTEER.name) }).check();
  await office.getByRole('button', { name: 'Ausgewählte bestätigen' }).click();
  await arriveAt(office, /entschieden=1/);
  expect(await office.locator('#summen-personen-tabelle').innerText()).toContain(VOLUNTEER.name);
  await check(office, 'office-hours');

  step('the acceptance points of the demo');
  await shop.goto('/netzwerk/gems/akzeptanzstellen');
  expect(await text(shop)).toContain('Stadtmuseum im Barockschloss');
  await check(shop, 'acceptance');
  step('done');
}, 420_000);
