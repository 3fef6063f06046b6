/**
 * Events and knowledge under load (issue 14): a burst of registrations for one popular event over real
 * HTTP, and the calendar and knowledge pages at 10k events and 10k knowledge entries.
 *
 *   npx tsx bench/events.ts                       # PGlite in a temporary folder
 *   npx tsx bench/events.ts --engine postgres     # a fresh database on BENCH_POSTGRES_URL, dropped afterwards
 *
 * Flags: --events N (10000), --articles N (10000), --people N (1000), --seats N (100), --concurrency C (50),
 * --requests N per page (200). BENCH_POSTGRES_URL defaults to postgres://postgres@127.0.0.1:5432/postgres.
 *
 * The app listens on 127.0.0.1 in this process (as bench/infomail.ts) and is driven over real HTTP with
 * a keep-alive agent: the load generator shares the process and its event loop with the server, so the
 * figures include its cost. Job workers are off: the registration mails are queued inside each request
 * (that cost is measured) but not delivered during the run.
 *
 * Registrations, two ways, each for its own event with --seats seats:
 *   accounts   --people signed-in people with confirmed addresses: one POST each, the seat is decided in it;
 *   anonymous  --people people without an account: the registration POST (pending, mail queued), then,
 *              once all are in, the POST behind each person's personal link, which gives the seat.
 * At most --concurrency requests are in flight at a time; a warm-up of 100 each way on a third event runs
 * first, unmeasured. Afterwards the database must show exactly
 * --seats seats taken and everyone else on the waiting list in order (printed OK or FAILED; a failure
 * sets the exit code). Latency figures are printed, never asserted.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { and, eq, inArray } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { closeDeps, createDeps } from '../src/platform/runtime.ts';
import '../src/modules/index.ts';
import { seedDemoNetworks } from '../src/modules/networks/demo.ts';
import { municipalities, networks } from '../src/platform/networks/schema.ts';
import { sessions, users } from '../src/platform/auth/schema.ts';
import { SESSION_COOKIE } from '../src/platform/auth/sessions.ts';
import { hashSecret, newSecret } from '../src/platform/auth/tokens.ts';
import { EVENT_KINDS, eventRegistrations, events } from '../src/modules/events/schema.ts';
import { personalToken } from '../src/modules/events/commands.ts';
import { ENTRY_KINDS, THEMES, knowledgeEntries } from '../src/modules/knowledge/schema.ts';
import { FIELDS } from '../src/platform/vocabulary.ts';
import { random } from './generate.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    events: { type: 'string', default: '10000' },
    articles: { type: 'string', default: '10000' },
    people: { type: 'string', default: '1000' },
    seats: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '50' },
    requests: { type: 'string', default: '200' },
  },
});
const positive = (name: string, raw: string | undefined): number => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
  return value;
};
const ENGINE = values.engine;
if (ENGINE !== 'pglite' && ENGINE !== 'postgres') throw new Error('--engine must be pglite or postgres');
const EVENTS = positive('events', values.events);
const ARTICLES = positive('articles', values.articles);
const PEOPLE = positive('people', values.people);
const SEATS = positive('seats', values.seats);
const CONCURRENCY = positive('concurrency', values.concurrency);
const REQUESTS = positive('requests', values.requests);
const DAY = 86_400_000;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

// ---- database and app ----

const loadBefore = load();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-bench-events-'));
let databaseUrl: string | undefined;
let dropDatabase = async () => undefined as void;
if (ENGINE === 'postgres') {
  const admin = new URL(process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `mmn_bench_events_${crypto.randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const target = new URL(admin.toString());
  target.pathname = `/${name}`;
  databaseUrl = target.toString();
  dropDatabase = async () => {
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
}

const env: NodeJS.ProcessEnv = { ...process.env };
for (const key of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'PUBLIC_URL']) delete env[key];
const config = loadConfig({
  ...env,
  DATA_DIR: dataDir,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  DEMO: 'false',
  WORKERS: 'false',
  LOG_LEVEL: 'silent',
  PORT: '0',
  COOKIE_SECRET: 'bench-events-cookie-secret-0123456789-0123456789',
  // Each simulated person sends its own X-Forwarded-For, so the per-address limit of the form is not what is measured.
  TRUST_PROXY: 'true',
});
const deps = await createDeps(config, { workers: false });
const app = await buildApp(deps);
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as AddressInfo).port;
const db = deps.db;

async function cleanUp() {
  await app.close();
  await closeDeps(deps);
  await dropDatabase().catch((error: unknown) => console.error(`could not drop the bench database: ${String(error)}`));
  fs.rmSync(dataDir, { recursive: true, force: true });
}

// ---- HTTP ----

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  bytes: number;
  ms: number;
}

function request(method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      { host: '127.0.0.1', port, path: url, method, agent, headers: body ? { ...headers, 'content-length': String(Buffer.byteLength(body)) } : headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            bytes: chunks.reduce((sum, c) => sum + c.length, 0),
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs task(0 … count-1) with at most `width` running at a time. */
async function bounded<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      for (let i = next++; i < count; i = next++) results[i] = await task(i);
    }),
  );
  return results;
}

