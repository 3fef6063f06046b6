/**
 * The one-command benchmark: generates data, starts the server as a child process, drives it with
 * autocannon and, in the same run, measures a ceiling (a bare Fastify process answering the search
 * page's bytes from memory). Prints a table and writes bench/results/<timestamp>.json.
 *
 *   npm run bench -- --offers 10000                                   # PGlite in .tmp/bench-<offers>
 *   DATABASE_URL=postgres://…/bench npm run bench -- --offers 100000 --workers 2
 *
 * Flags: --offers N (10000), --seconds S per scenario (10), --workers N app processes (1),
 * --connections C (50). Data already in the database is reused; only what is missing is generated.
 * It prints figures and never fails on them; use a database of its own (it adds a lot of rows).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase, type Database } from '../src/platform/db.ts';
import { hashPassword } from '../src/platform/auth/passwords.ts';
import { generate, generatePeople } from './generate.ts';
import { freePort } from '../test/cli.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/mitmachnetz.js');
const LOGIN_EMAIL = 'bench-login@bench.example';
const LOGIN_PASSWORD = 'bench-passwort-lang-genug';
const WORDS = ['Garten', 'Kinder', 'Feuerwehr', 'Senioren', 'Musik', 'Lesen', 'Sport', 'Begleitung', 'Natur', 'Verein'];
/** What a browser sends; the app compresses what it may. */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'de-DE,de;q=0.9' };

// ---- arguments ----

const { values } = parseArgs({
  options: {
    offers: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '10' },
    workers: { type: 'string', default: '1' },
    connections: { type: 'string', default: '50' },
    profile: { type: 'boolean', default: false },
  },
});
const positive = (name: string, raw: string | undefined): number => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
  return value;
};
const OFFERS = positive('offers', values.offers);
const SECONDS = positive('seconds', values.seconds);
const WORKERS = positive('workers', values.workers);
const CONNECTIONS = positive('connections', values.connections);
const PROFILE = values.profile === true;
const DATABASE_URL = process.env.DATABASE_URL || undefined;
if (WORKERS > 1 && !DATABASE_URL) throw new Error('--workers above 1 needs DATABASE_URL (the embedded database serves one process)');
const PROFILE_DIR = path.join(ROOT, 'bench/results', `profile-${process.pid}`);
const DATA_DIR = path.resolve(process.env.DATA_DIR || path.join(ROOT, '.tmp', `bench-${OFFERS}`));

// ---- processes: CPU and memory from /proc ----

interface ProcInfo {
  pid: number;
  ppid: number;
  comm: string;
  cpuMs: number;
}

const TICK_MS = 10; // CLK_TCK is 100 on Linux

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), comm, cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return undefined;
  }
}

function allProcs(): ProcInfo[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((p): p is ProcInfo => p !== undefined);
}

/** The process and all its descendants (cluster workers, tsx's esbuild helper). */
function tree(root: number): ProcInfo[] {
  const procs = allProcs();
  const found = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  return procs.filter((p) => found.has(p.pid));
}

function rssMb(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m);
      kb += Number(line?.[1] ?? 0);
    } catch {
      // ended meanwhile
    }
  }
  return Math.round(kb / 1024);
}

/** CPU milliseconds so far per process, for the server tree and for PostgreSQL backends of our database. */
class CpuMeter {
  constructor(
    private serverPid: number,
    private pgPids: () => Promise<number[]>,
  ) {}

  async snapshot() {
    const server = new Map(tree(this.serverPid).map((p) => [p.pid, p.cpuMs]));
    const postgres = new Map<number, number>();
    for (const pid of await this.pgPids()) postgres.set(pid, readProc(pid)?.cpuMs ?? 0);
    return { at: performance.now(), self: process.cpuUsage(), server, postgres };
  }

