import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { arriveAt, checkBothWidths, demoRoleAccount, demoWorld, DESKTOP, linkInMail, logIn, PHONE, waitForNewestMail, type DemoWorld } from './harness.ts';
// The module list, so that the demo seeds each module's own part too (the infomail lists among them).
import '../src/modules/index.ts';

/*
 * Issue 15 in a real browser against the real server with the demo networks: a citizen subscribes to the
 * GEMS network's public list and confirms through the link in the outbox (the confirming step without
 * JavaScript); the office creates a segment of its local guides, writes an info mail with preview (script
 * and a tracking pixel removed), sends itself a test mail and sends it to the public list; it sees each
 * recipient's state, the citizen's mail leads to the archive and to the preferences. A second mail goes to
 * the segment: each guide gets it, and it stays out of the public archive. axe at phone and desktop width on
 * each kind of page; screenshots of them go to docs/screenshots/infomail-*.png.
 */

const SLUG = 'gems';
const PASSWORD = 'Kastanienallee-im-Oktober-41';
const OFFICE = `infomail-office.${Date.now()}@gems-e2e.example`;
const CITIZEN = `brigitte.sommer.${Date.now()}@beispiel.de`;
const GUIDES = ['lotsin.anna', 'lotse.bernd', 'lotsin.carla'].map((name) => `${name}.${Date.now()}@gems-e2e.example`);
const LIST = 'Neuigkeiten aus dem Netzwerk';
const SEGMENT = 'Lotsinnen und Lotsen (Browsertest)';
const NEWS = 'Neues aus GEMS: Freiwilligentag im Frühjahr';
const GUIDE_NEWS = 'Für Lotsinnen und Lotsen: Schulungstermine';
const SHOTS = path.resolve(import.meta.dirname, '../docs/screenshots');

let world: DemoWorld;

beforeAll(async () => {
  world = await demoWorld('infomail', async (db) => {
    await demoRoleAccount(db, 'network_office', { name: 'Koordination GEMS', email: OFFICE, password: PASSWORD }, SLUG);
    for (const [i, email] of GUIDES.entries()) {
      await demoRoleAccount(db, 'guide', { name: `Lotsin ${i + 1}`, email, password: PASSWORD }, SLUG);
    }
  });
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterAll(() => world?.close());

const person = (options: { javaScriptEnabled?: boolean } = {}): Promise<Page> => world.person(options);

/** Full-page screenshots at phone and desktop width (docs/screenshots/infomail-<name>[-phone].png), then axe at both. */
async function check(page: Page, name: string): Promise<void> {
  for (const [size, suffix] of [[PHONE, '-phone'], [DESKTOP, '']] as const) {
    await page.setViewportSize(size);
    // Chromium paints a frame (the mail's preview) only once it has been in view: the full-page picture would show it empty.
    for (const frame of await page.locator('iframe').all()) await frame.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `infomail-${name}${suffix}.png`), fullPage: true });
  }
  // axe waits forever for a frame that may not run scripts (the preview's sandbox): the frame element stays
  // (its title is checked), its content, the mail, is swapped for a plain paragraph.
  await page.evaluate(() => {
    for (const frame of document.querySelectorAll('iframe[sandbox]')) {
      frame.removeAttribute('sandbox');
      frame.setAttribute('srcdoc', '<!doctype html><html lang="de"><title>Vorschau</title><p>Vorschau</p></html>');
    }
  });
  await checkBothWidths(page);
}

const main = (page: Page) => page.locator('main');

/** Reloads the mailing's page until the whole mailing is sent (the job queue sends it a moment later). */
async function untilSent(page: Page): Promise<void> {
  const until = Date.now() + 30_000;
  while (!(await main(page).innerText()).includes('Stand: Versandt')) {
    if (Date.now() > until) throw new Error(`mailing not sent within 30 s:\n${(await main(page).innerText()).slice(0, 1500)}`);
    await page.waitForTimeout(500);
    await page.reload();
  }
}

/** The state column of the recipient row with this address. */
async function stateOf(page: Page, email: string): Promise<string> {
  const row = main(page).locator('tbody tr', { hasText: email });
  expect(await row.count(), `one row for ${email}`).toBe(1);
  return row.locator('td').nth(1).innerText();
}

