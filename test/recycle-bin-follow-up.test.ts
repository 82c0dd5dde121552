// The recycle bin's follow-up records: deleted interactions (visible when their customer is)
// and deleted tasks (the tasks module's scope), across roles and organisations.
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
let instanceAdmin: Client;

beforeAll(async () => {
  w = await createTestApp();
  instanceAdmin = await setupInstance(w.app);
});
afterAll(() => w.close());

type BinItem = { entity: string; id: string; label: string; deletedBy: string | null };
type Res = { statusCode: number; body: string; json(): unknown };

let orgCounter = 0;
/** Each test gets its own organisation, so its recycle bin holds only what the test put there. */
async function freshOrg(): Promise<Client> {
  const n = ++orgCounter;
  return createOrg(w.app, instanceAdmin, `跟进回收站公司${n}`, `bin-follow${n}@org.test`);
}

async function created(res: Res) {
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number };
}

const customer = async (by: Client, name: string, ownerId?: string) =>
  created(await by.post('/api/v1/customers', { kind: 'company', name, ...(ownerId ? { ownerId } : {}) }));

const interaction = async (by: Client, customerId: string, extra: Record<string, unknown> = {}) =>
  created(
    await by.post('/api/v1/interactions', {
      customerId,
      channel: 'call',
      occurredAt: '2026-03-04T20:00:00.000Z',
      ...extra,
    }),
  );

const task = async (by: Client, title: string, assigneeId?: string) =>
  created(
    await by.post('/api/v1/tasks', {
      title,
      dueAt: '2026-12-20T02:00:00.000Z',
      ...(assigneeId ? { assigneeId } : {}),
    }),
  );

async function deleteAll(by: Client, paths: string[]) {
  for (const path of paths) expect((await by.del(`/api/v1/${path}`)).statusCode, path).toBe(204);
}

const entries = async (c: Client, query = '', headers?: Record<string, string>) => {
  const res = await c.get(`/api/v1/recycle-bin${query}`, headers);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { total: number; items: BinItem[] };
  expect(body.total).toBe(body.items.length);
  return body.items.map((i) => [i.entity, i.id, i.label]);
};

