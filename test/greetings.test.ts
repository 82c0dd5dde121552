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
import { rows } from './helpers/db-state.ts';
import { enqueueJob } from '../server/src/modules/jobs/index.ts';

// The daily greeting job: holiday greetings for grade A/B customers and birthday greetings for
// key people, for the customer's owner, created once however often the job runs.
let w: TestWorld;
let admin: Client;
let adminB: Client;
let zhang: { client: Client; id: string };
const ids: Record<string, string> = {};

async function customer(by: Client, name: string, grade: string | null) {
  const res = await by.post('/api/v1/customers', { kind: 'company', name, grade });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
const run = async (now: string) => {
  await enqueueJob(w.database.db, { name: 'tasks.greetings', payload: { now } });
  await w.jobs.drain();
};
const greetingTasks = () =>
  rows<{
    title: string;
    assignee_id: string;
    auto_key: string;
    due_at: string;
    org_id: string;
    contact_id: string | null;
  }>(
    w.database.db,
    sql`select title, assignee_id, auto_key, due_at, org_id, contact_id from tasks where kind = 'greeting' order by auto_key`,
  );

beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
  adminB = await createOrg(w.app, admin, '另一家公司', 'admin@b.test');
  const z = await createUser(w.app, admin, { name: '张伟' });
  zhang = { client: z.client, id: z.user.id };
  ids.a = await customer(zhang.client, '甲级客户', 'A');
  ids.b = await customer(zhang.client, '乙级客户', 'B');
  ids.c = await customer(zhang.client, '丙级客户', 'C');
  ids.orgB = await customer(adminB, '外单位客户', 'A');
  const contact = await zhang.client.post('/api/v1/contacts', {
    customerId: ids.c,
    name: '王总',
    isKeyPerson: true,
    birthday: '1970-09-24',
  });
  expect(contact.statusCode, contact.body).toBe(201);
  ids.contact = contact.json().id;
  await zhang.client.post('/api/v1/contacts', {
    customerId: ids.c,
    name: '普通联系人',
    birthday: '1970-09-24',
  });
});
afterAll(() => w.close());

describe('greeting tasks', () => {
  it('before 中秋 2026 (25 Sep), owners get one task per grade A/B customer and key-person birthday; running again adds nothing', async () => {
    await run('2026-09-22T00:00:00Z');
    const first = await greetingTasks();
    expect(first.map((t) => t.title).sort()).toEqual(
      [
        '中秋节问候：甲级客户',
        '中秋节问候：乙级客户',
        '中秋节问候：外单位客户',
        '生日问候：王总（丙级客户）',
      ].sort(),
    );
    const zhangs = first.filter((t) => t.title !== '中秋节问候：外单位客户');
    expect(zhangs.every((t) => t.assignee_id === zhang.id)).toBe(true);
    // 09:00 Shanghai on the day.
    expect(new Date(first.find((t) => t.title === '中秋节问候：甲级客户')!.due_at).toISOString()).toBe(
      '2026-09-25T01:00:00.000Z',
    );
    expect(first.find((t) => t.contact_id)!.auto_key).toBe(`birthday:${ids.contact}:2026-09-24`);

    await run('2026-09-22T00:00:00Z');
    await run('2026-09-23T00:00:00Z');
    expect(await greetingTasks()).toHaveLength(4);

    // The owner sees them in the task list and got one notice about them.
    const mine = (await zhang.client.get('/api/v1/tasks?kind=greeting')).json();
    expect(mine.total).toBe(3);
    const notes = (await zhang.client.get('/api/v1/notifications')).json().items;
    expect(notes.filter((n: { kind: string }) => n.kind === 'greeting')).toEqual([
      expect.objectContaining({ params: { count: 3 } }),
    ]);
    // Org B's administrator sees only org B's greeting.
    expect(
      (await adminB.get('/api/v1/tasks?kind=greeting')).json().items.map((t: { title: string }) => t.title),
    ).toEqual(['中秋节问候：外单位客户']);
  });

  it('follows the settings: other grades, other holidays, days ahead, or off', async () => {
    const bad = await admin.request('PUT', '/api/v1/settings/greetings', {
      enabled: true,
      daysAhead: 99,
      holidays: ['bogus'],
      grades: [],
    });
    expect(bad.statusCode).toBe(400);
    const forbidden = await zhang.client.request('PUT', '/api/v1/settings/greetings', {
      enabled: true,
      daysAhead: 3,
      holidays: [],
      grades: [],
    });
    expect(forbidden.statusCode).toBe(403);
    const put = await admin.request('PUT', '/api/v1/settings/greetings', {
      enabled: true,
      daysAhead: 1,
      holidays: ['nationalDay'],
      grades: ['C'],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await zhang.client.get('/api/v1/settings/greetings')).json()).toMatchObject({
      daysAhead: 1,
      grades: ['C'],
    });
    const orgA = (await admin.get('/api/v1/me')).json().orgId;
    const nationalDayA = async () =>
      (await greetingTasks())
        .filter((t) => t.title.startsWith('国庆') && t.org_id === orgA)
        .map((t) => t.title);
    await run('2026-09-29T00:00:00Z'); // 国庆 is 2 days away: too early
    expect(await nationalDayA()).toEqual([]);
    await run('2026-09-30T00:00:00Z');
    expect(await nationalDayA()).toEqual(['国庆节问候：丙级客户']);
    // Org B kept the defaults (A and B, 3 days ahead).
    expect((await greetingTasks()).filter((t) => t.title === '国庆节问候：外单位客户')).toHaveLength(1);

    await admin.request('PUT', '/api/v1/settings/greetings', {
      enabled: false,
      daysAhead: 3,
      holidays: ['newYear'],
      grades: ['A'],
    });
    await run('2026-12-30T00:00:00Z');
    const newYear = (await greetingTasks()).filter((t) => t.title.startsWith('元旦'));
    expect(newYear.map((t) => t.title)).toEqual(['元旦问候：外单位客户']);
  });
});
