import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { freePort } from '../test/cli.ts';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database, type Db } from '../src/platform/db.ts';
import { networks } from '../src/platform/networks/schema.ts';
import { memberships, type Role } from '../src/platform/roles/schema.ts';
import { confirmEmail, registerAccount } from '../src/modules/accounts/commands.ts';
import { seedDemoNetworks } from '../src/modules/networks/demo.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface RunningServer {
  url: string;
  dataDir: string;
  /** Everything the server printed so far; shown when something goes wrong. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the real server (`src/main.ts start`) as its own process on an empty embedded database with the demo
 * networks, so the browser sees exactly what an operator gets after `npm start`.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  // A caller that prepared its own data folder keeps it (and reads its mail there); otherwise one is made and removed.
  const ownDataDir = !env.DATA_DIR;
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/main.ts', 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO: 'true',
      LOG_LEVEL: 'warn',
      PUBLIC_URL: url,
      // The suite must not pick up a developer's own settings.
      DATABASE_URL: '',
      SMTP_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // At LOG_LEVEL=warn the server prints only what deserves attention: pass it on, so a 500 explains itself.
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    process.stderr.write(chunk.toString().replace(/^(?=.)/gm, '[server] '));
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const server: RunningServer = {
    url,
    dataDir,
    output: () => output,
    stop: () => stopChild(child, ownDataDir ? dataDir : null),
  };
  try {
    await waitUntilReady(url, child, () => output);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string, timeoutMs = 150_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${output()}`);
}

async function stopChild(child: ChildProcess, dataDir: string | null): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * The test's database while no server holds it (the embedded one admits one user at a time): embedded in
 * `dataDir`, or at `databaseUrl`.
 */
export async function withDatabase<T>(dataDir: string, work: (database: Database) => Promise<T>, databaseUrl?: string): Promise<T> {
  const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: path.join(dataDir, 'db') });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

export interface TestPostgres {
  url: string;
  drop(): Promise<void>;
}

/**
 * With TEST_DATABASE_URL set, a fresh database on that PostgreSQL server for one test file (`drop` removes
 * it); without, nothing, and the embedded database in the data folder serves.
 */