const round = (n: number) => Math.round(n * 10) / 10;
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  return { n: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted[sorted.length - 1] ?? NaN) };
}
const statuses = (answers: Answer[]) => {
  const counted: Record<string, number> = {};
  for (const a of answers) counted[a.status] = (counted[a.status] ?? 0) + 1;
  return counted;
};

// ---- data ----

const TOPICS = ['Ehrenamt', 'Vereinsarbeit', 'Jugendbeteiligung', 'Nachbarschaftshilfe', 'Dorfentwicklung', 'Fördermittel', 'Öffentlichkeitsarbeit', 'Digitalisierung', 'Integration', 'Seniorenarbeit', 'Umweltschutz', 'Kulturarbeit', 'Sportverein', 'Feuerwehrnachwuchs', 'Bürgerbeteiligung'];
const ASPECTS = ['Erfahrungen', 'Leitfaden', 'Checkliste', 'Praxisbeispiel', 'Werkstattbericht', 'Protokoll', 'Handreichung', 'Fragen und Antworten', 'Rückblick', 'Arbeitshilfe'];
const EVENT_WORDS: Record<(typeof EVENT_KINDS)[number], string> = {
  network_meeting: 'Netzwerktreffen',
  workshop: 'Workshop',
  training: 'Schulung',
  village_workshop: 'Dorfwerkstatt',
  reception: 'Empfang',
  other: 'Treffen',
};
const FILLER = ['Verein', 'Gemeinde', 'Engagierte', 'Ehrenamtliche', 'Kinder', 'Jugendliche', 'Senioren', 'Projekt', 'Förderung', 'Antrag', 'Satzung', 'Vorstand', 'Mitglieder', 'Versicherung', 'Datenschutz', 'Spenden', 'Veranstaltung', 'Nachbarn', 'Ort', 'Kommune', 'Landkreis', 'Austausch', 'Beratung', 'Erfahrung', 'Ideen', 'Zeit', 'Raum', 'Material', 'Kosten', 'Presse', 'Website', 'Garten', 'Musik', 'Sport', 'Fahrdienst', 'Begleitung', 'Hausaufgaben', 'Lesepaten', 'Tafel', 'Flüchtlinge'];
const VERBS = ['planen', 'gewinnen', 'begleiten', 'organisieren', 'unterstützen', 'finanzieren', 'beraten', 'vernetzen', 'dokumentieren', 'stärken'];
const TAGS = ['foerderung', 'satzung', 'versicherung', 'datenschutz', 'jugend', 'senioren', 'presse', 'ehrenamtskarte', 'vorstand', 'spenden', 'digital', 'leader'];
const SEARCH_WORDS = ['Fördermittel', 'Versicherung', 'Jugendbeteiligung', 'Datenschutz Verein', 'Satzung', 'Nachbarschaftshilfe', 'Spenden', 'Fahrdienst Senioren'];

function sentence(r: ReturnType<typeof random>, words: number): string {
  const parts = Array.from({ length: words }, () => (r.next() < 0.15 ? r.pick(VERBS) : r.pick(FILLER)));
  return `${parts.join(' ')}.`;
}
function text(r: ReturnType<typeof random>, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(r, 6 + Math.floor(r.next() * 10))).join(' ');
}

const [network] = await (async () => {
  await seedDemoNetworks(db);
  return db.select().from(networks).where(eq(networks.slug, 'gems'));
})();
if (!network) throw new Error('the demo network gems is missing');
const places = await db.select().from(municipalities).where(eq(municipalities.networkId, network.id));

