import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { opportunities, pipelineStages, pipelines } from './opportunities.table.ts';
import { DEFAULT_PIPELINE_NAME, DEFAULT_STAGES, type StageDef } from './stage-rules.ts';

export type PipelineRow = typeof pipelines.$inferSelect;
export type StageRow = typeof pipelineStages.$inferSelect;

const live = (orgId: string) => and(eq(pipelines.orgId, orgId), isNull(pipelines.deletedAt));

export async function listPipelines(tx: Db, orgId: string): Promise<PipelineRow[]> {
  return tx
    .select()
    .from(pipelines)
    .where(live(orgId))
    .orderBy(asc(pipelines.position), asc(pipelines.createdAt), asc(pipelines.id));
}

export async function findPipeline(tx: Db, orgId: string, id: string): Promise<PipelineRow | undefined> {
  const rows = await tx
    .select()
    .from(pipelines)
    .where(and(live(orgId), eq(pipelines.id, id)));
  return rows[0];
}

export async function findDefaultPipeline(tx: Db, orgId: string): Promise<PipelineRow | undefined> {
  const rows = await tx
    .select()
    .from(pipelines)
    .where(and(live(orgId), eq(pipelines.isDefault, true)));
  return rows[0];
}

/** Live stages of pipelines (all of the organisation's when `pipelineId` is omitted), in order. */
export async function listStages(tx: Db, orgId: string, pipelineId?: string): Promise<StageRow[]> {
  return tx
    .select()
    .from(pipelineStages)
    .where(
      and(
        eq(pipelineStages.orgId, orgId),
        isNull(pipelineStages.deletedAt),
        pipelineId ? eq(pipelineStages.pipelineId, pipelineId) : undefined,
      ),
    )
    .orderBy(asc(pipelineStages.pipelineId), asc(pipelineStages.position), asc(pipelineStages.id));
}

export async function findStage(tx: Db, orgId: string, id: string): Promise<StageRow | undefined> {
  const rows = await tx
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.orgId, orgId), eq(pipelineStages.id, id), isNull(pipelineStages.deletedAt)));
  return rows[0];
}

/**
 * Inserts the default pipeline unless the organisation already has one: the partial unique index
 * on (org_id) where is_default makes a concurrent first use wait and then insert nothing.
 * Returns the new pipeline's id, or null when another transaction (or an earlier call) made it.
 */
export async function insertDefaultPipeline(
  tx: Db,
  orgId: string,
  who: { userId: string | null; now: Date },
): Promise<string | null> {
  const id = newId();
  const inserted = await tx
    .insert(pipelines)
    .values({
      orgId,
      id,
      name: DEFAULT_PIPELINE_NAME,
      isDefault: true,
      position: 0,
      createdAt: who.now,
      updatedAt: who.now,
      createdBy: who.userId,
      updatedBy: who.userId,
    })
    .onConflictDoNothing({
      target: pipelines.orgId,
      where: sql`is_default and deleted_at is null`,
    })
    .returning({ id: pipelines.id });
  if (!inserted.length) return null;
  await insertStages(tx, orgId, id, DEFAULT_STAGES, 0, who);
  return id;
}

export async function insertPipeline(tx: Db, row: typeof pipelines.$inferInsert): Promise<void> {
  await tx.insert(pipelines).values(row);
}

export async function insertStages(
  tx: Db,
  orgId: string,
  pipelineId: string,
  stages: readonly (Omit<StageDef, 'key'> & { key?: string | null })[],
  firstPosition: number,
  who: { userId: string | null; now: Date },
): Promise<string[]> {
  if (!stages.length) return [];
  const rows = stages.map((s, i) => ({
    orgId,
    id: newId(),
    pipelineId,
    key: s.key ?? null,
    name: s.name,
    kind: s.kind,
    probability: s.probability,
    position: firstPosition + i,
    createdAt: who.now,
    updatedAt: who.now,
    createdBy: who.userId,
    updatedBy: who.userId,
  }));
  await tx.insert(pipelineStages).values(rows);
  return rows.map((r) => r.id);
}

export async function setStagePositions(
  tx: Db,
  orgId: string,
  positions: { id: string; position: number }[],
  who: { userId: string; now: Date },
): Promise<void> {
  for (const p of positions)
    await tx
      .update(pipelineStages)
      .set({ position: p.position, updatedAt: who.now, updatedBy: who.userId })
      .where(and(eq(pipelineStages.orgId, orgId), eq(pipelineStages.id, p.id)));
}

/** Makes `id` the organisation's only default pipeline. */
export async function setDefaultPipeline(tx: Db, orgId: string, id: string): Promise<void> {
  await tx
    .update(pipelines)
    .set({ isDefault: false })
    .where(and(live(orgId), eq(pipelines.isDefault, true)));
  await tx
    .update(pipelines)
    .set({ isDefault: true })
    .where(and(live(orgId), eq(pipelines.id, id)));
}

/** Live opportunities in a pipeline, or in one of its stages. */
export async function countOpportunitiesIn(
  tx: Db,
  orgId: string,
  where: { pipelineId?: string; stageId?: string },
): Promise<number> {
  const [{ n } = { n: 0 }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(opportunities)
    .where(
      and(
        eq(opportunities.orgId, orgId),
        isNull(opportunities.deletedAt),
        where.pipelineId ? eq(opportunities.pipelineId, where.pipelineId) : undefined,
        where.stageId ? eq(opportunities.stageId, where.stageId) : undefined,
      ),
    );
  return n;
}
