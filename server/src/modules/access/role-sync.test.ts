import { describe, expect, it } from 'vitest';
import { BUILTIN_ROLES, type RoleTemplate } from './builtin-roles.ts';
import { ENTITY_KEYS } from './permissions.ts';
import { grantEntities, introducedEntities, planRoleSync, type BuiltinRoleState } from './role-sync.ts';

const template = (key: string) => BUILTIN_ROLES.find((t) => t.key === key)!;

/** The built-in roles as a new organisation gets them, optionally without some entities. */
function rolesOfNewOrg(without: string[] = []): BuiltinRoleState[] {
  return BUILTIN_ROLES.map((t) => ({
    id: `id-${t.key}`,
    key: t.key,
    permissions: Object.fromEntries(Object.entries(t.permissions).filter(([e]) => !without.includes(e))),
    fieldRules: Object.fromEntries(
      Object.entries(t.fieldRules).filter(([k]) => !without.includes(k.split('.')[0]!)),
    ),
  }));
}

describe('entities an organisation already has', () => {
  it('are the recorded list when there is one, whatever the roles grant', () => {
    expect(introducedEntities(['users', 'roles'], rolesOfNewOrg())).toEqual(['users', 'roles']);
    expect(introducedEntities([], rolesOfNewOrg())).toEqual([]);
  });

  it('for an organisation from before the list, are those its built-in roles grant or rule', () => {
    expect(introducedEntities(undefined, rolesOfNewOrg())).toEqual(ENTITY_KEYS);
    expect(introducedEntities(undefined, rolesOfNewOrg(['customers', 'contacts']))).toEqual(
      ENTITY_KEYS.filter((e) => e !== 'customers' && e !== 'contacts'),
    );
    // A field rule alone counts: the administrator has dealt with that entity.
    const ruled = [{ permissions: {}, fieldRules: { 'contacts.phones': 'mask' as const } }];
    expect(introducedEntities(undefined, ruled)).toEqual(['contacts']);
  });

  it('ignore what is not a list of names', () => {
    expect(introducedEntities(['users', 3, null], [])).toEqual(['users']);
    expect(introducedEntities('users', rolesOfNewOrg(['jobs']))).not.toContain('jobs');
  });
});

describe('granting a new entity to a built-in role', () => {
  it("adds the template's actions and the field rules on that entity's fields", () => {
    const role = {
      permissions: { users: ['read' as const] },
      fieldRules: { 'users.phone': 'mask' as const },
    };
    expect(grantEntities(role, template('readonly'), ['customers'])).toEqual({
      grants: {
        permissions: { users: ['read'], customers: ['read'] },
        fieldRules: { 'users.phone': 'mask', 'customers.phones': 'mask' },
      },
      changed: true,
    });
  });

  it('keeps actions the role has and a field rule the administrator set', () => {
    const role = {
      permissions: { customers: ['delete' as const] },
      fieldRules: { 'customers.phones': 'hide' as const },
    };
    expect(grantEntities(role, template('readonly'), ['customers']).grants).toEqual({
      permissions: { customers: ['delete', 'read'] },
      fieldRules: { 'customers.phones': 'hide' },
    });
  });

  it('changes nothing when the template gives that role nothing on the entity', () => {
    const role = { permissions: {}, fieldRules: {} };
    expect(grantEntities(role, template('portal'), ['customers'])).toEqual({ grants: role, changed: false });
  });
});

describe('bringing an organisation up to the catalog', () => {
  it('gives every built-in role its template grants for an entity it did not know', () => {
    const roles = rolesOfNewOrg(['customers']);
    const plan = planRoleSync(
      roles,
      ENTITY_KEYS.filter((e) => e !== 'customers'),
    );
    expect(plan.entities).toEqual(['customers']);
    expect([...plan.introduced].sort()).toEqual([...ENTITY_KEYS].sort());
    // The portal role has nothing on customers: it does not change.
    expect(plan.changes.map((c) => c.key)).toEqual(
      BUILTIN_ROLES.filter((t) => t.key !== 'portal').map((t) => t.key),
    );
    const manager = plan.changes.find((c) => c.key === 'manager')!;
    expect(manager.after.permissions.customers).toEqual(template('manager').permissions.customers);
    expect(manager.after.permissions.contacts).toEqual(template('manager').permissions.contacts);
    const readonly = plan.changes.find((c) => c.key === 'readonly')!;
    expect(readonly.after.fieldRules).toEqual(template('readonly').fieldRules);
    expect(readonly.before.fieldRules).not.toHaveProperty('customers.phones');
  });

  it('never touches an entity already introduced, so an administrator’s narrowing stays', () => {
    const roles = rolesOfNewOrg(['customers']).map((r) =>
      r.key === 'manager' ? { ...r, permissions: { ...r.permissions, contacts: ['read' as const] } } : r,
    );
    const plan = planRoleSync(
      roles,
      ENTITY_KEYS.filter((e) => e !== 'customers'),
    );
    const manager = plan.changes.find((c) => c.key === 'manager')!;
    expect(manager.after.permissions.contacts).toEqual(['read']);
    expect(manager.after.permissions.customers).toEqual(template('manager').permissions.customers);
  });

  it('is idempotent: an organisation that knows every entity changes nothing', () => {
    const plan = planRoleSync(rolesOfNewOrg(['customers']), ENTITY_KEYS);
    expect(plan).toEqual({ entities: [], introduced: ENTITY_KEYS, changes: [] });
  });

  it('leaves custom roles and roles without a template alone', () => {
    const custom: BuiltinRoleState = { id: 'c', key: 'warehouse', permissions: {}, fieldRules: {} };
    const plan = planRoleSync([custom], ['users']);
    expect(plan.entities).toEqual(ENTITY_KEYS.filter((e) => e !== 'users'));
    expect(plan.changes).toEqual([]);
  });

  it('records an organisation from before the list without changing roles that already have everything', () => {
    const plan = planRoleSync(rolesOfNewOrg(), undefined);
    expect(plan).toEqual({ entities: [], introduced: ENTITY_KEYS, changes: [] });
  });

  it('uses the given templates', () => {
    const templates: RoleTemplate[] = [
      {
        key: 'clerk',
        name: { 'zh-CN': '文员', en: 'Clerk' },
        permissions: { jobs: ['read'] },
        dataScope: 'own',
        fieldRules: {},
      },
    ];
    const clerk: BuiltinRoleState = { id: 'k', key: 'clerk', permissions: {}, fieldRules: {} };
    const plan = planRoleSync(
      [clerk],
      ENTITY_KEYS.filter((e) => e !== 'jobs'),
      templates,
    );
    expect(plan.changes).toEqual([
      {
        id: 'k',
        key: 'clerk',
        before: { permissions: {}, fieldRules: {} },
        after: { permissions: { jobs: ['read'] }, fieldRules: {} },
      },
    ]);
  });
});
