import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { arriveAt, checkA11y, confirmedAccount, demoRoleAccount, demoWorld, linkInMail, logIn, pathOf, readMails, waitForNewestMail, type DemoWorld } from './harness.ts';
import { offers } from '../src/modules/offers/schema.ts';
import { addOrganisationMember } from '../src/modules/organisations/commands.ts';

/*
 * The acceptance path of the engagement database, in a real browser against the real server with the
 * demo content of `npm start`: a visitor searches "Hausaufgaben" within 10 km of Delitzsch, narrows to
 * "Schule oder Kindergarten", opens the offer and sends "Ich möchte helfen" without an account, confirms
 * by mail; the organisation answers and sets the placement to "vermittelt"; the network office sees it
 * with its response time. Every page on the way passes axe.
 *
 * Runs on the embedded database; with TEST_DATABASE_URL set, on a fresh database of that PostgreSQL server.
 */

const OFFER = 'Hausaufgabenhilfe für Grundschulkinder';
const ORGANISATION_EMAIL = 'sabine.krueger@buergerverein-delitzsch-nord.example';
const OFFICE_EMAIL = 'koordination@gems-netzwerk.example';
const PASSWORD = 'Pflaumenbaum-am-Lober-17';
const VOLUNTEER = { name: 'Paul Neumann', email: `paul.neumann.${Date.now()}@beispiel.de` };
const ANSWER = 'Hallo Herr Neumann, wir freuen uns! Kommen Sie am Montag um 14 Uhr ins Bürgerhaus?';

let world: DemoWorld;

beforeAll(async () => {
  // The demo networks with their content exactly as `npm start` seeds them, a member of the organisation
  // behind the homework offer, and a person in the GEMS network office.
  world = await demoWorld('placement', async (db) => {
    const [offer] = await db.select().from(offers).where(eq(offers.title, OFFER));
    if (!offer) throw new Error('demo offer missing');
    await confirmedAccount(db, 'Sabine Krüger', ORGANISATION_EMAIL, PASSWORD);
    const added = await addOrganisationMember(db, offer.organisationId, ORGANISATION_EMAIL, 'admin', new Date());
    if (!added.ok) throw new Error(`member not added: ${added.code}`);
    await demoRoleAccount(db, 'network_office', { name: 'Netzwerkstelle GEMS', email: OFFICE_EMAIL, password: PASSWORD });
  });
});

afterAll(() => world?.close());

const person = (): Promise<Page> => world.person();

/** The login form, checked, then signing in. */
async function checkAndLogIn(page: Page, email: string) {
  await checkA11y(page);
  await logIn(page, email, PASSWORD);
}

