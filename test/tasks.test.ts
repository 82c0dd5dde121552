import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createTestApp,
  createUser,
  setupInstance,
  type Client,
  type TestWorld,
} from './helpers/app.ts';
import { insertDepartmentRow, insertTeamRow } from './helpers/db-state.ts';

// Tasks and reminders. 销售部 has two teams: 张伟 (一组) and 李娜 (二组) are reps with own scope,
// 王经理 manages the department, 高翔 is read-only; 客服部's 赵敏 is outside the department.
// A second organisation's administrator must never see a thing.
let w: TestWorld;
let admin: Client;
let adminB: Client;
const clock = new Date('2026-06-10T02:00:00Z'); // Wednesday 10:00 in Shanghai
type Who = 'zhang' | 'li' | 'mgr' | 'ro' | 'zhao';
const u = {} as Record<Who, { client: Client; id: string }>;
let zhangCustomer: string;
let liCustomer: string;
let zhangContact: string;

type Task = Record<string, unknown> & { id: string; version: number; status: string };
async function createTask(by: Client, body: Record<string, unknown>): Promise<Task> {
  const res = await by.post('/api/v1/tasks', { dueAt: '2026-06-10T08:00:00Z', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const titles = async (by: Client, query = '') => {
  const res = await by.get(`/api/v1/tasks${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { title: string }[]).map((t) => t.title).sort();
};

beforeAll(async () => {
  w = await createTestApp({}, {}, { now: () => clock });
  admin = await setupInstance(w.app);
  adminB = await createOrg(w.app, admin, '另一家公司', 'admin@b.test');
  const orgId = (await admin.get('/api/v1/me')).json().orgId;
  const sales = await insertDepartmentRow(w.database.db, orgId, '销售部');
  const service = await insertDepartmentRow(w.database.db, orgId, '客服部');
  const team1 = await insertTeamRow(w.database.db, orgId, '一组', sales.id);
  const team2 = await insertTeamRow(w.database.db, orgId, '二组', sales.id);
  for (const [key, body] of Object.entries({
    zhang: { name: '张伟', role: 'sales', departmentId: sales.id, teamId: team1 },
    li: { name: '李娜', role: 'sales', departmentId: sales.id, teamId: team2 },
    mgr: { name: '王经理', role: 'manager', departmentId: sales.id },
    ro: { name: '高翔', role: 'readonly' },
    zhao: { name: '赵敏', role: 'sales', departmentId: service.id },
  })) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as Who] = { client, id: user.id };
  }
  zhangCustomer = (
    await u.zhang.client.post('/api/v1/customers', { kind: 'company', name: '宁波海天塑机有限公司' })
  ).json().id;
  liCustomer = (
    await u.li.client.post('/api/v1/customers', { kind: 'company', name: '苏州金螳螂装饰' })
  ).json().id;
  zhangContact = (
    await u.zhang.client.post('/api/v1/contacts', { customerId: zhangCustomer, name: '陈海峰' })
  ).json().id;
});
afterAll(() => w.close());

describe('task records', () => {
  it('are created for the caller by default, edited with a version, completed, reopened, deleted and audited', async () => {
    const t = await createTask(u.zhang.client, {
      title: '回访海天',
      kind: 'callback',
      customerId: zhangCustomer,
      contactId: zhangContact,
      notes: '确认报价',
    });
    expect(t).toMatchObject({
      title: '回访海天',
      kind: 'callback',
      status: 'open',
      assigneeId: u.zhang.id,
      assigneeName: '张伟',
      customerName: '宁波海天塑机有限公司',
      contactName: '陈海峰',
      createdBy: u.zhang.id,
      version: 1,
    });

    const stale = await u.zhang.client.patch(`/api/v1/tasks/${t.id}`, { version: 9, title: 'x' });
    expect(stale.statusCode).toBe(409);
    const edited = await u.zhang.client.patch(`/api/v1/tasks/${t.id}`, {
      version: 1,
      dueAt: '2026-06-11T08:00:00+08:00',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().dueAt).toBe('2026-06-11T00:00:00.000Z');

    const done = await u.zhang.client.post(`/api/v1/tasks/${t.id}/complete`, {});
    expect(done.json()).toMatchObject({ status: 'done', completedBy: u.zhang.id, version: 3 });
    // Completing twice changes nothing.
    expect((await u.zhang.client.post(`/api/v1/tasks/${t.id}/complete`, {})).json().version).toBe(3);
    const reopened = await u.zhang.client.post(`/api/v1/tasks/${t.id}/reopen`);
    expect(reopened.json()).toMatchObject({ status: 'open', completedAt: null });

    const history = (await u.zhang.client.get(`/api/v1/tasks/${t.id}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['create', 'update', 'complete', 'reopen']),
    );
    // Reps may not delete; managers may.
    expect((await u.zhang.client.del(`/api/v1/tasks/${t.id}`)).statusCode).toBe(403);
    expect((await u.mgr.client.del(`/api/v1/tasks/${t.id}`)).statusCode).toBe(204);
    expect((await u.zhang.client.get(`/api/v1/tasks/${t.id}`)).statusCode).toBe(404);
    expect((await u.zhang.client.post(`/api/v1/tasks/${t.id}/restore`)).statusCode).toBe(403);
    const restored = await u.mgr.client.post(`/api/v1/tasks/${t.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect((await u.zhang.client.get(`/api/v1/tasks/${t.id}`)).json().title).toBe('回访海天');
  });

  it('refuses what the caller may not name: an assignee outside the scope, a hidden customer, a foreign contact', async () => {
    const bad = await u.zhang.client.post('/api/v1/tasks', {
      title: '越权',
      dueAt: '2026-06-10T08:00:00Z',
      assigneeId: u.li.id,
      customerId: liCustomer,
      contactId: zhangContact,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad.json().error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`),
    ).toEqual(['assigneeId:notAssignable', 'customerId:notFound', 'contactId:contactNotOfCustomer']);
    const unknown = await u.zhang.client.post('/api/v1/tasks', {
      title: 'x',
      dueAt: '2026-06-10T08:00:00Z',
      foo: 1,
    });
    expect(unknown.statusCode).toBe(400);
    const badDate = await u.zhang.client.post('/api/v1/tasks', { title: 'x', dueAt: 'tomorrow' });
    expect(badDate.statusCode).toBe(400);
    // Org B cannot assign to org A's people.
    const foreign = await adminB.post('/api/v1/tasks', {
      title: 'x',
      dueAt: '2026-06-10T08:00:00Z',
      assigneeId: u.zhang.id,
    });
    expect(foreign.statusCode).toBe(400);
  });

  it('a manager assigns within the department; the assignee is notified, the manager is not', async () => {
    const t = await createTask(u.mgr.client, {
      title: '拜访苏州金螳螂',
      assigneeId: u.li.id,
      customerId: liCustomer,
    });
    expect(t.assigneeId).toBe(u.li.id);
    const notes = (await u.li.client.get('/api/v1/notifications')).json().items;
    expect(notes[0]).toMatchObject({
      kind: 'taskAssigned',
      params: { taskId: t.id, title: '拜访苏州金螳螂', by: '王经理' },
      link: `/tasks?open=${t.id}`,
    });
    expect((await u.mgr.client.get('/api/v1/notifications')).json().total).toBe(0);
    const outside = await u.mgr.client.post('/api/v1/tasks', {
      title: 'x',
      dueAt: '2026-06-10T08:00:00Z',
      assigneeId: u.zhao.id,
    });
    expect(outside.statusCode).toBe(400);
    // Reassigning notifies the new assignee.
    const moved = await u.mgr.client.patch(`/api/v1/tasks/${t.id}`, { version: 1, assigneeId: u.zhang.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await u.zhang.client.get('/api/v1/notifications?unread=true')).json().items[0].kind).toBe(
      'taskAssigned',
    );
  });
});

