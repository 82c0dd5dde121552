import { describe, expect, it } from 'vitest';
import { applyFieldRules, maskFieldValue, type Actor } from './permissions.ts';

describe('a value under a field rule', () => {
  it.each([
    ['no rule leaves it as it is', undefined, '13800138000', '13800138000'],
    ['a phone is masked', 'mask', '13800138000', '138****8000'],
    ['an email is masked', 'mask', 'wang@huaxing.cn', 'w***@huaxing.cn'],
    ['a hidden value is null', 'hide', '13800138000', null],
    [
      'a list is masked value by value',
      'mask',
      ['13800138000', '02162345678'],
      ['138****8000', '021****5678'],
    ],
    ['a hidden list is empty', 'hide', ['13800138000'], []],
    ['an empty list stays empty', 'mask', [], []],
    ['null stays null', 'mask', null, null],
  ] as const)('%s', (_label, rule, value, expected) => {
    expect(maskFieldValue(rule, value)).toEqual(expected);
  });
});

describe('field rules on a record', () => {
  const actor = {
    fieldRules: { 'customers.phones': 'mask', 'customers.emails': 'hide' },
  } as unknown as Actor;

  it('mask list fields element by element and hide others, leaving the record itself untouched', () => {
    const record = { name: '华星贸易', phones: ['13800138000'], emails: ['a@b.cn'] };
    expect(applyFieldRules(actor, 'customers', record)).toEqual({
      name: '华星贸易',
      phones: ['138****8000'],
      emails: [],
    });
    expect(record.phones).toEqual(['13800138000']);
  });

  it("apply only to the rule's entity", () => {
    const record = { phones: ['13800138000'] };
    expect(applyFieldRules(actor, 'contacts', record)).toBe(record);
  });
});
