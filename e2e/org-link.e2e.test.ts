import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { arriveAt, checkBothWidths, demoWorld, linkInMail, logIn, pathOf, waitForNewestMail, type DemoWorld } from './harness.ts';
import { offers } from '../src/modules/offers/schema.ts';
import { organisationMembers, organisations } from '../src/modules/organisations/schema.ts';

/*
 * Issue 12, finding 1, in a real browser against the real server with the demo content of `npm start`:
 * the demo organisations (like imported ones) have a contact address but no account. A visitor asks to
 * help; the organisation answers through the personal link in its "Neue Anfrage" mail, without an
 * account, and sets the placement to "vermittelt"; then it claims the organisation from that page,
 * confirms its address, sets a password and logs in. Every page passes axe at phone and desktop width.
 */

const OFFER = 'Hausaufgabenhilfe für Grundschulkinder';
const PASSWORD = 'Apfelbaum-im-Pfarrgarten-23';
const VOLUNTEER = { name: 'Jonas Richter', email: `jonas.richter.${Date.now()}@beispiel.de` };
const ANSWER = 'Hallo Herr Richter, wie schön! Passt Ihnen Dienstag um 15 Uhr im Bürgerhaus?';

let world: DemoWorld;
let offerId: string;
let contact: string;

beforeAll(async () => {
  // The demo networks as `npm start` seeds them; the organisation behind the offer has no account.
  world = await demoWorld('orglink', async (db) => {
    const [offer] = await db.select().from(offers).where(eq(offers.title, OFFER));
    if (!offer) throw new Error('demo offer missing');
    const members = await db.select().from(organisationMembers).where(eq(organisationMembers.organisationId, offer.organisationId));
    if (members.length > 0) throw new Error('the demo organisation should have no account');
    const [organisation] = await db.select().from(organisations).where(eq(organisations.id, offer.organisationId));
    offerId = offer.id;
    contact = (offer.contactEmail || organisation?.email || '').toLowerCase();
    if (!contact) throw new Error('the demo offer should have a contact address');
  });
});

afterAll(() => world?.close());

const person = (): Promise<Page> => world.person();

