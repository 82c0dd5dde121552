import { describe, expect, it } from 'vitest';
import { assembleFunnel, emptyFunnel, stageTimesOf, type FunnelStageDef, type ReachGroup } from './funnel.ts';
import { assembleAcquisition, growthSeries, monthsBetween } from './acquisition.ts';
import { addDecimals, compareDecimals, fromCents, subtractDecimals, toCents } from './money.ts';

const DAY = 86_400;
const stages: FunnelStageDef[] = [
  { id: 'lost', key: 'lost', name: '输单', kind: 'lost', position: 6 },
  { id: 'tm', key: 'targetMarket', name: '目标市场', kind: 'open', position: 1 },
  { id: 'pc', key: 'potentialCustomer', name: '潜在客户', kind: 'open', position: 2 },
  { id: 'na', key: 'needsAnalysis', name: '需求分析', kind: 'open', position: 3 },
  { id: 'pr', key: 'proposal', name: '方案报价', kind: 'open', position: 4 },
  { id: 'won', key: 'won', name: '赢单', kind: 'won', position: 5 },
];

const opp = (
  status: ReachGroup['status'],
  maxOpenPosition: number | null,
  amount: string,
  extra: Partial<ReachGroup> = {},
): ReachGroup => ({
  status,
  maxOpenPosition,
  currency: 'CNY',
  lostReason: null,
  count: 1,
  amount,
  cycleSeconds: 0,
  cycleCount: 0,
  ...extra,
});

// Six opportunities, by hand:
// O1 tm→pc→na→pr→won, 1000 CNY, closed 10 days after creation
// O2 tm→pc→lost (price), 500
// O3 created in pc → na (open), 300 USD
// O4 tm (open), 200
// O5 created in na → won, 2000, closed 5 days after creation
// O6 tm→lost (no reason given), 100.50
const groups: ReachGroup[] = [
  opp('won', 4, '1000.00', { cycleSeconds: 10 * DAY, cycleCount: 1 }),
  opp('lost', 2, '500.00', { lostReason: 'price' }),
  opp('open', 3, '300.00', { currency: 'USD' }),
  opp('open', 1, '200.00'),
  opp('won', 3, '2000.00', { cycleSeconds: 5 * DAY, cycleCount: 1 }),
  opp('lost', 1, '100.50'),
];

describe('assembleFunnel', () => {
  const f = assembleFunnel({
    stages,
    groups,
    currency: 'CNY',
    stageTimes: [
      // Entries into tm that were left: O1 after 2 days, O2 after 1, O6 after 3 → 2.0 days.
      { stageId: 'tm', left: 3, seconds: 6 * DAY },
      // pc: O1 after 1 day, O2 after 2, O3 after 0.5 → 3.5 / 3 = 1.1666… → 1.2
      { stageId: 'pc', left: 3, seconds: 3.5 * DAY },
      { stageId: 'won', left: 0, seconds: 0 },
    ],
  });

  it('counts every opportunity that reached a stage or a later one, won ones reaching all', () => {
    expect(f.total).toBe(6);
    expect(f.stages.map((s) => [s.key, s.reached])).toEqual([
      ['targetMarket', 6],
      ['potentialCustomer', 4],
      ['needsAnalysis', 3],
      ['proposal', 2],
    ]);
  });

  it('sums current amounts in the organisation currency and lists the others apart', () => {
    expect(f.stages[0]!.amount).toEqual({ amount: '3800.50', currency: 'CNY' });
    expect(f.stages[0]!.otherAmounts).toEqual([{ amount: '300.00', currency: 'USD' }]);
    expect(f.stages[3]!.amount).toEqual({ amount: '3000.00', currency: 'CNY' });
    expect(f.stages[3]!.otherAmounts).toEqual([]);
  });

  it('computes stage-to-next conversion rates, the last one into won', () => {
    expect(f.stages.map((s) => s.conversionRate)).toEqual([0.6667, 0.75, 0.6667, 1]);
    expect(f.stages.map((s) => s.nextStageId)).toEqual(['pc', 'na', 'pr', null]);
  });

  it('averages time in stage over left entries, one decimal, null without any', () => {
    expect(f.stages.map((s) => s.avgDaysInStage)).toEqual([2, 1.2, null, null]);
    expect(f.stages.map((s) => s.leftEntries)).toEqual([3, 3, 0, 0]);
  });

  it('reports won, lost, open, win rate, sales cycle and lost reasons', () => {
    expect(f.won).toEqual({ count: 2, amount: { amount: '3000.00', currency: 'CNY' }, otherAmounts: [] });
    expect(f.lost).toEqual({ count: 2, amount: { amount: '600.50', currency: 'CNY' }, otherAmounts: [] });
    expect(f.open.count).toBe(2);
    expect(f.open.otherAmounts).toEqual([{ amount: '300.00', currency: 'USD' }]);
    expect(f.winRate).toBe(0.5);
    expect(f.salesCycleDays).toBe(7.5);
    expect(f.lostReasons).toEqual([
      { reason: 'price', count: 1 },
      { reason: 'unspecified', count: 1 },
    ]);
  });

  it('adds up grouped rows like single ones', () => {
    const g = assembleFunnel({
      stages,
      currency: 'CNY',
      stageTimes: [],
      groups: [
        opp('open', 2, '10.00', { count: 3 }),
        opp('lost', null, '5.00', { count: 2, lostReason: 'price' }),
      ],
    });
    expect(g.stages.map((s) => s.reached)).toEqual([3, 3, 0, 0]);
    expect(g.stages.map((s) => s.conversionRate)).toEqual([1, 0, null, null]);
    expect(g.winRate).toBe(0);
    expect(g.lostReasons).toEqual([{ reason: 'price', count: 2 }]);
  });

  it('is empty without a pipeline', () => {
    const e = emptyFunnel('CNY');
    expect(e).toMatchObject({ total: 0, stages: [], winRate: null, salesCycleDays: null, lostReasons: [] });
  });
});

