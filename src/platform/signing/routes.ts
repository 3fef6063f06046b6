import type { FastifyPluginAsync } from 'fastify';
import { publicKeys } from './index.ts';

/** The public keys, for anyone who checks codes offline (an acceptance point's app, an employer's script). */
export const signingRoutes: FastifyPluginAsync = async (app) => {
  app.get('/.well-known/mitmachnetz-keys.json', async (_request, reply) => {
    const keys = await publicKeys(app.deps.db);
    return reply.header('cache-control', 'public, max-age=300').send({
      algorithm: 'Ed25519',
      format: 'payload.keyId.signature (base64url); the signature covers "payload.keyId"',
      keys: keys.map((k) => ({ id: k.id, publicKey: k.publicKey, retired: k.retired })),
    });
  });
};
