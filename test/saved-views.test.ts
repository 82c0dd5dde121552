import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createTestApp,
  createUser,
  setupInstance,
  type Client,
  type TestWorld,
} from './helpers/app.ts';
import { insertDepartmentRow } from './helpers/db-state.ts';

let w: TestWorld;
let admin: Client;
let adminB: Client;
const u = {} as Record<'manager' | 'zhang' | 'li' | 'ro' | 'portal', { client: Client; id: string }>;

const config = (filters: Record<string, string | string[]> = {}, extra: Record<string, unknown> = {}) => ({
  filters,
  sort: '-updatedAt',
  columns: ['grade', 'owner'],
  ...extra,
});

async function createView(by: Client, body: Record<string, unknown>) {
  const res = await by.post('/api/v1/saved-views', { entity: 'customers', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; shared: boolean; editable: boolean };
}

const viewNames = async (c: Client) => {
  const res = await c.get('/api/v1/saved-views?entity=customers');
  expect(res.statusCode, res.body).toBe(200);
  return res
    .json()
    .items.map((v: { name: string }) => v.name)
    .sort();
};

beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
  adminB = await createOrg(w.app, admin, '另一家公司', 'admin@b.test');
  const orgId = (await admin.get('/api/v1/me')).json().orgId;
  const sales = await insertDepartmentRow(w.database.db, orgId, '销售部');
  const people = {
    manager: { role: 'manager', departmentId: sales.id },
    zhang: { role: 'sales', departmentId: sales.id },
    li: { role: 'sales', departmentId: sales.id },
    ro: { role: 'readonly' },
    portal: { role: 'portal' },
  };
  for (const [key, body] of Object.entries(people)) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as keyof typeof u] = { client, id: user.id };
  }
  const res = await admin.post('/api/v1/custom-fields', {
    entity: 'customers',
    key: 'budget',
    label: { 'zh-CN': '预算', en: 'Budget' },
    type: 'number',
  });
  expect(res.statusCode).toBe(201);
});
afterAll(() => w.close());

describe('saved views of the customer list', () => {
  it('a private view is seen by its owner only; reading the list is all it takes', async () => {
    const mine = await createView(u.zhang.client, {
      name: '我的A类客户',
      config: config(
        { grade: 'A', 'cf.budget.gte': '1000' },
        { sort: '-cf.budget', columns: ['grade', 'cf.budget'] },
      ),
    });
    expect(mine).toMatchObject({ shared: false, editable: true });
    await createView(u.ro.client, { name: '只读的视图', config: config({ lifecycleStatus: 'active' }) });
    expect(await viewNames(u.zhang.client)).toEqual(['我的A类客户']);
    expect(await viewNames(u.li.client)).toEqual([]);
    expect(await viewNames(admin)).toEqual([]);
    expect(await viewNames(u.ro.client)).toEqual(['只读的视图']);
    expect(
      (await u.li.client.patch(`/api/v1/saved-views/${mine.id}`, { version: 1, name: '偷改' })).statusCode,
    ).toBe(404);
    expect((await admin.del(`/api/v1/saved-views/${mine.id}`)).statusCode).toBe(404);
    expect((await adminB.del(`/api/v1/saved-views/${mine.id}`)).statusCode).toBe(404);
    expect((await u.portal.client.get('/api/v1/saved-views?entity=customers')).statusCode).toBe(403);
    const renamed = await u.zhang.client.patch(`/api/v1/saved-views/${mine.id}`, {
      version: 1,
      name: '重点客户',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await u.zhang.client.del(`/api/v1/saved-views/${mine.id}`)).statusCode).toBe(204);
    expect(await viewNames(u.zhang.client)).toEqual([]);
  });

  it('sharing takes savedViews:create; shared views are seen by the whole organisation, not by another', async () => {
    const refused = await u.zhang.client.post('/api/v1/saved-views', {
      entity: 'customers',
      name: '想共享',
      shared: true,
      config: config(),
    });
    expect(refused.statusCode).toBe(403);
    const own = await createView(u.zhang.client, { name: '张伟私有', config: config() });
    const share = await u.zhang.client.patch(`/api/v1/saved-views/${own.id}`, {
      version: own.version,
      shared: true,
    });
    expect(share.statusCode).toBe(403);

    const team = await createView(u.manager.client, {
      name: '部门活跃客户',
      shared: true,
      config: config({ lifecycleStatus: 'active' }),
    });
    for (const c of [admin, u.zhang.client, u.li.client, u.ro.client])
      expect(await viewNames(c)).toContain('部门活跃客户');
    expect(await viewNames(adminB)).toEqual([]);

    // A rep sees it but may not change it; its owner and an administrator may.
    const zhangList = (await u.zhang.client.get('/api/v1/saved-views?entity=customers')).json().items;
    expect(zhangList.find((v: { id: string }) => v.id === team.id).editable).toBe(false);
    expect(
      (await u.zhang.client.patch(`/api/v1/saved-views/${team.id}`, { version: 1, name: '改名' })).statusCode,
    ).toBe(403);
    expect((await u.ro.client.del(`/api/v1/saved-views/${team.id}`)).statusCode).toBe(403);
    const byOwner = await u.manager.client.patch(`/api/v1/saved-views/${team.id}`, {
      version: 1,
      name: '部门活跃客户（新）',
    });
    expect(byOwner.statusCode).toBe(200);
    const byAdmin = await admin.patch(`/api/v1/saved-views/${team.id}`, { version: 2, shared: false });
    expect(byAdmin.statusCode).toBe(200);
    expect(await viewNames(u.zhang.client)).not.toContain('部门活跃客户（新）');
    const again = await admin.patch(`/api/v1/saved-views/${team.id}`, { version: 3, shared: true });
    expect(again.statusCode).toBe(404); // private to the manager now
    expect((await u.manager.client.del(`/api/v1/saved-views/${team.id}`)).statusCode).toBe(204);
    const log = (await admin.get('/api/v1/audit-log?entity=savedViews')).json().items;
    expect(log.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'update', 'delete']),
    );
  });

  it('filters, sort and columns are checked against the list; unknown ones are named', async () => {
    const bad = await u.zhang.client.post('/api/v1/saved-views', {
      entity: 'customers',
      name: '坏视图',
      config: {
        filters: { colour: 'red', grade: 'Z', 'cf.nothing': '1', 'cf.budget': 'many' },
        sort: 'phones',
        columns: ['cf.nothing'],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad.json().error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`),
    ).toEqual([
      'config.filters.colour:unknownFilter',
      'config.filters.grade:invalid',
      'config.sort:enum',
      'config.filters.cf.nothing:unknownFilter',
      'config.filters.cf.budget:number',
      'config.columns[0]:invalid',
    ]);
    expect(bad.json().error.details[0].message).toContain('colour');
    const wrongEntity = await u.zhang.client.post('/api/v1/saved-views', {
      entity: 'planets',
      name: 'x',
      config: config(),
    });
    expect(wrongEntity.statusCode).toBe(400);
    const extra = await u.zhang.client.post('/api/v1/saved-views', {
      entity: 'customers',
      name: 'x',
      config: config(),
      owner: 'me',
    });
    expect(extra.statusCode).toBe(400);
  });
});
