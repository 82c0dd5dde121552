import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, IdParams, ListOf, Uuid } from '../../lib/schemas.ts';
import * as svc from './jobs.service.ts';
import { JobOut, JobQuery } from './jobs.schema.ts';

export async function jobsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['jobs'];

  r.get(
    '/api/v1/jobs',
    { schema: { tags, querystring: JobQuery, response: { 200: ListOf(JobOut), ...errorResponses } } },
    async (req) => svc.listJobs(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/jobs/:id',
    { schema: { tags, params: IdParams, response: { 200: JobOut, ...errorResponses } } },
    async (req) => svc.getJob(ctxOf(req), req.params.id),
  );

  r.post(
    '/api/v1/jobs/:id/cancel',
    { schema: { tags, params: IdParams, response: { 200: JobOut, ...errorResponses } } },
    async (req) => svc.cancelJob(ctxOf(req), req.params.id),
  );

  r.post(
    '/api/v1/jobs/:id/retry',
    { schema: { tags, params: IdParams, response: { 200: JobOut, ...errorResponses } } },
    async (req) => svc.retryJob(ctxOf(req), req.params.id),
  );

  r.post(
    '/api/v1/demo-data',
    { schema: { tags, response: { 202: Type.Object({ jobId: Uuid }), ...errorResponses } } },
    async (req, reply) => reply.status(202).send({ jobId: await svc.startDemoData(ctxOf(req)) }),
  );
}