test('a citizen subscribes by double opt-in; the office composes with preview, tests, sends to the list and to a segment, sees each recipient and the archive', async () => {
  // ——— A citizen subscribes to the public list and confirms by the link in the mail. ———
  const citizen = await person();
  expect((await citizen.goto(`/netzwerk/${SLUG}/infomail`))?.status()).toBe(200);
  await check(citizen, 'subscribe');
  await main(citizen).getByLabel('E-Mail-Adresse', { exact: true }).fill(CITIZEN);
  await main(citizen).getByLabel(new RegExp(`^${LIST}`)).check();
  await main(citizen).getByLabel(/^Ich möchte die gewählten Infomails/).check();
  await main(citizen).getByRole('button', { name: 'Abonnieren' }).click();
  await arriveAt(citizen, /\/infomail\?gesendet=1$/);
  expect(await main(citizen).innerText()).toContain('Fast geschafft');
  const confirmation = await waitForNewestMail(world.dataDir, (m) => m.to.includes(CITIZEN) && m.subject.startsWith('Bitte bestätigen Sie Ihr Infomail-Abonnement'));

  // The confirming step works without JavaScript: the link shows a button, the plain form POST confirms.
  const withoutScript = await person({ javaScriptEnabled: false });
  await withoutScript.goto(linkInMail(confirmation, `/netzwerk/${SLUG}/infomail/bestaetigen/`));
  await withoutScript.getByRole('button', { name: 'Abonnieren' }).click();
  await withoutScript.waitForLoadState();
  expect(await withoutScript.locator('h1').innerText()).toBe('Abonnement bestätigt');
  await withoutScript.context().close();

  // ——— The office creates a segment of its local guides. ———
  const office = await person();
  await office.goto('/anmelden');
  await logIn(office, OFFICE, PASSWORD);
  const admin = `/netzwerk/${SLUG}/verwaltung/infomail`;
  expect((await office.goto(admin))?.status()).toBe(200);
  await check(office, 'admin');
  await main(office).getByLabel('Name', { exact: true }).fill(SEGMENT);
  await main(office).getByLabel('Zielgruppe aus den Daten der Plattform').check();
  await main(office).getByLabel('Engagementlotse/Engagementlotsin').check();
  await main(office).getByRole('button', { name: 'Liste speichern' }).click();
  await arriveAt(office, /angelegt=1/);
  expect(await main(office).innerText()).toContain(`${SEGMENT} (Zielgruppe aus den Daten der Plattform)`);

  // ——— It writes an info mail to the public list, looks at the preview and sends itself a test. ———
  await main(office).getByRole('link', { name: 'Neue Infomail schreiben' }).click();
  await arriveAt(office, /\/infomail\/neu$/);
  await main(office).getByLabel('An', { exact: true }).selectOption({ label: LIST });
  await main(office).getByLabel('Betreff').fill(NEWS);
  await main(office)
    .getByLabel('Text (Markdown)')
    .fill(
      '## Freiwilligentag am 18. April\n\nLiebe Engagierte, **über 30 Vereine** stellen sich vor.\n\n- Mitmachen beim Aufräumen am Fluss\n- Lesepatenschaften\n\n<script>alert("x")</script>\n![](https://tracker.example/pixel.gif)\n\nMehr unter [unserer Seite](https://gems.example/freiwilligentag).',
    );
  await main(office).getByRole('button', { name: 'Vorschau' }).click();
  await office.waitForLoadState();
  const plain = await main(office).locator('pre.mail-preview-text').innerText();
  expect(plain).toContain('Freiwilligentag am 18. April');
  expect(plain).toContain('Mitmachen beim Aufräumen am Fluss');
  const html = (await main(office).locator('iframe.mail-preview').getAttribute('srcdoc')) ?? '';
  expect(html).toContain('<strong>über 30 Vereine</strong>');
  // HTML in the Markdown is shown as text, never run; the pixel from another host is gone.
  expect(html).not.toContain('<script');
  expect(html).toContain('&lt;script&gt;');
  expect(html).not.toContain('tracker.example');
  expect(await main(office).getByLabel('Betreff').inputValue()).toBe(NEWS);
  // The page's policy lets the preview show the mail's own styles: the head in the network's colour.
  const head = office.frameLocator('iframe.mail-preview').locator('table table td').first();
  expect(await head.innerText()).toContain('GEMS');
  expect(await head.evaluate((td) => getComputedStyle(td).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
  await check(office, 'compose');

  await main(office).getByRole('button', { name: 'Testmail an mich' }).click();
  await office.waitForLoadState();
  expect(await main(office).innerText()).toContain(`Die Testmail geht an ${OFFICE}`);
  const testMail = await waitForNewestMail(world.dataDir, (m) => m.to.includes(OFFICE) && m.subject === `[Test] ${NEWS}`);
  expect(testMail.text).toContain('Lesepatenschaften');

  // ——— It sends; the mailing's page shows each recipient's state. ———
  await main(office).getByRole('button', { name: 'Senden' }).click();
  await arriveAt(office, /\/infomail\/[0-9a-f-]{36}\?gestartet=1$/);
  await untilSent(office);
  expect(await stateOf(office, CITIZEN)).toBe('Gesendet');
  expect(await main(office).locator('.state-counts').innerText()).toContain('Gesendet: 1');
  await check(office, 'mailing');

  // The citizen's mail leads to the archive and to the preferences.
  const news = await waitForNewestMail(world.dataDir, (m) => m.to.includes(CITIZEN) && m.subject === NEWS);
  expect(news.text).toContain('Freiwilligentag am 18. April');
  await citizen.goto(linkInMail(news, `/netzwerk/${SLUG}/infomail/archiv/`));
  expect(await citizen.locator('h1').innerText()).toBe(NEWS);
  expect(await main(citizen).locator('strong', { hasText: 'über 30 Vereine' }).count()).toBe(1);
  await check(citizen, 'archive-mail');
  await main(citizen).getByRole('link', { name: /^Infomail-Archiv/ }).click();
  await arriveAt(citizen, /\/infomail\/archiv$/);
  expect(await main(citizen).getByRole('link', { name: NEWS }).count()).toBe(1);
  await check(citizen, 'archive');
  await citizen.goto(linkInMail(news, '/infomail/einstellungen'));
  expect(await citizen.locator('h1').innerText()).toBe('Ihre Infomail-Einstellungen');
  expect(await main(citizen).getByLabel(LIST).isChecked()).toBe(true);
  await check(citizen, 'preferences');
  await main(citizen).getByLabel(/^Wöchentliche Übersicht/).check();
  await main(citizen).getByRole('button', { name: 'Einstellungen speichern' }).click();
  await arriveAt(citizen, /gespeichert=1$/);
  expect(await main(citizen).getByLabel(/^Wöchentliche Übersicht/).isChecked()).toBe(true);

  // ——— A second mail goes to the segment: every guide gets it; the public archive does not show it. ———
  await office.goto(`${admin}/neu`);
  await main(office).getByLabel('An', { exact: true }).selectOption({ label: SEGMENT });
  await main(office).getByLabel('Betreff').fill(GUIDE_NEWS);
  await main(office).getByLabel('Text (Markdown)').fill('Die nächsten Schulungen: **Gesprächsführung** am 3. März, **Vereinsrecht** am 17. März.');
  await main(office).getByRole('button', { name: 'Senden' }).click();
  await arriveAt(office, /\/infomail\/[0-9a-f-]{36}\?gestartet=1$/);
  await untilSent(office);
  for (const guide of GUIDES) expect(await stateOf(office, guide)).toBe('Gesendet');
  expect(await main(office).locator('tbody tr').count()).toBe(GUIDES.length);
  expect(await main(office).innerText()).toContain(SEGMENT);
  for (const guide of GUIDES) await waitForNewestMail(world.dataDir, (m) => m.to.includes(guide) && m.subject === GUIDE_NEWS);
  await citizen.goto(`/netzwerk/${SLUG}/infomail/archiv`);
  expect(await main(citizen).getByRole('link', { name: GUIDE_NEWS }).count()).toBe(0);

  // Both mailings are listed on the office's page with their state.
  await office.goto(admin);
  for (const subject of [NEWS, GUIDE_NEWS]) expect(await main(office).locator('tbody tr', { hasText: subject }).innerText()).toContain('Versandt');
}, 420_000);
