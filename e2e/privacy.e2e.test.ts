import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  checkBothWidths,
  confirmedAccount,
  DESKTOP,
  launchBrowser,
  logIn,
  newPerson,
  pathOf,
  startServer,
  withDatabase,
  type RunningServer,
} from './harness.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Database } from '../src/platform/db.ts';
import type { AppDeps } from '../src/platform/deps.ts';
import '../src/modules/index.ts';
import { seedDemoNetworks } from '../src/modules/networks/demo.ts';
import { offers, savedSearches } from '../src/modules/offers/schema.ts';
import { addOrganisationMember } from '../src/modules/organisations/commands.ts';
import { placementMessages, placements } from '../src/modules/placements/schema.ts';
import { runPrivacyDaily } from '../src/modules/privacy/daily.ts';
import { personalDataParts } from '../src/modules/privacy/download.ts';
import { saveVolunteerProfile } from '../src/modules/volunteers/commands.ts';

/*
 * DSGVO self-service in a real browser against the real server: a volunteer with a profile, an inquiry with
 * messages and a saved search downloads the ZIP (every kind in it, the address too), then deletes the account.
 * The server cannot be moved in time, so after it stops the nightly job runs on its embedded database with a
 * date past the grace period; then no text column anywhere holds the person's name or address, and the
 * organisation, on a restarted server, still sees the placement without them. axe checks every page visited,
 * at phone and at desktop width.
 */

const OFFER = 'Hausaufgabenhilfe für Grundschulkinder';
const ORGANISATION_EMAIL = 'sabine.krueger@buergerverein-delitzsch-nord.example';
const PASSWORD = 'Holunderbusch-am-Teich-58';
const VOLUNTEER = { name: 'Greta Vergissmeinnicht', email: `greta.${Date.now()}@beispiel.de` };

let dataDir: string;
let server: RunningServer | undefined;
let browser: Browser;
let placementId = '';

