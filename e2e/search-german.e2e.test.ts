import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkA11y, launchBrowser, PHONE, startServer, type RunningServer } from './harness.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../docs/screenshots');

/*
 * The search understands German (issue 13), tried as a new user would on the demo: a phrase with a
 * filler word near a village, and a part of a compound.
 */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function searchFor(page: Page, words: string, place?: string): Promise<string[]> {
  const response = await page.goto('/angebote');
  expect(response?.status()).toBe(200);
  await page.fill('#f-q', words);
  if (place) {
    await page.fill('#f-ort', place);
    await page.selectOption('#f-umkreis', '25');
  }
  await Promise.all([page.waitForURL(/[?&]q=/), page.locator('.search-submit button[type="submit"]').click()]);
  return page.locator('.hit h3 a').allInnerTexts();
}

describe('German searches on the demo', () => {
  test('"mit Kindern arbeiten" near Krostitz lists the children\'s offers', async () => {
    const page = await context.newPage();
    const titles = await searchFor(page, 'mit Kindern arbeiten', 'Krostitz');
    // "arbeiten" is written in none of them: it no longer hides them.
    expect(titles).toEqual(
      expect.arrayContaining([
        'Vorlesepatin oder Vorlesepate in der Kita',
        'Mitarbeit bei den Kinderbibeltagen in den Herbstferien',
        'Übungsleiterin oder Übungsleiter für das Kinderturnen',
        'Hausaufgabenhilfe für Grundschulkinder',
      ]),
    );
    await checkA11y(page);
    await page.close();
  });

  test('"Pate" finds "Vorlesepatin oder Vorlesepate"', async () => {
    const page = await context.newPage();
    const titles = await searchFor(page, 'Pate');
    expect(titles).toContain('Vorlesepatin oder Vorlesepate in der Kita');
    await page.close();
  });

  test('a search with several words says when it shows partial matches, and marks them', async () => {
    const page = await context.newPage();
    await searchFor(page, 'Garten Kita');
    await expect.poll(() => page.locator('.hit .partial').count()).toBeGreaterThan(0);
    expect(await page.locator('.notice', { hasText: 'Nicht alle Angebote enthalten alle Ihre Suchwörter' }).count()).toBe(1);
    // The offer with both words comes first, unmarked.
    expect(await page.locator('.hit').first().locator('.partial').count()).toBe(0);
    await checkA11y(page);
    await page.close();
  });
});

describe('the search results on a phone', () => {
  // Issue 12, finding 9: the count and the first hit on the first screen, with and without JavaScript.
  test.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ])('%s the first hit is on the first screen at 390x844', async (_name, javaScriptEnabled) => {
    const own = await browser.newContext({ baseURL: server.url, locale: 'de-DE', viewport: PHONE, javaScriptEnabled });
    const page = await own.newPage();
    await searchFor(page, 'Hausaufgaben', 'Delitzsch');
    const first = await page.locator('.hit').first().boundingBox();
    const heading = await page.locator('.hit h3').first().boundingBox();
    expect(first, 'no hit shown').not.toBeNull();
    // The whole title of the first hit and the line below it are visible without scrolling.
    expect(heading!.y, 'first hit starts below the first screen').toBeGreaterThanOrEqual(0);
    expect(heading!.y + heading!.height + 24, 'first hit below the first screen').toBeLessThanOrEqual(PHONE.height);
    // Typed words sort by relevance, though the page the search started from listed the newest first.
    expect(await page.locator('#f-sort option:checked').innerText()).toBe('Relevanz');
    // The filters are folded away while none is ticked.
    expect(await page.locator('#filter').getAttribute('open')).toBeNull();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 'horizontal overflow').toBeLessThanOrEqual(0);
    // axe needs JavaScript in the page.
    if (javaScriptEnabled) {
      await page.screenshot({ path: path.join(SCREENSHOTS, 'search-phone.png') });
      await checkA11y(page);
    }
    await own.close();
  });
});
