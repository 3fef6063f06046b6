import type { FastifyPluginAsync } from 'fastify';

export const routes: FastifyPluginAsync = async () => {};
