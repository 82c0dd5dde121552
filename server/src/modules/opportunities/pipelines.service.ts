import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, fieldError, forbidden, notFound } from '../../lib/errors.ts';
import { can, type Action } from '../access/index.ts';
import { audit, auditChange } from '../audit/index.ts';
import * as repo from './pipelines.repository.ts';
import { pipelineStages, pipelines } from './opportunities.table.ts';
import { isRenamed, reorderPositions } from './stage-rules.ts';
import type {
  PipelineCreate,
  PipelineOut,
  PipelinePatch,
  StageCreate,
  StageOut,
  StagePatch,
} from './pipelines.schema.ts';

const ENTITY = 'pipelines';

function requirePipelines(ctx: Ctx, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

export function presentStage(s: repo.StageRow): StageOut {
  return {
    id: s.id,
    version: s.version,
    pipelineId: s.pipelineId,
    key: s.key,
    name: s.name,
    renamed: isRenamed(s),
    kind: s.kind,
    position: s.position,
    probability: s.probability,
    active: s.active,
  };
}

function presentPipeline(p: repo.PipelineRow, stages: repo.StageRow[]): PipelineOut {
  return {
    id: p.id,
    version: p.version,
    createdAt: p.createdAt,
    createdBy: p.createdBy,
    updatedAt: p.updatedAt,
    updatedBy: p.updatedBy,
    name: p.name,
    isDefault: p.isDefault,
    position: p.position,
    active: p.active,
    stages: stages.filter((s) => s.pipelineId === p.id).map(presentStage),
  };
}

/**
 * The organisation's default pipeline with its stages, seeded on first use. Safe under
 * concurrency: a second transaction seeding at the same time waits on the unique default
 * index, inserts nothing and reads the first one's pipeline.
 */
export async function defaultPipeline(tx: Db, orgId: string, who?: { userId: string | null; now: Date }) {
  let p = await repo.findDefaultPipeline(tx, orgId);
  if (!p) {
    await repo.insertDefaultPipeline(tx, orgId, who ?? { userId: null, now: new Date() });
    p = await repo.findDefaultPipeline(tx, orgId);
  }
  if (!p) throw new Error('default pipeline missing after seeding');
  return { pipeline: p, stages: await repo.listStages(tx, orgId, p.id) };
}

/** A live pipeline with its stages (the default one when `id` is omitted); 404 otherwise. */
export async function pipelineWithStages(tx: Db, ctx: Pick<Ctx, 'actor' | 'now'>, id?: string) {
  if (!id) return defaultPipeline(tx, ctx.actor.orgId, { userId: ctx.actor.userId, now: ctx.now });
  const pipeline = await repo.findPipeline(tx, ctx.actor.orgId, id);
  if (!pipeline) throw notFound('pipeline');
  return { pipeline, stages: await repo.listStages(tx, ctx.actor.orgId, id) };
}

export async function listPipelines(ctx: Ctx) {
  requirePipelines(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await defaultPipeline(tx, ctx.actor.orgId, { userId: ctx.actor.userId, now: ctx.now });
    const [list, stages] = [
      await repo.listPipelines(tx, ctx.actor.orgId),
      await repo.listStages(tx, ctx.actor.orgId),
    ];
    return { items: list.map((p) => presentPipeline(p, stages)) };
  });
}

async function loadPipeline(tx: Db, ctx: Ctx, id: string): Promise<PipelineOut> {
  const { pipeline, stages } = await pipelineWithStages(tx, ctx, id);
  return presentPipeline(pipeline, stages);
}

export async function getPipeline(ctx: Ctx, id: string) {
  requirePipelines(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, (tx) => loadPipeline(tx, ctx, id));
}

export async function createPipeline(ctx: Ctx, input: PipelineCreate) {
  requirePipelines(ctx, 'create');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await defaultPipeline(tx, ctx.actor.orgId, { userId: ctx.actor.userId, now: ctx.now });
    const id = newId();
    const who = { userId: ctx.actor.userId, now: ctx.now };
    const count = (await repo.listPipelines(tx, ctx.actor.orgId)).length;
    await repo.insertPipeline(tx, {
      orgId: ctx.actor.orgId,
      id,
      name: input.name.trim(),
      position: count,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      createdBy: ctx.actor.userId,
      updatedBy: ctx.actor.userId,
    });
    const open = input.stages.map((s) => ({
      name: s.name.trim(),
      kind: 'open' as const,
      probability: s.probability ?? 0,
    }));
    const closed = [
      { key: 'won', name: '赢单', kind: 'won' as const, probability: 100 },
      { key: 'lost', name: '输单', kind: 'lost' as const, probability: 0 },
    ];
    await repo.insertStages(tx, ctx.actor.orgId, id, [...open, ...closed], 0, who);
    if (input.isDefault) await repo.setDefaultPipeline(tx, ctx.actor.orgId, id);
    const out = await loadPipeline(tx, ctx, id);
    await auditChange(tx, ctx, ENTITY, id, 'create', null, {
      name: out.name,
      stages: out.stages.map((s) => s.name),
    });
    return out;
  });
}

