import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import zhCN from '../../i18n/zh-CN.json';
import { DECISION_ROLES } from '../contacts/contacts.api';
import { GRADES, LIFECYCLE_STATUSES, RELATIONSHIP_LEVELS } from './customer-options';

// Labels looked up with a computed key (`customers.lifecycle.${status}`) escape the catalog test.
const families: [string, readonly string[]][] = [
  ['customers.lifecycle', LIFECYCLE_STATUSES],
  ['customers.relationship', RELATIONSHIP_LEVELS],
  ['customers.grades', GRADES],
  ['customers.kinds', ['company', 'person']],
  ['customers.match', ['name', 'creditCode', 'phone', 'email']],
  ['customers.ownerReasons', ['create', 'edit', 'transfer', 'merge']],
  ['customers.keyAccount', ['history', 'operatingModel', 'honours', 'achievements']],
  ['customers.keyAccountHints', ['history', 'operatingModel', 'honours', 'achievements']],
  ['customers.region', ['province', 'city', 'district']],
  ['contacts.roles', DECISION_ROLES],
];

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
}

describe('customer labels', () => {
  it.each(families)('%s has a label for every value in both languages', (prefix, values) => {
    for (const value of values)
      for (const tree of [en, zhCN])
        expect(typeof lookup(tree, `${prefix}.${value}`), `${prefix}.${value}`).toBe('string');
  });

  it('offers the same number of type, source and industry suggestions in both languages', () => {
    for (const key of ['types', 'sources', 'industries'])
      expect(Object.keys(lookup(en, `customers.suggest.${key}`) as object)).toEqual(
        Object.keys(lookup(zhCN, `customers.suggest.${key}`) as object),
      );
  });
});
