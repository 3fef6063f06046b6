import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import type { ParsedMail } from 'mailparser';
import { inject } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildOptions } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase, type Database } from '../src/platform/db.ts';
import type { AppDeps } from '../src/platform/deps.ts';
import { closeDeps, createDeps } from '../src/platform/runtime.ts';
import { hashPassword } from '../src/platform/auth/passwords.ts';
import { createSession, SESSION_COOKIE } from '../src/platform/auth/sessions.ts';
import { users, type User } from '../src/modules/accounts/schema.ts';
import { membershipMunicipalities, memberships, type Role } from '../src/modules/roles/schema.ts';

export interface TestContext {
  app: FastifyInstance;
  deps: AppDeps;
  dataDir: string;
  /** Moves the app's clock; starts at the real time. */
  clock: { now: Date; advance(ms: number): void };
  close(): Promise<void>;
}

export const ENGINE = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** A fresh database copied from the run's migrated template. */
export async function openTestDatabase(): Promise<{ database: Database; url?: string; drop(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `mmn_t_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client(url);
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: target.toString(), poolSize: 5 });
    return {
      database,
      url: target.toString(),
      async drop() {
        await database.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-db-'));
  fs.cpSync(inject('pgliteTemplate'), dir, { recursive: true });
  const database = await openDatabase({ dataDir: dir });
  return {
    database,
    async drop() {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createTestApp(
  options: { env?: Record<string, string>; workers?: boolean; build?: BuildOptions } = {},
): Promise<TestContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-data-'));
  const { database, url, drop } = await openTestDatabase();
  const clock = {
    now: new Date(),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const config = loadConfig({
    DATA_DIR: dataDir,
    DEMO: 'false',
    COOKIE_SECRET: 'test-cookie-secret-that-is-long-enough-0123456789',
    ...(url ? { DATABASE_URL: url } : {}),
    ...options.env,
  });
  const deps = await createDeps(config, {
    database,
    workers: options.workers ?? false,
    clock: () => clock.now,
    pollingIntervalSeconds: 0.5,
  });
  const app = await buildApp(deps, options.build);
  await app.ready();
  return {
    app,
    deps,
    dataDir,
    clock,
    async close() {
      await app.close();
      await closeDeps(deps);
      await drop().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser stand-in: keeps cookies between requests and finds CSRF tokens in pages. */
export class Client {
  cookies = new Map<string, string>();
  lastCsrf = '';

  constructor(private app: FastifyInstance) {}

  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await this.app.inject({
      ...options,
      headers: { ...(cookie ? { cookie } : {}), ...(options.headers ?? {}) },
    });
    for (const c of response.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = response.body.match(/name="_csrf" value="([^"]+)"/);
    if (token?.[1]) this.lastCsrf = token[1];
    return response;
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.request({ method: 'GET', url, headers });
  }

  /** Loads `formPage` for a CSRF token (unless given), then posts the form as a browser would. */
  async submit(url: string, fields: Record<string, string | string[]>, formPage?: string) {
    if (formPage || !this.lastCsrf) await this.get(formPage ?? url);
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ _csrf: this.lastCsrf, ...fields })) {
      for (const value of Array.isArray(v) ? v : [v]) body.append(k, value);
    }
    return this.request({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
}

export interface OutboxMail {
  file: string;
  to: string;
  subject: string;
  text: string;
  raw: string;
}

/** Reads the .eml files the embedded mailer wrote, oldest first. */
export function readOutbox(dataDir: string): OutboxMail[] {
  const dir = path.join(dataDir, 'mail');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((file) => {
      const raw = fs.readFileSync(path.join(dir, file), 'utf8');
      return { file, raw, ...parseEml(raw) };
    });
}

export function parseEml(raw: string): { to: string; subject: string; text: string } {
  const [head = '', ...bodyParts] = raw.replace(/\r\n/g, '\n').split('\n\n');
  const unfolded = head.replace(/\n[ \t]+/g, ' ');
  const header = (name: string) => unfolded.match(new RegExp(`^${name}: (.*)$`, 'mi'))?.[1]?.trim() ?? '';
  let text = bodyParts.join('\n\n');
  if (/quoted-printable/i.test(header('Content-Transfer-Encoding'))) {
    text = decodeQuotedPrintable(text);
  } else if (/base64/i.test(header('Content-Transfer-Encoding'))) {
    text = Buffer.from(text.replace(/\s/g, ''), 'base64').toString('utf8');
  }
  return { to: header('To'), subject: decodeWords(header('Subject')), text };
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
}

/** Waits until a mail matching `match` is in the outbox (the queue worker delivers asynchronously). */
export async function waitForMail(
  dataDir: string,
  match: (mail: OutboxMail) => boolean,
  timeoutMs = 15_000,
): Promise<OutboxMail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = readOutbox(dataDir).find(match);
    if (found) return found;
    if (Date.now() > until) throw new Error('expected mail did not arrive');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The outbox read in order: each call waits for the next mail to `to` (with this subject, if given) that
 * no earlier call returned, so a test walking a flow never reads an older mail twice.
 */
export function mailbox(dataDir: string): (to: string, subject?: string) => Promise<OutboxMail> {
  const seen = new Set<string>();
  return async (to, subject) => {
    const mail = await waitForMail(dataDir, (m) => !seen.has(m.file) && m.to.includes(to) && (subject === undefined || m.subject === subject));
    seen.add(mail.file);
    return mail;
  };
}

/** A mail the SMTP inbox received: as mailparser reads it, with the envelope's recipients. */
export interface ReceivedMail extends ParsedMail {
  envelopeTo: string[];
}

export interface SmtpInbox {
  port: number;
  /** `SMTP_URL` for `createTestApp`. */
  url: string;
  /** Every mail received, in the order of arrival. */
  mails: ReceivedMail[];
  /** The mails received so far for `address` (an envelope recipient). */
  to(address: string): ReceivedMail[];
  /**
   * Waits until at least `count` mails for `address` (and matching `where`, if given) are there, and returns
   * all of them in the order of arrival.
   */
  waitFor(address: string, count?: number, options?: { timeoutMs?: number; where?: (mail: ReceivedMail) => boolean }): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/**
 * A test app whose job workers run and whose mail goes to an in-process SMTP inbox (`smtpInbox`); closing the
 * app closes the inbox too.
 */
export async function createTestAppWithInbox(): Promise<{ ctx: TestContext; inbox: SmtpInbox }> {
  const inbox = await smtpInbox();
  const app = await createTestApp({ workers: true, env: { SMTP_URL: inbox.url } });
  const ctx: TestContext = {
    ...app,
    async close() {
      await app.close();
      await inbox.close();
    },
  };
  return { ctx, inbox };
}

/**
 * A real SMTP server in the test process on a free port, for tests that send through `SMTP_URL` rather than
 * the embedded mailer. `refuse` may answer a recipient with an SMTP error code (550: refused for good, 451:
 * try again later) instead of accepting it.
 */
export async function smtpInbox(options: { refuse?: (address: string) => number | undefined } = {}): Promise<SmtpInbox> {
  // Loaded here, not at the top: most test files import this module and never need a mail server.
  const [{ SMTPServer }, { simpleParser }] = await Promise.all([import('smtp-server'), import('mailparser')]);
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = options.refuse?.(address.address);
      if (code === undefined) return callback();
      const error = new Error(code >= 500 ? 'mailbox unavailable' : 'try again later') as Error & { responseCode: number };
      error.responseCode = code;
      callback(error);
    },
    onData(stream, session, callback) {
      // keepCidLinks: inline images stay `cid:` links in the HTML, as a mail program sees them.
      simpleParser(stream, { keepCidLinks: true })
        .then((mail) => {
          mails.push(Object.assign(mail, { envelopeTo: session.envelope.rcptTo.map((r) => r.address) }));
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const to = (address: string) => mails.filter((m) => m.envelopeTo.includes(address));
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    to,
    async waitFor(address, count = 1, { timeoutMs = 15_000, where = () => true } = {}) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = to(address).filter(where);
        if (found.length >= count) return found;
        if (Date.now() > until) {
          throw new Error(`expected ${count} mail(s) to ${address}, got: ${mails.map((m) => `${m.envelopeTo.join(',')}: ${m.subject}`).join('; ')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text that contains `part`. */
export function linkIn(mail: OutboxMail, part: string): string {
  const link = mail.text.match(new RegExp(`https?://[^\\s]*${part}[^\\s]*`))?.[0];
  if (!link) throw new Error(`no link with ${part} in mail "${mail.subject}"`);
  return new URL(link).pathname + new URL(link).search;
}

export interface TestUserInput {
  email: string;
  name?: string;
  password?: string;
  platformAdmin?: boolean;
  roles?: Array<{ networkId: string; role: Role; municipalityIds?: string[] }>;
}

/** Creates a confirmed account with roles straight in the database (setup for tests of other things). */
export async function createUser(ctx: TestContext, input: TestUserInput): Promise<User> {
  const db = ctx.deps.db;
  const [user] = await db
    .insert(users)
    .values({
      email: input.email.toLowerCase(),
      name: input.name ?? input.email.split('@')[0] ?? '',
      passwordHash: input.password ? await hashPassword(input.password) : null,
      emailVerifiedAt: ctx.clock.now,
      isPlatformAdmin: input.platformAdmin ?? false,
    })
    .returning();
  if (!user) throw new Error('user not created');
  for (const role of input.roles ?? []) {
    const [membership] = await db
      .insert(memberships)
      .values({ networkId: role.networkId, userId: user.id, role: role.role })
      .returning();
    if (membership && role.municipalityIds?.length) {
      await db
        .insert(membershipMunicipalities)
        .values(role.municipalityIds.map((municipalityId) => ({ membershipId: membership.id, municipalityId })));
    }
  }
  return user;
}

/** A client signed in as `user`, through a session created directly (no login form involved). */
export async function signedInClient(ctx: TestContext, user: User): Promise<Client> {
  const client = new Client(ctx.app);
  client.cookies.set(SESSION_COOKIE, await createSession(ctx.deps.db, user.id, ctx.clock.now));
  return client;
}