  static delta(before: Awaited<ReturnType<CpuMeter['snapshot']>>, after: Awaited<ReturnType<CpuMeter['snapshot']>>) {
    const seconds = (after.at - before.at) / 1000;
    const sum = (a: Map<number, number>, b: Map<number, number>) => {
      let ms = 0;
      for (const [pid, cpu] of b) ms += cpu - (a.get(pid) ?? 0);
      return ms;
    };
    const selfMs = (after.self.user - before.self.user + after.self.system - before.self.system) / 1000;
    const cores = (ms: number) => Math.round((ms / 1000 / seconds) * 100) / 100;
    return { loadGenerator: cores(selfMs), server: cores(sum(before.server, after.server)), postgres: cores(sum(before.postgres, after.postgres)) };
  }
}

// ---- HTTP helpers ----


interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(port: number, url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: url, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function cookiesOf(raw: Raw): string {
  return (raw.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]).join('; ');
}

// ---- load ----

interface Scenario {
  name: string;
  /** Each request's path, chosen in turn. */
  paths: string[];
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: (i: number) => string;
  /** Headers that differ per request. */
  headersFor?: (i: number) => Record<string, string>;
  /** Answers that are the expected outcome; everything else counts as unexpected. */
  expect: number[];
  note?: string;
}

interface Measured {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  /** CPU time of the server processes (and PostgreSQL) per answered request: less distorted by a busy machine than latency. */
  serverCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
  errors: number;
  timeouts: number;
  unexpected: number;
  statuses: Record<string, number>;
  cpuCores: { loadGenerator: number; server: number; postgres: number };
  note?: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function load(port: number, scenario: Scenario, seconds: number, meter?: CpuMeter): Promise<Measured> {
  let turn = 0;
  const options: autocannon.Options = {
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    headers: { ...BROWSER, ...scenario.headers },
    requests: [
      {
        method: scenario.method ?? 'GET',
        setupRequest: (request) => {
          const i = turn++;
          const next = { ...request, path: scenario.paths[i % scenario.paths.length]! };
          if (scenario.body) next.body = scenario.body(i);
          if (scenario.headersFor) next.headers = { ...request.headers, ...scenario.headersFor(i) };
          return next;
        },
      },
    ],
  };
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const before = await meter?.snapshot();
  const instance = autocannon(options) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await instance;
  const after = await meter?.snapshot();
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  const cpuCores = before && after ? CpuMeter.delta(before, after) : { loadGenerator: 0, server: 0, postgres: 0 };
  const perRequest = (cores: number) => (latencies.length ? Math.round(((cores * seconds * 1000) / latencies.length) * 10) / 10 : NaN);
  const unexpected = Object.entries(statuses)
    .filter(([status]) => !scenario.expect.includes(Number(status)))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    name: scenario.name,
    requestsPerSecond: Math.round(latencies.length / seconds),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    requests: latencies.length,
    serverCpuMsPerRequest: perRequest(cpuCores.server),
    postgresCpuMsPerRequest: perRequest(cpuCores.postgres),
    errors: result.errors,
    timeouts: result.timeouts,
    unexpected,
    statuses,
    cpuCores,
    ...(scenario.note ? { note: scenario.note } : {}),
  };
}

// ---- data ----