export async function updatePipeline(ctx: Ctx, id: string, patch: PipelinePatch) {
  requirePipelines(ctx, 'update');
  const { version, isDefault, ...rest } = patch;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await loadPipeline(tx, ctx, id);
    if (rest.active === false && before.isDefault) throw fieldError('active', 'readOnly');
    const set: Record<string, unknown> = {};
    if (rest.name !== undefined) set.name = rest.name.trim();
    if (rest.active !== undefined) set.active = rest.active;
    if (rest.position !== undefined) set.position = rest.position;
    await updateVersioned(
      tx,
      pipelines,
      { orgId: ctx.actor.orgId, id, version },
      set,
      { userId: ctx.actor.userId, now: ctx.now },
      'pipeline',
    );
    if (isDefault && !before.isDefault) await repo.setDefaultPipeline(tx, ctx.actor.orgId, id);
    const after = await loadPipeline(tx, ctx, id);
    const snap = (p: PipelineOut) => ({
      name: p.name,
      isDefault: p.isDefault,
      active: p.active,
      position: p.position,
    });
    await auditChange(tx, ctx, ENTITY, id, 'update', snap(before), snap(after));
    return after;
  });
}

export async function deletePipeline(ctx: Ctx, id: string) {
  requirePipelines(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const p = await loadPipeline(tx, ctx, id);
    if (p.isDefault) throw new AppError('PIPELINE_DEFAULT');
    const n = await repo.countOpportunitiesIn(tx, ctx.actor.orgId, { pipelineId: id });
    if (n > 0) throw new AppError('IN_USE', { entity: 'pipeline', count: n });
    await softDelete(tx, pipelines, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'delete');
  });
}

export async function addStage(ctx: Ctx, pipelineId: string, input: StageCreate) {
  requirePipelines(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const p = await loadPipeline(tx, ctx, pipelineId);
    const openIds = p.stages.filter((s) => s.kind === 'open').map((s) => s.id);
    const who = { userId: ctx.actor.userId, now: ctx.now };
    const [stageId] = await repo.insertStages(
      tx,
      ctx.actor.orgId,
      pipelineId,
      [{ name: input.name.trim(), kind: 'open', probability: input.probability ?? 0 }],
      openIds.length,
      who,
    );
    // Keep won and lost at the end.
    const stages = [...p.stages, { id: stageId!, kind: 'open' as const }];
    await repo.setStagePositions(tx, ctx.actor.orgId, reorderPositions(stages, [...openIds, stageId!])!, who);
    await audit(tx, ctx, ENTITY, pipelineId, 'update', [
      { field: 'stages', old: null, new: input.name.trim() },
    ]);
    return loadPipeline(tx, ctx, pipelineId);
  });
}

async function stageOf(tx: Db, ctx: Ctx, pipelineId: string, stageId: string) {
  const stage = await repo.findStage(tx, ctx.actor.orgId, stageId);
  if (!stage || stage.pipelineId !== pipelineId) throw notFound('stage');
  return stage;
}

export async function updateStage(ctx: Ctx, pipelineId: string, stageId: string, patch: StagePatch) {
  requirePipelines(ctx, 'update');
  const { version, ...rest } = patch;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await loadPipeline(tx, ctx, pipelineId);
    const before = await stageOf(tx, ctx, pipelineId, stageId);
    if (rest.active === false && before.kind !== 'open') throw fieldError('active', 'readOnly');
    const set: Record<string, unknown> = {};
    if (rest.name !== undefined) set.name = rest.name.trim();
    if (rest.probability !== undefined) set.probability = rest.probability;
    if (rest.active !== undefined) set.active = rest.active;
    await updateVersioned(
      tx,
      pipelineStages,
      { orgId: ctx.actor.orgId, id: stageId, version },
      set,
      { userId: ctx.actor.userId, now: ctx.now },
      'stage',
    );
    const after = (await repo.findStage(tx, ctx.actor.orgId, stageId))!;
    const snap = (s: repo.StageRow) => ({
      [`stage.${s.id}.name`]: s.name,
      [`stage.${s.id}.probability`]: s.probability,
      [`stage.${s.id}.active`]: s.active,
    });
    await auditChange(tx, ctx, ENTITY, pipelineId, 'update', snap(before), snap(after));
    return loadPipeline(tx, ctx, pipelineId);
  });
}

export async function deleteStage(ctx: Ctx, pipelineId: string, stageId: string) {
  requirePipelines(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const p = await loadPipeline(tx, ctx, pipelineId);
    const stage = await stageOf(tx, ctx, pipelineId, stageId);
    if (stage.kind !== 'open') throw fieldError('stageId', 'readOnly');
    if (p.stages.filter((s) => s.kind === 'open').length <= 1) throw fieldError('stageId', 'readOnly');
    const n = await repo.countOpportunitiesIn(tx, ctx.actor.orgId, { stageId });
    if (n > 0) throw new AppError('IN_USE', { entity: 'stage', count: n });
    await softDelete(tx, pipelineStages, ctx.actor.orgId, stageId, {
      userId: ctx.actor.userId,
      now: ctx.now,
    });
    await audit(tx, ctx, ENTITY, pipelineId, 'update', [{ field: 'stages', old: stage.name, new: null }]);
    return loadPipeline(tx, ctx, pipelineId);
  });
}

export async function reorderStages(ctx: Ctx, pipelineId: string, ids: string[]) {
  requirePipelines(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const p = await loadPipeline(tx, ctx, pipelineId);
    const positions = reorderPositions(p.stages, ids);
    if (!positions) throw fieldError('ids', 'invalid');
    await repo.setStagePositions(tx, ctx.actor.orgId, positions, { userId: ctx.actor.userId, now: ctx.now });
    const after = await loadPipeline(tx, ctx, pipelineId);
    await audit(tx, ctx, ENTITY, pipelineId, 'update', [
      { field: 'stageOrder', old: p.stages.map((s) => s.name), new: after.stages.map((s) => s.name) },
    ]);
    return after;
  });
}
