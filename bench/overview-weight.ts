/**
 * The overview page's weight as a browser without a click loads it: the HTML and every stylesheet and
 * script it links, each gzip-compressed by the server, for the public and the office's view. The
 * budget is 60 KB (docs/performance.md). Needs the data of bench/overview.ts (or any database).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/mmn_bench_overview npx tsx bench/overview-weight.ts [--url /netzwerk/gems/ueberblick]
 */
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { closeDeps, createDeps } from '../src/platform/runtime.ts';
import { createSession, SESSION_COOKIE } from '../src/platform/auth/sessions.ts';
import { BENCH_NETWORK_SLUG } from './generate.ts';

const { values } = parseArgs({ options: { url: { type: 'string', default: `/netzwerk/${BENCH_NETWORK_SLUG}/ueberblick` } } });
const deps = await createDeps(
  loadConfig({ DEMO: 'false', DATABASE_URL: process.env.DATABASE_URL ?? '', DATA_DIR: process.env.DATA_DIR ?? './data', COOKIE_SECRET: 'bench-cookie-secret-0123456789abcdef0123' }),
  { workers: false },
);
const app = await buildApp(deps);
await app.ready();
const slug = values.url.match(/\/netzwerk\/([^/]+)/)?.[1];
const { rows: network } = await deps.database.query<{ id: string }>(`select id from networks where slug = $1`, [slug ?? '']);
let cookie: string | undefined;
if (network[0]) {
  const { rows: office } = await deps.database.query<{ id: string }>(
    `insert into users (email, name, email_verified_at) values ('weight-office-' || md5(random()::text) || '@bench.example', 'Büro', now()) returning id`,
  );
  await deps.database.query(`insert into memberships (network_id, user_id, role) values ($1, $2, 'network_office')`, [network[0].id, office[0]!.id]);
  cookie = `${SESSION_COOKIE}=${await createSession(deps.db, office[0]!.id, new Date())}`;
}
for (const [view, headers] of [
  ['public', {}],
  ['office', cookie ? { cookie } : null],
] as const) {
  if (!headers) continue;
  const page = await app.inject({ url: values.url, headers: { 'accept-encoding': 'gzip', ...headers } });
  const html = zlib.gunzipSync(page.rawPayload).toString('utf8');
  const assets = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="(\/[^"]+)"/g)].map((m) => m[1] ?? '');
  const parts = [{ url: values.url, bytes: page.rawPayload.length, raw: Buffer.byteLength(html) }];
  for (const asset of assets) {
    const response = await app.inject({ url: asset, headers: { 'accept-encoding': 'gzip', ...headers } });
    parts.push({ url: asset, bytes: response.rawPayload.length, raw: Number(response.headers['content-length'] ?? 0) });
  }
  const total = parts.reduce((sum, p) => sum + p.bytes, 0);
  console.log(`${view}: ${(total / 1024).toFixed(1)} KB gzip in total (budget 60 KB)`);
  for (const p of parts) console.log(`  ${(p.bytes / 1024).toFixed(1).padStart(6)} KB  ${p.url}${p.url === values.url ? ` (${(p.raw / 1024).toFixed(0)} KB of HTML)` : ''}`);
}
await app.close();
await closeDeps(deps);