describe('task lists', () => {
  beforeAll(async () => {
    await createTask(u.zhang.client, { title: 'Z今天', dueAt: '2026-06-10T09:00:00Z' });
    await createTask(u.zhang.client, { title: 'Z逾期', dueAt: '2026-06-09T01:00:00Z', kind: 'followUp' });
    await createTask(u.zhang.client, {
      title: 'Z下周',
      dueAt: '2026-06-16T01:00:00Z',
      customerId: zhangCustomer,
    });
    await createTask(u.li.client, { title: 'L本周日', dueAt: '2026-06-14T15:00:00Z' }); // Sunday 23:00 Shanghai
    await createTask(u.zhao.client, { title: '赵客服', dueAt: '2026-06-10T03:00:00Z' });
    await createTask(adminB, { title: 'B公司任务', dueAt: '2026-06-10T03:00:00Z' });
  });

  it('honour the data scope: own, department, org, and never another tenant', async () => {
    const z = await titles(u.zhang.client, '?q=Z');
    expect(z).toEqual(['Z今天', 'Z下周', 'Z逾期'].sort());
    expect(await titles(u.li.client, '?q=Z')).toEqual([]);
    expect(await titles(u.mgr.client, '?q=赵')).toEqual([]);
    expect(await titles(u.mgr.client, '?q=L')).toEqual(['L本周日']);
    expect(await titles(u.ro.client, '?q=赵')).toEqual(['赵客服']);
    expect(await titles(adminB)).toEqual(['B公司任务']);
    expect(await titles(admin, '?q=B公司')).toEqual([]);
    // get: outside the scope is not found.
    const li = (await u.li.client.get('/api/v1/tasks?q=L')).json().items[0];
    expect((await u.zhang.client.get(`/api/v1/tasks/${li.id}`)).statusCode).toBe(404);
    expect((await u.mgr.client.get(`/api/v1/tasks/${li.id}`)).statusCode).toBe(200);
    expect((await u.ro.client.get(`/api/v1/tasks/${li.id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/tasks/${li.id}`)).statusCode).toBe(200);
    expect((await u.li.client.get(`/api/v1/tasks/${li.id}`)).statusCode).toBe(200);
    expect((await adminB.get(`/api/v1/tasks/${li.id}`)).statusCode).toBe(404);
    expect(
      (await u.ro.client.post('/api/v1/tasks', { title: 'x', dueAt: '2026-06-10T08:00:00Z' })).statusCode,
    ).toBe(403);
  });

  it('filter by view in the organisation time zone, by kind, customer, status and due range, with a total', async () => {
    expect(await titles(u.zhang.client, '?view=today&q=Z')).toEqual(['Z今天']);
    expect(await titles(u.zhang.client, '?view=overdue&q=Z')).toEqual(['Z逾期']);
    expect(await titles(u.mgr.client, '?view=week&q=L')).toEqual(['L本周日']);
    expect(await titles(u.zhang.client, '?kind=followUp&q=Z')).toEqual(['Z逾期']);
    expect(await titles(u.zhang.client, `?customerId=${zhangCustomer}&q=Z`)).toEqual(['Z下周']);
    expect(await titles(u.ro.client, '?dueFrom=2026-06-10T00:00:00Z&dueTo=2026-06-10T23:59:59Z&q=Z')).toEqual(
      ['Z今天'],
    );
    const mine = (await u.mgr.client.get('/api/v1/tasks?view=mine')).json();
    expect(mine.items.every((t: { assigneeId: string }) => t.assigneeId === u.mgr.id)).toBe(true);
    const sorted = (await u.zhang.client.get('/api/v1/tasks?q=Z&limit=2')).json();
    expect(sorted.total).toBe(3);
    expect(sorted.items.map((t: { title: string }) => t.title)).toEqual(['Z逾期', 'Z今天']);
    const next = (await u.zhang.client.get(`/api/v1/tasks?q=Z&limit=2&cursor=${sorted.nextCursor}`)).json();
    expect(next.items.map((t: { title: string }) => t.title)).toEqual(['Z下周']);
    expect((await u.zhang.client.get('/api/v1/tasks?view=yesterday')).statusCode).toBe(400);
    expect((await u.zhang.client.get('/api/v1/tasks?sort=title')).statusCode).toBe(400);
  });
});

