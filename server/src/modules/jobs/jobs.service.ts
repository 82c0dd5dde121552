import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { decodeCursor, pageOf } from '../../lib/paging.ts';
import { can, type Action } from '../access/index.ts';
import { audit } from '../audit/index.ts';
import * as repo from './jobs.repository.ts';
import { enqueueJob } from './queue.service.ts';
import type { JobQuery } from './jobs.schema.ts';

function need(ctx: Ctx, action: Action) {
  if (!can(ctx.actor, 'jobs', action)) throw forbidden('jobs', action);
}

export async function listJobs(ctx: Ctx, query: JobQuery) {
  need(ctx, 'read');
  const limit = query.limit ?? 50;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { items, total } = await repo.listJobs(tx, ctx.actor.orgId, {
      ...query,
      cursor: decodeCursor(query.cursor),
      limit,
    });
    const page = pageOf(items, limit, (j) => ({ v: j.createdAt.toISOString(), id: j.id }));
    return { items: page.items, total, nextCursor: page.nextCursor };
  });
}

export async function getJob(ctx: Ctx, id: string) {
  need(ctx, 'read');
  const job = await withTenant(ctx.db, ctx.actor.orgId, (tx) => repo.findJob(tx, ctx.actor.orgId, id));
  if (!job) throw notFound('job');
  return job;
}

export async function cancelJob(ctx: Ctx, id: string) {
  need(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const job = await repo.cancelJob(tx, ctx.actor.orgId, id);
    if (!job) throw notFound('job');
    await audit(tx, ctx, 'jobs', job.id, 'cancel');
    return job;
  });
}

export async function retryJob(ctx: Ctx, id: string) {
  need(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findJob(tx, ctx.actor.orgId, id))) throw notFound('job');
    const job = await repo.retryJob(tx, ctx.actor.orgId, id);
    if (!job) throw new AppError('JOB_NOT_RETRYABLE');
    await audit(tx, ctx, 'jobs', job.id, 'retry');
    return job;
  });
}

/** Demo data for the caller's organisation, as a job the jobs page shows with progress. */
export async function startDemoData(ctx: Ctx): Promise<string> {
  need(ctx, 'create');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const id = await enqueueJob(tx, {
      name: 'demo.seed',
      orgId: ctx.actor.orgId,
      createdBy: ctx.actor.userId,
      maxAttempts: 1,
    });
    await audit(tx, ctx, 'jobs', id, 'create', [{ field: 'name', old: null, new: 'demo.seed' }]);
    return id;
  });
}
