import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  createOrg,
  createTestApp,
  createUser,
  setupInstance,
  type TestWorld,
} from './helpers/app.ts';

let w: TestWorld;
let admin: Client;

beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
});
afterAll(() => w.close());

type Dept = {
  id: string;
  name: string;
  parentId: string | null;
  path: string;
  version: number;
  sortOrder: number;
};

async function createDepartment(body: Record<string, unknown>, by = admin): Promise<Dept> {
  const res = await by.post('/api/v1/departments', body);
  if (res.statusCode !== 201) throw new Error(`create department failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function getDepartment(id: string): Promise<Dept> {
  return (await admin.get(`/api/v1/departments/${id}`)).json();
}

describe('departments', () => {
  it('creates a tree and lists it flat, each department after its parent, siblings by sortOrder', async () => {
    const hq = await createDepartment({ name: '总部测试', sortOrder: 1 });
    const sales = await createDepartment({ name: '销售部', parentId: hq.id, sortOrder: 2 });
    const finance = await createDepartment({ name: '财务部', parentId: hq.id, sortOrder: 1 });
    expect(hq).toMatchObject({
      parentId: null,
      path: `/${hq.id}/`,
      version: 1,
      sortOrder: 1,
      createdBy: expect.any(String),
    });
    expect(sales.path).toBe(`/${hq.id}/${sales.id}/`);

    const list = await admin.get('/api/v1/departments?limit=200');
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.nextCursor).toBeNull();
    expect(body.total).toBe(body.items.length);
    const ids = body.items.map((d: Dept) => d.id);
    expect(ids.indexOf(hq.id)).toBeLessThan(ids.indexOf(finance.id));
    expect(ids.indexOf(finance.id)).toBeLessThan(ids.indexOf(sales.id));
  });

  it('moving a department rewrites the paths of all its descendants in one go', async () => {
    const a = await createDepartment({ name: '华东大区' });
    const b = await createDepartment({ name: '华南大区' });
    const child = await createDepartment({ name: '上海分公司', parentId: a.id });
    const grandchild = await createDepartment({ name: '浦东办事处', parentId: child.id });

    const moved = await admin.patch(`/api/v1/departments/${child.id}`, {
      version: child.version,
      parentId: b.id,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ parentId: b.id, path: `/${b.id}/${child.id}/`, version: 2 });
    expect((await getDepartment(grandchild.id)).path).toBe(`/${b.id}/${child.id}/${grandchild.id}/`);

    const toRoot = await admin.patch(`/api/v1/departments/${child.id}`, { version: 2, parentId: null });
    expect(toRoot.json()).toMatchObject({ parentId: null, path: `/${child.id}/` });
    expect((await getDepartment(grandchild.id)).path).toBe(`/${child.id}/${grandchild.id}/`);
  });

  it('refuses to move a department under itself or its own descendant', async () => {
    const top = await createDepartment({ name: '研发中心' });
    const mid = await createDepartment({ name: '平台组', parentId: top.id });
    const leaf = await createDepartment({ name: '数据库小组', parentId: mid.id });
    for (const target of [top.id, leaf.id]) {
      const res = await admin.patch(`/api/v1/departments/${top.id}`, {
        version: top.version,
        parentId: target,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('DEPARTMENT_CYCLE');
    }
    expect(await getDepartment(top.id)).toMatchObject({ parentId: null, version: 1, path: `/${top.id}/` });
    expect((await getDepartment(leaf.id)).path).toBe(`/${top.id}/${mid.id}/${leaf.id}/`);
  });

  it('a stale version is refused with VERSION_CONFLICT and changes nothing', async () => {
    const d = await createDepartment({ name: '市场部' });
    const other = await createDepartment({ name: '品牌部' });
    expect(
      (await admin.patch(`/api/v1/departments/${d.id}`, { version: 1, name: '市场营销部' })).statusCode,
    ).toBe(200);
    const stale = await admin.patch(`/api/v1/departments/${d.id}`, {
      version: 1,
      name: '旧名字',
      parentId: other.id,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(await getDepartment(d.id)).toMatchObject({
      name: '市场营销部',
      parentId: null,
      path: `/${d.id}/`,
      version: 2,
    });
  });

  it('rejects unknown fields with UNKNOWN_FIELD', async () => {
    const res = await admin.post('/api/v1/departments', { name: '法务部', path: '/hacked/' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'UNKNOWN_FIELD',
      details: [{ field: 'path', code: 'unknownField' }],
    });
  });

  it('names the field of a reference that does not exist in the organisation', async () => {
    const missing = '01900000-0000-7000-8000-000000000000';
    const res = await admin.post('/api/v1/departments', {
      name: '物流部',
      parentId: missing,
      managerId: missing,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.map((d: { field: string; code: string }) => [d.field, d.code])).toEqual([
      ['parentId', 'notFound'],
      ['managerId', 'notFound'],
    ]);
  });

  it('sets a manager from the organisation and shows the name', async () => {
    const { user } = await createUser(w.app, admin);
    const d = await createDepartment({ name: '客服部', managerId: user.id });
    expect(d).toMatchObject({ managerId: user.id, managerName: user.name });
  });

  it('refuses to delete a department that still has sub-departments, teams or users', async () => {
    const parent = await createDepartment({ name: '生产部' });
    const sub = await createDepartment({ name: '一车间', parentId: parent.id });
    let res = await admin.del(`/api/v1/departments/${parent.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'IN_USE',
      details: { departments: 1, teams: 0, users: 0 },
    });

    const team = (await admin.post('/api/v1/teams', { name: '夜班', departmentId: sub.id })).json();
    res = await admin.del(`/api/v1/departments/${sub.id}`);
    expect(res.json().error).toMatchObject({ code: 'IN_USE', details: { teams: 1 } });
    expect((await admin.del(`/api/v1/teams/${team.id}`)).statusCode).toBe(204);

    const { user } = await createUser(w.app, admin, { departmentId: sub.id });
    res = await admin.del(`/api/v1/departments/${sub.id}`);
    expect(res.json().error).toMatchObject({ code: 'IN_USE', details: { users: 1 } });
    expect((await admin.del(`/api/v1/users/${user.id}`)).statusCode).toBe(204);

    expect((await admin.del(`/api/v1/departments/${sub.id}`)).statusCode).toBe(204);
    expect((await admin.del(`/api/v1/departments/${parent.id}`)).statusCode).toBe(204);
  });

  it('a deleted department goes to the recycle bin and comes back with restore', async () => {
    const parent = await createDepartment({ name: '海外事业部' });
    const child = await createDepartment({ name: '东南亚组', parentId: parent.id });
    expect((await admin.del(`/api/v1/departments/${child.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/departments/${child.id}`)).statusCode).toBe(404);
    const listed = (await admin.get('/api/v1/departments')).json().items.map((d: Dept) => d.id);
    expect(listed).not.toContain(child.id);
    const bin = (await admin.get('/api/v1/recycle-bin?entity=departments')).json();
    expect(bin.items[0]).toMatchObject({
      entity: 'departments',
      id: child.id,
      label: '东南亚组',
      deletedByName: '管理员',
    });

    // A sub-department cannot come back while its parent is in the recycle bin.
    expect((await admin.del(`/api/v1/departments/${parent.id}`)).statusCode).toBe(204);
    const blocked = await admin.post(`/api/v1/departments/${child.id}/restore`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('DEPARTMENT_DELETED');

    expect((await admin.post(`/api/v1/departments/${parent.id}/restore`)).statusCode).toBe(200);
    const restored = await admin.post(`/api/v1/departments/${child.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({
      id: child.id,
      parentId: parent.id,
      path: `/${parent.id}/${child.id}/`,
    });
    expect((await admin.post(`/api/v1/departments/${child.id}/restore`)).statusCode).toBe(404);
  });

  it('keeps a history of every change with who made it', async () => {
    const parent = await createDepartment({ name: '总经办' });
    const d = await createDepartment({ name: '行政部' });
    await admin.patch(`/api/v1/departments/${d.id}`, { version: 1, name: '行政人事部', parentId: parent.id });
    await admin.del(`/api/v1/departments/${d.id}`);
    await admin.post(`/api/v1/departments/${d.id}/restore`);
    const history = await admin.get(`/api/v1/departments/${d.id}/history`);
    expect(history.statusCode).toBe(200);
    const items = history.json().items as {
      action: string;
      byName: string;
      changes: { field: string; old: unknown; new: unknown }[];
    }[];
    expect(items.map((i) => i.action)).toEqual(['restore', 'delete', 'update', 'create']);
    expect(items.every((i) => i.byName === '管理员')).toBe(true);
    expect(items[2]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', old: '行政部', new: '行政人事部' },
        { field: 'parentId', old: null, new: parent.id },
      ]),
    );
  });
});

describe('teams', () => {
  it('creates teams, filters them by department and updates them', async () => {
    const d1 = await createDepartment({ name: '销售一部' });
    const d2 = await createDepartment({ name: '销售二部' });
    const { user: leader } = await createUser(w.app, admin);
    const created = await admin.post('/api/v1/teams', {
      name: '大客户组',
      departmentId: d1.id,
      leaderId: leader.id,
    });
    expect(created.statusCode).toBe(201);
    const team = created.json();
    expect(team).toMatchObject({
      departmentId: d1.id,
      departmentName: '销售一部',
      leaderId: leader.id,
      leaderName: leader.name,
      version: 1,
    });

    await admin.post('/api/v1/teams', { name: '渠道组', departmentId: d2.id });
    const inD1 = (await admin.get(`/api/v1/teams?departmentId=${d1.id}`)).json();
    expect(inD1).toMatchObject({ total: 1, nextCursor: null, items: [{ id: team.id }] });

    const moved = await admin.patch(`/api/v1/teams/${team.id}`, {
      version: 1,
      departmentId: d2.id,
      leaderId: null,
    });
    expect(moved.json()).toMatchObject({ departmentId: d2.id, leaderId: null, version: 2 });
    const stale = await admin.patch(`/api/v1/teams/${team.id}`, { version: 1, name: '改名' });
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await admin.get(`/api/v1/teams/${team.id}`)).json().name).toBe('大客户组');
  });

  it('pages through teams with a cursor', async () => {
    const d = await createDepartment({ name: '分页测试部' });
    for (const n of ['甲组', '乙组', '丙组'])
      await admin.post('/api/v1/teams', { name: n, departmentId: d.id });
    const first = (await admin.get(`/api/v1/teams?departmentId=${d.id}&limit=2&sort=-createdAt`)).json();
    expect(first.items.map((t: { name: string }) => t.name)).toEqual(['丙组', '乙组']);
    expect(first.total).toBe(3);
    const second = (
      await admin.get(`/api/v1/teams?departmentId=${d.id}&limit=2&sort=-createdAt&cursor=${first.nextCursor}`)
    ).json();
    expect(second).toMatchObject({ items: [{ name: '甲组' }], nextCursor: null });
  });

  it('refuses to delete a team with users, and restores a deleted one', async () => {
    const team = (await admin.post('/api/v1/teams', { name: '售后组' })).json();
    const { user } = await createUser(w.app, admin, { teamId: team.id });
    const refused = await admin.del(`/api/v1/teams/${team.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'IN_USE', details: { users: 1 } });
    await admin.patch(`/api/v1/users/${user.id}`, { version: user.version, teamId: null });
    expect((await admin.del(`/api/v1/teams/${team.id}`)).statusCode).toBe(204);
    const restored = await admin.post(`/api/v1/teams/${team.id}/restore`);
    expect(restored.json()).toMatchObject({ id: team.id, name: '售后组', version: 3 });
    const history = (await admin.get(`/api/v1/teams/${team.id}/history`)).json();
    expect(history.items.map((i: { action: string }) => i.action)).toEqual(['restore', 'delete', 'create']);
  });

  it('names a leader or department that does not exist', async () => {
    const missing = '01900000-0000-7000-8000-000000000001';
    const res = await admin.post('/api/v1/teams', {
      name: '幽灵组',
      departmentId: missing,
      leaderId: missing,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'departmentId',
      'leaderId',
    ]);
    expect((await admin.post('/api/v1/teams', { name: '组', secret: 1 })).json().error.code).toBe(
      'UNKNOWN_FIELD',
    );
  });
});