describe('recycle bin: interactions and tasks', () => {
  it('lists deleted interactions with channel, subject or date and customer, and tasks by title', async () => {
    const admin = await freshOrg();
    const me = (await admin.get('/api/v1/me')).json() as { id: string };
    const c = await customer(admin, '华星贸易有限公司');
    const call = await interaction(admin, c.id, { subject: '报价跟进' });
    // No subject: the date it happened, in the organisation's time zone (Asia/Shanghai).
    const visit = await interaction(admin, c.id, { channel: 'visit' });
    const todo = await task(admin, '回访华星贸易');
    await deleteAll(admin, [`interactions/${call.id}`, `interactions/${visit.id}`, `tasks/${todo.id}`]);

    expect(await entries(admin)).toEqual([
      ['tasks', todo.id, '回访华星贸易'],
      ['interactions', visit.id, 'Visit: 2026-03-05 · 华星贸易有限公司'],
      ['interactions', call.id, 'Phone call: 报价跟进 · 华星贸易有限公司'],
    ]);
    expect(await entries(admin, '?entity=interactions', { 'accept-language': 'zh-CN' })).toEqual([
      ['interactions', visit.id, '拜访：2026-03-05 · 华星贸易有限公司'],
      ['interactions', call.id, '电话：报价跟进 · 华星贸易有限公司'],
    ]);
    // The organisation's own name for a channel wins over the default one.
    const channels = (await admin.get('/api/v1/dictionaries/interactionChannel/items')).json() as {
      items: { id: string; key: string; version: number }[];
    };
    const visitItem = channels.items.find((i) => i.key === 'visit')!;
    const renamed = await admin.patch(`/api/v1/dictionaries/interactionChannel/items/${visitItem.id}`, {
      version: visitItem.version,
      label: { 'zh-CN': '上门拜访', en: 'On-site visit' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await entries(admin, '?entity=interactions')).toEqual([
      ['interactions', visit.id, 'On-site visit: 2026-03-05 · 华星贸易有限公司'],
      ['interactions', call.id, 'Phone call: 报价跟进 · 华星贸易有限公司'],
    ]);
    const [first] = ((await admin.get('/api/v1/recycle-bin?entity=tasks')).json() as { items: BinItem[] })
      .items;
    expect(first).toMatchObject({ entity: 'tasks', id: todo.id, deletedBy: me.id });

    // Restoring from the bin: each through its own restore route; both leave the bin and are back.
    expect((await admin.post(`/api/v1/interactions/${call.id}/restore`)).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/tasks/${todo.id}/restore`)).statusCode).toBe(200);
    expect(await entries(admin)).toEqual([
      ['interactions', visit.id, 'On-site visit: 2026-03-05 · 华星贸易有限公司'],
    ]);
    expect((await admin.get(`/api/v1/interactions/${call.id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/tasks/${todo.id}`)).json()).toMatchObject({ title: '回访华星贸易' });
  });

  it('shows a rep only the deleted interactions of their customers and their own tasks', async () => {
    const admin = await freshOrg();
    await admin.post('/api/v1/roles', {
      key: 'follow-keeper',
      name: '跟进清理员',
      permissions: {
        customers: ['read'],
        interactions: ['read', 'delete'],
        tasks: ['read', 'create', 'delete'],
      },
      dataScope: 'own',
    });
    const { client: rep, user: repUser } = await createUser(w.app, admin, { role: 'follow-keeper' });
    const { client: other, user: otherUser } = await createUser(w.app, admin, { role: 'follow-keeper' });
    const mine = await customer(admin, '自己的客户有限公司', repUser.id);
    const theirs = await customer(admin, '别人的客户有限公司', otherUser.id);
    const myCall = await interaction(admin, mine.id, { subject: '我的电话' });
    const theirCall = await interaction(admin, theirs.id, { subject: '别人的电话' });
    const myTask = await task(admin, '我的任务', repUser.id);
    const theirTask = await task(admin, '别人的任务', otherUser.id);
    // A task the rep created stays theirs when reassigned (the tasks module's scope).
    const delegated = await task(rep, '我派的任务');
    const reassigned = await admin.patch(`/api/v1/tasks/${delegated.id}`, {
      assigneeId: otherUser.id,
      version: delegated.version,
    });
    expect(reassigned.statusCode, reassigned.body).toBe(200);
    await deleteAll(admin, [
      `interactions/${myCall.id}`,
      `interactions/${theirCall.id}`,
      `tasks/${myTask.id}`,
      `tasks/${theirTask.id}`,
      `tasks/${delegated.id}`,
    ]);

    expect(await entries(admin)).toHaveLength(5);
    expect((await entries(rep)).map(([e, id]) => [e, id])).toEqual([
      ['tasks', delegated.id],
      ['tasks', myTask.id],
      ['interactions', myCall.id],
    ]);
    expect((await entries(other)).map(([e, id]) => [e, id])).toEqual([
      ['tasks', delegated.id],
      ['tasks', theirTask.id],
      ['interactions', theirCall.id],
    ]);
    expect((await rep.post(`/api/v1/interactions/${theirCall.id}/restore`)).statusCode).toBe(404);
    expect((await rep.post(`/api/v1/tasks/${theirTask.id}/restore`)).statusCode).toBe(404);

    expect((await rep.post(`/api/v1/interactions/${myCall.id}/restore`)).statusCode).toBe(200);
    expect((await rep.post(`/api/v1/tasks/${myTask.id}/restore`)).statusCode).toBe(200);
    expect((await entries(rep)).map(([e, id]) => [e, id])).toEqual([['tasks', delegated.id]]);
  });

  it('follows the built-in roles: managers see tasks of their department, reps and read-only users nothing', async () => {
    const admin = await freshOrg();
    const north = await created(await admin.post('/api/v1/departments', { name: '华北区' }));
    const south = await created(await admin.post('/api/v1/departments', { name: '华南区' }));
    const { client: manager } = await createUser(w.app, admin, { role: 'manager', departmentId: north.id });
    const { user: northRep } = await createUser(w.app, admin, { departmentId: north.id });
    const { user: southRep } = await createUser(w.app, admin, { departmentId: south.id });
    const { client: readonly } = await createUser(w.app, admin, { role: 'readonly' });
    const { client: sales } = await createUser(w.app, admin, { role: 'sales', departmentId: north.id });
    const c = await customer(admin, '华北客户有限公司', northRep.id);
    const call = await interaction(admin, c.id, { subject: '经理看不到' });
    const northTask = await task(admin, '华北任务', northRep.id);
    const southTask = await task(admin, '华南任务', southRep.id);
    await deleteAll(admin, [`interactions/${call.id}`, `tasks/${northTask.id}`, `tasks/${southTask.id}`]);

    // Managers delete tasks but no interactions: only the tasks of their department.
    expect(await entries(manager)).toEqual([['tasks', northTask.id, '华北任务']]);
    expect((await manager.get('/api/v1/recycle-bin?entity=interactions')).statusCode).toBe(403);
    expect((await manager.post(`/api/v1/tasks/${southTask.id}/restore`)).statusCode).toBe(404);
    for (const closed of [sales, readonly]) {
      expect((await closed.get('/api/v1/recycle-bin')).statusCode).toBe(403);
      expect((await closed.get('/api/v1/recycle-bin?entity=tasks')).statusCode).toBe(403);
    }
  });

  it('hides the interactions of a deleted customer until the customer is restored', async () => {
    const admin = await freshOrg();
    const c = await customer(admin, '暂时删除有限公司');
    const call = await interaction(admin, c.id, { subject: '随客户回来' });
    await deleteAll(admin, [`interactions/${call.id}`, `customers/${c.id}`]);
    expect(await entries(admin)).toEqual([['customers', c.id, '暂时删除有限公司']]);
    expect((await admin.post(`/api/v1/customers/${c.id}/restore`)).statusCode).toBe(200);
    expect(await entries(admin)).toEqual([
      ['interactions', call.id, 'Phone call: 随客户回来 · 暂时删除有限公司'],
    ]);
  });

  it("never shows another organisation's deleted interactions or tasks", async () => {
    const a = await freshOrg();
    const b = await freshOrg();
    const c = await customer(a, 'A 公司客户');
    const call = await interaction(a, c.id, { subject: 'A 的电话' });
    const todo = await task(a, 'A 的任务');
    await deleteAll(a, [`interactions/${call.id}`, `tasks/${todo.id}`]);
    expect(await entries(a)).toHaveLength(2);
    expect(await entries(b)).toEqual([]);
    expect(await entries(b, '?entity=interactions')).toEqual([]);
    expect(await entries(b, '?entity=tasks')).toEqual([]);
    expect((await b.post(`/api/v1/interactions/${call.id}/restore`)).statusCode).toBe(404);
    expect((await b.post(`/api/v1/tasks/${todo.id}/restore`)).statusCode).toBe(404);
  });
});

describe('task title errors', () => {
  it('name the field 标题 / title, while a contact keeps 职务', async () => {
    const admin = await freshOrg();
    admin.locale = 'zh-CN';
    const details = async (res: Res) => {
      expect(res.statusCode, res.body).toBe(400);
      return (res.json() as { error: { details: unknown[] } }).error.details;
    };
    const dueAt = '2026-12-20T02:00:00.000Z';
    expect(await details(await admin.post('/api/v1/tasks', { title: '', dueAt }))).toEqual([
      { field: 'title', code: 'minLength', message: '标题至少需要 1 个字符。' },
    ]);
    const todo = await task(admin, '正常的任务');
    expect(
      await details(
        await admin.patch(`/api/v1/tasks/${todo.id}`, { title: 'x'.repeat(201), version: todo.version }),
      ),
    ).toEqual([{ field: 'title', code: 'maxLength', message: '标题最多 200 个字符。' }]);
    const en = { 'accept-language': 'en' };
    expect(await details(await admin.post('/api/v1/tasks', { title: '', dueAt }, en))).toEqual([
      { field: 'title', code: 'minLength', message: 'title must be at least 1 characters.' },
    ]);

    const c = await customer(admin, '职务测试有限公司');
    expect(
      await details(
        await admin.post('/api/v1/contacts', { customerId: c.id, name: '张三', title: 'x'.repeat(101) }),
      ),
    ).toContainEqual({ field: 'title', code: 'maxLength', message: '职务最多 100 个字符。' });
  });
});
