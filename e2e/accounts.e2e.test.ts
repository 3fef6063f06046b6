import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  arriveAt,
  checkA11y,
  launchBrowser,
  linkInMail,
  logIn,
  newPerson,
  pathOf,
  startServer,
  waitForNewestMail,
  type RunningServer,
} from './harness.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // A step fails within 10 s when a field of the contract is missing; navigation (password hashing) gets 30 s.
  page = await newPerson(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const email = `erika.${Date.now()}@beispiel.de`;
const firstPassword = 'Sonnenblume-am-Deich-42';
const secondPassword = 'Kirschbaum-im-Hof-73';

async function headerHasLogout(): Promise<boolean> {
  return (await page.locator('header').getByRole('button', { name: 'Abmelden' }).count()) > 0;
}

/** The login page, checked, then signing in with `password`. */
async function logInWith(password: string) {
  await page.goto('/anmelden');
  await checkA11y(page);
  await logIn(page, email, password);
}

// One person's whole life with an account; each step builds on the one before, so they run in order in one test.
test('register, confirm, log out and in, reset the password, delete the account (with a grace period)', async () => {
  // Register.
  expect((await page.goto('/registrieren'))?.status(), 'status of /registrieren').toBe(200);
  await checkA11y(page);
  await page.getByLabel('Name', { exact: true }).fill('Erika Mustermann');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.locator('input[name="password"]').fill(firstPassword);
  await page.locator('input[name="consent"]').check();
  await page.getByRole('button', { name: 'Registrieren' }).click();
  await arriveAt(page, '**/registrieren/danke');
  await checkA11y(page);

  // Confirm through the link in the mail.
  const confirmation = await waitForNewestMail(
    server.dataDir,
    (m) => m.to.includes(email) && m.subject === 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
  );
  await page.goto(linkInMail(confirmation, '/bestaetigen/'));
  await checkA11y(page);
  await page.getByRole('button', { name: 'E-Mail-Adresse bestätigen' }).click();
  await arriveAt(page, '**/konto');
  await checkA11y(page);
  expect(await headerHasLogout(), 'signed in after confirming').toBe(true);

  // Log out, then in again.
  await page.locator('header').getByRole('button', { name: 'Abmelden' }).click();
  await page.waitForLoadState();
  expect(await headerHasLogout(), 'signed out').toBe(false);
  await logInWith(firstPassword);
  expect(await headerHasLogout(), `signed in with the first password (now at ${pathOf(page)})`).toBe(true);

  // Forgotten password, from a signed-out browser as a real person would do it.
  await page.locator('header').getByRole('button', { name: 'Abmelden' }).click();
  await page.waitForLoadState();
  await page.goto('/passwort-vergessen');
  await checkA11y(page);
  await page.locator('input[name="email"]').fill(email);
  await page.getByRole('button', { name: 'Link anfordern' }).click();
  await page.waitForLoadState();
  await checkA11y(page);
  const reset = await waitForNewestMail(server.dataDir, (m) => m.to.includes(email) && m.subject === 'Passwort zurücksetzen');
  await page.goto(linkInMail(reset, '/passwort-neu/'));
  await checkA11y(page);
  await page.locator('input[name="password"]').fill(secondPassword);
  await page.locator('input[name="password_confirm"]').fill(secondPassword);
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await arriveAt(page, '**/konto');
  await checkA11y(page);

  // The new password works, the old one no longer does.
  await page.locator('header').getByRole('button', { name: 'Abmelden' }).click();
  await page.waitForLoadState();
  await logInWith(firstPassword);
  expect(await headerHasLogout(), 'the old password is refused').toBe(false);
  await logInWith(secondPassword);
  expect(await headerHasLogout(), `signed in with the new password (now at ${pathOf(page)})`).toBe(true);

  // Delete the account: it is scheduled for erasure after the grace period (privacy module), and the person is signed out.
  await page.goto('/konto/loeschen');
  await checkA11y(page);
  await page.locator('input[name="current_password"]').fill(secondPassword);
  await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
  await arriveAt(page, '**/konto/loeschung/vorgemerkt?am=*');
  await checkA11y(page);
  expect(await headerHasLogout(), 'signed out after deleting').toBe(false);

  // Signing in during the grace period leads to the page that undoes the erasure.
  await logInWith(secondPassword);
  expect(pathOf(page)).toBe('/konto/loeschung');
  await checkA11y(page);
}, 240_000);
