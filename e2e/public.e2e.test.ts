import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkA11y, launchBrowser, startServer, type RunningServer } from './harness.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../docs/screenshots');
const GEMS = 'GEMS – gemeinsam engagiert macht stark';
const WEISSWASSER = 'Engagierte Stadt Weißwasser/O.L.';
const GEMS_MUNICIPALITIES = [
  'Delitzsch',
  'Schkeuditz',
  'Taucha',
  'Jesewitz',
  'Krostitz',
  'Löbnitz',
  'Rackwitz',
  'Schönwölkau',
  'Wiedemar',
  'Zschepplin',
];

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let phone: BrowserContext;
const PHONE = { width: 390, height: 844 };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
  phone = await browser.newContext({ baseURL: server.url, locale: 'de-DE', viewport: PHONE });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(page: Page, url: string, status = 200) {
  const response = await page.goto(url);
  expect(response?.status(), `status of ${url}`).toBe(status);
  return response;
}

/** axe at phone width too: reflowed layouts (stacked tables, wrapped navigation) have their own findings. */
async function checkA11yOnPhone(url: string, status = 200) {
  const page = await phone.newPage();
  await open(page, url, status);
  await checkA11y(page);
  await page.close();
}

describe('public pages', () => {
  test('the home page lists both demo networks and passes axe', async () => {
    const page = await context.newPage();
    await open(page, '/');
    expect(await page.locator('h1').count()).toBe(1);
    const main = page.locator('main');
    expect(await main.getByRole('link', { name: GEMS }).count()).toBe(1);
    expect(await main.getByRole('link', { name: WEISSWASSER }).count()).toBe(1);
    await checkA11y(page);
    await checkA11yOnPhone('/');
    await page.close();
  });

  test('the GEMS network page shows its ten municipalities and passes axe', async () => {
    const page = await context.newPage();
    await open(page, '/');
    await page.getByRole('link', { name: GEMS }).click();
    await page.waitForURL('**/netzwerk/gems');
    expect(await page.locator('h1').innerText()).toBe(GEMS);
    const section = page.locator('section[aria-labelledby="kommunen"] li');
    const names = (await section.locator('strong').allInnerTexts()).map((n) => n.trim());
    expect(names).toHaveLength(10);
    expect([...names].sort()).toEqual([...GEMS_MUNICIPALITIES].sort());
    await checkA11y(page);
    await checkA11yOnPhone('/netzwerk/gems');
    await page.close();
  });

  test.each([
    ['/impressum', 'Impressum'],
    ['/datenschutz', 'Datenschutz'],
    ['/barrierefreiheit', 'Barrierefreiheit'],
    ['/netzwerk/gems/impressum', 'Impressum'],
    ['/netzwerk/gems/datenschutz', 'Datenschutz'],
    ['/netzwerk/gems/barrierefreiheit', 'Barrierefreiheit'],
  ])('%s has its heading and passes axe', async (url, heading) => {
    const page = await context.newPage();
    await open(page, url);
    expect(await page.locator('h1').innerText()).toContain(heading);
    await checkA11y(page);
    await checkA11yOnPhone(url);
    await page.close();
  });

  test('an unknown address answers 404 with an accessible page', async () => {
    const page = await context.newPage();
    await open(page, '/gibt-es-nicht', 404);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('a.skip-link').count()).toBe(1);
    await checkA11y(page);
    await checkA11yOnPhone('/gibt-es-nicht', 404);
    await page.close();
  });

  test.each(['/anmelden', '/registrieren'])('%s has a form and passes axe', async (url) => {
    const page = await context.newPage();
    await open(page, url);
    expect(await page.locator('main form').count()).toBeGreaterThan(0);
    await checkA11y(page);
    await checkA11yOnPhone(url);
    await page.close();
  });
});

describe('search on a phone', () => {
  test('without JavaScript the filters submit and the results still come first', async () => {
    const own = await browser.newContext({ baseURL: server.url, locale: 'de-DE', viewport: PHONE, javaScriptEnabled: false });
    const page = await own.newPage();
    await open(page, '/angebote?q=Hausaufgaben');
    await page.locator('#filter summary').click();
    await page.locator('#filter .filter-groups input[type=checkbox]').first().check();
    await Promise.all([page.waitForURL(/[?&](feld|zielgruppe|kommune|einsatz|wochentag|tageszeit|geeignet)=/), page.getByRole('button', { name: 'Filter anwenden' }).click()]);
    // The count comes before the filters (the first hit's place on the first screen is measured in search-german.e2e.test.ts).
    const countBox = await page.locator('#trefferzahl').boundingBox();
    expect(countBox!.y + countBox!.height, 'result count below the first screen after filtering').toBeLessThanOrEqual(PHONE.height);
    const firstHit = await page.locator('.hit h3').first().boundingBox();
    expect(firstHit!.y + firstHit!.height, 'first hit below the first screen after filtering').toBeLessThanOrEqual(PHONE.height);
    // The filters stay open (one is active) but below the results.
    expect(await page.locator('#filter').getAttribute('open')).not.toBeNull();
    expect(await page.locator('.filter-jump a').innerText()).toContain('1 aktiv');
    await own.close();
  });
});

