import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkA11y, launchBrowser, startServer, type RunningServer } from './harness.ts';
import { openDatabase } from '../src/platform/db.ts';
import { seedDemoNetworks } from '../src/modules/networks/demo.ts';
import { municipalities, networks } from '../src/modules/networks/schema.ts';
import { organisations } from '../src/modules/organisations/schema.ts';
import { offers } from '../src/modules/offers/schema.ts';
import { events } from '../src/modules/events/schema.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../docs/screenshots');
const HOST_FONT = 'Georgia, serif';
const HOST_COLOUR = 'rgb(20, 70, 30)';

let dataDir: string;
let server: RunningServer;
let host: http.Server;
let hostUrl: string;
let browser: Browser;
let context: BrowserContext;
const ids: Record<string, string> = {};

/**
 * The server's embedded database, filled before it starts (it holds the database alone while it runs):
 * the demo networks, one organisation in Krostitz and its offers, one of them a draft.
 */
async function prepareDatabase(dir: string) {
  const database = await openDatabase({ dataDir: path.join(dir, 'db') });
  try {
    await database.migrate();
    const db = database.db;
    await seedDemoNetworks(db);
    const [gems] = await db.select().from(networks).where(eq(networks.slug, 'gems'));
    const [krostitz] = await db.select().from(municipalities).where(eq(municipalities.name, 'Krostitz'));
    if (!gems || !krostitz) throw new Error('demo region missing');
    const [org] = await db
      .insert(organisations)
      .values({ networkId: gems.id, municipalityId: krostitz.id, name: 'Heimatverein Krostitz e. V.', status: 'verified' })
      .returning();
    if (!org) throw new Error('organisation missing');
    ids.organisation = org.id;
    const now = Date.now();
    const offer = async (title: string, values: Partial<typeof offers.$inferInsert> = {}) => {
      const [row] = await db
        .insert(offers)
        .values({
          networkId: gems.id,
          organisationId: org.id,
          municipalityId: krostitz.id,
          title,
          summary: 'Einmal in der Woche.',
          field: 'schule',
          status: 'published',
          publishedAt: new Date(now - Object.keys(ids).length * 60_000),
          expiresAt: new Date(now + 90 * 86_400_000),
          lat: krostitz.lat,
          lng: krostitz.lng,
          ...values,
        })
        .returning();
      if (!row) throw new Error('offer missing');
      return row.id;
    };
    ids.first = await offer('Lesepatin in der Grundschule');
    ids.second = await offer('Hausaufgabenhilfe am Nachmittag');
    ids.third = await offer('Schulgarten pflegen');
    ids.other = await offer('Streuobstwiese', { field: 'umwelt' });
    ids.draft = await offer('Geheimer Entwurf', { status: 'draft', publishedAt: null });
    // Events: one upcoming in Krostitz, one online (its link must never show), one elsewhere.
    const event = (title: string, days: number, values: Partial<typeof events.$inferInsert> = {}) => ({
      networkId: gems.id,
      kind: 'network_meeting' as const,
      status: 'published' as const,
      title,
      startsAt: new Date(now + days * 86_400_000),
      endsAt: new Date(now + days * 86_400_000 + 7_200_000),
      place: 'Rathaus Krostitz',
      municipalityId: krostitz.id,
      ...values,
    });
    const [meeting] = await db
      .insert(events)
      .values([
        event('Vereinsstammtisch Krostitz', 4),
        event('Online-Sprechstunde', 6, { mode: 'online', place: '', onlineUrl: 'https://meet.example/geheim-widget', municipalityId: null }),
        event('Entwurfstreffen', 5, { status: 'draft' }),
      ])
      .returning();
    ids.event = meeting!.id;
  } finally {
    await database.close();
  }
}

function hostPage(body: string, policy?: string): { html: string; policy?: string | undefined } {
  const html = `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>Gemeinde Krostitz – Engagement</title>
<link rel="stylesheet" href="/host.css"></head>
<body><header><p>Gemeinde Krostitz</p></header><main><h1>Engagement in Krostitz</h1>${body}</main></body>
</html>`;
  return { html, policy };
}