test('an organisation without an account answers through the link in its mail, places the volunteer, then claims the organisation and logs in', async () => {
  // ——— A visitor asks to help, without an account, and confirms by mail. ———
  const visitor = await person();
  expect((await visitor.goto(`/angebote/${offerId}`))?.status()).toBe(200);
  await checkBothWidths(visitor);
  await visitor.getByRole('link', { name: 'Ich möchte helfen' }).click();
  await arriveAt(visitor, /\/anfragen$/);
  await checkBothWidths(visitor);
  await visitor.getByLabel('Ihr Name').fill(VOLUNTEER.name);
  await visitor.getByLabel('Ihre E-Mail-Adresse').fill(VOLUNTEER.email);
  await visitor.getByLabel('Ihre Nachricht an die Organisation').fill('Ich studiere Lehramt und habe dienstags nachmittags Zeit.');
  await visitor.locator('#f-consent').check();
  await visitor.getByRole('button', { name: 'Anfrage senden' }).click();
  await arriveAt(visitor, /\/anfragen\/gesendet$/);
  await checkBothWidths(visitor);
  const confirmation = await waitForNewestMail(world.dataDir, (m) => m.to.includes(VOLUNTEER.email) && m.subject.startsWith('Bitte bestätigen Sie Ihre Anfrage'));
  await visitor.goto(linkInMail(confirmation, '/vermittlungen/bestaetigen/'));
  await checkBothWidths(visitor);
  await visitor.getByRole('button', { name: 'Anfrage jetzt bestätigen' }).click();
  await arriveAt(visitor, /\/vermittlungen\/[0-9a-f-]{36}\?zugang=/);
  await checkBothWidths(visitor);
  const placementPath = new URL(visitor.url()).pathname;
  const volunteerLink = pathOf(visitor);

  // ——— The organisation's contact answers through the link in its mail, without an account. ———
  const inquiry = await waitForNewestMail(world.dataDir, (m) => m.to.toLowerCase().includes(contact) && m.subject === `Neue Anfrage: ${OFFER}`);
  const link = linkInMail(inquiry, '/vermittlungen/');
  expect(link).toMatch(new RegExp(`^${placementPath}\\?zugang=`));
  const organisation = await person();
  await organisation.goto(link);
  await arriveAt(organisation, (url) => url.pathname === placementPath);
  await checkBothWidths(organisation);
  expect(await organisation.locator('main').innerText()).toContain(VOLUNTEER.name);
  await organisation.getByLabel('Neue Nachricht').fill(ANSWER);
  await organisation.getByRole('button', { name: 'Nachricht senden' }).click();
  await arriveAt(organisation, /hinweis=message/);
  await checkBothWidths(organisation);
  await organisation.getByLabel('Neuer Stand').selectOption({ label: 'vermittelt' });
  await organisation.getByLabel('Notiz zum Stand').fill('Start am Dienstag');
  await organisation.getByRole('button', { name: 'Stand speichern' }).click();
  await arriveAt(organisation, /hinweis=status/);
  await checkBothWidths(organisation);
  expect(await organisation.locator('strong.tag').innerText()).toBe('vermittelt');

  // The volunteer is told and sees the answer.
  await waitForNewestMail(world.dataDir, (m) => m.to.includes(VOLUNTEER.email) && m.subject === `Neuer Stand Ihrer Anfrage: ${OFFER}`);
  await visitor.goto(volunteerLink);
  expect(await visitor.locator('strong.tag').innerText()).toBe('vermittelt');
  expect(await visitor.locator('.messages').innerText()).toContain(ANSWER);

  // ——— From the same page, the contact claims the organisation. ———
  await organisation.getByRole('link', { name: 'Organisation übernehmen' }).click();
  await arriveAt(organisation, /\/uebernehmen\?zugang=/);
  await checkBothWidths(organisation);
  expect(await organisation.locator('main').innerText()).toContain(contact);
  await organisation.getByRole('button', { name: 'Bestätigungslink senden' }).click();
  await arriveAt(organisation, /hinweis=gesendet/);
  await checkBothWidths(organisation);
  const claim = await waitForNewestMail(world.dataDir, (m) => m.to.toLowerCase().includes(contact) && m.subject.startsWith('Organisation übernehmen'));
  await organisation.goto(linkInMail(claim, '/organisationen/uebernehmen/'));
  await checkBothWidths(organisation);
  await organisation.getByLabel('Ihr Name').fill('Sabine Krüger');
  await organisation.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await organisation.getByRole('button', { name: 'Organisation übernehmen' }).click();
  await organisation.waitForLoadState();
  await checkBothWidths(organisation);
  expect(await organisation.locator('h1').innerText()).toContain('Geschafft');

  // The personal link is spent now: the organisation answers with its account.
  await organisation.goto(link);
  expect(await organisation.locator('h1').innerText()).not.toContain(OFFER);

  // ——— It logs in with the new password and finds the placement among its inquiries. ———
  await organisation.goto('/anmelden');
  await checkBothWidths(organisation);
  await logIn(organisation, contact, PASSWORD);
  await organisation.goto('/meine-organisationen/vermittlungen');
  await checkBothWidths(organisation);
  // The demo's history holds earlier placements for the same offer: the row is the one linking to this placement.
  const row = organisation.locator('tbody tr', { has: organisation.locator(`a[href="${placementPath}"]`) });
  expect(await row.count()).toBe(1);
  expect(await row.innerText()).toContain('vermittelt');
  await organisation.goto(placementPath);
  await arriveAt(organisation, (url) => url.pathname === placementPath);
  await checkBothWidths(organisation);
  expect(await organisation.locator('.messages').innerText()).toContain(ANSWER);
}, 300_000);
