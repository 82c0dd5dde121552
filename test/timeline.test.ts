import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  createOrg,
  createTestApp,
  createUser,
  setupInstance,
  type Client,
  type TestWorld,
} from './helpers/app.ts';
import { insertDepartmentRow, rows } from './helpers/db-state.ts';

// The 360° timeline of a customer: interactions, tasks (created / due / done) and the changes
// to the customer and its contacts, newest first, keyset-paged across all of them.
let w: TestWorld;
let admin: Client;
let otherAdmin: Client;
const u = {} as Record<'manager' | 'zhang' | 'li' | 'gao', { client: Client; id: string }>;
let haitian: string;
let otherCustomer: string;
const logged: string[] = [];

interface Item {
  type: string;
  at: string;
  id: string;
  entity: string;
  title: string | null;
  detail?: Record<string, unknown>;
}
const ago = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

async function timeline(by: Client, customerId: string, query = '') {
  const res = await by.get(`/api/v1/customers/${customerId}/timeline${query}`);
  return res;
}
async function walk(by: Client, customerId: string, limit: number, types = ''): Promise<Item[]> {
  const all: Item[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const res = await timeline(by, customerId, `?limit=${limit}${types}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    all.push(...res.json().items);
    cursor = res.json().nextCursor;
    if (!cursor) return all;
  }
  throw new Error('timeline did not end');
}

beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
  otherAdmin = await createOrg(w.app, admin, '另一家公司', 'admin@b.test');
  const orgId = (await admin.get('/api/v1/me')).json().orgId;
  const east = await insertDepartmentRow(w.database.db, orgId, '华东销售部');
  const south = await insertDepartmentRow(w.database.db, orgId, '华南销售部');
  for (const [key, body] of Object.entries({
    manager: { name: '王经理', role: 'manager', departmentId: east.id },
    zhang: { name: '张伟', role: 'sales', departmentId: east.id },
    li: { name: '李娜', role: 'sales', departmentId: south.id },
    gao: { name: '高翔', role: 'readonly' },
  })) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as keyof typeof u] = { client, id: user.id };
  }
  haitian = (
    await u.zhang.client.post('/api/v1/customers', {
      kind: 'company',
      name: '宁波海天塑机有限公司',
      phones: ['13588889999'],
    })
  ).json().id;
  otherCustomer = (await otherAdmin.post('/api/v1/customers', { kind: 'company', name: '别家客户' })).json()
    .id;
  const chen = (
    await u.zhang.client.post('/api/v1/contacts', { customerId: haitian, name: '陈海峰' })
  ).json();
  await u.zhang.client.patch(`/api/v1/contacts/${chen.id}`, { version: 1, title: '采购总监' });
  for (const [i, channel] of ['call', 'visit', 'wechat', 'email', 'meeting'].entries()) {
    const res = await u.zhang.client.post('/api/v1/interactions', {
      customerId: haitian,
      contactId: chen.id,
      channel,
      occurredAt: ago(10 - i),
      subject: `第${i + 1}次跟进`,
      ...(i === 1 ? { nextStep: '寄样品', nextStepAt: ago(1) } : {}),
    });
    expect(res.statusCode, res.body).toBe(201);
    logged.push(res.json().id);
  }
  // The tasks module marks tasks done; here the row is completed directly.
  await rows(
    w.database.db,
    sql`update tasks set status = 'done', completed_at = now(), completed_by = ${u.zhang.id} where related_id = ${logged[1]}`,
  );
  await otherAdmin.post('/api/v1/interactions', {
    customerId: otherCustomer,
    channel: 'note',
    occurredAt: ago(1),
  });
});
afterAll(() => w.close());

describe('the customer timeline', () => {
  it('merges interactions, task events and changes to the customer and its contacts, newest first', async () => {
    const all = await walk(admin, haitian, 100);
    const types = all.map((i) => i.type);
    expect(types.filter((t) => t === 'interaction')).toHaveLength(5);
    expect(types.filter((t) => t.startsWith('task'))).toEqual(['taskDone', 'taskCreated']);
    const changes = all.filter((i) => i.type === 'change');
    expect(changes.map((c) => `${c.entity}:${c.title}`).sort()).toEqual([
      'contacts:create',
      'contacts:update',
      'customers:create',
    ]);
    const times = all.map((i) => new Date(i.at).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const newest = all.find((i) => i.type === 'interaction')!;
    expect(newest).toMatchObject({ id: logged[4], title: '第5次跟进', entity: 'interactions' });
    expect(newest.detail).toMatchObject({ channel: 'meeting', attachments: [] });
  });

  it('pages of any size walk the same items exactly once', async () => {
    const all = await walk(admin, haitian, 100);
    for (const limit of [1, 2, 3]) expect(await walk(admin, haitian, limit)).toEqual(all);
  });

  it('shows only the sources asked for', async () => {
    const only = await walk(admin, haitian, 3, '&types=interactions');
    expect(only.map((i) => i.id)).toEqual([...logged].reverse());
    const tasksAndChanges = await walk(admin, haitian, 3, '&types=tasks,changes');
    expect(tasksAndChanges.some((i) => i.type === 'interaction')).toBe(false);
    const bad = await timeline(admin, haitian, '?types=emails');
    expect(bad.statusCode).toBe(400);
    expect((await timeline(admin, haitian, '?cursor=garbage')).statusCode).toBe(400);
  });

  it('masks the changes a caller may only see masked', async () => {
    const clear = (await walk(admin, haitian, 100)).find((i) => i.entity === 'customers')!;
    expect(JSON.stringify(clear.detail)).toContain('13588889999');
    const masked = (await walk(u.gao.client, haitian, 100)).find((i) => i.entity === 'customers')!;
    expect(JSON.stringify(masked.detail)).not.toContain('13588889999');
  });

  it('is there for whoever sees the customer: owner, its manager, read-only; nobody else', async () => {
    const full = (await walk(admin, haitian, 100)).length;
    expect((await walk(u.zhang.client, haitian, 100)).length).toBe(full);
    expect((await walk(u.manager.client, haitian, 100)).length).toBe(full);
    expect((await walk(u.gao.client, haitian, 100)).length).toBe(full);
    expect((await timeline(u.li.client, haitian)).statusCode).toBe(404);
    expect((await timeline(otherAdmin, haitian)).statusCode).toBe(404);
    const theirs = await walk(otherAdmin, otherCustomer, 10);
    expect(theirs.some((i) => i.type === 'interaction')).toBe(true);
    expect((await timeline(admin, otherCustomer)).statusCode).toBe(404);
  });
});