describe('stageTimesOf', () => {
  it('sums the time spent in each stage from transitions and last entries, without ordering', () => {
    // O1 tm@0 → pc@2 → na@3 → pr@5 → won@10; O2 tm@0 → pc@1 → lost@3; O3 pc@9 → na@9.5 (still in na).
    const x = (from: string | null, to: string, count: number, d: number) => ({
      fromStageId: from,
      toStageId: to,
      count,
      seconds: d * DAY,
    });
    const times = stageTimesOf(
      [
        x(null, 'tm', 2, 0),
        x(null, 'pc', 1, 9),
        x('tm', 'pc', 2, 3),
        x('pc', 'na', 2, 12.5),
        x('pc', 'lost', 1, 3),
        x('na', 'pr', 1, 5),
        x('pr', 'won', 1, 10),
      ],
      [
        { stageId: 'won', count: 1, seconds: 10 * DAY },
        { stageId: 'lost', count: 1, seconds: 3 * DAY },
        { stageId: 'na', count: 1, seconds: 9.5 * DAY },
      ],
    );
    const by = new Map(times.map((t) => [t.stageId, [t.left, t.seconds / DAY]]));
    expect(by.get('tm')).toEqual([2, 3]);
    expect(by.get('pc')).toEqual([3, 3.5]);
    expect(by.get('na')).toEqual([1, 2]);
    expect(by.get('pr')).toEqual([1, 5]);
    expect(by.get('won')).toEqual([0, 0]);
  });
});

describe('assembleAcquisition', () => {
  it('computes success and conversion rates per channel and campaign', () => {
    const a = assembleAcquisition({
      currency: 'CNY',
      leads: [
        { channel: 'tradeFair', campaign: '广交会', leads: 4, converted: 2 },
        { channel: 'tradeFair', campaign: 'Frankfurt', leads: 2, converted: 0 },
        { channel: 'b2bPlatform', campaign: 'Alibaba.com', leads: 3, converted: 1 },
      ],
      opportunities: [
        {
          channel: 'tradeFair',
          campaign: '广交会',
          currency: 'CNY',
          opportunities: 2,
          won: 1,
          wonAmount: '1000.00',
        },
        {
          channel: 'b2bPlatform',
          campaign: 'Alibaba.com',
          currency: 'USD',
          opportunities: 1,
          won: 1,
          wonAmount: '50.00',
        },
      ],
      months: ['2026-01', '2026-02', '2026-03', '2026-04'],
      newCustomers: [
        { month: '2026-01', count: 2 },
        { month: '2026-02', count: 3 },
        { month: '2026-04', count: 4 },
      ],
    });
    expect(a.leads).toEqual({ created: 9, converted: 3, successRate: 0.3333 });
    expect(
      a.channels.map((c) => [
        c.channel,
        c.leads,
        c.converted,
        c.conversionRate,
        c.opportunities,
        c.won,
        c.winRate,
      ]),
    ).toEqual([
      ['tradeFair', 6, 2, 0.3333, 2, 1, 0.5],
      ['b2bPlatform', 3, 1, 0.3333, 1, 1, 1],
    ]);
    expect(a.channels[1]!.wonAmount).toEqual({ amount: '0.00', currency: 'CNY' });
    expect(a.channels[1]!.otherWonAmounts).toEqual([{ amount: '50.00', currency: 'USD' }]);
    expect(a.campaigns.map((c) => [c.campaign, c.leads, c.conversionRate])).toEqual([
      ['广交会', 4, 0.5],
      ['Alibaba.com', 3, 0.3333],
      ['Frankfurt', 2, 0],
    ]);
    expect(a.newCustomers).toEqual([
      { month: '2026-01', count: 2, growthRate: null },
      { month: '2026-02', count: 3, growthRate: 0.5 },
      { month: '2026-03', count: 0, growthRate: -1 },
      { month: '2026-04', count: 4, growthRate: null },
    ]);
    expect(a.buyers).toBeNull();
  });

  it('lists the months of a period across a year end', () => {
    expect(monthsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(growthSeries(['2026-01'], new Map())).toEqual([{ month: '2026-01', count: 0, growthRate: null }]);
  });
});

describe('decimal money', () => {
  it('adds and subtracts exactly', () => {
    expect(addDecimals('0.10', '0.20', '1')).toBe('1.30');
    expect(subtractDecimals('100.00', '250.5')).toBe('-150.50');
    expect(fromCents(toCents('12345678901234567.89'))).toBe('12345678901234567.89');
    expect(toCents('1.005')).toBe(101n);
    expect(compareDecimals('9.99', '10')).toBe(-1);
  });
});