describe('the reminders job', () => {
  it('tells the assignee once when a task is due within the hour and once more when it is overdue', async () => {
    const { enqueueJob } = await import('../server/src/modules/jobs/index.ts');
    const run = async (now: string) => {
      await enqueueJob(w.database.db, { name: 'tasks.reminders', payload: { now } });
      await w.jobs.drain();
    };
    const t = await createTask(u.li.client, { title: '提醒测试', dueAt: '2026-07-01T02:00:00Z' });
    const kinds = async () =>
      (
        (await u.li.client.get('/api/v1/notifications')).json().items as {
          kind: string;
          params: { taskId?: string };
        }[]
      )
        .filter((n) => n.params.taskId === t.id)
        .map((n) => n.kind);
    await run('2026-07-01T00:30:00Z');
    expect(await kinds()).toEqual([]);
    await run('2026-07-01T01:10:00Z');
    await run('2026-07-01T01:20:00Z');
    expect(await kinds()).toEqual(['taskDue']);
    await run('2026-07-01T02:10:00Z');
    await run('2026-07-01T02:20:00Z');
    expect(await kinds()).toEqual(['taskOverdue', 'taskDue']);
    // Done tasks are left alone.
    const t2 = await createTask(u.li.client, { title: '已完成', dueAt: '2026-07-01T02:00:00Z' });
    await u.li.client.post(`/api/v1/tasks/${t2.id}/complete`, {});
    await run('2026-07-01T02:30:00Z');
    const all = (await u.li.client.get('/api/v1/notifications')).json().items as {
      params: { taskId?: string };
    }[];
    expect(all.some((n) => n.params.taskId === t2.id)).toBe(false);
  });
});