const now = Date.now();
const generationStarted = performance.now();
{
  // Events from a year back to two years ahead, all in the one network (its pages are what is measured).
  const r = random(14);
  const batch = 500;
  for (let i = 0; i < EVENTS; i += batch) {
    await db.insert(events).values(
      Array.from({ length: Math.min(batch, EVENTS - i) }, () => {
        const kind = r.pick(EVENT_KINDS);
        const place = r.pick(places);
        const day = Math.floor((r.next() * 3 - 1) * 365);
        const starts = new Date(now + day * DAY + Math.floor(r.next() * 10) * 3_600_000);
        const online = r.next() < 0.15;
        return {
          networkId: network.id,
          kind,
          status: r.next() < 0.94 ? ('published' as const) : r.next() < 0.5 ? ('cancelled' as const) : ('review' as const),
          title: `${EVENT_WORDS[kind]} ${r.pick(TOPICS)} in ${place.name}`,
          description: text(r, 4),
          startsAt: starts,
          endsAt: new Date(starts.getTime() + (1 + Math.floor(r.next() * 4)) * 3_600_000),
          mode: online ? ('online' as const) : ('onsite' as const),
          place: online ? '' : `Gemeindehaus ${place.name}`,
          municipalityId: place.id,
          fields: r.some(FIELDS, 2),
          capacity: r.next() < 0.7 ? 10 + Math.floor(r.next() * 60) : null,
          seatsTaken: Math.floor(r.next() * 10),
        };
      }),
    );
  }
}
{
  const r = random(15);
  const batch = 500;
  for (let i = 0; i < ARTICLES; i += batch) {
    await db.insert(knowledgeEntries).values(
      Array.from({ length: Math.min(batch, ARTICLES - i) }, () => {
        const kind = r.pick(ENTRY_KINDS);
        const published = new Date(now - Math.floor(r.next() * 5 * 365) * DAY);
        const practice = kind === 'practice';
        return {
          networkId: network.id,
          kind,
          status: r.next() < 0.95 ? ('published' as const) : ('review' as const),
          visibility: r.next() < 0.85 ? ('public' as const) : ('members' as const),
          theme: r.next() < 0.8 ? r.pick(THEMES) : null,
          tags: r.some(TAGS, 3),
          title: `${r.pick(TOPICS)}: ${r.pick(ASPECTS)} ${r.pick(FILLER)}`,
          summary: sentence(r, 14),
          body: text(r, 12 + Math.floor(r.next() * 20)),
          situation: practice ? text(r, 3) : '',
          approach: practice ? text(r, 4) : '',
          result: practice ? text(r, 2) : '',
          municipalityId: r.next() < 0.6 ? r.pick(places).id : null,
          publishedAt: published,
          createdAt: published,
          updatedAt: published,
        };
      }),
    );
  }
}

/** A popular event a fortnight ahead with SEATS seats. */
async function popularEvent(title: string) {
  const starts = new Date(now + 14 * DAY);
  const [row] = await db
    .insert(events)
    .values({
      networkId: network!.id,
      kind: 'network_meeting',
      status: 'published',
      title,
      description: 'Das große Jahrestreffen aller Vereine.',
      startsAt: starts,
      endsAt: new Date(starts.getTime() + 3 * 3_600_000),
      place: 'Stadthalle Delitzsch',
      capacity: SEATS,
    })
    .returning();
  return row!;
}
const accountsEvent = await popularEvent('Jahrestreffen (Konten)');
const anonymousEvent = await popularEvent('Jahrestreffen (ohne Konto)');
const warmEvent = await popularEvent('Vortreffen (zum Aufwärmen)');

// People with accounts and a session each, straight in the database.
const cookies: string[] = [];
for (let i = 0; i < PEOPLE; i += 500) {
  const rows = await db
    .insert(users)
    .values(Array.from({ length: Math.min(500, PEOPLE - i) }, (_, j) => ({ email: `konto${i + j}@bench.example`, name: `Konto ${i + j}`, emailVerifiedAt: new Date() })))
    .returning();
  const secrets = rows.map(() => newSecret());
  await db.insert(sessions).values(rows.map((u, j) => ({ id: hashSecret(secrets[j]!), userId: u.id, expiresAt: new Date(now + 30 * DAY) })));
  cookies.push(...secrets.map((s) => `${SESSION_COOKIE}=${s}`));
}
await deps.database.query('ANALYZE');
const generationSeconds = round((performance.now() - generationStarted) / 1000);
const [counts] = (
  await deps.database.query<{ events: number; articles: number }>(
    'SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM knowledge_entries) AS articles',
  )
).rows;