test('a visitor finds the homework offer, asks to help, the organisation places them, the office sees the response time', async () => {
  // ——— The visitor searches. ———
  const visitor = await person();
  expect((await visitor.goto('/angebote'))?.status()).toBe(200);
  await checkA11y(visitor);
  await visitor.getByLabel('Suchbegriffe').fill('Hausaufgaben');
  await visitor.getByLabel('Ort oder Postleitzahl').fill('Delitzsch');
  // A changed select already updates the results in place (search.js); let that finish, then search.
  await visitor.getByLabel('Umkreis').selectOption({ label: '10 km' });
  await visitor.waitForFunction(() => !document.querySelector('#suche[aria-busy]'));
  await Promise.all([visitor.waitForEvent('load'), visitor.getByRole('button', { name: 'Suchen', exact: true }).click()]);
  await arriveAt(visitor, /[?&]q=Hausaufgaben/);
  await checkA11y(visitor);
  const count = visitor.locator('#trefferzahl');
  // The German search also lists related offers (tutoring, reading mentors) after the ones with the word.
  const before = await count.innerText();
  expect(before).toMatch(/^\d+ Angebote gefunden im Umkreis von 10 km um Delitzsch$/);
  const hits = visitor.locator('#ergebnisse .hit h3');
  expect(await hits.allInnerTexts()).toContain(OFFER);
  // The homework help in Taucha is 16 km away.
  expect(await hits.allInnerTexts()).not.toContain('Hausaufgabenhilfe an der Oberschule Taucha');

  // Narrow to the field; the page updates in place (search.js) and the address follows.
  await visitor.locator('#filter summary').click();
  await visitor.getByLabel('Schule oder Kindergarten').check();
  await arriveAt(visitor, /[?&]feld=schule/);
  await expect.poll(() => count.innerText()).not.toBe(before);
  expect(await count.innerText()).toMatch(/^\d+ Angebote? gefunden im Umkreis von 10 km um Delitzsch$/);
  expect(await hits.allInnerTexts()).toContain(OFFER);
  await checkA11y(visitor);

  // ——— Opens the offer and sends "Ich möchte helfen" without an account. ———
  await visitor.getByRole('link', { name: OFFER }).click();
  await arriveAt(visitor, /\/angebote\/[0-9a-f-]{36}$/);
  await checkA11y(visitor);
  expect(await visitor.locator('h1').innerText()).toBe(OFFER);
  await visitor.getByRole('link', { name: 'Ich möchte helfen' }).click();
  await arriveAt(visitor, /\/anfragen$/);
  await checkA11y(visitor);
  await visitor.getByLabel('Ihr Name').fill(VOLUNTEER.name);
  await visitor.getByLabel('Ihre E-Mail-Adresse').fill(VOLUNTEER.email);
  await visitor
    .getByLabel('Ihre Nachricht an die Organisation')
    .fill('Ich bin Lehrer im Ruhestand und hätte montags Zeit. Ich würde gern bei den Hausaufgaben helfen.');
  await visitor.locator('#f-consent').check();
  await visitor.getByRole('button', { name: 'Anfrage senden' }).click();
  await arriveAt(visitor, /\/anfragen\/gesendet$/);
  await checkA11y(visitor);
  // Nobody but the visitor hears of it before the address is confirmed.
  expect(readMails(world.dataDir).filter((m) => m.to.includes(ORGANISATION_EMAIL))).toEqual([]);

  // ——— Confirms through the link in the mail. ———
  const confirmation = await waitForNewestMail(world.dataDir, (m) => m.to.includes(VOLUNTEER.email) && m.subject.startsWith('Bitte bestätigen Sie Ihre Anfrage'));
  expect(confirmation.subject).toContain(OFFER);
  await visitor.goto(linkInMail(confirmation, '/vermittlungen/bestaetigen/'));
  await checkA11y(visitor);
  await visitor.getByRole('button', { name: 'Anfrage jetzt bestätigen' }).click();
  await arriveAt(visitor, /\/vermittlungen\/[0-9a-f-]{36}\?zugang=/);
  await checkA11y(visitor);
  const placementPath = new URL(visitor.url()).pathname;
  const volunteerLink = pathOf(visitor);
  expect(await visitor.locator('strong.tag').innerText()).toBe('angefragt');

  // ——— The organisation gets the inquiry by mail, logs in from its link and answers. ———
  const inquiry = await waitForNewestMail(world.dataDir, (m) => m.to.includes(ORGANISATION_EMAIL) && m.subject === `Neue Anfrage: ${OFFER}`);
  const organisation = await person();
  await organisation.goto(linkInMail(inquiry, '/vermittlungen/'));
  await arriveAt(organisation, /\/anmelden\?weiter=/);
  await checkAndLogIn(organisation, ORGANISATION_EMAIL);
  await arriveAt(organisation, (url) => url.pathname === placementPath);
  await checkA11y(organisation);
  expect(await organisation.locator('main').innerText()).toContain(VOLUNTEER.name);
  await organisation.getByLabel('Neue Nachricht').fill(ANSWER);
  await organisation.getByRole('button', { name: 'Nachricht senden' }).click();
  await arriveAt(organisation, /hinweis=message/);
  await checkA11y(organisation);
  await organisation.getByLabel('Neuer Stand').selectOption({ label: 'vermittelt' });
  await organisation.getByLabel('Notiz zum Stand').fill('Startet am Montag in der Hausaufgabenhilfe');
  await organisation.getByRole('button', { name: 'Stand speichern' }).click();
  await arriveAt(organisation, /hinweis=status/);
  await checkA11y(organisation);
  expect(await organisation.locator('strong.tag').innerText()).toBe('vermittelt');

  // Its own list of inquiries, reached from "Meine Organisationen", shows the placement too.
  await organisation.goto('/meine-organisationen');
  await checkA11y(organisation);
  await organisation.getByRole('link', { name: 'Anfragen an meine Organisationen' }).click();
  await arriveAt(organisation, /\/meine-organisationen\/vermittlungen$/);
  await checkA11y(organisation);
  // The demo's history holds earlier placements for the same offer: the row is the one linking to this placement.
  const ownRow = organisation.locator('tbody tr', { has: organisation.locator(`a[href="${placementPath}"]`) });
  // The kit's table heads each row with a th; the state is one of the row's cells.
  expect(await ownRow.locator('th, td').allInnerTexts()).toContain('vermittelt');

  // The volunteer is told, and sees the answer behind the private link.
  await waitForNewestMail(world.dataDir, (m) => m.to.includes(VOLUNTEER.email) && m.subject === `Neuer Stand Ihrer Anfrage: ${OFFER}`);
  await visitor.goto(volunteerLink);
  expect(await visitor.locator('strong.tag').innerText()).toBe('vermittelt');
  expect(await visitor.locator('.messages').innerText()).toContain(ANSWER);

  // ——— The network office finds the placement with its response time. ———
  const office = await person();
  await office.goto('/anmelden');
  await checkAndLogIn(office, OFFICE_EMAIL);
  await office.goto('/netzwerk/gems');
  await office.locator('header').getByRole('link', { name: 'Verwaltung' }).click();
  await arriveAt(office, /\/netzwerk\/gems\/verwaltung$/);
  await checkA11y(office);
  await office.locator('main').getByRole('link', { name: 'Vermittlungen', exact: true }).first().click();
  await arriveAt(office, /\/netzwerk\/gems\/verwaltung\/vermittlungen$/);
  await checkA11y(office);
  await office.getByLabel('Stand', { exact: true }).selectOption({ label: 'vermittelt' });
  await office.getByRole('button', { name: 'Anzeigen' }).click();
  await arriveAt(office, /status=placed/);
  await checkA11y(office);
  const row = office.locator('tbody tr', { has: office.locator(`a[href="${placementPath}"]`) });
  expect(await row.count()).toBe(1);
  const cells = await row.locator('th, td').allInnerTexts();
  // Subject, organisation, municipality, status, requested, age, response time.
  expect(cells.slice(0, 4)).toEqual([OFFER, 'Bürgerverein Delitzsch-Nord e. V.', 'Delitzsch', 'vermittelt']);
  expect(cells[6]).toMatch(/^\d+ Min\.$/);
  expect(await office.locator('main').innerText()).toMatch(/Reaktionszeit \(Median\): .+ beantwortete von \d+ Vermittlungen/);
  await row.getByRole('link', { name: OFFER }).click();
  await arriveAt(office, (url) => url.pathname === placementPath);
  await checkA11y(office);
  expect(await office.locator('main').innerText()).toContain(ANSWER);
}, 420_000);

