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

// Org A: 销售部 (manager 王经理, reps 张伟 and 李娜) and 客服部 (rep 赵六, outside the manager's
// department); a read-only user. Org B: an administrator with a customer of its own.
let w: TestWorld;
let admin: Client;
let adminB: Client;
const u = {} as Record<'manager' | 'zhang' | 'li' | 'zhao' | 'ro', { client: Client; id: string }>;

type Customer = { id: string; version: number; ownerId: string | null; tags: string[] };
let n = 0;
async function createCustomer(by: Client, body: Record<string, unknown> = {}): Promise<Customer> {
  const res = await by.post('/api/v1/customers', {
    kind: 'company',
    name: `批量客户${++n}号有限公司`,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const get = async (id: string) => (await admin.get(`/api/v1/customers/${id}`)).json() as Customer;
const bulk = (by: Client, body: Record<string, unknown>) => by.post('/api/v1/customers/bulk', body);
const MISSING = '01890000-0000-7000-8000-000000000000';

beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
  adminB = await createOrg(w.app, admin, '另一家公司', 'admin@b.test');
  const orgId = (await admin.get('/api/v1/me')).json().orgId;
  const sales = await insertDepartmentRow(w.database.db, orgId, '销售部');
  const service = await insertDepartmentRow(w.database.db, orgId, '客服部');
  const people = {
    manager: { name: '王经理', role: 'manager', departmentId: sales.id },
    zhang: { name: '张伟', role: 'sales', departmentId: sales.id },
    li: { name: '李娜', role: 'sales', departmentId: sales.id },
    zhao: { name: '赵六', role: 'sales', departmentId: service.id },
    ro: { name: '只读', role: 'readonly' },
  };
  for (const [key, body] of Object.entries(people)) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as keyof typeof u] = { client, id: user.id };
  }
});
afterAll(() => w.close());

