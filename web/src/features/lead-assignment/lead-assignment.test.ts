import { describe, expect, it } from 'vitest';
import { moved, ruleInput } from './lead-assignment.api';

describe('moving a rule', () => {
  const ids = ['a', 'b', 'c'];
  it.each([
    [0, -1, ['a', 'b', 'c']],
    [0, 1, ['b', 'a', 'c']],
    [2, -1, ['a', 'c', 'b']],
    [2, 1, ['a', 'b', 'c']],
  ] as const)('index %i by %i', (index, by, expected) => {
    expect(moved(ids, index, by)).toEqual(expected);
    expect(ids).toEqual(['a', 'b', 'c']);
  });
});

describe('the rule form', () => {
  it('sends only the rotation it uses and drops empty match lists', () => {
    expect(
      ruleInput({
        name: ' 德语区 ',
        kind: 'region',
        match: { countries: ['DE', ' AT '], provinces: [], campaigns: [' '] },
        rotation: 'team',
        assigneeIds: ['u1'],
        teamId: 't1',
      }),
    ).toEqual({
      name: '德语区',
      kind: 'region',
      match: { countries: ['DE', 'AT'] },
      assigneeIds: [],
      teamId: 't1',
      active: true,
    });
    expect(
      ruleInput({
        name: 'x',
        kind: 'roundRobin',
        rotation: 'users',
        assigneeIds: ['u1', 'u2'],
        teamId: 't1',
        active: false,
      }),
    ).toMatchObject({ assigneeIds: ['u1', 'u2'], teamId: null, active: false, match: {} });
  });
});
