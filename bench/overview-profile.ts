/**
 * Where the overview page's own (Node) time goes: asks for the page many times under the V8 profiler
 * and prints the functions with the most self time per page. --uncached forgets the kept figures
 * before each request. Needs the data of bench/overview.ts.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/mmn_bench_overview npx tsx bench/overview-profile.ts \
 *     [--runs 50] [--uncached] [--url /netzwerk/bench-sachsen/ueberblick]
 */
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { closeDeps, createDeps } from '../src/platform/runtime.ts';
import { forgetCachedFigures } from '../src/modules/overview/cache.ts';
import { BENCH_NETWORK_SLUG } from './generate.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '50' },
    url: { type: 'string', default: `/netzwerk/${BENCH_NETWORK_SLUG}/ueberblick` },
    uncached: { type: 'boolean', default: false },
  },
});
const deps = await createDeps(
  loadConfig({ DEMO: 'false', DATABASE_URL: process.env.DATABASE_URL ?? '', DATA_DIR: process.env.DATA_DIR ?? './data', COOKIE_SECRET: 'bench-cookie-secret-0123456789abcdef0123' }),
  { workers: false },
);
const app = await buildApp(deps);
await app.ready();
const get = () => {
  if (values.uncached) forgetCachedFigures(deps.db);
  return app.inject({ url: values.url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
};
for (let i = 0; i < 5; i++) await get();
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const started = performance.now();
for (let i = 0; i < Number(values.runs); i++) await get();
const elapsed = performance.now() - started;
const { profile } = await session.post('Profiler.stop');
const self = new Map<string, number>();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const interval = (profile.endTime - profile.startTime) / (profile.samples?.length ?? 1) / 1000;
for (const id of profile.samples ?? []) {
  const node = byId.get(id);
  if (!node) continue;
  const f = node.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules\/|src\/)/, '$1')}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + interval);
}
const response = await get();
console.log(`${values.runs} pages in ${elapsed.toFixed(0)} ms (${(elapsed / Number(values.runs)).toFixed(1)} ms each), ${response.rawPayload.length} bytes on the wire (${response.headers['content-encoding']})`);
for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(ms / Number(values.runs)).toFixed(2).padStart(7)} ms/page  ${key}`);
await app.close();
await closeDeps(deps);
