/**
 * Info mails: 10,000 recipients sent to a local SMTP sink (smtp-server in a child process, as a real
 * mail server is never inside the app's process) at the configured rate, with the search page measured
 * before and during the send in the same run.
 * Reports mails per second, the process's peak memory, and the search page's p95 before the send and
 * while it runs (ten a second from the first mail to the last), with the load average.
 *
 *   npm run bench:infomail     (RECIPIENTS=10000 INFOMAIL_RATE_PER_MINUTE=6000 SEARCH_EVERY_MS=100 by default)
 *
 * Embedded database (PGlite) in a temporary folder; everything on 127.0.0.1, bounded in time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fork } from 'node:child_process';
import { SMTPServer } from 'smtp-server';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { closeDeps, createDeps } from '../src/platform/runtime.ts';
import '../src/modules/index.ts';
import { seedDemoNetworks } from '../src/modules/networks/demo.ts';
import { networks } from '../src/modules/networks/schema.ts';
import { infomailLists, infomailMailings, infomailRecipients, infomailSubscribers, infomailSubscriptions } from '../src/modules/infomail/schema.ts';
import { queueBatch } from '../src/modules/infomail/send.ts';
import { eq, sql } from 'drizzle-orm';

const RECIPIENTS = Number(process.env.RECIPIENTS ?? 10_000);
const RATE = process.env.INFOMAIL_RATE_PER_MINUTE ?? '6000';
const SEARCH_EVERY_MS = Number(process.env.SEARCH_EVERY_MS ?? 100);
const LIMIT_MS = 20 * 60 * 1000;

/** The sink: this same file started as a child with SINK=1; it reports its port, then each mail received. */
if (process.env.SINK === '1') {
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        process.send!({ mail: 1 });
        callback();
      });
    },
  });
  sink.listen(0, '127.0.0.1', () => process.send!({ port: (sink.server.address() as AddressInfo).port }));
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}

async function main() {
  let received = 0;
  const child = fork(import.meta.filename, [], { env: { ...process.env, SINK: '1' }, execArgv: ['--import', 'tsx'] });
  const smtpPort = await new Promise<number>((resolve) =>
    child.on('message', (message: { port?: number; mail?: number }) => {
      if (message.port) resolve(message.port);
      if (message.mail) received++;
    }),
  );

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-bench-infomail-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DEMO: 'false', SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, INFOMAIL_RATE_PER_MINUTE: RATE, LOG_LEVEL: 'silent', PORT: '0' });
  const deps = await createDeps(config, { workers: true });
  const app = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  await seedDemoNetworks(deps.db, { content: true });
  const [network] = await deps.db.select().from(networks).where(eq(networks.slug, 'gems'));
  if (!network) throw new Error('demo network missing');

  const [list] = await deps.db.insert(infomailLists).values({ networkId: network.id, name: 'Benchmark' }).returning();
  for (let i = 0; i < RECIPIENTS; i += 1000) {
    const rows = await deps.db
      .insert(infomailSubscribers)
      .values(Array.from({ length: Math.min(1000, RECIPIENTS - i) }, (_, j) => ({ networkId: network.id, email: `leser${i + j}@bench.example`, confirmedAt: new Date() })))
      .returning();
    await deps.db.insert(infomailSubscriptions).values(rows.map((r) => ({ subscriberId: r.id, listId: list!.id })));
  }

  const words = ['Kita', 'Senioren', 'Sport', 'Umwelt', 'Lesen', 'Fahrdienst', 'Garten', 'Musik'];
  /**
   * Search page times (ms) at a steady pace, one request every SEARCH_EVERY_MS (as visitors would come, not
   * as fast as the process answers: a closed loop of back-to-back searches starves the send in the same
   * process, so it would measure the search slowing the send instead of the send slowing the search).
   * `count` of them, or on until `until` says stop.
   */
  async function searchTimes(count: number, until?: () => boolean): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; until ? !until() : i < count; i++) {
      const started = performance.now();
      const response = await fetch(`${base}/angebote?q=${encodeURIComponent(words[i % words.length]!)}`);
      await response.arrayBuffer();
      const took = performance.now() - started;
      times.push(took);
      if (took < SEARCH_EVERY_MS) await new Promise((resolve) => setTimeout(resolve, SEARCH_EVERY_MS - took));
    }
    return times;
  }
  const percentile = (times: number[], p: number) => {
    const sorted = [...times].sort((a, b) => a - b);
    return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0) * 10) / 10;
  };

  const loadBefore = os.loadavg()[0]!;
  await searchTimes(20); // warm up
  const before = await searchTimes(200);

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  const rssBefore = process.memoryUsage().rss;
  const [mailing] = await deps.db
    .insert(infomailMailings)
    .values({ networkId: network.id, listId: list!.id, subject: 'Benchmark', body: '# Hallo\n\nEin **Test** mit [Link](https://example.org).', status: 'scheduled', scheduledAt: new Date() })
    .returning();
  const started = Date.now();
  const progress = setInterval(() => process.stderr.write(`${Math.round((Date.now() - started) / 1000)} s: ${received} mails received\n`), 30_000);
  await queueBatch(deps, mailing!.id);
  // The search page is asked, one request after the other, for as long as the send runs (from its first mail on).
  while (received === 0 && Date.now() - started < LIMIT_MS) await new Promise((resolve) => setTimeout(resolve, 50));
  const firstMail = (Date.now() - started) / 1000;
  const done = () => received >= RECIPIENTS || Date.now() - started > LIMIT_MS;
  const during = await searchTimes(0, done);
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 250));
  const seconds = (Date.now() - started) / 1000;
  clearInterval(sampler);
  clearInterval(progress);
  const [states] = await deps.db
    .select({ sent: sql<number>`count(*) filter (where ${infomailRecipients.state} = 'sent')::int`, failed: sql<number>`count(*) filter (where ${infomailRecipients.state} = 'failed')::int` })
    .from(infomailRecipients)
    .where(eq(infomailRecipients.mailingId, mailing!.id));

  console.log(
    JSON.stringify(
      {
        recipients: RECIPIENTS,
        ratePerMinute: Number(RATE),
        searchEveryMs: SEARCH_EVERY_MS,
        received,
        sent: states?.sent,
        failed: states?.failed,
        seconds: Math.round(seconds * 10) / 10,
        firstMailAfterSeconds: Math.round(firstMail * 10) / 10,
        mailsPerSecond: Math.round((received / seconds) * 10) / 10,
        rssBeforeMb: Math.round(rssBefore / 1e6),
        peakRssMb: Math.round(peakRss / 1e6),
        searchBefore: { requests: before.length, p50Ms: percentile(before, 0.5), p95Ms: percentile(before, 0.95) },
        searchDuring: { requests: during.length, p50Ms: percentile(during, 0.5), p95Ms: percentile(during, 0.95) },
        p95Change: `${Math.round((percentile(during, 0.95) / percentile(before, 0.95) - 1) * 100)} %`,
        loadAverage: { before: Math.round(loadBefore * 10) / 10, after: Math.round(os.loadavg()[0]! * 10) / 10 },
      },
      null,
      2,
    ),
  );
  child.disconnect();
  if (received < RECIPIENTS) {
    // Stopped by the time limit with a batch still sending: closing the database under it would throw.
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }
  await app.close();
  await closeDeps(deps);
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}