/** The demo content, the organisation's member, and the volunteer with everything the story needs. */
async function prepareDatabase(database: Database) {
  await database.migrate();
  const db = database.db;
  if (!(await seedDemoNetworks(db, { content: true }))) throw new Error('demo networks not seeded');
  const [offer] = await db.select().from(offers).where(eq(offers.title, OFFER));
  if (!offer) throw new Error('demo offer missing');
  await confirmedAccount(db, 'Sabine Krüger', ORGANISATION_EMAIL, PASSWORD);
  const added = await addOrganisationMember(db, offer.organisationId, ORGANISATION_EMAIL, 'admin', new Date());
  if (!added.ok) throw new Error(`member not added: ${added.code}`);
  const volunteerId = await confirmedAccount(db, VOLUNTEER.name, VOLUNTEER.email, PASSWORD);
  const now = new Date();
  await saveVolunteerProfile(
    db,
    volunteerId,
    {
      fields: ['schule'],
      skills: ['Mathe'],
      weekdays: [1],
      timesOfDay: ['afternoon'],
      homeMunicipalityId: offer.municipalityId,
      postcode: '04509',
      radiusKm: 10,
      languages: ['Deutsch'],
      remoteOk: false,
      about: `Hier schreibt ${VOLUNTEER.name}.`,
      contactable: true,
    },
    now,
  );
  const [placement] = await db
    .insert(placements)
    .values({
      networkId: offer.networkId,
      offerId: offer.id,
      volunteerId,
      volunteerName: VOLUNTEER.name,
      volunteerEmail: VOLUNTEER.email,
      emailConfirmedAt: now,
      message: `Guten Tag, ich bin ${VOLUNTEER.name} und habe montags Zeit.`,
      status: 'in_contact',
    })
    .returning();
  placementId = placement!.id;
  await db.insert(placementMessages).values([
    { placementId, authorId: volunteerId, side: 'volunteer', body: `Bis Montag! ${VOLUNTEER.name}` },
    { placementId, side: 'organisation', body: 'Wir freuen uns auf Sie. Der Bürgerverein' },
  ]);
  await db.insert(savedSearches).values({ userId: volunteerId, name: 'Hausaufgaben in Delitzsch', query: { q: 'Hausaufgaben' } });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-e2e-privacy-'));
  await withDatabase(dataDir, prepareDatabase);
  server = await startServer({ DATA_DIR: dataDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const person = (): Promise<Page> => newPerson(browser, server!.url, { viewport: DESKTOP, acceptDownloads: true });

/** The login page, checked at both widths, then signing in. */
async function logInAs(page: Page, email: string) {
  await page.goto('/anmelden');
  await checkBothWidths(page);
  await logIn(page, email, PASSWORD);
}

/** Every text, varchar, array and JSON value in the database (app tables and the job queue) that contains `needle`. */
async function findEverywhere(database: Database, needle: string): Promise<string[]> {
  const { rows: columns } = await database.query<{ table_schema: string; table_name: string; column_name: string }>(
    `select c.table_schema, c.table_name, c.column_name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema not in ('pg_catalog', 'information_schema')
        and (c.data_type in ('text', 'character varying', 'character', 'jsonb', 'json') or c.udt_name in ('_text', '_varchar'))`,
  );
  const found: string[] = [];
  for (const column of columns) {
    const { rows } = await database.query<{ n: number }>(
      `select count(*)::int as n from "${column.table_schema}"."${column.table_name}" where position(lower($1) in lower("${column.column_name}"::text)) > 0`,
      [needle],
    );
    if ((rows[0]?.n ?? 0) > 0) found.push(`${column.table_schema}.${column.table_name}.${column.column_name}`);
  }
  return found;
}

test('a volunteer downloads their data and deletes the account; after the grace period nothing of them is left', async () => {
  // ——— Download. ———
  const volunteer = await person();
  await logInAs(volunteer, VOLUNTEER.email);
  expect(pathOf(volunteer)).toBe('/konto');
  await checkBothWidths(volunteer);
  await volunteer.getByRole('link', { name: 'Meine Daten herunterladen' }).click();
  await volunteer.waitForURL('**/konto/daten');
  await checkBothWidths(volunteer);
  const [download] = await Promise.all([volunteer.waitForEvent('download'), volunteer.getByRole('button', { name: 'ZIP-Datei herunterladen' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^mitmachnetz-meine-daten-\d{4}-\d{2}-\d{2}\.zip$/);
  const zipPath = path.join(dataDir, 'download.zip');
  await download.saveAs(zipPath);
  const files = Object.fromEntries(Object.entries(unzipSync(fs.readFileSync(zipPath))).map(([name, data]) => [name, strFromU8(data)]));
  fs.rmSync(zipPath);
  for (const part of personalDataParts()) {
    expect(files, `${part.name}.json in the ZIP`).toHaveProperty(`${part.name}.json`);
    expect(files, `${part.name}.csv in the ZIP`).toHaveProperty(`${part.name}.csv`);
  }
  expect(files['README.md']).toContain('Ihre Daten bei Mitmachnetz');
  expect(files['konto.json']).toContain(VOLUNTEER.email);
  expect(files['engagement-profil.json']).toContain('Mathe');
  expect(files['anfragen.csv']).toContain('montags Zeit');
  expect(files['nachrichten.json']).toContain('Bis Montag!');
  expect(files['gespeicherte-suchen.json']).toContain('Hausaufgaben in Delitzsch');
  expect(Object.values(files).join('\n')).not.toContain(ORGANISATION_EMAIL);

  // ——— Consents. ———
  await volunteer.goto('/konto/einwilligungen');
  await checkBothWidths(volunteer);
  expect(await volunteer.locator('main').innerText()).toContain('passende Angebote vorschlagen');

  // ——— Delete the account. ———
  await volunteer.goto('/konto/loeschen');
  await checkBothWidths(volunteer);
  await volunteer.locator('input[name="current_password"]').fill(PASSWORD);
  await volunteer.getByRole('button', { name: 'Konto endgültig löschen' }).click();
  await volunteer.waitForURL(/\/konto\/loeschung\/vorgemerkt\?am=/);
  await checkBothWidths(volunteer);
  expect(await volunteer.locator('h1').innerText()).toBe('Ihr Konto wird gelöscht');

  // Signing in during the grace period offers the undo.
  await logInAs(volunteer, VOLUNTEER.email);
  expect(pathOf(volunteer)).toBe('/konto/loeschung');
  await checkBothWidths(volunteer);
  await server!.stop();
  server = undefined;

  // ——— After the grace period: the nightly job on the server's database, 15 days on. ———
  await withDatabase(dataDir, async (database) => {
    const later = new Date(Date.now() + 15 * 86_400_000);
    const config = loadConfig({ DATA_DIR: dataDir, DEMO: 'false' });
    const deps = { config, database, db: database.db, clock: () => later } as unknown as AppDeps;
    const { erased } = await runPrivacyDaily(deps, later);
    expect(erased).toBe(1);
    expect(await findEverywhere(database, VOLUNTEER.email)).toEqual([]);
    expect(await findEverywhere(database, VOLUNTEER.name)).toEqual([]);
    expect(await findEverywhere(database, 'Vergissmeinnicht')).toEqual([]);
  });

  // ——— The organisation still sees the placement, without the person. ———
  server = await startServer({ DATA_DIR: dataDir });
  const organisation = await person();
  await logInAs(organisation, ORGANISATION_EMAIL);
  await organisation.goto(`/vermittlungen/${placementId}`);
  await checkBothWidths(organisation);
  const text = await organisation.locator('main').innerText();
  expect(text).toContain(OFFER);
  expect(text).toContain('Wir freuen uns auf Sie');
  expect(text).not.toContain('Vergissmeinnicht');
}, 400_000);
