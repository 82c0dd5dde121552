import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { updateVersioned } from '../../db/record-ops.ts';
import { AppError } from '../../lib/errors.ts';
import { auditChange } from '../audit/index.ts';
import { checkDictionaryValues } from '../customization/index.ts';
import { recordDeal } from '../customers/index.ts';
import { notify } from '../notifications/index.ts';
import * as repo from './opportunities.repository.ts';
import { listStages } from './pipelines.repository.ts';
import { opportunities } from './opportunities.table.ts';
import { checkMove, entryEffects } from './stage-rules.ts';
import {
  ENTITY,
  present,
  requireOpportunities,
  stageError,
  visibleOpportunity,
} from './opportunities.service.ts';
import type { StageChangeBody } from './opportunities.schema.ts';

/**
 * Moves an opportunity to another stage of its pipeline: status, probability (the stage's
 * default), stage entry time and close time follow the stage; the move is written to the stage
 * history with who, when and the amount; the owner hears of it when someone else moved it.
 */
export async function changeStage(ctx: Ctx, id: string, body: StageChangeBody) {
  requireOpportunities(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await visibleOpportunity(tx, ctx, id);
    const stages = await listStages(tx, ctx.actor.orgId, before.pipelineId);
    const from = stages.find((s) => s.id === before.stageId) ?? {
      id: before.stageId,
      pipelineId: before.pipelineId,
      kind: before.status,
      active: true,
    };
    const to = stages.find((s) => s.id === body.stageId);
    const check = checkMove(from, to, body.lostReason);
    if (!check.ok) throw stageError(check.error, to?.name);
    if (check.move === 'same') {
      if (before.version !== body.version) throw new AppError('VERSION_CONFLICT');
      return present(before);
    }
    const target = to!;
    if (check.move === 'lose') {
      const errors = await checkDictionaryValues(
        tx,
        ctx.actor.orgId,
        ctx.now,
        { lostReason: 'opportunityLostReason' },
        { lostReason: body.lostReason },
      );
      if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    }
    await updateVersioned(
      tx,
      opportunities,
      { orgId: ctx.actor.orgId, id, version: body.version },
      { stageId: target.id, ...entryEffects(target, ctx.now, body) },
      { userId: ctx.actor.userId, now: ctx.now },
      'opportunity',
    );
    await repo.insertStageChange(tx, {
      orgId: ctx.actor.orgId,
      opportunityId: id,
      pipelineId: before.pipelineId,
      fromStageId: before.stageId,
      toStageId: target.id,
      at: ctx.now,
      opportunityCreatedAt: before.createdAt,
      by: ctx.actor.userId,
      amount: before.amount,
      currency: before.currency,
    });
    if (check.move === 'win') await recordDeal(tx, ctx.actor.orgId, before.customerId, ctx.now);
    if (before.ownerId !== ctx.actor.userId)
      await notify(tx, [
        {
          orgId: ctx.actor.orgId,
          userId: before.ownerId,
          kind: 'opportunityStageChanged',
          params: {
            name: before.name,
            stageKey: target.key,
            stage: target.name,
            by: (await repo.userName(tx, ctx.actor.orgId, ctx.actor.userId)) ?? '',
            move: check.move,
          },
          link: `/opportunities/${id}`,
        },
      ]);
    const after = (await repo.findOpportunity(tx, { ...ctx.actor, dataScope: 'org' }, id))!;
    const snap = (r: repo.OpportunityRow) => ({
      stageId: r.stageId,
      status: r.status,
      probability: r.probability,
      lostReason: r.lostReason,
      lostNote: r.lostNote,
    });
    await auditChange(
      tx,
      ctx,
      ENTITY,
      id,
      check.move === 'reopen' ? 'reopen' : 'stage',
      snap(before),
      snap(after),
    );
    return present(after);
  });
}

/** The stage history, oldest first: every entry into a stage with who, when and the amount then. */
export async function stageHistory(ctx: Ctx, id: string) {
  requireOpportunities(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await visibleOpportunity(tx, ctx, id);
    return { items: await repo.listStageChanges(tx, ctx.actor.orgId, id) };
  });
}
