/**
 * Screenshots of the overview (phone: public view, desktop: network office, with the interactive map
 * opened by its button) and of the report's first page, into docs/screenshots/. Not a test: run it by
 * hand after changing the overview's look. On the way it checks, and stops when one fails: axe finds
 * nothing serious before and after the map opens; the button works by keyboard; no Leaflet file is
 * fetched before the click; without JavaScript the button stays hidden.
 *
 *   npx tsx e2e/overview-screenshots.ts
 *
 * Needs Debian's chromium and poppler-utils (pdftoppm).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { closeDeps, createDeps } from '../src/platform/runtime.ts';
import { createSession, SESSION_COOKIE } from '../src/platform/auth/sessions.ts';
import { seedDemoNetworks } from '../src/modules/networks/demo.ts';
import { addNeeds, addOffers, addOrganisations, addPlacements, addVolunteers } from '../bench/overview-data.ts';
import { checkA11y, launchBrowser } from './harness.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'docs/screenshots');
const now = new Date();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-shots-'));

const deps = await createDeps(loadConfig({ DATA_DIR: dataDir, DEMO: 'false', COOKIE_SECRET: 'screenshots-cookie-secret-0123456789abcdef' }), { workers: false });
try {
  await seedDemoNetworks(deps.db);
  const { rows } = await deps.database.query<{ id: string }>(`select id from networks where slug = 'gems'`);
  const gems = rows[0]!.id;
  await addOrganisations(deps.database, gems, 60);
  await addOffers(deps.database, gems, 420, now);
  await addNeeds(deps.database, gems, 70);
  await addVolunteers(deps.database, gems, 180);
  await addPlacements(deps.database, gems, 900, now);
  const { rows: users } = await deps.database.query<{ id: string }>(
    `insert into users (email, name, email_verified_at) values ('buero@gems.example', 'Netzwerkstelle', now()) returning id`,
  );
  await deps.database.query(`insert into memberships (network_id, user_id, role) values ($1, $2, 'network_office')`, [gems, users[0]!.id]);
  const session = await createSession(deps.db, users[0]!.id, now);
  const { rows: krostitz } = await deps.database.query<{ id: string }>(`select id from municipalities where name = 'Krostitz'`);

  const app = await buildApp(deps);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchBrowser();
  try {
    const leafletRequests: string[] = [];
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'de-DE' });
    const phone = await phoneContext.newPage();
    phone.on('request', (request) => {
      if (/leaflet/i.test(request.url())) leafletRequests.push(request.url());
    });
    await phone.goto(`${url}/netzwerk/gems/ueberblick`);
    const phoneButton = phone.getByRole('button', { name: 'Karte mit Angeboten anzeigen' });
    await phoneButton.waitFor();
    await checkA11y(phone);
    if (leafletRequests.length) throw new Error(`Leaflet fetched before the click: ${leafletRequests.join(', ')}`);
    await phoneButton.click();
    await phone.locator('#karte-interaktiv .leaflet-interactive').first().waitFor({ timeout: 15_000 });
    if (!leafletRequests.some((u) => u.endsWith('/leaflet.js'))) throw new Error('Leaflet was not fetched on the click');
    await checkA11y(phone);
    await phone.screenshot({ path: path.join(OUT, 'overview-phone.png'), fullPage: true });

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
    await context.addCookies([{ name: SESSION_COOKIE, value: session, url }]);
    const desktop = await context.newPage();
    desktop.on('console', (message) => {
      if (message.type() === 'error') console.error(`browser: ${message.text()}`);
    });
    await desktop.goto(`${url}/netzwerk/gems/ueberblick`);
    // By keyboard: focus the button, Enter opens the map, the first group of offers zooms in on Enter.
    const button = desktop.locator('#karte-interaktiv-knopf');
    if ((await button.innerText()) !== 'Karte mit Angeboten anzeigen') throw new Error('the map button is missing');
    await button.focus();
    await desktop.keyboard.press('Enter');
    await desktop.locator('#karte-interaktiv .leaflet-interactive').first().waitFor({ timeout: 15_000 });
    if ((await button.getAttribute('aria-expanded')) !== 'true') throw new Error('the map button does not say it is open');
    if ((await desktop.getByRole('region', { name: 'Angebote auf der Karte' }).count()) !== 1) throw new Error('the map region has no name');
    const cluster = desktop.locator('#karte-interaktiv .map-cluster').first();
    const clustersBefore = await desktop.locator('#karte-interaktiv .map-cluster').count();
    const firstLabel = await cluster.getAttribute('aria-label');
    await cluster.focus();
    await desktop.keyboard.press('Enter');
    // Zoomed in: the markers are drawn anew, so the first group is a different one (or split up), and
    // the focus stays on the map.
    await desktop.waitForFunction(
      ([before, label]) => {
        const first = document.querySelector('#karte-interaktiv .map-cluster');
        return document.querySelectorAll('#karte-interaktiv .map-cluster').length !== before || first?.getAttribute('aria-label') !== label;
      },
      [clustersBefore, firstLabel] as const,
      { timeout: 5_000 },
    );
    if (!(await desktop.evaluate(() => document.getElementById('karte-interaktiv')?.contains(document.activeElement)))) throw new Error('focus left the map after zooming');
    await desktop.waitForTimeout(500);
    await checkA11y(desktop);
    // Back to the whole network for the picture: close and reopen the map with a fresh load.
    await desktop.reload();
    await button.click();
    await desktop.locator('#karte-interaktiv .leaflet-interactive').first().waitFor({ timeout: 15_000 });
    await desktop.waitForTimeout(300);
    await desktop.screenshot({ path: path.join(OUT, 'overview-desktop.png'), fullPage: true });

    const noScript = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE', javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(`${url}/netzwerk/gems/ueberblick`);
    if (await plain.locator('#karte-interaktiv-knopf').isVisible()) throw new Error('the map button shows without JavaScript');
    if (!(await plain.locator('svg.map').isVisible())) throw new Error('the SVG map is missing without JavaScript');
    await noScript.close();
    // Close-ups of each section for a closer look, when asked for (not kept in docs).
    if (process.env.DETAIL_DIR) {
      const sections = await desktop.locator('main section').all();
      for (const [i, section] of sections.entries()) await section.screenshot({ path: path.join(process.env.DETAIL_DIR, `section-${i}.png`) });
      await desktop.emulateMedia({ media: 'print' });
      await desktop.screenshot({ path: path.join(process.env.DETAIL_DIR, 'print.png'), fullPage: true });
      await desktop.emulateMedia({ media: 'screen' });
      const phoneSections = await phone.locator('main section').all();
      for (const [i, section] of phoneSections.entries()) await section.screenshot({ path: path.join(process.env.DETAIL_DIR, `phone-${i}.png`) });
    }

    const response = await fetch(`${url}/netzwerk/gems/ueberblick/bericht.pdf?kommune=${krostitz[0]!.id}`, { headers: { cookie: `${SESSION_COOKIE}=${session}` } });
    const pdf = path.join(dataDir, 'bericht.pdf');
    fs.writeFileSync(pdf, Buffer.from(await response.arrayBuffer()));
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(OUT, 'report-page1')]);
    fs.copyFileSync(pdf, path.join(dataDir, '..', 'mmn-bericht-sample.pdf'));
  } finally {
    await browser.close();
    await app.close();
  }
} finally {
  await closeDeps(deps);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
console.log('screenshots written to docs/screenshots/');
