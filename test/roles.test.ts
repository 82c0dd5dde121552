import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, createUser, setupInstance, type TestWorld } from './helpers/app.ts';

let w: TestWorld;
let admin: Client;

beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
});
afterAll(() => w.close());

type Role = {
  id: string;
  key: string;
  name: string;
  version: number;
  builtin: boolean;
  permissions: Record<string, string[]>;
};

let keyCounter = 0;
async function createRole(body: Record<string, unknown> = {}): Promise<Role> {
  const res = await admin.post('/api/v1/roles', {
    key: `role_${++keyCounter}`,
    name: `角色${keyCounter}`,
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`create role failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function builtinRole(key: string): Promise<Role> {
  const list = (await admin.get('/api/v1/roles?limit=200')).json();
  return list.items.find((r: Role) => r.key === key);
}

describe('permission catalog', () => {
  it('lists every entity with its actions and maskable fields, and the data scopes', async () => {
    const res = await admin.get('/api/v1/permissions/catalog');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.dataScopes).toEqual(['own', 'team', 'department', 'org']);
    expect(body.entities).toContainEqual({
      key: 'users',
      actions: ['read', 'create', 'update', 'delete', 'export', 'reveal'],
      fields: ['phone', 'email'],
    });
  });
});

describe('roles', () => {
  it('lists the built-in roles first, in the order of the product', async () => {
    const list = (await admin.get('/api/v1/roles')).json();
    expect(list.items.slice(0, 8).map((r: Role) => r.key)).toEqual([
      'admin',
      'manager',
      'sales',
      'service',
      'marketing',
      'finance',
      'logistics',
      'readonly',
    ]);
    expect(list.items.every((r: Role) => r.builtin)).toBe(true);
  });

  it('creates a custom role and keeps only catalog permissions', async () => {
    const res = await admin.post('/api/v1/roles', {
      key: 'warehouse',
      name: '仓库主管',
      description: '负责出入库',
      permissions: {
        users: ['read', 'read', 'export'],
        departments: ['read', 'export'],
        spaceships: ['read'],
      },
      dataScope: 'department',
      fieldRules: { 'users.email': 'hide' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      key: 'warehouse',
      description: '负责出入库',
      permissions: { users: ['read', 'export'], departments: ['read'] },
      dataScope: 'department',
      fieldRules: { 'users.email': 'hide' },
      isPortal: false,
      builtin: false,
      version: 1,
    });
  });

  it('refuses a key that is taken, on create or rename, or badly formed', async () => {
    await createRole({ key: 'auditor' });
    const taken = await admin.post('/api/v1/roles', { key: 'auditor', name: '审计' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({
      code: 'ROLE_KEY_TAKEN',
      details: [{ field: 'key', code: 'taken' }],
    });
    const other = await createRole();
    const rekeyed = await admin.patch(`/api/v1/roles/${other.id}`, { version: 1, key: 'auditor' });
    expect(rekeyed.statusCode).toBe(409);
    expect(rekeyed.json().error.code).toBe('ROLE_KEY_TAKEN');
    for (const key of ['Auditor', '9lives', 'a', 'has space']) {
      const bad = await admin.post('/api/v1/roles', { key, name: '坏' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0]).toMatchObject({ field: 'key', code: 'pattern' });
    }
  });

  it('refuses field rules outside the maskable fields, naming the rule', async () => {
    const res = await admin.post('/api/v1/roles', {
      key: 'badrules',
      name: '坏规则',
      fieldRules: { 'users.phone': 'blur', 'departments.name': 'mask' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'fieldRules.users.phone',
      'fieldRules.departments.name',
    ]);
  });

  it('rejects unknown fields and stale versions without changing anything', async () => {
    const role = await createRole();
    const unknown = await admin.post('/api/v1/roles', { key: 'sneaky', name: '偷偷', builtin: true });
    expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_FIELD', details: [{ field: 'builtin' }] });
    expect((await admin.patch(`/api/v1/roles/${role.id}`, { version: 1, name: '新名' })).statusCode).toBe(
      200,
    );
    const stale = await admin.patch(`/api/v1/roles/${role.id}`, {
      version: 1,
      name: '旧名',
      dataScope: 'org',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await admin.get(`/api/v1/roles/${role.id}`)).json()).toMatchObject({
      name: '新名',
      dataScope: 'own',
      version: 2,
    });
  });

  it('a built-in role can be edited but neither deleted nor re-keyed', async () => {
    const sales = await builtinRole('sales');
    const del = await admin.del(`/api/v1/roles/${sales.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('BUILTIN_ROLE');
    const rekey = await admin.patch(`/api/v1/roles/${sales.id}`, { version: sales.version, key: 'seller' });
    expect(rekey.statusCode).toBe(400);
    expect(rekey.json().error.details[0]).toMatchObject({ field: 'key', code: 'readOnly' });
    const renamed = await admin.patch(`/api/v1/roles/${sales.id}`, {
      version: sales.version,
      name: '销售代表',
    });
    expect(renamed.json()).toMatchObject({ key: 'sales', name: '销售代表', builtin: true });
  });

  it('refuses to delete a role its users still have; once free it goes to the recycle bin and back', async () => {
    const role = await createRole({ permissions: { users: ['read'] } });
    const { user } = await createUser(w.app, admin, { role: role.key });
    const refused = await admin.del(`/api/v1/roles/${role.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'IN_USE', details: { users: 1 } });

    await admin.del(`/api/v1/users/${user.id}`);
    expect((await admin.del(`/api/v1/roles/${role.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/roles/${role.id}`)).statusCode).toBe(404);
    const bin = (await admin.get('/api/v1/recycle-bin?entity=roles')).json();
    expect(bin.items).toContainEqual(
      expect.objectContaining({ entity: 'roles', id: role.id, label: role.name }),
    );
    const restored = await admin.post(`/api/v1/roles/${role.id}/restore`);
    expect(restored.json()).toMatchObject({ id: role.id, key: role.key });

    const history = (await admin.get(`/api/v1/roles/${role.id}/history`)).json();
    expect(history.items.map((i: { action: string }) => i.action)).toEqual(['restore', 'delete', 'create']);
  });

  it('only actors with role permissions may see or change roles', async () => {
    const { client: rep } = await createUser(w.app, admin, { role: 'sales' });
    expect((await rep.get('/api/v1/roles')).statusCode).toBe(403);
    expect((await rep.get('/api/v1/permissions/catalog')).statusCode).toBe(403);
    expect((await rep.post('/api/v1/roles', { key: 'mine', name: '我的' })).statusCode).toBe(403);
  });
});

describe('role changes and sessions', () => {
  it("changing a role's permissions ends the sessions of its users, and only theirs", async () => {
    const role = await createRole({ permissions: { users: ['read'], departments: ['read'] } });
    const { client: member } = await createUser(w.app, admin, { role: role.key });
    const { client: bystander } = await createUser(w.app, admin, { role: 'sales' });
    expect((await member.get('/api/v1/me')).statusCode).toBe(200);

    // A new name does not change what the users may do: sessions stay.
    const renamed = (await admin.patch(`/api/v1/roles/${role.id}`, { version: 1, name: '巡检员' })).json();
    expect((await member.get('/api/v1/me')).statusCode).toBe(200);

    const oldCookie = member.cookie;
    const changed = await admin.patch(`/api/v1/roles/${role.id}`, {
      version: renamed.version,
      permissions: { users: ['read'] },
    });
    expect(changed.statusCode).toBe(200);
    const after = await member.get('/api/v1/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('SESSION_EXPIRED');
    const replay = new Client(w.app);
    replay.cookie = oldCookie;
    expect((await replay.get('/api/v1/me')).statusCode).toBe(401);
    expect((await bystander.get('/api/v1/me')).statusCode).toBe(200);

    const history = (await admin.get(`/api/v1/roles/${role.id}/history`)).json();
    expect(history.items[0].changes).toEqual([
      { field: 'permissions', old: { users: ['read'], departments: ['read'] }, new: { users: ['read'] } },
    ]);
  });

  it('an administrator who edits their own role stays signed in, while other holders are signed out', async () => {
    const { client: otherAdmin } = await createUser(w.app, admin, { role: 'admin' });
    const adminRole = await builtinRole('admin');
    const res = await admin.patch(`/api/v1/roles/${adminRole.id}`, {
      version: adminRole.version,
      permissions: { ...adminRole.permissions, jobs: ['read'] },
    });
    expect(res.statusCode).toBe(200);
    const me = await admin.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().permissions.jobs).toEqual(['read']);
    expect((await otherAdmin.get('/api/v1/me')).statusCode).toBe(401);
    const restored = await admin.patch(`/api/v1/roles/${adminRole.id}`, {
      version: res.json().version,
      permissions: adminRole.permissions,
    });
    expect(restored.statusCode).toBe(200);
  });

  it('changing the data scope or field rules also ends the sessions', async () => {
    const role = await createRole({ permissions: { users: ['read'] } });
    const { client: a } = await createUser(w.app, admin, { role: role.key });
    const v2 = (await admin.patch(`/api/v1/roles/${role.id}`, { version: 1, dataScope: 'org' })).json();
    expect((await a.get('/api/v1/me')).statusCode).toBe(401);
    const { client: b } = await createUser(w.app, admin, { role: role.key });
    await admin.patch(`/api/v1/roles/${role.id}`, {
      version: v2.version,
      fieldRules: { 'users.phone': 'hide' },
    });
    expect((await b.get('/api/v1/me')).statusCode).toBe(401);
  });
});

describe('field rules', () => {
  it("a 'mask' rule on users.phone shows that role's users masked phone numbers", async () => {
    const role = await createRole({
      permissions: { users: ['read'] },
      dataScope: 'org',
      fieldRules: { 'users.phone': 'mask' },
    });
    const { user: target } = await createUser(w.app, admin, { phone: '13812341234', name: '手机测试' });
    const { client: viewer } = await createUser(w.app, admin, { role: role.key });

    const list = (await viewer.get('/api/v1/users?q=手机测试')).json();
    expect(list.items).toEqual([expect.objectContaining({ id: target.id, phone: '138****1234' })]);
    expect((await viewer.get(`/api/v1/users/${target.id}`)).json().phone).toBe('138****1234');
    // The administrator, without the rule, still sees the number.
    expect((await admin.get(`/api/v1/users/${target.id}`)).json().phone).toBe('13812341234');
  });
});
