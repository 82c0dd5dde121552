import { describe, expect, it } from 'vitest';
import { accessChanged, fieldRuleErrors, type RoleAccess } from './role-rules.ts';

describe('role field rules', () => {
  it('accepts mask and hide on maskable catalog fields', () => {
    expect(fieldRuleErrors({ 'users.phone': 'mask', 'users.email': 'hide' })).toEqual([]);
  });

  it.each([
    ['a field that cannot be masked', 'departments.name', 'mask'],
    ['an unknown entity', 'customers.phone', 'mask'],
    ['a key without an entity', 'phone', 'mask'],
    ['a rule other than mask or hide', 'users.phone', 'blur'],
  ])('refuses %s, naming fieldRules.<key>', (_label, key, rule) => {
    expect(fieldRuleErrors({ [key as string]: rule as string })).toEqual([
      { field: `fieldRules.${key}`, code: 'fieldRule', params: { key } },
    ]);
  });
});

describe('role edits that end sessions', () => {
  const base: RoleAccess = {
    permissions: { users: ['read', 'update'], teams: ['read'] },
    dataScope: 'team',
    fieldRules: { 'users.phone': 'mask' },
    isPortal: false,
  };

  it('ignores a reordering of the same permissions', () => {
    expect(
      accessChanged(base, { ...base, permissions: { teams: ['read'], users: ['update', 'read'] } }),
    ).toBe(false);
  });

  it.each([
    ['a granted action', { permissions: { users: ['read', 'update', 'delete'], teams: ['read'] } }],
    ['a revoked entity', { permissions: { users: ['read', 'update'] } }],
    ['the data scope', { dataScope: 'org' }],
    ['a new field rule', { fieldRules: { 'users.phone': 'mask', 'users.email': 'hide' } }],
    ['a removed field rule', { fieldRules: {} }],
    ['the portal flag', { isPortal: true }],
  ] as [string, Partial<RoleAccess>][])('notices a change of %s', (_label, change) => {
    expect(accessChanged(base, { ...base, ...change })).toBe(true);
  });
});
