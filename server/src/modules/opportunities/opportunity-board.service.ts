import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { encodeCursor } from '../../lib/paging.ts';
import * as repo from './opportunities.repository.ts';
import { pipelineWithStages, presentStage } from './pipelines.service.ts';
import { likePattern, present, requireOpportunities } from './opportunities.service.ts';
import type { BoardQuery } from './opportunities.schema.ts';

const CLOSED_WINDOW_DAYS = 90;

/**
 * The kanban board of a pipeline: per stage the count and the sums per currency (one grouped
 * query) and the first cards, newest change first (one query, a LATERAL per stage). Won and
 * lost columns hold those closed since `closedSince` (default 90 days ago) so they stay bounded.
 * A column pages further through GET /opportunities?pipelineId&stageId&closedSince&cursor.
 */
export async function board(ctx: Ctx, query: BoardQuery) {
  requireOpportunities(ctx, 'read');
  const limit = query.limit ?? 20;
  const closedSince = query.closedSince
    ? new Date(query.closedSince)
    : new Date(ctx.now.getTime() - CLOSED_WINDOW_DAYS * 86_400_000);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { pipeline, stages } = await pipelineWithStages(tx, ctx, query.pipelineId);
    const filter: repo.OpportunityFilter = {
      ownerId: query.ownerId,
      teamId: query.teamId,
      channel: query.channel,
      like: likePattern(query.q),
      closedSince,
    };
    const totals = await repo.boardTotals(tx, ctx.actor, pipeline.id, filter);
    const firsts = await repo.boardFirstPages(tx, ctx.actor, pipeline.id, filter, limit);
    const rows = new Map(
      (
        await repo.findOpportunitiesByIds(
          tx,
          ctx.actor.orgId,
          firsts.map((f) => f.id),
        )
      ).map((r) => [r.id, r]),
    );
    const columns = stages
      .map((stage) => {
        const mine = totals.filter((t) => t.stageId === stage.id);
        const cards = firsts
          .filter((f) => f.stageId === stage.id)
          .map((f) => rows.get(f.id))
          .filter((r): r is repo.OpportunityRow => !!r)
          .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || (a.id < b.id ? 1 : -1));
        const items = cards.slice(0, limit);
        const last = items[items.length - 1];
        return {
          stage: presentStage(stage),
          count: mine.reduce((n, t) => n + t.count, 0),
          amounts: mine.map((t) => ({ amount: t.amount, currency: t.currency })),
          items: items.map(present),
          nextCursor:
            cards.length > limit && last
              ? encodeCursor({ v: last.updatedAt.toISOString(), id: last.id })
              : null,
        };
      })
      // A switched-off stage shows only while it still holds opportunities.
      .filter((c) => c.stage.active || c.count > 0);
    return {
      pipeline: { id: pipeline.id, name: pipeline.name, isDefault: pipeline.isDefault },
      closedSince,
      columns,
    };
  });
}
