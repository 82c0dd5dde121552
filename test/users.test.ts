import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, setupInstance, Client, type TestWorld } from './helpers/app.ts';
import { DEMO_PASSWORD } from '../server/src/modules/setup/demo-data.ts';
import { demoDomain } from '../server/src/modules/setup/demo-seed.service.ts';

let w: TestWorld;
let admin: Client;
let domain: string;

async function as(pinyin: string): Promise<Client> {
  const c = new Client(w.app);
  const res = await c.login(`${pinyin}@${domain}`, DEMO_PASSWORD);
  expect(res.statusCode, res.body).toBe(200);
  return c;
}
const names = async (c: Client, query = '') =>
  ((await c.get(`/api/v1/users?limit=200${query}`)).json().items as { name: string }[])
    .map((u) => u.name)
    .sort();

beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
  const orgId = (await admin.get('/api/v1/me')).json().orgId;
  domain = demoDomain(orgId);
  await admin.post('/api/v1/demo-data');
  await w.jobs.drain(110_000); // the seed includes a 3,000-customer archive
});
afterAll(() => w.close());

describe('data scopes on users', () => {
  it('a sales rep with own scope sees only themself', async () => {
    expect(await names(await as('zhang.wei'))).toEqual(['张伟']);
  });

  it('a service agent with team scope sees their team', async () => {
    expect(await names(await as('sun.jing'))).toEqual(['孙静', '马超'].sort());
  });

  it('a manager with department scope sees the department and its sub-departments', async () => {
    expect(await names(await as('li.xiaofeng'))).toEqual(['刘洋', '张伟', '李晓峰', '赵敏'].sort());
    const regional = await names(await as('wang.jianguo'));
    expect(regional).toHaveLength(10);
    expect(regional).not.toContain('孙静');
  });

  it('scope applies to get, count, search, sort and history alike', async () => {
    const rep = await as('zhang.wei');
    const all = (await admin.get('/api/v1/users?limit=200&q=' + encodeURIComponent('孙静'))).json();
    const other = all.items[0].id;
    expect((await rep.get(`/api/v1/users/${other}`)).statusCode).toBe(404);
    expect((await rep.get(`/api/v1/users/${other}/history`)).statusCode).toBe(404);
    const search = (await rep.get('/api/v1/users?q=' + encodeURIComponent('孙'))).json();
    expect(search).toMatchObject({ items: [], total: 0 });
    const sorted = (await rep.get('/api/v1/users?sort=-createdAt')).json();
    expect(sorted.total).toBe(1);
  });

  it('masks phone numbers for roles with a mask rule, and logs every reveal', async () => {
    const ro = await as('gao.xiang');
    const list = (await ro.get('/api/v1/users?limit=200')).json();
    const zhang = list.items.find((u: { name: string }) => u.name === '张伟');
    expect(zhang.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(zhang.email).toMatch(/^\w\*\*\*@/);
    expect((await ro.post(`/api/v1/users/${zhang.id}/reveal`, { field: 'phone' })).statusCode).toBe(403);

    const manager = await as('wang.jianguo');
    const clear = (await manager.get(`/api/v1/users/${zhang.id}`)).json();
    expect(clear.phone).toMatch(/^1\d{10}$/);
    const revealed = await manager.post(`/api/v1/users/${zhang.id}/reveal`, { field: 'phone' });
    expect(revealed.json()).toEqual({ value: clear.phone });
    const log = (await admin.get(`/api/v1/audit-log?entityId=${zhang.id}&action=reveal`)).json();
    expect(log.total).toBe(1);
    expect(log.items[0]).toMatchObject({ entity: 'users', action: 'reveal', actorName: '王建国' });
  });
});

describe('user records', () => {
  it('are created with who and when, audited, and listed with cursor pagination', async () => {
    const created = await admin.post('/api/v1/users', {
      name: '新同事',
      email: 'new.colleague@test.cn',
      password: 'Welcome123',
      role: 'sales',
      phone: '13900001111',
    });
    expect(created.statusCode).toBe(201);
    const u = created.json();
    expect(u).toMatchObject({
      name: '新同事',
      roleKey: 'sales',
      version: 1,
      createdBy: expect.any(String),
      status: 'active',
    });
    expect(u).not.toHaveProperty('passwordHash');
    const history = (await admin.get(`/api/v1/users/${u.id}/history`)).json().items;
    expect(history[0]).toMatchObject({ action: 'create', byName: '管理员' });
    expect(history[0].changes).toContainEqual({ field: 'phone', old: null, new: '13900001111' });

    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null; total: number } = (
        await admin.get(`/api/v1/users?limit=5&sort=name${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      page.items.forEach((i) => seen.add(i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.size).toBe((await admin.get('/api/v1/users')).json().total);
  });

  it('refuse a duplicate email, naming the field, in the caller’s language', async () => {
    const dup = await admin.post('/api/v1/users', {
      name: 'x',
      email: 'NEW.colleague@test.cn',
      password: 'Welcome123',
      role: 'sales',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({
      code: 'EMAIL_TAKEN',
      details: [{ field: 'email', code: 'taken' }],
    });
    admin.locale = 'zh-CN';
    const zh = await admin.post('/api/v1/users', {
      name: 'x',
      email: 'bad',
      password: 'Welcome123',
      role: 'nope',
    });
    admin.locale = 'en';
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.details[0]).toMatchObject({
      field: 'email',
      code: 'format',
      message: expect.stringContaining('邮箱'),
    });
  });

  it('refuse unknown roles, departments and weak passwords with the field named', async () => {
    const res = await admin.post('/api/v1/users', {
      name: 'x',
      email: 'x1@test.cn',
      password: 'Welcome123',
      role: 'boss',
      departmentId: '0190a0a0-0000-7000-8000-000000000000',
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['departmentId', 'role']);
    const weak = await admin.post('/api/v1/users', {
      name: 'x',
      email: 'x2@test.cn',
      password: 'password',
      role: 'sales',
    });
    expect(weak.json().error.details[0]).toMatchObject({ field: 'password', code: 'weakPassword' });
  });

  it('go to the recycle bin on delete and come back on restore', async () => {
    const { user } = await createUser(w.app, admin);
    expect((await admin.del(`/api/v1/users/${user.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/users/${user.id}`)).statusCode).toBe(404);
    const restored = await admin.post(`/api/v1/users/${user.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect((await admin.get(`/api/v1/users/${user.id}`)).statusCode).toBe(200);
    const actions = (await admin.get(`/api/v1/users/${user.id}/history`))
      .json()
      .items.map((h: { action: string }) => h.action);
    expect(actions).toEqual(['restore', 'delete', 'create']);
  });

  it('an administrator cannot delete their own account', async () => {
    const me = (await admin.get('/api/v1/me')).json();
    expect((await admin.del(`/api/v1/users/${me.id}`)).statusCode).toBe(403);
  });

  it('sign in also works with a phone number', async () => {
    await createUser(w.app, admin, { phone: '13712345678', email: 'phone.login@test.cn' });
    const c = new Client(w.app);
    expect(
      (await c.post('/api/v1/auth/login', { phone: '13712345678', password: 'Passw0rd!' })).statusCode,
    ).toBe(200);
    expect(
      (await c.post('/api/v1/auth/login', { email: '13712345678', password: 'Passw0rd!' })).statusCode,
    ).toBe(200);
  });
});

describe('user export', () => {
  it('honours data scope and masking, neutralises formulas, and is audited', async () => {
    await admin.post('/api/v1/users', {
      name: '=HYPERLINK("http://evil")',
      email: 'formula@test.cn',
      password: 'Welcome123',
      role: 'sales',
    });
    const csv = await admin.get('/api/v1/users/export?format=csv&q=formula');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain(`'=HYPERLINK`);
    expect(csv.body).toContain('Name,Email');

    const ro = await as('gao.xiang');
    const masked = await ro.get('/api/v1/users/export?format=csv');
    expect(masked.statusCode).toBe(403); // readonly has no export permission

    const manager = await as('li.xiaofeng');
    manager.locale = 'zh-CN';
    const scoped = await manager.get('/api/v1/users/export?format=csv');
    expect(scoped.statusCode).toBe(200);
    const lines = scoped.body.trim().split('\r\n');
    expect(lines[0]).toContain('姓名');
    expect(lines).toHaveLength(1 + 4); // header + the east region's four people

    const xlsx = await manager.get('/api/v1/users/export?format=xlsx');
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const log = (await admin.get('/api/v1/audit-log?action=export')).json();
    expect(log.total).toBe(3);
  });
});
