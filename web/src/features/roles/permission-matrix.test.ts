import { describe, expect, it } from 'vitest';
import {
  accessChanged,
  actionState,
  catalogActions,
  entityState,
  setActionAll,
  setEntityAll,
  toggleAction,
} from './permission-matrix';

const users = {
  key: 'users',
  actions: ['read', 'create', 'update', 'delete', 'export', 'reveal'],
  fields: ['phone'],
};
const jobs = { key: 'jobs', actions: ['read', 'create', 'update'], fields: [] };
const catalog = [users, jobs];

describe('permission matrix', () => {
  it('granting an action also grants read', () => {
    expect(toggleAction({}, users, 'update', true)).toEqual({ users: ['read', 'update'] });
  });

  it('taking read away takes every action of the entity', () => {
    expect(toggleAction({ users: ['read', 'update', 'delete'] }, users, 'read', false)).toEqual({});
  });

  it('removing another action keeps read', () => {
    expect(toggleAction({ users: ['read', 'update'] }, users, 'update', false)).toEqual({ users: ['read'] });
  });

  it('select-all on a row grants every action the entity has', () => {
    expect(setEntityAll({}, jobs, true)).toEqual({ jobs: ['read', 'create', 'update'] });
    expect(entityState(setEntityAll({}, jobs, true), jobs)).toBe('all');
  });

  it('select-all on a column skips entities without that action', () => {
    const next = setActionAll({}, catalog, 'export', true);
    expect(next).toEqual({ users: ['read', 'export'] });
    expect(actionState(next, catalog, 'export')).toBe('all');
    expect(actionState(next, catalog, 'read')).toBe('some');
  });

  it('lists catalog actions in the usual order', () => {
    expect(catalogActions([jobs, users])).toEqual(['read', 'create', 'update', 'delete', 'export', 'reveal']);
  });
});

describe('role access changes', () => {
  const role = {
    permissions: { users: ['read', 'update'] },
    dataScope: 'org',
    fieldRules: { 'users.phone': 'mask' },
  };

  it('a renamed role keeps its access', () => {
    expect(accessChanged(role, { ...role, permissions: { users: ['update', 'read'] } })).toBe(false);
  });

  it('new permissions, another data scope or another field rule change access', () => {
    expect(accessChanged(role, { ...role, permissions: { users: ['read'] } })).toBe(true);
    expect(accessChanged(role, { ...role, dataScope: 'own' })).toBe(true);
    expect(accessChanged(role, { ...role, fieldRules: {} })).toBe(true);
  });
});