console.log(`Mitmachnetz events bench: ${ENGINE}; ${counts?.events} events, ${counts?.articles} knowledge entries (generated in ${generationSeconds} s)`);
console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 1e9)} GB, Node ${process.version}; load average ${loadBefore}`);

// ---- the registration burst ----

/** A CSRF cookie and its token, taken once from the event page and sent by everyone (the token is not per person). */
async function formToken(eventId: string) {
  const page = await request('GET', `/netzwerk/${network!.slug}/veranstaltungen/${eventId}`);
  const token = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1];
  const cookie = (page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('mmn_csrf='));
  if (page.status !== 200 || !token || !cookie) throw new Error(`no form on the event page (${page.status})`);
  return { token, cookie };
}
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const address = (block: number, i: number) => `198.18.${block + (i >> 8)}.${i & 255}`;

interface Burst {
  name: string;
  answers: Answer[];
  seconds: number;
}
async function burst(name: string, count: number, send: (i: number) => Promise<Answer>): Promise<Burst> {
  const started = performance.now();
  const answers = await bounded(count, CONCURRENCY, send);
  return { name, answers, seconds: (performance.now() - started) / 1000 };
}

/** `count` signed-in people register for the event: one POST each, the seat is decided in it. */
async function accountsBurst(eventId: string, count: number, addresses: number): Promise<Burst[]> {
  const form = await formToken(eventId);
  const url = `/netzwerk/${network!.slug}/veranstaltungen/${eventId}/anmelden`;
  const body = new URLSearchParams({ _csrf: form.token }).toString();
  return [
    await burst('accounts: register (seat decided)', count, (i) =>
      request('POST', url, { ...FORM, cookie: `${form.cookie}; ${cookies[i]}`, 'x-forwarded-for': address(addresses, i) }, body),
    ),
  ];
}

/** `count` people without an account register (pending), then each confirms through the personal link. */
async function anonymousBursts(eventId: string, count: number, addresses: number): Promise<Burst[]> {
  const form = await formToken(eventId);
  const url = `/netzwerk/${network!.slug}/veranstaltungen/${eventId}/anmelden`;
  const email = (i: number) => `gast${i}@bench.example`;
  const registered = await burst('anonymous: register (pending)', count, (i) =>
    request(
      'POST',
      url,
      { ...FORM, cookie: form.cookie, 'x-forwarded-for': address(addresses, i) },
      new URLSearchParams({ _csrf: form.token, name: `Gast ${i}`, email: email(i) }).toString(),
    ),
  );
  // The personal link of each person, as its mail carries it (derived from the registration's id).
  const rows = await db
    .select({ id: eventRegistrations.id, email: eventRegistrations.email })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.status, ['pending'])));
  const byEmail = new Map(rows.map((r) => [r.email, personalToken(config.cookieSecret!, r.id)]));
  const confirmBody = new URLSearchParams({ _csrf: form.token }).toString();
  const confirmed = await burst('anonymous: confirm by link (seat decided)', count, (i) =>
    request(
      'POST',
      `/veranstaltungen/anmeldung/${byEmail.get(email(i)) ?? 'missing-token-missing-token'}/bestaetigen`,
      { ...FORM, cookie: form.cookie, 'x-forwarded-for': address(addresses + 8, i) },
      confirmBody,
    ),
  );
  return [registered, confirmed];
}

/** Exactly SEATS seats taken, the rest waiting in arrival order without gaps, nobody twice. */
async function verify(eventId: string): Promise<{ ok: boolean; line: string }> {
  const rows = await db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, eventId));
  const [event] = await db.select().from(events).where(eq(events.id, eventId));
  const seated = rows.filter((r) => r.status === 'confirmed');
  const waiting = rows.filter((r) => r.status === 'waitlisted').map((r) => r.position!).sort((a, b) => a - b);
  const expectSeated = Math.min(SEATS, PEOPLE);
  const ok =
    rows.length === PEOPLE &&
    new Set(rows.map((r) => r.email)).size === PEOPLE &&
    seated.length === expectSeated &&
    event?.seatsTaken === expectSeated &&
    waiting.length === PEOPLE - expectSeated &&
    waiting.every((p, i) => p === expectSeated + i + 1);
  return {
    ok,
    line: `${ok ? 'OK' : 'FAILED'}: ${rows.length} registrations, ${seated.length} seated (counter ${event?.seatsTaken}, capacity ${SEATS}), ${waiting.length} waiting${waiting.length ? ` at positions ${waiting[0]}–${waiting[waiting.length - 1]}` : ''}`,
  };
}

console.log(`registrations: ${PEOPLE} people, ${SEATS} seats, ${CONCURRENCY} requests in flight at most, over HTTP on 127.0.0.1 (after a warm-up of ${Math.min(100, PEOPLE)} on another event)`);
const bursts: Burst[] = [];
const checks: string[] = [];
let failed = false;

// Warm-up, not measured: the same routes for another event, so the first burst does not pay for cold code.
const WARM = Math.min(100, PEOPLE);
await accountsBurst(warmEvent.id, WARM, 200);
await anonymousBursts(warmEvent.id, WARM, 220);

bursts.push(...(await accountsBurst(accountsEvent.id, PEOPLE, 0)));
{
  const check = await verify(accountsEvent.id);
  checks.push(`accounts:  ${check.line}`);
  failed ||= !check.ok;
}
bursts.push(...(await anonymousBursts(anonymousEvent.id, PEOPLE, 64)));
{
  const check = await verify(anonymousEvent.id);
  checks.push(`anonymous: ${check.line}`);
  failed ||= !check.ok;
}

// ---- pages ----

const month = (offset: number) => {
  const d = new Date(now);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + offset);
  return d.toISOString().slice(0, 7);
};
const BROWSER = { 'accept-encoding': 'gzip, br', 'accept-language': 'de-DE,de;q=0.9' };
const base = `/netzwerk/${network.slug}`;
const pages: Array<{ name: string; urls: string[] }> = [
  { name: 'events list (network)', urls: [`${base}/veranstaltungen`] },
  { name: 'events month view', urls: [0, 1, 2, 3, 4, 5].map((m) => `${base}/veranstaltungen?ansicht=monat&monat=${month(m)}`) },
  { name: 'events list (all networks)', urls: ['/veranstaltungen'] },
  { name: 'knowledge list', urls: [`${base}/wissen`] },
  { name: 'knowledge list, page 50', urls: [`${base}/wissen?seite=50`] },
  { name: 'knowledge full-text search', urls: SEARCH_WORDS.map((q) => `${base}/wissen?q=${encodeURIComponent(q)}`) },
];
const [perMonth] = (
  await deps.database.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM events WHERE network_id = $1 AND status IN ('published', 'cancelled')
       AND starts_at >= date_trunc('month', now()) AND starts_at < date_trunc('month', now()) + interval '1 month'`,
    [network.id],
  )
).rows;