export async function testPostgres(): Promise<TestPostgres | undefined> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return undefined;
  const name = `mmn_e2e_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(serverUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** A confirmed account with a password, made through the accounts module's own commands; returns its id. */
export async function confirmedAccount(db: Db, name: string, email: string, password: string): Promise<string> {
  const now = new Date();
  const registered = await registerAccount(db, { name, email, password, locale: 'de' }, now);
  if (!registered.ok) throw new Error(`account ${email} not registered`);
  const confirmed = await confirmEmail(db, { secret: registered.token, previousSessionId: null }, now);
  if (!confirmed.ok) throw new Error(`account ${email} not confirmed`);
  return registered.userId;
}

/**
 * A confirmed account with `role` in the demo network `networkSlug`: roles are given by invitation mail in the
 * app, the set-up grants the accepted role directly. Returns the account's id.
 */
export async function demoRoleAccount(
  db: Db,
  role: Role,
  account: { name: string; email: string; password: string },
  networkSlug = 'gems',
): Promise<string> {
  const [network] = await db.select().from(networks).where(eq(networks.slug, networkSlug));
  if (!network) throw new Error(`demo network ${networkSlug} missing`);
  const userId = await confirmedAccount(db, account.name, account.email, account.password);
  await db.insert(memberships).values({ networkId: network.id, userId, role });
  return userId;
}

export interface DemoWorld {
  server: RunningServer;
  browser: Browser;
  /** The server's data folder: the embedded database and the outbox (`readMails`). */
  dataDir: string;
  /** A new browser window with its own cookies on the server: one per person. */
  person(options?: BrowserContextOptions): Promise<Page>;
  /** Closes the browser, stops the server, drops the PostgreSQL database and removes the data folder. */
  close(): Promise<void>;
}

/**
 * The demo networks with their content as `npm start` seeds them, on the embedded database or, with
 * TEST_DATABASE_URL set, on a fresh database of that PostgreSQL server; `prepare` adds what the story needs
 * before the real server starts on it; then a browser. Each module's own demo part is seeded only when the
 * test file has loaded the module list (`import '../src/modules/index.ts'`).
 */
export async function demoWorld(name: string, prepare: (db: Db) => Promise<void> = async () => {}): Promise<DemoWorld> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `mmn-e2e-${name}-`));
  const postgres = await testPostgres();
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server?.stop();
    await postgres?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await withDatabase(
      dataDir,
      async (database) => {
        await database.migrate();
        if (!(await seedDemoNetworks(database.db, { content: true }))) throw new Error('demo networks not seeded');
        await prepare(database.db);
      },
      postgres?.url,
    );
    server = await startServer({ DATA_DIR: dataDir, ...(postgres ? { DATABASE_URL: postgres.url } : {}) });
    browser = await launchBrowser();
  } catch (error) {
    await close();
    throw error;
  }
  const running = { server, browser };
  return { ...running, dataDir, close, person: (options) => newPerson(running.browser, running.server.url, options) };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/**
 * Debian's Chromium, headless. playwright-core's launch() gives every browser a new, empty temporary profile
 * (user-data dir) and removes it on close, so no state leaks between runs.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install Debian's chromium or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * A new browser window with its own cookies: one per person. The browser's close() closes it too.
 * `timeoutMs` is how long a step waits for an element (navigation waits 30 s).
 */
export async function newPerson(browser: Browser, baseURL: string, options: BrowserContextOptions = {}, timeoutMs = 10_000): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'de-DE', ...options });
  context.setDefaultTimeout(timeoutMs);
  context.setDefaultNavigationTimeout(30_000);
  return context.newPage();
}

/** The page's path and query, as links in the app write them. */
export function pathOf(page: Page): string {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

/** Waits for the page at `pattern`; when it does not come, says where the browser is and what the page shows. */
export async function arriveAt(page: Page, pattern: string | RegExp | ((url: URL) => boolean)): Promise<void> {
  try {
    await page.waitForURL(pattern);
  } catch (error) {
    const text = await page.locator('main').innerText().catch(() => '(no main)');
    throw new Error(`expected ${String(pattern)}, still at ${pathOf(page)}:\n${text.slice(0, 1500)}`, { cause: error });
  }
}

/** Signs in on the login form the page shows now. */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.locator('main').getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForLoadState();
}

/**
 * axe at phone width and at desktop width; the page is left at desktop width. With `screenshot` (a path
 * without extension), the whole page is also saved at each width, as `<screenshot>-phone.png` and `<screenshot>.png`.
 */
export async function checkBothWidths(page: Page, options: { screenshot?: string } = {}): Promise<void> {
  await page.setViewportSize(PHONE);
  await checkA11y(page);
  if (options.screenshot) await page.screenshot({ path: `${options.screenshot}-phone.png`, fullPage: true });
  await page.setViewportSize(DESKTOP);
  await checkA11y(page);
  if (options.screenshot) await page.screenshot({ path: `${options.screenshot}.png`, fullPage: true });
}

const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe on the page as it is now; fails on every serious or critical violation, listing them all. */
export async function checkA11y(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  const grave = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (grave.length === 0) return;
  const report = grave
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    at ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '';
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
  throw new Error(`Accessibility violations on ${page.url()}:\n${report}`);
}

export interface Mail {
  file: string;
  to: string;
  subject: string;
  text: string;
}

/** Every .eml file of the embedded outbox (DATA_DIR/mail), oldest first, decoded. */
export function readMails(dataDir: string): Mail[] {
  const dir = path.join(dataDir, 'mail');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.eml'))
    .sort()
    .map((file) => ({ file, ...parseMail(fs.readFileSync(path.join(dir, file), 'utf8')) }));
}

/** Waits for the newest mail that matches (mail goes through the job queue, so it arrives a moment later). */
export async function waitForNewestMail(
  dataDir: string,
  match: (mail: Mail) => boolean,
  timeoutMs = 20_000,
): Promise<Mail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = readMails(dataDir).filter(match).at(-1);
    if (found) return found;
    if (Date.now() > until) {
      const seen = readMails(dataDir).map((m) => `  ${m.to}: ${m.subject}`).join('\n') || '  (none)';
      throw new Error(`expected mail did not arrive within ${timeoutMs} ms; outbox has:\n${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The path (and query) of the first link in the mail whose path starts with `prefix`. */
export function linkInMail(mail: Mail, prefix: string): string {
  for (const raw of mail.text.match(/https?:\/\/[^\s<>"]+/g) ?? []) {
    const link = new URL(raw.replace(/[.,;)]+$/, ''));
    if (link.pathname.startsWith(prefix)) return link.pathname + link.search;
  }
  throw new Error(`no link to ${prefix}… in mail "${mail.subject}":\n${mail.text}`);
}

export function parseMail(raw: string): { to: string; subject: string; text: string } {
  const source = raw.replace(/\r\n/g, '\n');
  const split = source.indexOf('\n\n');
  const head = split === -1 ? source : source.slice(0, split);
  const body = split === -1 ? '' : source.slice(split + 2);
  const headers = parseHeaders(head);
  const type = headers.get('content-type') ?? 'text/plain';
  let text: string;
  const boundary = /multipart\//i.test(type) ? type.match(/boundary="?([^";]+)"?/i)?.[1] : undefined;
  if (boundary) {
    // Prefer the plain-text part of a multipart message.
    const parts = body.split(`--${boundary}`).slice(1, -1).map((part) => parseMail(part.replace(/^\n/, '')));
    text = parts.map((p) => p.text).join('\n');
  } else {
    text = decodeBody(body, headers.get('content-transfer-encoding') ?? '', charsetOf(type));
  }
  return { to: decodeWords(headers.get('to') ?? ''), subject: decodeWords(headers.get('subject') ?? ''), text };
}

function parseHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function charsetOf(contentType: string): BufferEncoding {
  const charset = contentType.match(/charset="?([^";]+)"?/i)?.[1]?.toLowerCase();
  return charset === 'iso-8859-1' || charset === 'latin1' ? 'latin1' : 'utf8';
}

function decodeBody(body: string, encoding: string, charset: BufferEncoding): string {
  if (/quoted-printable/i.test(encoding)) return quotedPrintable(body).toString(charset);
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s/g, ''), 'base64').toString(charset);
  return body;
}

function quotedPrintable(text: string): Buffer {
  const unwrapped = text.replace(/=\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < unwrapped.length; i++) {
    const hex = unwrapped.slice(i + 1, i + 3);
    if (unwrapped[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(unwrapped[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words, e.g. =?UTF-8?Q?Bitte_best=C3=A4tigen?= or =?UTF-8?B?...?=. */
export function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([qQbB])\?([^?]*)\?=/g, (_match, charset: string, kind: string, data: string) => {
      const encoding: BufferEncoding = /^(iso-8859-1|latin1)$/i.test(charset) ? 'latin1' : 'utf8';
      if (kind.toLowerCase() === 'b') return Buffer.from(data, 'base64').toString(encoding);
      return quotedPrintable(data.replace(/_/g, ' ')).toString(encoding);
    });
}
