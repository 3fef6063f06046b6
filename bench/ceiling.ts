/**
 * The ceiling for bench/run.ts: a bare Fastify process that answers every request with bytes it holds
 * in memory (the search page as the app sent it, headers included). Whatever the app reaches beyond
 * rendering and querying, this reaches with nothing to do; the ratio between the two is what a noisy
 * shared machine cannot distort much, since both are measured in the same run.
 *
 *   CEILING_FILE=page.json CEILING_PORT=4001 [CEILING_WORKERS=2] node --import tsx bench/ceiling.ts
 */
import cluster from 'node:cluster';
import fs from 'node:fs';
import Fastify from 'fastify';

interface Recorded {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const file = process.env.CEILING_FILE;
const port = Number(process.env.CEILING_PORT);
const workers = Math.max(1, Number(process.env.CEILING_WORKERS) || 1);
if (!file || !port) throw new Error('CEILING_FILE and CEILING_PORT are required');

if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === workers) console.log('ceiling ready');
  });
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const recorded = JSON.parse(fs.readFileSync(file, 'utf8')) as Recorded;
  const body = Buffer.from(recorded.body, 'base64');
  const app = Fastify({ logger: false });
  app.get('/*', (_request, reply) => {
    reply.code(recorded.status).headers(recorded.headers).send(body);
  });
  await app.listen({ port, host: '127.0.0.1' });
  if (cluster.isPrimary) console.log('ceiling ready');
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}
