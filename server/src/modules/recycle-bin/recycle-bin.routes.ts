import type { FastifyInstance } from 'fastify';

export async function recycleBinRoutes(_app: FastifyInstance): Promise<void> {}