async function prepareData(): Promise<{ offerIds: string[]; counts: Record<string, number> }> {
  const database = await openDatabase({ databaseUrl: DATABASE_URL, dataDir: path.join(DATA_DIR, 'db'), poolSize: 4 });
  try {
    await database.migrate();
    const count = async (table: string) => Number((await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? 0);
    const existing = await count('offers');
    const missing = OFFERS - existing;
    if (missing > OFFERS * 0.02) {
      console.log(`generating ${missing} offers (${existing} there) …`);
      const started = Date.now();
      await generate(database, { offers: missing, seed: 42 + existing, municipalities: undefined }, (line) => console.log(`  ${line}`));
      // Volunteers and placements in the proportions of the national plan (30 M accounts for 2 M offers is
      // 15 per offer; 2 per offer here keeps generation short, sizes are extrapolated per row).
      await generatePeople(database, { volunteers: missing * 2, placements: missing, seed: 42 + existing }, (line) => console.log(`  ${line}`));
      console.log(`  generated in ${Math.round((Date.now() - started) / 1000)} s`);
    } else {
      console.log(`reusing ${existing} offers in the database`);
    }
    const { rows: login } = await database.query('SELECT 1 FROM users WHERE email = $1', [LOGIN_EMAIL]);
    if (login.length === 0) {
      await database.query('INSERT INTO users (email, name, password_hash, email_verified_at) VALUES ($1, $2, $3, now())', [
        LOGIN_EMAIL,
        'Bench',
        await hashPassword(LOGIN_PASSWORD),
      ]);
    }
    const { rows } = await database.query<{ id: string }>(
      `SELECT id FROM offers WHERE status = 'published' ORDER BY md5(id::text) LIMIT 500`,
    );
    const counts: Record<string, number> = {};
    for (const table of ['offers', 'organisations', 'users', 'volunteer_profiles', 'placements', 'municipalities']) counts[table] = await count(table);
    return { offerIds: rows.map((r) => r.id), counts };
  } finally {
    await database.close();
  }
}

async function sizes(database: Database) {
  const { rows } = await database.query<{ name: string; kind: string; table: string; bytes: string; rows: string }>(`
    SELECT c.relname AS name, CASE c.relkind WHEN 'r' THEN 'table' ELSE 'index' END AS kind,
      coalesce(t.relname, c.relname) AS table,
      CASE c.relkind WHEN 'r' THEN pg_total_relation_size(c.oid) ELSE pg_relation_size(c.oid) END AS bytes,
      coalesce(t.reltuples, c.reltuples)::bigint AS rows
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    LEFT JOIN pg_index i ON i.indexrelid = c.oid
    LEFT JOIN pg_class t ON t.oid = i.indrelid
    WHERE c.relkind IN ('r', 'i')
    ORDER BY bytes DESC`);
  return rows.map((r) => ({ name: r.name, kind: r.kind, table: r.table, bytes: Number(r.bytes), rows: Number(r.rows) }));
}

// ---- server ----

interface Server {
  child: ChildProcess;
  port: number;
  firstOkMs: number;
  output: () => string;
  stop(): Promise<number | null>;
}

async function startServer(): Promise<Server> {
  const port = await freePort();
  const args = [
    ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
    BIN,
    'start',
    ...(WORKERS > 1 ? ['--workers', String(WORKERS)] : []),
  ];
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR,
      ...(DATABASE_URL ? { DATABASE_URL } : {}),
      LOG_LEVEL: 'warn',
      DEMO: 'false',
      COOKIE_SECRET: 'bench-cookie-secret-0123456789-0123456789',
      // The login scenario sends a different X-Forwarded-For per request, as many people would.
      TRUST_PROXY: 'true',
    },
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server ended during start:\n${output}`);
    const ok = await get(port, '/').then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  let firstOkMs = performance.now() - started;
  if (WORKERS > 1) {
    // Time to first 200 is the first process's; the rest must be up before measuring.
    const readyAt = performance.now();
    while (tree(child.pid!).filter((p) => p.comm.startsWith('node')).length < WORKERS + 1 && performance.now() - readyAt < 120_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
    firstOkMs = Math.round(firstOkMs);
  }
  return {
    child,
    port,
    firstOkMs: Math.round(firstOkMs),
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

async function startCeiling(recorded: Raw): Promise<{ port: number; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const file = path.join(os.tmpdir(), `mmn-ceiling-${process.pid}.json`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(recorded.headers)) {
    if (['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'set-cookie'].includes(name)) continue;
    if (typeof value === 'string') headers[name] = value;
  }
  fs.writeFileSync(file, JSON.stringify({ status: recorded.status, headers, body: recorded.body.toString('base64') }));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/ceiling.ts')], {
    cwd: ROOT,
    env: { ...process.env, CEILING_FILE: file, CEILING_PORT: String(port), CEILING_WORKERS: String(WORKERS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => chunk.includes('ceiling ready') && resolve());
    child.on('exit', (code) => reject(new Error(`ceiling ended with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    port,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(file, { force: true });
    },
  };
}