const measured: Array<{ name: string; p50: number; p95: number; max: number; n: number; bad: number; kb: number }> = [];
for (const page of pages) {
  for (let i = 0; i < 20; i++) await request('GET', page.urls[i % page.urls.length]!, BROWSER);
  const answers: Answer[] = [];
  for (let i = 0; i < REQUESTS; i++) answers.push(await request('GET', page.urls[i % page.urls.length]!, BROWSER));
  const s = stats(answers.map((a) => a.ms));
  const bytes = answers.reduce((sum, a) => sum + a.bytes, 0) / answers.length;
  measured.push({ name: page.name, ...s, bad: answers.filter((a) => a.status !== 200).length, kb: round(bytes / 1024) });
}

// ---- report ----

const loadAfter = load();
const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log('');
console.log(`${'registration burst'.padEnd(44)}${pad('n', 6)}${pad('p50 ms', 9)}${pad('p95 ms', 9)}${pad('max ms', 9)}${pad('per s', 8)}  statuses`);
for (const b of bursts) {
  const s = stats(b.answers.map((a) => a.ms));
  console.log(`${b.name.padEnd(44)}${pad(s.n, 6)}${pad(s.p50, 9)}${pad(s.p95, 9)}${pad(s.max, 9)}${pad(Math.round(PEOPLE / b.seconds), 8)}  ${JSON.stringify(statuses(b.answers))}`);
}
for (const line of checks) console.log(line);
console.log('');
console.log(`${`pages (${REQUESTS} requests each, one at a time)`.padEnd(44)}${pad('p50 ms', 9)}${pad('p95 ms', 9)}${pad('max ms', 9)}${pad('non-200', 9)}${pad('KB', 7)}`);
for (const m of measured) console.log(`${m.name.padEnd(44)}${pad(m.p50, 9)}${pad(m.p95, 9)}${pad(m.max, 9)}${pad(m.bad, 9)}${pad(m.kb, 7)}`);
console.log(`(about ${perMonth?.n ?? '?'} events in the current month; KB = compressed bytes as sent)`);
console.log(`load average before ${loadBefore}, after ${loadAfter}`);

agent.destroy();
await cleanUp();
process.exit(failed ? 1 : 0);