describe('bulk actions on customers', () => {
  it('assign and transfer move owned and pool customers to a rep; out-of-scope and foreign ids fail NOT_FOUND', async () => {
    const zhangs = await createCustomer(u.zhang.client);
    const lis = await createCustomer(u.li.client);
    const pooled = await createCustomer(admin, { ownerId: null });
    const zhaos = await createCustomer(u.zhao.client); // outside the manager's department
    const foreign = await createCustomer(adminB);
    const res = await bulk(u.manager.client, {
      action: 'transfer',
      ids: [zhangs.id, lis.id, zhaos.id, foreign.id, MISSING, zhangs.id],
      ownerId: u.li.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out.done).toBe(2);
    expect(out.failed.map((f: { id: string; code: string }) => [f.id, f.code])).toEqual([
      [zhaos.id, 'NOT_FOUND'],
      [foreign.id, 'NOT_FOUND'],
      [MISSING, 'NOT_FOUND'],
    ]);
    expect(out.failed[0].message).toBe('The customer was not found.');
    expect((await get(zhangs.id)).ownerId).toBe(u.li.id);
    expect((await get(lis.id)).ownerId).toBe(u.li.id);
    expect((await get(zhaos.id)).ownerId).toBe(u.zhao.id);
    const owners = (await admin.get(`/api/v1/customers/${zhangs.id}/owners`)).json().items;
    expect(owners).toContainEqual(
      expect.objectContaining({ fromOwnerId: u.zhang.id, toOwnerId: u.li.id, reason: 'transfer' }),
    );

    const assigned = await bulk(admin, { action: 'assign', ids: [pooled.id], ownerId: u.zhang.id });
    expect(assigned.json()).toEqual({ done: 1, failed: [] });
    expect((await get(pooled.id)).ownerId).toBe(u.zhang.id);
    expect((await adminB.get(`/api/v1/customers/${foreign.id}`)).json().ownerId).not.toBe(u.li.id);
  });

  it('reps may not reassign, read-only users may not edit; parameters are required and capped', async () => {
    const c = await createCustomer(u.zhang.client);
    expect(
      (await bulk(u.zhang.client, { action: 'transfer', ids: [c.id], ownerId: u.li.id })).statusCode,
    ).toBe(403);
    expect((await bulk(u.ro.client, { action: 'addTags', ids: [c.id], tags: ['x'] })).statusCode).toBe(403);
    expect((await bulk(u.ro.client, { action: 'release', ids: [c.id], reason: '不要了' })).statusCode).toBe(
      403,
    );
    const noOwner = await bulk(admin, { action: 'assign', ids: [c.id] });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json().error.details).toEqual([
      expect.objectContaining({ field: 'ownerId', code: 'required' }),
    ]);
    expect((await bulk(admin, { action: 'release', ids: [c.id] })).statusCode).toBe(400);
    expect((await bulk(admin, { action: 'addTags', ids: [c.id] })).statusCode).toBe(400);
    const tooMany = Array.from({ length: 1001 }, () => c.id);
    expect((await bulk(admin, { action: 'addTags', ids: tooMany, tags: ['x'] })).statusCode).toBe(400);
    expect((await bulk(admin, { action: 'explode', ids: [c.id] })).statusCode).toBe(400);
    expect((await get(c.id)).ownerId).toBe(u.zhang.id);
    expect((await get(c.id)).tags).toEqual([]);
  });

  it('tags are added and removed within the caller data scope, each customer audited', async () => {
    const a = await createCustomer(u.zhang.client, { tags: ['老客户'] });
    const b = await createCustomer(u.zhang.client);
    const other = await createCustomer(u.li.client);
    const add = await bulk(u.zhang.client, {
      action: 'addTags',
      ids: [a.id, b.id, other.id],
      tags: ['展会', '老客户'],
    });
    expect(add.statusCode, add.body).toBe(200);
    expect(add.json().done).toBe(2);
    expect(add.json().failed).toEqual([expect.objectContaining({ id: other.id, code: 'NOT_FOUND' })]);
    expect((await get(a.id)).tags).toEqual(['老客户', '展会']);
    expect((await get(b.id)).tags).toEqual(['展会', '老客户']);
    expect((await get(other.id)).tags).toEqual([]);
    const remove = await bulk(u.manager.client, {
      action: 'removeTags',
      ids: [a.id, b.id, other.id],
      tags: ['老客户'],
    });
    expect(remove.json()).toEqual({ done: 3, failed: [] });
    expect((await get(a.id)).tags).toEqual(['展会']);
    const history = (await admin.get(`/api/v1/customers/${a.id}/history`)).json().items;
    expect(history.filter((h: { action: string }) => h.action === 'update')).toHaveLength(2);
    const log = (await admin.get('/api/v1/audit-log?entity=customers')).json().items;
    expect(log.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['bulk:addTags', 'bulk:removeTags']),
    );
  });

  it('release puts customers back in the pool with the reason; one already there is reported, not undone', async () => {
    const a = await createCustomer(u.zhang.client);
    const b = await createCustomer(u.zhang.client);
    const pooled = await createCustomer(admin, { ownerId: null });
    u.zhang.client.locale = 'zh-CN';
    const res = await bulk(u.zhang.client, {
      action: 'release',
      ids: [a.id, pooled.id, b.id],
      reason: '长期无回应',
    });
    u.zhang.client.locale = 'en';
    expect(res.statusCode, res.body).toBe(200);
    // The rep cannot see a pool customer through their own scope: it is not found for them.
    expect(res.json().done).toBe(2);
    expect(res.json().failed).toEqual([expect.objectContaining({ id: pooled.id, code: 'NOT_FOUND' })]);
    expect(res.json().failed[0].message).toBe('未找到该客户。');
    expect((await get(a.id)).ownerId).toBeNull();
    expect((await get(b.id)).ownerId).toBeNull();
    const byManager = await bulk(u.manager.client, { action: 'release', ids: [a.id], reason: '再放一次' });
    expect(byManager.json().failed).toEqual([expect.objectContaining({ id: a.id, code: 'ALREADY_IN_POOL' })]);
    const owners = (await admin.get(`/api/v1/customers/${a.id}/owners`)).json().items;
    expect(owners).toContainEqual(
      expect.objectContaining({ fromOwnerId: u.zhang.id, toOwnerId: null, reason: 'released: 长期无回应' }),
    );
  });
});