describe('who sees and changes the organisation structure', () => {
  it('a sales rep sees every department and team but may not change them', async () => {
    const d = await createDepartment({ name: '只读测试部' });
    const { client: rep } = await createUser(w.app, admin, { role: 'sales' });
    const list = (await rep.get('/api/v1/departments')).json();
    expect(list.items.map((x: Dept) => x.id)).toContain(d.id);
    expect((await rep.get('/api/v1/teams')).statusCode).toBe(200);
    const res = await rep.post('/api/v1/departments', { name: '越权部' });
    expect(res.statusCode).toBe(403);
    expect((await rep.patch(`/api/v1/departments/${d.id}`, { version: 1, name: 'x' })).statusCode).toBe(403);
    expect((await rep.del(`/api/v1/departments/${d.id}`)).statusCode).toBe(403);
  });

  it('another organisation can neither see nor reference our departments', async () => {
    const ours = await createDepartment({ name: '本公司机密部' });
    const theirs = await createOrg(w.app, admin, '别家贸易公司', 'admin@other.test');
    const list = (await theirs.get('/api/v1/departments')).json();
    expect(list.items).toEqual([]);
    expect((await theirs.get(`/api/v1/departments/${ours.id}`)).statusCode).toBe(404);
    const ref = await theirs.post('/api/v1/departments', { name: '子部门', parentId: ours.id });
    expect(ref.statusCode).toBe(400);
    expect(ref.json().error.details[0]).toMatchObject({ field: 'parentId', code: 'notFound' });
    expect((await theirs.del(`/api/v1/departments/${ours.id}`)).statusCode).toBe(404);
  });

  it('answers in Chinese with the field label when asked to', async () => {
    const zh = new Client(w.app);
    zh.cookie = admin.cookie;
    zh.csrf = admin.csrf;
    zh.locale = 'zh-CN';
    const res = await zh.post('/api/v1/departments', {
      name: '部',
      parentId: '01900000-0000-7000-8000-000000000002',
    });
    expect(res.json().error.details[0].message).toBe('上级部门引用的记录不存在。');
  });
});
