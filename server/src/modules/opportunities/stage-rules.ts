// Pure stage rules: the default pipeline, and which moves between stages are allowed.
/** open, won or lost (the kinds of opportunities.table.ts). */
export type StageKind = 'open' | 'won' | 'lost';

export interface StageDef {
  key: string;
  /** Stored in Chinese; the UI shows the translated built-in name unless renamed. */
  name: string;
  kind: StageKind;
  probability: number;
}

export const DEFAULT_PIPELINE_NAME = '默认销售流程';

/** The funnel of the studied trading firm: target market → … → proposal → won / lost. */
export const DEFAULT_STAGES: readonly StageDef[] = [
  { key: 'targetMarket', name: '目标市场', kind: 'open', probability: 10 },
  { key: 'potentialCustomer', name: '潜在客户', kind: 'open', probability: 20 },
  { key: 'needsAnalysis', name: '需求分析', kind: 'open', probability: 40 },
  { key: 'proposal', name: '方案报价', kind: 'open', probability: 60 },
  { key: 'won', name: '赢单', kind: 'won', probability: 100 },
  { key: 'lost', name: '输单', kind: 'lost', probability: 0 },
];

const BUILTIN_NAMES = new Map(DEFAULT_STAGES.map((s) => [s.key, s.name]));

/** A built-in stage still carries its built-in name: the UI translates it. */
export function isRenamed(stage: { key: string | null; name: string }): boolean {
  return !stage.key || BUILTIN_NAMES.get(stage.key) !== stage.name;
}

export interface StageRef {
  id: string;
  pipelineId: string;
  kind: StageKind;
  active: boolean;
}

export type MoveKind = 'same' | 'move' | 'win' | 'lose' | 'reopen';

export type MoveCheck =
  | { ok: true; move: MoveKind }
  | { ok: false; error: 'UNKNOWN_STAGE' | 'STAGE_INACTIVE' | 'LOST_REASON_REQUIRED' };

/**
 * May an opportunity in `from` move to `to`? Any open stage to any other stage of the same
 * pipeline, won or lost (lost needs a reason); from won or lost back to an open stage is a
 * reopen. A stage of another pipeline is as unknown as one that does not exist; an inactive
 * stage takes no new opportunities.
 */
export function checkMove(
  from: StageRef,
  to: StageRef | undefined,
  lostReason: string | null | undefined,
): MoveCheck {
  if (!to || to.pipelineId !== from.pipelineId) return { ok: false, error: 'UNKNOWN_STAGE' };
  if (to.id === from.id) return { ok: true, move: 'same' };
  if (!to.active) return { ok: false, error: 'STAGE_INACTIVE' };
  if (to.kind === 'lost' && !lostReason?.trim()) return { ok: false, error: 'LOST_REASON_REQUIRED' };
  if (to.kind === 'won') return { ok: true, move: 'win' };
  if (to.kind === 'lost') return { ok: true, move: 'lose' };
  return { ok: true, move: from.kind === 'open' ? 'move' : 'reopen' };
}

/** The stage an opportunity may be created in: of the pipeline, active, lost with a reason. */
export function checkEntry(
  pipelineId: string,
  to: StageRef | undefined,
  lostReason: string | null | undefined,
): MoveCheck {
  if (!to || to.pipelineId !== pipelineId) return { ok: false, error: 'UNKNOWN_STAGE' };
  if (!to.active) return { ok: false, error: 'STAGE_INACTIVE' };
  if (to.kind === 'lost' && !lostReason?.trim()) return { ok: false, error: 'LOST_REASON_REQUIRED' };
  return { ok: true, move: to.kind === 'won' ? 'win' : to.kind === 'lost' ? 'lose' : 'move' };
}

/** What entering a stage stamps on the opportunity. */
export function entryEffects(
  to: { kind: StageKind; probability: number },
  now: Date,
  lost: { lostReason?: string | null; lostNote?: string | null },
) {
  return {
    status: to.kind,
    probability: to.probability,
    stageEnteredAt: now,
    closedAt: to.kind === 'open' ? null : now,
    lostReason: to.kind === 'lost' ? (lost.lostReason?.trim() ?? null) : null,
    lostNote: to.kind === 'lost' ? lost.lostNote?.trim() || null : null,
  };
}

/**
 * New positions after a reorder: the open stages in the given order, then won, then lost.
 * `ids` must name every open stage of the pipeline exactly once; null otherwise.
 */
export function reorderPositions(
  stages: { id: string; kind: StageKind }[],
  ids: string[],
): { id: string; position: number }[] | null {
  const open = stages.filter((s) => s.kind === 'open').map((s) => s.id);
  if (ids.length !== open.length || new Set(ids).size !== ids.length || ids.some((id) => !open.includes(id)))
    return null;
  const closed = [...stages.filter((s) => s.kind === 'won'), ...stages.filter((s) => s.kind === 'lost')];
  return [...ids, ...closed.map((s) => s.id)].map((id, position) => ({ id, position }));
}