test('the same search and inquiry work without JavaScript, by keyboard alone', async () => {
  // axe runs inside the page and needs JavaScript; the first test checks these pages with it.
  const page = await world.person({ javaScriptEnabled: false });
  const email = `lena.vogt.${Date.now()}@beispiel.de`;
  /** Tabs forward until an element matching `selector` (and with `text`, when given) has the focus. */
  async function tabTo(selector: string, limit = 60, text?: string) {
    for (let i = 0; i < limit; i++) {
      const focused = await page.evaluate(
        ([s, want]) => {
          const element = document.activeElement;
          return !!element?.matches(s) && (want === undefined || element.textContent?.trim() === want);
        },
        [selector, text] as const,
      );
      if (focused) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`${selector} not reached by Tab on ${pathOf(page)}`);
  }

  await page.goto('/angebote');
  await tabTo('#f-q');
  await page.keyboard.type('Hausaufgaben');
  await tabTo('input[name="ort"]');
  await page.keyboard.type('Delitzsch');
  await tabTo('select[name="umkreis"]');
  await page.locator('select[name="umkreis"]').selectOption({ label: '10 km' });
  // Without JavaScript the position button stays hidden: the next stop is the form's own button.
  await tabTo('main form button[type="submit"]', 3);
  await Promise.all([page.waitForURL(/[?&]q=Hausaufgaben/), page.keyboard.press('Enter')]);
  expect(await page.locator('#trefferzahl').innerText()).toMatch(/^\d+ Angebote gefunden im Umkreis von 10 km um Delitzsch$/);

  // The filters sit in a <details>: Enter opens it, Space ticks the box, the form's own button applies them.
  await tabTo('#filter summary');
  await page.keyboard.press('Enter');
  await tabTo('input[type="checkbox"][value="schule"]');
  await page.keyboard.press('Space');
  await tabTo('#filter button[type="submit"]');
  await Promise.all([page.waitForURL(/[?&]feld=schule/), page.keyboard.press('Enter')]);
  expect(await page.locator('#trefferzahl').innerText()).toMatch(/^\d+ Angebote? gefunden im Umkreis von 10 km um Delitzsch$/);

  await tabTo('#ergebnisse a', 60, OFFER);
  await Promise.all([page.waitForURL(/\/angebote\/[0-9a-f-]{36}$/), page.keyboard.press('Enter')]);
  await tabTo('main a', 60, 'Ich möchte helfen');
  await Promise.all([page.waitForURL(/\/anfragen$/), page.keyboard.press('Enter')]);

  // Sent once without consent: the form comes back with the input kept and the field marked.
  await tabTo('input[name="name"]');
  await page.keyboard.type('Lena Vogt');
  await tabTo('input[name="email"]');
  await page.keyboard.type(email);
  await tabTo('textarea');
  await page.keyboard.type('Ich studiere Grundschullehramt und hätte dienstags Zeit.');
  await tabTo('main button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForLoadState();
  expect(await page.locator('input[name="name"]').inputValue()).toBe('Lena Vogt');
  expect(await page.locator('#f-consent').getAttribute('aria-invalid')).toBe('true');
  await tabTo('#f-consent');
  await page.keyboard.press('Space');
  await tabTo('main button[type="submit"]');
  await Promise.all([page.waitForURL(/\/anfragen\/gesendet$/), page.keyboard.press('Enter')]);
  const confirmation = await waitForNewestMail(world.dataDir, (m) => m.to.includes(email) && m.subject.startsWith('Bitte bestätigen Sie Ihre Anfrage'));
  expect(confirmation.subject).toContain(OFFER);
}, 120_000);
