import { describe, expect, it } from 'vitest';
import {
  planAssignment,
  ruleMatches,
  type EngineLead,
  type EngineRule,
  type EngineSettings,
} from './lead-assignment.ts';

const now = new Date('2026-06-10T02:00:00Z');
const users = new Set(['a', 'b', 'c', 'de', 'es', 'zh', 'fb', 'owner']);
const settings: EngineSettings = { fallbackOwnerId: null, firstContactHours: 24 };

let seq = 0;
function lead(over: Partial<EngineLead> = {}): EngineLead {
  return {
    id: `L${++seq}`,
    country: null,
    province: null,
    productInterest: [],
    language: null,
    channel: 'other',
    campaign: null,
    matchedOwnerId: null,
    ...over,
  };
}
function rule(id: string, over: Partial<EngineRule> = {}): EngineRule {
  return { id, kind: 'roundRobin', match: {}, assigneeIds: ['a'], rrCounter: 0, ...over };
}
const ownerOf = (rules: EngineRule[], l: EngineLead, s: EngineSettings = settings) =>
  planAssignment({ rules, activeUserIds: users, leads: [l], settings: s, now }).assignments[0]!;

describe('round-robin', () => {
  it('is fair within a batch and across batches: everyone gets floor or ceil of N/k', () => {
    const cases: [n: number, batches: number[], k: string[]][] = [
      [10, [10], ['a', 'b', 'c']],
      [10, [3, 3, 4], ['a', 'b', 'c']],
      [7, [1, 1, 1, 1, 1, 1, 1], ['a', 'b']],
      [100, [33, 33, 34], ['a', 'b', 'c', 'es']],
    ];
    for (const [n, batches, k] of cases) {
      let r = rule('rr', { assigneeIds: k });
      const counts = new Map<string, number>();
      for (const size of batches) {
        const plan = planAssignment({
          rules: [r],
          activeUserIds: users,
          leads: Array.from({ length: size }, () => lead()),
          settings,
          now,
        });
        for (const a of plan.assignments) counts.set(a.ownerId!, (counts.get(a.ownerId!) ?? 0) + 1);
        r = { ...r, rrCounter: plan.counters.get('rr')! };
      }
      expect(r.rrCounter).toBe(n);
      for (const u of k) {
        const got = counts.get(u) ?? 0;
        expect(got, `${u} of ${n} over ${k.length}`).toBeGreaterThanOrEqual(Math.floor(n / k.length));
        expect(got).toBeLessThanOrEqual(Math.ceil(n / k.length));
      }
    }
  });

  it('continues from the stored counter in a stable order', () => {
    const plan = planAssignment({
      rules: [rule('rr', { assigneeIds: ['a', 'b', 'c'], rrCounter: 4 })],
      activeUserIds: users,
      leads: [lead(), lead(), lead()],
      settings,
      now,
    });
    expect(plan.assignments.map((a) => a.ownerId)).toEqual(['b', 'c', 'a']);
    expect(plan.counters.get('rr')).toBe(7);
  });

  it('skips inactive or deleted assignees, and a rule with none left', () => {
    const plan = planAssignment({
      rules: [
        rule('gone', { assigneeIds: ['left1', 'left2'] }),
        rule('rr', { assigneeIds: ['a', 'left1', 'b'] }),
      ],
      activeUserIds: users,
      leads: [lead(), lead(), lead(), lead()],
      settings,
      now,
    });
    expect(plan.assignments.map((a) => [a.ownerId, a.ruleId])).toEqual([
      ['a', 'rr'],
      ['b', 'rr'],
      ['a', 'rr'],
      ['b', 'rr'],
    ]);
    expect(plan.counters.has('gone')).toBe(false);
  });
});