/** A municipality's website on another origin (another port), with its own font and colour. */
function startHost(): Promise<void> {
  const widget = (attrs: string) => `<script src="${server.url}/widget.js" ${attrs}></script>`;
  const pages: Record<string, { html: string; policy?: string | undefined }> = {
    '/': hostPage(widget('data-network="gems" data-municipality="Krostitz" data-field="schule" data-limit="2"')),
    // A strict policy: no inline styles at all, scripts and requests only to the platform.
    '/streng': hostPage(
      widget('data-network="gems" data-municipality="krostitz" data-theme="dark"'),
      `default-src 'self'; script-src ${server.url}; connect-src ${server.url}; style-src 'self'`,
    ),
    '/termine': hostPage(widget('data-kind="events" data-network="gems" data-municipality="Krostitz"')),
    '/alle-termine': hostPage(widget('data-kind="events" data-network="gems" data-theme="dark"')),
    '/fehler': hostPage(widget('data-network="gems" data-municipality="Atlantis"')),
    '/falsch': hostPage(widget('data-network="gems" data-limit="viele"')),
    '/rahmen': hostPage(
      `<iframe src="${server.url}/widget/angebote?netzwerk=gems&amp;kommune=Krostitz&amp;feld=schule" title="Engagement-Angebote in Krostitz" width="600" height="320"></iframe>`,
    ),
  };
  host = http.createServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/host.css') {
      response.writeHead(200, { 'content-type': 'text/css' });
      response.end(`body{font-family:${HOST_FONT};color:${HOST_COLOUR};background:#fff}`);
      return;
    }
    if (url === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const page = pages[url];
    if (!page) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...(page.policy ? { 'content-security-policy': page.policy } : {}) });
    response.end(page.html);
  });
  return new Promise((resolve) =>
    host.listen(0, '127.0.0.1', () => {
      const address = host.address();
      hostUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      resolve();
    }),
  );
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-e2e-widget-'));
  await prepareDatabase(dataDir);
  server = await startServer({ DATA_DIR: dataDir });
  await startHost();
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'de-DE' });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (host ? host.close(resolve) : resolve(undefined)));
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Opens a page and collects what the browser complains about (CSP violations, failed requests, script errors). */
async function open(url: string): Promise<{ page: Page; complaints: string[] }> {
  const page = await context.newPage();
  const complaints: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') complaints.push(message.text());
  });
  page.on('pageerror', (error) => complaints.push(error.message));
  const response = await page.goto(url);
  expect(response?.status(), `status of ${url}`).toBe(200);
  return { page, complaints };
}

describe('the script on another origin', () => {
  test('renders the current offers of Krostitz in the host page’s font and colour, accessibly', async () => {
    expect(new URL(hostUrl).origin).not.toBe(new URL(server.url).origin);
    const { page, complaints } = await open(`${hostUrl}/`);
    const widget = page.locator('.mitmachnetz-widget');
    await expect.poll(() => widget.getByRole('listitem').count(), { timeout: 15_000 }).toBe(2);
    const links = widget.getByRole('list').getByRole('link');
    expect(await links.allInnerTexts()).toEqual(['Lesepatin in der Grundschule', 'Hausaufgabenhilfe am Nachmittag']);
    expect(await links.first().getAttribute('href')).toBe(`${server.url}/angebote/${ids.first}`);
    expect(await widget.getByRole('heading', { level: 2 }).innerText()).toBe('Mitmachen in Krostitz');
    expect(await page.content()).not.toContain('Geheimer Entwurf');
    expect(await widget.innerText()).not.toContain('Streuobstwiese');

    // Inside a Shadow DOM: the host's styles do not reach in, but font and colour are inherited.
    const style = await links.first().evaluate((a) => {
      const computed = getComputedStyle(a);
      return { font: computed.fontFamily, colour: computed.color, inShadow: a.getRootNode() instanceof ShadowRoot };
    });
    expect(style).toEqual({ font: HOST_FONT, colour: HOST_COLOUR, inShadow: true });

    await links.first().focus();
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('mitmachnetz-widget');
    await checkA11y(page);
    expect(complaints).toEqual([]);

    // Nothing kept: no cookie for either origin, nothing in the host's storage.
    expect(await context.cookies([hostUrl, server.url])).toEqual([]);
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.setViewportSize({ width: 800, height: 420 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'widget-script.png') });
    await page.close();
  });

  test('works under a strict Content-Security-Policy of the host, with the dark theme', async () => {
    const { page, complaints } = await open(`${hostUrl}/streng`);
    const widget = page.locator('.mitmachnetz-widget');
    // Every field, five by default: the four published offers.
    await expect.poll(() => widget.getByRole('listitem').count(), { timeout: 15_000 }).toBe(4);
    const computed = await widget.getByRole('list').evaluate((ul) => {
      const host = (ul.getRootNode() as ShadowRoot).host;
      return { listStyle: getComputedStyle(ul).listStyleType, background: getComputedStyle(host).backgroundColor };
    });
    expect(computed).toEqual({ listStyle: 'none', background: 'rgb(28, 28, 28)' });
    await checkA11y(page);
    expect(complaints).toEqual([]);
    await page.close();
  });

  test.each([
    ['/fehler', 'Die Angebote können nicht angezeigt werden: eine Kommune dieses Namens gibt es im Netzwerk nicht.'],
    ['/falsch', 'Die Angebote können nicht angezeigt werden: data-limit fehlt oder ist ungültig (siehe Anleitung).'],
  ])('%s: a wrong setting shows a visible, polite message instead of the list', async (url, message) => {
    const { page } = await open(`${hostUrl}${url}`);
    const status = page.locator('.mitmachnetz-widget').getByRole('status');
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toBe(message);
    expect(await page.locator('.mitmachnetz-widget').getByRole('listitem').count()).toBe(0);
    await checkA11y(page);
    await page.close();
  });
});

