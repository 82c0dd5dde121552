import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createTestApp,
  createUser,
  setupInstance,
  type Client,
  type TestWorld,
} from './helpers/app.ts';

// In-app notifications: each person sees only their own, in either organisation.
let w: TestWorld;
let admin: Client;
let adminB: Client;
let zhang: { client: Client; id: string };
let li: { client: Client; id: string };
let userB: { client: Client; id: string };
let clock = new Date('2026-06-10T02:00:00Z');

const assign = (by: Client, assigneeId: string, title: string) =>
  by.post('/api/v1/tasks', { title, assigneeId, dueAt: '2026-06-20T02:00:00Z' });

beforeAll(async () => {
  w = await createTestApp({}, {}, { now: () => clock });
  admin = await setupInstance(w.app);
  adminB = await createOrg(w.app, admin, '另一家公司', 'admin@b.test');
  const z = await createUser(w.app, admin, { name: '张伟' });
  const l = await createUser(w.app, admin, { name: '李娜' });
  const b = await createUser(w.app, adminB, { name: '乙公司员工' });
  zhang = { client: z.client, id: z.user.id };
  li = { client: l.client, id: l.user.id };
  userB = { client: b.client, id: b.user.id };
  for (let i = 1; i <= 3; i++) {
    clock = new Date(clock.getTime() + 60_000);
    expect((await assign(admin, zhang.id, `张伟任务${i}`)).statusCode).toBe(201);
  }
  expect((await assign(admin, li.id, '李娜任务')).statusCode).toBe(201);
  expect((await assign(adminB, userB.id, '乙公司任务')).statusCode).toBe(201);
});
afterAll(() => w.close());

describe('notifications', () => {
  it('list only the caller’s own, newest first, with cursor paging and a total', async () => {
    const first = (await zhang.client.get('/api/v1/notifications?limit=2')).json();
    expect(first.total).toBe(3);
    expect(first.items.map((n: { params: { title: string } }) => n.params.title)).toEqual([
      '张伟任务3',
      '张伟任务2',
    ]);
    const next = (await zhang.client.get(`/api/v1/notifications?limit=2&cursor=${first.nextCursor}`)).json();
    expect(next.items.map((n: { params: { title: string } }) => n.params.title)).toEqual(['张伟任务1']);
    expect(next.nextCursor).toBeNull();
    expect(
      (await li.client.get('/api/v1/notifications'))
        .json()
        .items.map((n: { params: { title: string } }) => n.params.title),
    ).toEqual(['李娜任务']);
    expect(
      (await userB.client.get('/api/v1/notifications'))
        .json()
        .items.map((n: { params: { title: string } }) => n.params.title),
    ).toEqual(['乙公司任务']);
    // A manager and a read-only user (org-wide data scope) see none of them: notices are personal.
    for (const role of ['manager', 'readonly']) {
      const other = await createUser(w.app, admin, { role });
      expect((await other.client.get('/api/v1/notifications')).json().total).toBe(0);
      expect((await other.client.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 0 });
    }
    // The administrator who assigned them has none.
    expect((await admin.get('/api/v1/notifications')).json().total).toBe(0);
    expect((await adminB.get('/api/v1/notifications')).json().total).toBe(0);
  });

  it('are marked read one by one or all at once; nobody can mark another person’s', async () => {
    expect((await zhang.client.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 3 });
    const [newest] = (await zhang.client.get('/api/v1/notifications')).json().items;
    expect((await li.client.post(`/api/v1/notifications/${newest.id}/read`)).statusCode).toBe(404);
    expect((await userB.client.post(`/api/v1/notifications/${newest.id}/read`)).statusCode).toBe(404);
    const read = await zhang.client.post(`/api/v1/notifications/${newest.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toBe(clock.toISOString());
    expect((await zhang.client.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 2 });
    const unread = (await zhang.client.get('/api/v1/notifications?unread=true')).json();
    expect(unread.items.map((n: { id: string }) => n.id)).not.toContain(newest.id);
    expect(unread.total).toBe(2);

    expect((await zhang.client.post('/api/v1/notifications/read-all')).json()).toEqual({ updated: 2 });
    expect((await zhang.client.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 0 });
    // Others are untouched.
    expect((await li.client.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 1 });
    expect((await userB.client.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 1 });
  });

  it('refuse strangers and bad input', async () => {
    const { Client: C } = await import('./helpers/app.ts');
    expect((await new C(w.app).get('/api/v1/notifications')).statusCode).toBe(401);
    expect((await zhang.client.get('/api/v1/notifications?unread=maybe')).statusCode).toBe(400);
    expect((await zhang.client.get('/api/v1/notifications?cursor=@@')).statusCode).toBe(400);
    expect((await zhang.client.post('/api/v1/notifications/not-a-uuid/read')).statusCode).toBe(400);
  });
});
