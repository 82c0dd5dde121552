import type { FastifyInstance } from 'fastify';

export async function orgStructureRoutes(_app: FastifyInstance): Promise<void> {}
