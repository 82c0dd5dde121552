import { describe, expect, it } from 'vitest';
import {
  checkEntry,
  checkMove,
  DEFAULT_STAGES,
  entryEffects,
  isRenamed,
  reorderPositions,
  type StageRef,
} from './stage-rules.ts';

const P = 'pipeline-1';
const s = (id: string, kind: StageRef['kind'] = 'open', active = true, pipelineId = P): StageRef => ({
  id,
  pipelineId,
  kind,
  active,
});
const a = s('a');
const b = s('b');
const won = s('won', 'won');
const lost = s('lost', 'lost');

describe('stage moves', () => {
  it.each([
    ['open → another open stage', a, b, null, { ok: true, move: 'move' }],
    ['open → won', a, won, null, { ok: true, move: 'win' }],
    ['open → lost with a reason', a, lost, 'price', { ok: true, move: 'lose' }],
    ['open → lost without a reason', a, lost, null, { ok: false, error: 'LOST_REASON_REQUIRED' }],
    ['open → lost with a blank reason', a, lost, '  ', { ok: false, error: 'LOST_REASON_REQUIRED' }],
    ['won → open is a reopen', won, a, null, { ok: true, move: 'reopen' }],
    ['lost → open is a reopen', lost, b, null, { ok: true, move: 'reopen' }],
    ['won → lost with a reason', won, lost, 'other', { ok: true, move: 'lose' }],
    ['lost → won', lost, won, null, { ok: true, move: 'win' }],
    ['to the same stage', a, a, null, { ok: true, move: 'same' }],
    ['to an unknown stage', a, undefined, null, { ok: false, error: 'UNKNOWN_STAGE' }],
    [
      'to a stage of another pipeline',
      a,
      s('x', 'open', true, 'other'),
      null,
      { ok: false, error: 'UNKNOWN_STAGE' },
    ],
    ['to an inactive stage', a, s('off', 'open', false), null, { ok: false, error: 'STAGE_INACTIVE' }],
  ] as const)('%s', (_name, from, to, reason, expected) => {
    expect(checkMove(from, to, reason)).toEqual(expected);
  });

  it('checks the stage an opportunity is created in', () => {
    expect(checkEntry(P, a, null)).toEqual({ ok: true, move: 'move' });
    expect(checkEntry(P, won, null)).toEqual({ ok: true, move: 'win' });
    expect(checkEntry(P, lost, null)).toEqual({ ok: false, error: 'LOST_REASON_REQUIRED' });
    expect(checkEntry('other', a, null)).toEqual({ ok: false, error: 'UNKNOWN_STAGE' });
    expect(checkEntry(P, s('off', 'open', false), null)).toEqual({ ok: false, error: 'STAGE_INACTIVE' });
  });
});

describe('entering a stage', () => {
  const now = new Date('2026-04-01T08:00:00Z');
  it('closes on won and lost, keeps the lost reason only when lost, and takes the default probability', () => {
    expect(entryEffects({ kind: 'won', probability: 100 }, now, { lostReason: 'price' })).toEqual({
      status: 'won',
      probability: 100,
      stageEnteredAt: now,
      closedAt: now,
      lostReason: null,
      lostNote: null,
    });
    expect(
      entryEffects({ kind: 'lost', probability: 0 }, now, { lostReason: ' price ', lostNote: '' }),
    ).toMatchObject({
      status: 'lost',
      closedAt: now,
      lostReason: 'price',
      lostNote: null,
    });
    expect(entryEffects({ kind: 'open', probability: 40 }, now, {})).toMatchObject({
      status: 'open',
      probability: 40,
      closedAt: null,
    });
  });
});

describe('the default pipeline', () => {
  it('follows the trading funnel with its probabilities', () => {
    expect(DEFAULT_STAGES.map((x) => `${x.key}:${x.probability}:${x.kind}`)).toEqual([
      'targetMarket:10:open',
      'potentialCustomer:20:open',
      'needsAnalysis:40:open',
      'proposal:60:open',
      'won:100:won',
      'lost:0:lost',
    ]);
  });
  it('knows a renamed built-in stage', () => {
    expect(isRenamed({ key: 'proposal', name: '方案报价' })).toBe(false);
    expect(isRenamed({ key: 'proposal', name: '报价' })).toBe(true);
    expect(isRenamed({ key: null, name: '打样' })).toBe(true);
  });
});

describe('reordering', () => {
  const stages = [
    { id: 'a', kind: 'open' as const },
    { id: 'b', kind: 'open' as const },
    { id: 'w', kind: 'won' as const },
    { id: 'l', kind: 'lost' as const },
  ];
  it('puts the open stages in the given order, then won, then lost', () => {
    expect(reorderPositions(stages, ['b', 'a'])).toEqual([
      { id: 'b', position: 0 },
      { id: 'a', position: 1 },
      { id: 'w', position: 2 },
      { id: 'l', position: 3 },
    ]);
  });
  it('refuses a list that is not exactly the open stages', () => {
    expect(reorderPositions(stages, ['a'])).toBeNull();
    expect(reorderPositions(stages, ['a', 'a'])).toBeNull();
    expect(reorderPositions(stages, ['a', 'w'])).toBeNull();
  });
});
