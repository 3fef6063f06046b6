import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { extractImages } from 'unpdf';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkA11y, launchBrowser, startServer, type RunningServer } from './harness.ts';
import { openDatabase, type Db } from '../src/platform/db.ts';
import { confirmEmail, registerAccount } from '../src/modules/accounts/commands.ts';
import { memberships, membershipMunicipalities } from '../src/platform/roles/schema.ts';
import { municipalities, networks } from '../src/platform/networks/schema.ts';
import { seedDemoNetworks } from '../src/modules/networks/demo.ts';
import { organisationMembers, organisations } from '../src/modules/organisations/schema.ts';
import '../src/modules/index.ts';

/*
 * The recognition chain in a real browser on the demo network: a volunteer logs hours at two organisations,
 * both confirm (one also confirms the earlier engagement directly), the volunteer applies for the Sächsische
 * Ehrenamtskarte, the municipality contact of Delitzsch approves; the QR code read from the card's PDF opens
 * the verification page and verifies, a one-bit change does not, and after revocation the same code shows
 * as revoked. The volunteer works without JavaScript; every page passes axe at phone and desktop width.
 */

const jsQR = (createRequire(import.meta.url)('jsqr') as { default: (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null }).default;

const PASSWORD = 'Kirschblüte-an-der-Lober-23';
const VOLUNTEER = { name: 'Helga Sommer', email: 'helga.sommer@beispiel.de' };
const CLUB_A = 'kassenwart.a@beispiel.de';
const CLUB_B = 'vorstand.b@beispiel.de';
const CONTACT = 'ehrenamt@rathaus-delitzsch.beispiel.de';
const OFFICE = 'netzwerkstelle@gems.beispiel.de';

let dataDir: string;
let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const names = { a: '', b: '', aId: '', bId: '' };

async function account(db: Db, name: string, email: string): Promise<string> {
  const now = new Date();
  const registered = await registerAccount(db, { name, email, password: PASSWORD, locale: 'de' }, now);
  if (!registered.ok) throw new Error(`account ${email} not registered`);
  const confirmed = await confirmEmail(db, { secret: registered.token, previousSessionId: null }, now);
  if (!confirmed.ok) throw new Error(`account ${email} not confirmed`);
  return registered.userId;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-e2e-recognition-'));
  const database = await openDatabase({ dataDir: path.join(dataDir, 'db') });
  try {
    await database.migrate();
    const db = database.db;
    if (!(await seedDemoNetworks(db, { content: true }))) throw new Error('demo not seeded');
    const [gems] = await db.select().from(networks).where(eq(networks.slug, 'gems'));
    const [delitzsch] = await db.select().from(municipalities).where(and(eq(municipalities.networkId, gems!.id), eq(municipalities.name, 'Delitzsch')));
    const verified = await db.select().from(organisations).where(and(eq(organisations.networkId, gems!.id), eq(organisations.status, 'verified'))).limit(2);
    if (verified.length < 2) throw new Error('two verified demo organisations needed');
    names.a = verified[0]!.name;
    names.b = verified[1]!.name;
    names.aId = verified[0]!.id;
    names.bId = verified[1]!.id;
    await account(db, VOLUNTEER.name, VOLUNTEER.email);
    for (const [email, organisation] of [
      [CLUB_A, verified[0]!],
      [CLUB_B, verified[1]!],
    ] as const) {
      const userId = await account(db, email.split('@')[0]!, email);
      await db.insert(organisationMembers).values({ organisationId: organisation.id, userId, role: 'admin' });
    }
    const contactId = await account(db, 'Rathaus Delitzsch', CONTACT);
    const [membership] = await db.insert(memberships).values({ networkId: gems!.id, userId: contactId, role: 'municipality_contact' }).returning();
    await db.insert(membershipMunicipalities).values({ membershipId: membership!.id, municipalityId: delitzsch!.id });
    const officeId = await account(db, 'Netzwerkstelle GEMS', OFFICE);
    await db.insert(memberships).values({ networkId: gems!.id, userId: officeId, role: 'network_office' });
  } finally {
    await database.close();
  }
  server = await startServer({ DATA_DIR: dataDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function person(options: { javaScript?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, locale: 'de-DE', javaScriptEnabled: options.javaScript ?? true, acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  return context.newPage();
}

/** axe at desktop and at phone width. */
async function checkBoth(page: Page) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await checkA11y(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await checkA11y(page);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function logIn(page: Page, email: string, then: string) {
  await page.goto(`/anmelden?weiter=${encodeURIComponent(then)}`);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await page.locator('main').getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL((url) => url.pathname === then.split('?')[0]);
}

function day(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

// Many pages, each checked by axe twice: longer than the suite's default minute on a busy two-core machine.
test('hours confirmed at two organisations lead to a card whose QR code verifies until it is revoked', { timeout: 300_000 }, async () => {
  // ——— The volunteer logs hours at two organisations, without JavaScript. ———
  const volunteer = await person({ javaScript: false });
  await logIn(volunteer, VOLUNTEER.email, '/konto/stunden');
  for (const [organisation, when, hours] of [
    [names.a, day(-3), '4,5'],
    [names.b, day(-4), '3'],
  ] as const) {
    await volunteer.getByLabel('Organisation').selectOption({ label: organisation });
    await volunteer.getByLabel('Tag', { exact: true }).fill(when);
    await volunteer.getByLabel('Stunden', { exact: true }).fill(hours);
    await volunteer.getByLabel('Was haben Sie getan?').fill('Mithilfe beim Sommerfest');
    await volunteer.getByRole('button', { name: 'Eintragen' }).click();
    await volunteer.waitForURL(/gespeichert=1/);
  }
  expect(await volunteer.locator('#stunden-eintraege').innerText()).toContain('Wartet auf Bestätigung');
  await checkBoth(volunteer);

  // ——— Both organisations confirm; the first also confirms the two years before directly. ———
  for (const [email, organisationId] of [
    [CLUB_A, names.aId],
    [CLUB_B, names.bId],
  ] as const) {
    const club = await person();
    await logIn(club, email, `/organisationen/${organisationId}/stunden`);
    await club.getByRole('checkbox').first().check();
    await club.getByRole('button', { name: 'Ausgewählte bestätigen' }).click();
    await club.waitForURL(/entschieden=1/);
    if (email === CLUB_A) {
      for (const offset of [-40, -400]) {
        await club.locator('#f-direct-userId').selectOption({ label: VOLUNTEER.name });
        await club.locator('#f-direct-day').fill(day(offset));
        await club.locator('#f-direct-hours').fill('160');
        await club.locator('#f-direct-reason').fill('Ausgabe zweimal pro Woche laut Dienstplan');
        await club.getByRole('button', { name: 'Bestätigen', exact: true }).click();
        await club.waitForURL(/bestaetigt=1/);
      }
      await checkBoth(club);
    }
  }

  // ——— The volunteer applies. ———
  await volunteer.goto('/konto/ehrenamtskarte?netzwerk=gems');
  await checkBoth(volunteer);
  expect(await volunteer.locator('main').innerText()).toContain('Sie erfüllen die Voraussetzungen für die Sächsische Ehrenamtskarte');
  await volunteer.getByLabel('Geburtsdatum').fill('1961-03-14');
  await volunteer.getByLabel('Ihre Kommune').selectOption({ label: 'Delitzsch' });
  await volunteer.getByRole('button', { name: 'Antrag stellen' }).click();
  await volunteer.waitForURL(/beantragt=1/);

  // ——— The municipality contact approves. ———
  const contact = await person();
  await logIn(contact, CONTACT, '/netzwerk/gems/verwaltung/ehrenamtskarte');
  await checkBoth(contact);
  await contact.getByRole('button', { name: 'Bewilligen' }).click();
  await contact.waitForURL(/entschieden=1/);

  // ——— The card's PDF, its QR code read back from the PDF's image. ———
  await volunteer.goto('/konto/ehrenamtskarte?netzwerk=gems');
  await volunteer.getByRole('link', { name: /Ehrenamtskarte EK-/ }).click();
  await checkBoth(volunteer);
  const pdfHref = await volunteer.getByRole('link', { name: 'Karte als PDF (zum Ausdrucken)' }).getAttribute('href');
  const pdf = await volunteer.context().request.get(pdfHref!);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const [image] = await extractImages(new Uint8Array(await pdf.body()), 1);
  expect(image).toBeDefined();
  const rgba = new Uint8ClampedArray(image!.width * image!.height * 4);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += image!.channels) {
    rgba[i] = image!.data[j]!;
    rgba[i + 1] = image!.data[image!.channels >= 3 ? j + 1 : j]!;
    rgba[i + 2] = image!.data[image!.channels >= 3 ? j + 2 : j]!;
    rgba[i + 3] = 255;
  }
  const decoded = jsQR(rgba, image!.width, image!.height);
  expect(decoded?.data).toContain('/pruefen?code=');
  const verifyUrl = new URL(decoded!.data);

  // ——— An acceptance point checks it on a phone. ———
  const shop = await person();
  await shop.setViewportSize({ width: 390, height: 844 });
  await shop.goto(verifyUrl.pathname + verifyUrl.search);
  await checkBoth(shop);
  expect(await shop.locator('main').innerText()).toContain('Diese Ehrenamtskarte ist echt und gültig.');
  expect(await shop.locator('main').innerText()).toContain(VOLUNTEER.name);
  expect(await shop.locator('main').innerText()).not.toContain(VOLUNTEER.email);

  const code = verifyUrl.searchParams.get('code')!;
  const [payload, keyId, signature] = code.split('.') as [string, string, string];
  const bytes = Buffer.from(payload, 'base64url');
  bytes[7]! ^= 0x01;
  await shop.goto(`/pruefen?code=${encodeURIComponent(`${bytes.toString('base64url')}.${keyId}.${signature}`)}`);
  expect(await shop.locator('main').innerText()).toContain('Der Code wurde verändert oder ist gefälscht.');

  // ——— The office revokes the card; the same code now shows as revoked. ———
  const office = await person();
  await logIn(office, OFFICE, '/netzwerk/gems/verwaltung/ehrenamtskarte');
  await office.getByLabel('Grund der Sperrung').fill('Karte als verloren gemeldet');
  await office.getByRole('button', { name: 'Karte sperren' }).click();
  await office.waitForURL(/gesperrt=1/);
  await shop.goto(verifyUrl.pathname + verifyUrl.search);
  expect(await shop.locator('main').innerText()).toContain('Gesperrt');
  expect(await shop.locator('main').innerText()).not.toContain('echt und gültig');

  // ——— The acceptance points of the demo. ———
  await shop.goto('/netzwerk/gems/akzeptanzstellen');
  await checkBoth(shop);
  expect(await shop.locator('main').innerText()).toContain('Stadtmuseum im Barockschloss');
});