describe('rule kinds and order', () => {
  const rules: EngineRule[] = [
    rule('dupes-first-is-not-a-rule', {
      kind: 'channel',
      match: { channels: ['referral'] },
      assigneeIds: ['c'],
    }),
    rule('de', { kind: 'region', match: { countries: ['DE', 'AT', 'CH'] }, assigneeIds: ['de'] }),
    rule('gd', { kind: 'region', match: { countries: ['CN'], provinces: ['440000'] }, assigneeIds: ['zh'] }),
    rule('furniture', { kind: 'productLine', match: { productLines: ['furniture'] }, assigneeIds: ['b'] }),
    rule('spanish', { kind: 'language', match: { languages: ['es'] }, assigneeIds: ['es'] }),
    rule('canton', {
      kind: 'channel',
      match: { channels: ['tradeFair'], campaigns: ['第138届广交会'] },
      assigneeIds: ['a'],
    }),
    rule('catch-all', { kind: 'roundRobin', match: {}, assigneeIds: ['owner'] }),
  ];
  const table: [string, Partial<EngineLead>, string, string | null][] = [
    ['country', { country: 'DE' }, 'de', 'de'],
    ['country, lower case', { country: 'at' }, 'de', 'de'],
    ['province within country', { country: 'CN', province: '440000' }, 'zh', 'gd'],
    ['other province', { country: 'CN', province: '310000' }, 'owner', 'catch-all'],
    ['product line overlap', { productInterest: ['textiles', 'furniture'] }, 'b', 'furniture'],
    ['no product overlap', { productInterest: ['textiles'] }, 'owner', 'catch-all'],
    ['language with region subtag', { language: 'es-MX' }, 'es', 'spanish'],
    ['channel and campaign', { channel: 'tradeFair', campaign: '第138届广交会' }, 'a', 'canton'],
    ['channel, other campaign', { channel: 'tradeFair', campaign: 'Frankfurt 2026' }, 'owner', 'catch-all'],
    ['channel only rule', { channel: 'referral' }, 'c', 'dupes-first-is-not-a-rule'],
    // Order: a German Spanish-speaking furniture buyer goes to the first rule that fits.
    ['first rule wins', { country: 'DE', language: 'es', productInterest: ['furniture'] }, 'de', 'de'],
    [
      'language before channel',
      { language: 'es', channel: 'tradeFair', campaign: '第138届广交会' },
      'es',
      'spanish',
    ],
    ['nothing special', {}, 'owner', 'catch-all'],
  ];
  for (const [name, over, owner, ruleId] of table)
    it(name, () => {
      expect(ownerOf(rules, lead(over))).toMatchObject({ ownerId: owner, ruleId, reason: 'rule' });
    });

  it('a roundRobin rule matches only what its match allows', () => {
    const r = rule('cn-only', { match: { countries: ['CN'] } });
    expect(ruleMatches(r.match, lead({ country: 'CN' }))).toBe(true);
    expect(ruleMatches(r.match, lead({ country: 'US' }))).toBe(false);
    expect(ruleMatches(r.match, lead())).toBe(false);
  });
});

describe('duplicates, fallback and nobody', () => {
  const rules = [rule('de', { kind: 'region', match: { countries: ['DE'] }, assigneeIds: ['de'] })];
  const table: [string, Partial<EngineLead>, EngineSettings, string | null, string | null][] = [
    [
      'customer owner before any rule',
      { country: 'DE', matchedOwnerId: 'owner' },
      settings,
      'owner',
      'duplicate',
    ],
    [
      'inactive customer owner: the rules decide',
      { country: 'DE', matchedOwnerId: 'left' },
      settings,
      'de',
      'rule',
    ],
    ['no rule: fallback owner', { country: 'US' }, { ...settings, fallbackOwnerId: 'fb' }, 'fb', 'fallback'],
    [
      'inactive fallback: unassigned',
      { country: 'US' },
      { ...settings, fallbackOwnerId: 'left' },
      null,
      null,
    ],
    ['no rule, no fallback: unassigned', { country: 'US' }, settings, null, null],
  ];
  for (const [name, over, s, owner, reason] of table)
    it(name, () => {
      const l = lead(over);
      const plan = planAssignment({ rules, activeUserIds: users, leads: [l], settings: s, now });
      expect(plan.assignments[0]).toMatchObject({ ownerId: owner, reason });
      expect(plan.unassigned).toEqual(owner ? [] : [l.id]);
    });

  it('a duplicate does not advance the rotation', () => {
    const plan = planAssignment({
      rules: [rule('rr', { assigneeIds: ['a', 'b'] })],
      activeUserIds: users,
      leads: [lead(), lead({ matchedOwnerId: 'owner' }), lead()],
      settings,
      now,
    });
    expect(plan.assignments.map((a) => a.ownerId)).toEqual(['a', 'owner', 'b']);
    expect(plan.counters.get('rr')).toBe(2);
  });
});

describe('the first-contact deadline', () => {
  const table: [number, string][] = [
    [24, '2026-06-11T02:00:00.000Z'],
    [4, '2026-06-10T06:00:00.000Z'],
    [0, '2026-06-11T02:00:00.000Z'], // not a valid setting: the default
  ];
  for (const [hours, due] of table)
    it(`${hours} h`, () => {
      const a = ownerOf([], lead(), { fallbackOwnerId: null, firstContactHours: hours });
      expect(a.firstContactDueAt.toISOString()).toBe(due);
    });
});
