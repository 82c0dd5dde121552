import { describe, expect, it } from 'vitest';
import { moveCard } from './board-state';
import { formatAmount, isBuiltinName } from './opportunity-format';
import type { Board, Opportunity, Stage } from './opportunities.api';

const stage = (id: string, kind: Stage['kind'] = 'open'): Stage => ({
  id,
  version: 1,
  pipelineId: 'p',
  key: id,
  name: id,
  renamed: false,
  kind,
  position: 0,
  probability: 0,
  active: true,
});
const opp = (id: string, stageId: string, amount: string, currency = 'USD') =>
  ({ id, stageId, amount, currency, status: 'open', name: id }) as Opportunity;

describe('the optimistic board', () => {
  it('moves the card with its count and its amount in its currency', () => {
    const a = opp('o1', 'a', '100.10');
    const board: Board = {
      pipeline: { id: 'p', name: 'P', isDefault: true },
      closedSince: '2026-01-01T00:00:00Z',
      columns: [
        {
          stage: stage('a'),
          count: 2,
          amounts: [{ amount: '150.10', currency: 'USD' }],
          items: [a],
          nextCursor: null,
        },
        { stage: stage('won', 'won'), count: 0, amounts: [], items: [], nextCursor: null },
      ],
    };
    const next = moveCard(board, a, stage('won', 'won'));
    expect(next.columns[0]).toMatchObject({
      count: 1,
      amounts: [{ amount: '50.00', currency: 'USD' }],
      items: [],
    });
    expect(next.columns[1]).toMatchObject({ count: 1, amounts: [{ amount: '100.10', currency: 'USD' }] });
    expect(next.columns[1]!.items[0]).toMatchObject({ id: 'o1', stageId: 'won', status: 'won' });
    // The board it came from is untouched (the rollback snapshot).
    expect(board.columns[0]!.count).toBe(2);
  });

  it('formats decimal strings without floats and knows built-in names', () => {
    expect(formatAmount('1234567.5')).toBe('1,234,567.50');
    expect(formatAmount('0')).toBe('0.00');
    expect(isBuiltinName('proposal', '方案报价')).toBe(true);
    expect(isBuiltinName('proposal', '报价单')).toBe(false);
  });
});