describe('the script with events', () => {
  test('lists the upcoming events of Krostitz with date and place, never a draft or an online link', async () => {
    const { page, complaints } = await open(`${hostUrl}/termine`);
    const widget = page.locator('.mitmachnetz-widget');
    await expect.poll(() => widget.getByRole('listitem').count(), { timeout: 15_000 }).toBe(1);
    expect(await widget.getByRole('heading', { level: 2 }).innerText()).toBe('Veranstaltungen in Krostitz');
    const link = widget.getByRole('list').getByRole('link');
    expect(await link.innerText()).toBe('Vereinsstammtisch Krostitz');
    expect(await link.getAttribute('href')).toBe(`${server.url}/netzwerk/gems/veranstaltungen/${ids.event}`);
    expect(await widget.getByRole('listitem').innerText()).toMatch(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} · Rathaus Krostitz, Krostitz/);
    await checkA11y(page);
    expect(complaints).toEqual([]);
    await page.setViewportSize({ width: 800, height: 360 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'events-widget.png') });
    await page.close();

    const all = await open(`${hostUrl}/alle-termine`);
    const list = all.page.locator('.mitmachnetz-widget');
    await expect.poll(() => list.getByRole('listitem').count(), { timeout: 15_000 }).toBe(2);
    const text = await list.getByRole('list').innerText();
    expect(text).toContain('Online-Sprechstunde');
    expect(text).toMatch(/Online-Sprechstunde\s+\S+, \d{2}:\d{2} · online/);
    expect(await all.page.content()).not.toContain('meet.example');
    expect(text).not.toContain('Entwurfstreffen');
    await checkA11y(all.page);
    expect(all.complaints).toEqual([]);
    await all.page.close();
  });
});

describe('the frame for sites without scripts', () => {
  test('renders inside the host page, sets no cookie and passes axe', async () => {
    const { page, complaints } = await open(`${hostUrl}/rahmen`);
    const frame = page.frameLocator('iframe');
    await expect.poll(() => frame.getByRole('listitem').count(), { timeout: 15_000 }).toBe(3);
    expect(await frame.getByRole('heading', { level: 1 }).innerText()).toBe('Mitmachen in Krostitz');
    expect(await frame.getByRole('link', { name: 'Lesepatin in der Grundschule' }).getAttribute('target')).toBe('_top');
    expect(await frame.locator('body').innerText()).not.toContain('Geheimer Entwurf');
    await checkA11y(page);
    expect(complaints).toEqual([]);
    expect(await context.cookies([hostUrl, server.url])).toEqual([]);
    await page.close();
  });
});

describe('structured data and the API pages in the browser', () => {
  test('the offer page carries its JobPosting as a data block the CSP does not complain about', async () => {
    const { page, complaints } = await open(`${server.url}/angebote/${ids.first}`);
    const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
    expect(blocks).toHaveLength(1);
    expect(JSON.parse(blocks[0] ?? '')).toMatchObject({ '@type': 'JobPosting', employmentType: 'VOLUNTEER', title: 'Lesepatin in der Grundschule' });
    expect(await page.locator('meta[property="og:type"]').getAttribute('content')).toBe('article');
    await checkA11y(page);
    expect(complaints).toEqual([]);
    await page.close();
  });

  test('the API documentation page passes axe and fits a phone', async () => {
    const own = await browser.newContext({ locale: 'de-DE', viewport: { width: 390, height: 844 } });
    const page = await own.newPage();
    expect((await page.goto(`${server.url}/api`))?.status()).toBe(200);
    expect(await page.locator('h1').count()).toBe(1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal overflow of /api at 390px').toBeLessThanOrEqual(0);
    await checkA11y(page);
    await own.close();
  });
});

