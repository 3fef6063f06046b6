/**
 * Screenshots of the overview (phone: public view, desktop: network office) and of the report's first
 * page, into docs/screenshots/. Not a test: run it by hand after changing the overview's look.
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
import { launchBrowser } from './harness.ts';

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
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'de-DE' });
    await phone.goto(`${url}/netzwerk/gems/ueberblick`);
    await phone.screenshot({ path: path.join(OUT, 'overview-phone.png'), fullPage: true });

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
    await context.addCookies([{ name: SESSION_COOKIE, value: session, url }]);
    const desktop = await context.newPage();
    await desktop.goto(`${url}/netzwerk/gems/ueberblick`);
    await desktop.screenshot({ path: path.join(OUT, 'overview-desktop.png'), fullPage: true });
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