// ---- page weight ----

async function pageWeight(port: number, url: string) {
  const page = await get(port, url, { 'accept-language': 'de' });
  const html = page.body.toString('utf8');
  const assets = [
    ...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"/g),
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
  ].map((m) => m[1]!.replace(/&amp;/g, '&'));
  const unique = [...new Set(assets)].filter((a) => a.startsWith('/'));
  const gz = (b: Buffer) => zlib.gzipSync(b, { level: 6 }).length;
  let total = gz(page.body);
  const parts = [{ url, bytes: page.body.length, gzip: gz(page.body) }];
  for (const asset of unique) {
    const response = await get(port, asset);
    parts.push({ url: asset, bytes: response.body.length, gzip: gz(response.body) });
    total += gz(response.body);
  }
  const wire = await get(port, url, { 'accept-encoding': 'gzip' });
  return { url, status: page.status, gzipTotal: total, parts, servedCompressed: wire.headers['content-encoding'] ?? 'none' };
}

// ---- profile ----

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Where the server's CPU time went (node --cpu-prof): self time by function and by package or source folder. */
function summariseProfiles(dir: string) {
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  for (const file of fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : []) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
    for (const node of profile.nodes) {
      const ms = self.get(node.id) ?? 0;
      if (ms === 0) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === '(idle)' || functionName === '(program)') continue;
      total += ms;
      const where = url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '');
      const area = where.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? (where.startsWith('src/') ? where.split('/').slice(0, 3).join('/') : where || functionName);
      const key = `${functionName || '(anonymous)'} ${where.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
      byArea.set(area, (byArea.get(area) ?? 0) + ms);
    }
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, ms]) => ({ name, ms: Math.round(ms), share: Math.round((ms / total) * 1000) / 10 }));
  const result = { totalMs: Math.round(total), byArea: top(byArea, 15), byFunction: top(byFunction, 20) };
  console.log(`profile of the server (${result.totalMs} ms busy, idle excluded), self time by package or folder:`);
  for (const a of result.byArea) console.log(`  ${String(a.share).padStart(5)} %  ${a.name}`);
  console.log('  by function:');
  for (const f of result.byFunction.slice(0, 12)) console.log(`  ${String(f.share).padStart(5)} %  ${f.name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

// ---- run ----

async function main() {
  const machine = {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? '?',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadBefore: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
  const engine = DATABASE_URL ? 'postgres' : 'pglite';
  console.log(`Mitmachnetz bench: ${engine}, ${OFFERS} offers, ${WORKERS} process(es), ${CONNECTIONS} connections, ${SECONDS} s per scenario`);
  console.log(`machine: ${machine.cpus} cores (${machine.model}), ${machine.memoryGb} GB, Node ${machine.node}; load average ${machine.loadBefore.join(' ')}`);

  const { offerIds, counts } = await prepareData();
  console.log(`data: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);

  const server = await startServer();
  const rssAfterStart = rssMb(tree(server.child.pid!).map((p) => p.pid));
  console.log(`server up: first 200 after ${server.firstOkMs} ms; RSS ${rssAfterStart} MB (${tree(server.child.pid!).map((p) => p.comm).join(', ')})`);

  let pgClient: pg.Client | undefined;
  if (DATABASE_URL) {
    pgClient = new pg.Client({ connectionString: DATABASE_URL });
    await pgClient.connect();
  }
  const pgPids = async () => {
    if (!pgClient) return [];
    const { rows } = await pgClient.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return rows.map((r) => r.pid);
  };
  const meter = new CpuMeter(server.child.pid!, pgPids);

  const searchPaths = WORDS.map((q) => `/angebote?q=${encodeURIComponent(q)}&ort=Delitzsch&umkreis=10`);
  const apiPaths = WORDS.map((q) => `/api/v1/offers?q=${encodeURIComponent(q)}&ort=Delitzsch&umkreis=10`);
  const offerPaths = offerIds.map((id) => `/angebote/${id}`);
  const overview = await get(server.port, '/ueberblick');
  const loginForm = await get(server.port, '/anmelden');
  const csrf = loginForm.body.toString('utf8').match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  const loginCookies = cookiesOf(loginForm);

  const scenarios: Scenario[] = [
    { name: 'search page (HTML)', paths: searchPaths, expect: [200] },
    {
      name: 'search API (JSON)',
      paths: apiPaths,
      expect: [200],
      // The API allows each address a fixed number of requests a minute; many sites and apps asking
      // are many addresses (198.18.0.0/15, as for the login below).
      headersFor: (i) => ({ 'x-forwarded-for': `198.19.${(i >> 8) & 255}.${i & 255}` }),
      note: 'X-Forwarded-For varies so the per-address limit of the API is not what is measured',
    },
    { name: 'offer page', paths: offerPaths, expect: [200] },
    ...(overview.status === 404
      ? []
      : [{ name: 'overview page', paths: ['/ueberblick'], expect: [200] }]),
    {
      name: 'login POST',
      paths: ['/anmelden'],
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookies },
      // Every other attempt with a wrong password: 303 for the right one, 422 for the wrong one.
      body: (i) => new URLSearchParams({ _csrf: csrf, email: LOGIN_EMAIL, password: i % 2 ? LOGIN_PASSWORD : 'falsch-falsch' }).toString(),
      // A different address for each request, as many people logging in would have (a header only:
      // 198.18.0.0/15 is the range set aside for benchmarks, and nothing is sent there).
      headersFor: (i) => ({ 'x-forwarded-for': `198.18.${(i >> 8) & 255}.${i & 255}` }),
      expect: [303, 422],
      note: 'Argon2id on every request; X-Forwarded-For varies so the per-address limit is not what is measured',
    },
  ];
  if (overview.status === 404) console.log('overview page: 404 in this build, skipped');

  // The ceiling answers exactly what the search page answered a browser, headers included.
  const searchSample = await get(server.port, searchPaths[0]!, BROWSER);
  const ceiling = await startCeiling(searchSample);
  const ceilingMeter = new CpuMeter(ceiling.pid, async () => []);
  const ceilingScenario: Scenario = { name: 'ceiling (bare Fastify, same bytes)', paths: ['/angebote'], expect: [200] };

  const results: Measured[] = [];
  const warm = Math.min(3, SECONDS);
  /**
   * Requests still in flight when a scenario's time is up keep the server and the database busy; the next
   * scenario starts only once a trivial database query answers quickly again.
   */
  const drain = async (port: number) => {
    const started = performance.now();
    while (performance.now() - started < 180_000) {
      const at = performance.now();
      const ok = await get(port, '/readyz').then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok && performance.now() - at < 250) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const waited = (performance.now() - started) / 1000;
    if (waited > 2) console.log(`    (waited ${waited.toFixed(0)} s for requests still running)`);
  };
  const measure = async (port: number, scenario: Scenario, m: CpuMeter) => {
    await load(port, scenario, warm);
    await drain(port);
    const result = await load(port, scenario, SECONDS, m);
    await drain(port);
    console.log(`  ${scenario.name}: ${result.requestsPerSecond} req/s, p95 ${result.p95} ms`);
    return result;
  };
  console.log('measuring …');
  const ceilingBefore = await measure(ceiling.port, ceilingScenario, ceilingMeter);
  for (const scenario of scenarios) results.push(await measure(server.port, scenario, meter));
  const ceilingAfter = await measure(ceiling.port, ceilingScenario, ceilingMeter);
  await ceiling.stop();
  const ceilingRps = Math.round((ceilingBefore.requestsPerSecond + ceilingAfter.requestsPerSecond) / 2);

  const rssAfterRun = rssMb(tree(server.child.pid!).map((p) => p.pid));
  const pages: Array<[string, string]> = [
    ['home', '/'],
    ['search page', searchPaths[0]!],
    ['offer page', offerPaths[0]!],
    ['login page', '/anmelden'],
    ...(overview.status === 404 ? [] : ([['overview page', '/ueberblick']] as Array<[string, string]>)),
  ];
  const weights = [];
  for (const [name, url] of pages) weights.push({ name, ...(await pageWeight(server.port, url)) });

  await pgClient?.end();
  const exitCode = await server.stop();

  const database = await openDatabase({ databaseUrl: DATABASE_URL, dataDir: path.join(DATA_DIR, 'db'), poolSize: 1 });
  const relationSizes = await sizes(database).finally(() => database.close());

  // ---- report ----
  const loadAfter = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log('');
  console.log(
    `${'scenario'.padEnd(36)}${pad('req/s', 8)}${pad('p50 ms', 9)}${pad('p95 ms', 9)}${pad('p99 ms', 9)}${pad('errors', 8)}${pad('unexp.', 8)}${pad('× ceil', 8)}${pad('CPU ms/req', 12)}   CPU cores: load gen / server / PostgreSQL`,
  );
  for (const r of [ceilingBefore, ...results, ceilingAfter]) {
    const ratio = r.name.startsWith('ceiling') ? '' : (r.requestsPerSecond / ceilingRps).toFixed(2);
    console.log(
      `${r.name.padEnd(36)}${pad(r.requestsPerSecond, 8)}${pad(r.p50, 9)}${pad(r.p95, 9)}${pad(r.p99, 9)}${pad(r.errors + r.timeouts, 8)}${pad(r.unexpected, 8)}${pad(ratio, 8)}${pad(`${r.serverCpuMsPerRequest}+${r.postgresCpuMsPerRequest}`, 12)}   ${r.cpuCores.loadGenerator} / ${r.cpuCores.server} / ${r.cpuCores.postgres}`,
    );
  }
  console.log(`(ceiling: mean of the two runs, ${ceilingRps} req/s; statuses: ${results.map((r) => `${r.name} ${JSON.stringify(r.statuses)}`).join('; ')})`);
  console.log('');
  console.log(`memory (RSS, all server processes): ${rssAfterStart} MB after start, ${rssAfterRun} MB after the run; first 200 after ${server.firstOkMs} ms (${engine})`);
  console.log('page weight, gzip (HTML + the CSS and JavaScript it loads), target ≤ 60 KB:');
  for (const w of weights) {
    console.log(`  ${w.name.padEnd(14)} ${(w.gzipTotal / 1024).toFixed(1).padStart(6)} KB  (${w.parts.map((p) => `${p.url.split('?')[0]} ${(p.gzip / 1024).toFixed(1)}`).join(', ')}; served as ${w.servedCompressed})`);
  }
  console.log('CPU ms/req: server processes + PostgreSQL backends per answered request (PGlite runs inside the server).');
  const profile = PROFILE ? summariseProfiles(PROFILE_DIR) : undefined;
  console.log(`server exit code ${exitCode}; load average before ${machine.loadBefore.join(' ')}, after ${loadAfter.join(' ')}`);

  const out = path.join(ROOT, 'bench/results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        machine: { ...machine, loadAfter },
        args: { offers: OFFERS, seconds: SECONDS, workers: WORKERS, connections: CONNECTIONS, engine },
        counts,
        startup: { firstOkMs: server.firstOkMs, rssAfterStartMb: rssAfterStart, rssAfterRunMb: rssAfterRun },
        ceiling: { requestsPerSecond: ceilingRps, before: ceilingBefore, after: ceilingAfter },
        scenarios: results.map((r) => ({ ...r, ratioToCeiling: Math.round((r.requestsPerSecond / ceilingRps) * 100) / 100 })),
        pageWeights: weights,
        relationSizes,
        ...(profile ? { profile } : {}),
      },
      null,
      2,
    ),
  );
  console.log(`results: ${path.relative(ROOT, out)}`);
}

await main();
