import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf, type Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { decodeCursor, encodeCursor } from '../../lib/paging.ts';
import { DateTime, errorResponses, IdParams, ListOf, Nullable, Uuid } from '../../lib/schemas.ts';
import { can, type Action } from '../access/permissions.ts';
import { audit } from '../audit/index.ts';
import * as repo from './jobs.repository.ts';
import { enqueueJob } from './queue.ts';

const JobOut = Type.Object({
  id: Uuid,
  name: Type.String(),
  status: Type.String(),
  progress: Type.Object({
    processed: Type.Number(),
    total: Nullable(Type.Number()),
    message: Nullable(Type.String()),
  }),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  error: Nullable(Type.String()),
  result: Type.Optional(Type.Unknown()),
  createdBy: Nullable(Uuid),
  createdAt: DateTime,
  startedAt: Nullable(DateTime),
  finishedAt: Nullable(DateTime),
  runAt: DateTime,
});

const JobQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    status: Type.Optional(
      Type.Union(['queued', 'running', 'done', 'failed', 'cancelled'].map((s) => Type.Literal(s))),
    ),
    name: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

function need(ctx: Ctx, action: Action) {
  if (!can(ctx.actor, 'jobs', action)) throw forbidden('jobs', action);
}

export async function jobsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['jobs'];

  r.get('/api/v1/jobs', { schema: { tags, querystring: JobQuery, response: { 200: ListOf(JobOut), ...errorResponses } } }, async (req) => {
    const ctx = ctxOf(req);
    need(ctx, 'read');
    const limit = req.query.limit ?? 50;
    return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
      const { items, total } = await repo.listJobs(tx, ctx.actor.orgId, { ...req.query, cursor: decodeCursor(req.query.cursor), limit });
      const page = items.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page,
        total,
        nextCursor: items.length > limit && last ? encodeCursor({ v: last.createdAt.toISOString(), id: last.id }) : null,
      };
    });
  });

  r.get('/api/v1/jobs/:id', { schema: { tags, params: IdParams, response: { 200: JobOut, ...errorResponses } } }, async (req) => {
    const ctx = ctxOf(req);
    need(ctx, 'read');
    const job = await withTenant(ctx.db, ctx.actor.orgId, (tx) => repo.findJob(tx, ctx.actor.orgId, req.params.id));
    if (!job) throw notFound('job');
    return job;
  });

  r.post('/api/v1/jobs/:id/cancel', { schema: { tags, params: IdParams, response: { 200: JobOut, ...errorResponses } } }, async (req) => {
    const ctx = ctxOf(req);
    need(ctx, 'update');
    return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
      const job = await repo.cancelJob(tx, ctx.actor.orgId, req.params.id);
      if (!job) throw notFound('job');
      await audit(tx, ctx, 'jobs', job.id, 'cancel');
      return job;
    });
  });

  r.post('/api/v1/jobs/:id/retry', { schema: { tags, params: IdParams, response: { 200: JobOut, ...errorResponses } } }, async (req) => {
    const ctx = ctxOf(req);
    need(ctx, 'update');
    return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
      const existing = await repo.findJob(tx, ctx.actor.orgId, req.params.id);
      if (!existing) throw notFound('job');
      const job = await repo.retryJob(tx, ctx.actor.orgId, req.params.id);
      if (!job) throw new AppError('JOB_NOT_RETRYABLE');
      await audit(tx, ctx, 'jobs', job.id, 'retry');
      return job;
    });
  });

  r.post(
    '/api/v1/demo-data',
    { schema: { tags, response: { 202: Type.Object({ jobId: Uuid }), ...errorResponses } } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      need(ctx, 'create');
      const jobId = await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
        const id = await enqueueJob(tx, { name: 'demo.seed', orgId: ctx.actor.orgId, createdBy: ctx.actor.userId, maxAttempts: 1 });
        await audit(tx, ctx, 'jobs', id, 'create', [{ field: 'name', old: null, new: 'demo.seed' }]);
        return id;
      });
      return reply.status(202).send({ jobId });
    },
  );
}