describe('keyboard and language', () => {
  test('the first Tab focuses the skip link and Enter moves focus to the main content', async () => {
    const page = await context.newPage();
    await open(page, '/netzwerk/gems');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({
      className: document.activeElement?.className,
      visible: document.activeElement ? getComputedStyle(document.activeElement).visibility : '',
    }));
    expect(focused.className).toContain('skip-link');
    expect(focused.visible).toBe('visible');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('inhalt');
    await page.close();
  });

  test('the language switch turns the page English and the next page stays English', async () => {
    const own = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
    const page = await own.newPage();
    await open(page, '/netzwerk/gems');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL('**/netzwerk/gems');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('link', { name: 'Skip to content' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Imprint' }).click();
    await page.waitForURL('**/netzwerk/gems/impressum');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').innerText()).toBe('Imprint');
    await checkA11y(page);
    await own.close();
  });
});

describe('layouts and without JavaScript', () => {
  test.each([
    ['phone', 390, 844],
    ['desktop', 1280, 800],
  ])('%s screenshots of the home and GEMS pages', async (name, width, height) => {
    const own = await browser.newContext({ baseURL: server.url, locale: 'de-DE', viewport: { width, height } });
    const page = await own.newPage();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    for (const [url, file] of [
      ['/', `home-${name}.png`],
      ['/netzwerk/gems', `gems-${name}.png`],
    ] as const) {
      await open(page, url);
      // Nothing may stick out sideways: a horizontal scrollbar on a phone is a reflow failure (WCAG 1.4.10).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `horizontal overflow on ${url} at ${width}px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, file) });
    }
    await own.close();
  });

  test('pages render and links work with JavaScript disabled', async () => {
    const own = await browser.newContext({ baseURL: server.url, locale: 'de-DE', javaScriptEnabled: false });
    const page = await own.newPage();
    await open(page, '/');
    expect(await page.locator('main').getByRole('link', { name: WEISSWASSER }).count()).toBe(1);
    await page.locator('main').getByRole('link', { name: GEMS }).click();
    await page.waitForURL('**/netzwerk/gems');
    expect(await page.locator('section[aria-labelledby="kommunen"] li').count()).toBe(10);
    await page.getByRole('link', { name: 'Barrierefreiheit' }).click();
    await page.waitForURL('**/netzwerk/gems/barrierefreiheit');
    expect(await page.locator('h1').innerText()).toContain('Barrierefreiheit');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL('**/netzwerk/gems/barrierefreiheit');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.locator('a.brand').click();
    await page.waitForURL('**/netzwerk/gems');
    expect(await page.locator('h1').innerText()).toBe(GEMS);
    await own.close();
  });
});

/** Bytes on the wire for one resource when the client accepts compression like a browser does. */
function transferred(url: string): Promise<{ bytes: number; encoding: string; type: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () =>
          resolve({
            bytes,
            encoding: String(response.headers['content-encoding'] ?? 'none'),
            type: String(response.headers['content-type'] ?? ''),
          }),
        );
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

test('transferred size of the home page (reported, not asserted)', async () => {
  const page = await context.newPage();
  await open(page, '/');
  const stylesheets = await page.locator('link[rel="stylesheet"]').evaluateAll((links) =>
    links.map((l) => (l as HTMLLinkElement).href),
  );
  await page.close();
  const parts = [{ url: `${server.url}/`, ...(await transferred(`${server.url}/`)) }];
  for (const href of stylesheets) parts.push({ url: href, ...(await transferred(href)) });
  const total = parts.reduce((sum, p) => sum + p.bytes, 0);
  console.log(
    `Home page transfer: ${total} bytes\n` +
      parts.map((p) => `  ${new URL(p.url).pathname} ${p.bytes} bytes (content-encoding: ${p.encoding})`).join('\n'),
  );
  expect(parts[0]?.type).toContain('text/html');
  expect(stylesheets.length).toBeGreaterThan(0);
});
