import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, setupInstance, type Client, type TestWorld } from './helpers/app.ts';
import { insertDepartmentRow, insertTeamRow } from './helpers/db-state.ts';

// Contacts (people at a customer): visible exactly when their customer is. Reps 张伟 and 李娜
// each own one customer; a read-only user sees everything with phones masked.
let w: TestWorld;
let admin: Client;
const u = {} as Record<'zhang' | 'li' | 'gao', { client: Client; id: string }>;
let zhangCustomer: string;
let liCustomer: string;

type Contact = Record<string, unknown> & { id: string; version: number };
async function createContact(by: Client, body: Record<string, unknown>): Promise<Contact> {
  const res = await by.post('/api/v1/contacts', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const customerSearch = async (by: Client, q: string) =>
  ((await by.get(`/api/v1/customers?q=${encodeURIComponent(q)}`)).json().items as { id: string }[]).map(
    (c) => c.id,
  );

beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
  const orgId = (await admin.get('/api/v1/me')).json().orgId;
  const dept = await insertDepartmentRow(w.database.db, orgId, '销售中心');
  const team = await insertTeamRow(w.database.db, orgId, '一组', dept.id);
  for (const [key, body] of Object.entries({
    zhang: { name: '张伟', role: 'sales', departmentId: dept.id, teamId: team },
    li: { name: '李娜', role: 'sales', departmentId: dept.id },
    gao: { name: '高翔', role: 'readonly' },
  })) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as keyof typeof u] = { client, id: user.id };
  }
  zhangCustomer = (
    await u.zhang.client.post('/api/v1/customers', { kind: 'company', name: '宁波海天塑机有限公司' })
  ).json().id;
  liCustomer = (
    await u.li.client.post('/api/v1/customers', { kind: 'company', name: '苏州金螳螂装饰有限公司' })
  ).json().id;
});
afterAll(() => w.close());

describe('contact records', () => {
  it('are created with the key-person profile, edited with a version, deleted to the bin and restored, with history', async () => {
    const c = await createContact(u.zhang.client, {
      customerId: zhangCustomer,
      name: '陈海峰',
      title: '采购总监',
      phones: ['13588889999'],
      emails: ['Chen@HaiTian.com'],
      wechatId: 'chf_1978',
      decisionRole: 'decision_maker',
      birthday: '1978-08-15',
      birthdayLunar: true,
      hobbies: '高尔夫、茶道',
      familyNotes: '女儿在宁波读高中',
      isKeyPerson: true,
    });
    expect(c).toMatchObject({
      customerId: zhangCustomer,
      customerName: '宁波海天塑机有限公司',
      emails: ['chen@haitian.com'],
      decisionRole: 'decision_maker',
      birthday: '1978-08-15',
      birthdayLunar: true,
      isKeyPerson: true,
      version: 1,
      createdBy: u.zhang.id,
    });
    const edited = await u.zhang.client.patch(`/api/v1/contacts/${c.id}`, {
      version: 1,
      title: '副总经理',
      isKeyPerson: false,
    });
    expect(edited.json()).toMatchObject({ version: 2, title: '副总经理', isKeyPerson: false });
    expect(
      (await u.zhang.client.patch(`/api/v1/contacts/${c.id}`, { version: 1, title: 'x' })).json().error.code,
    ).toBe('VERSION_CONFLICT');
    expect((await u.zhang.client.del(`/api/v1/contacts/${c.id}`)).statusCode).toBe(403);
    expect((await admin.del(`/api/v1/contacts/${c.id}`)).statusCode).toBe(204);
    expect((await u.zhang.client.get(`/api/v1/contacts/${c.id}`)).statusCode).toBe(404);
    expect((await admin.post(`/api/v1/contacts/${c.id}/restore`)).statusCode).toBe(200);
    const history = (await u.zhang.client.get(`/api/v1/contacts/${c.id}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'restore',
      'delete',
      'update',
      'create',
    ]);
    expect(history[2].changes).toContainEqual({ field: 'title', old: '采购总监', new: '副总经理' });
  });

  it('birthdays are checked as solar or lunar dates; bad phones and emails are named by index', async () => {
    const bad = async (body: Record<string, unknown>) =>
      (
        await u.zhang.client.post('/api/v1/contacts', { customerId: zhangCustomer, name: '测试', ...body })
      ).json().error.details;
    expect(await bad({ birthday: '1990-02-30' })).toEqual([
      expect.objectContaining({ field: 'birthday', code: 'date' }),
    ]);
    expect(await bad({ birthday: '1990-13-01', birthdayLunar: true })).toEqual([
      expect.objectContaining({ field: 'birthday', code: 'date' }),
    ]);
    expect(await bad({ phones: ['13588889999', '555'], emails: ['a@b'] })).toEqual([
      expect.objectContaining({ field: 'phones[1]', code: 'phone' }),
      expect.objectContaining({ field: 'emails[0]', code: 'email' }),
    ]);
    // The 30th of the second lunar month exists in some years; as a solar date it never does.
    await createContact(u.zhang.client, {
      customerId: zhangCustomer,
      name: '农历生日',
      birthday: '1990-02-30',
      birthdayLunar: true,
    });
    u.zhang.client.locale = 'zh-CN';
    const zh = await u.zhang.client.post('/api/v1/contacts', {
      customerId: zhangCustomer,
      name: '测试',
      birthday: '1990-02-30',
    });
    u.zhang.client.locale = 'en';
    expect(zh.json().error.details[0].message).toBe('生日不是有效的日期（YYYY-MM-DD）。');
  });
});

describe('contact visibility follows the customer', () => {
  let liContact: Contact;
  beforeAll(async () => {
    liContact = await createContact(u.li.client, {
      customerId: liCustomer,
      name: '王晓明',
      phones: ['13912340000'],
    });
  });

  it('a rep sees, lists and searches only the contacts of their own customers', async () => {
    const mine = await createContact(u.zhang.client, {
      customerId: zhangCustomer,
      name: '赵敏',
      phones: ['13712345678'],
    });
    const list = (await u.zhang.client.get('/api/v1/contacts?limit=200')).json();
    expect(list.items.every((x: { customerId: string }) => x.customerId === zhangCustomer)).toBe(true);
    expect(list.total).toBe(list.items.length);
    expect((await u.zhang.client.get(`/api/v1/contacts/${liContact.id}`)).statusCode).toBe(404);
    expect((await u.zhang.client.get(`/api/v1/contacts/${liContact.id}/history`)).statusCode).toBe(404);
    expect(
      (await u.zhang.client.patch(`/api/v1/contacts/${liContact.id}`, { version: 1, title: 'x' })).statusCode,
    ).toBe(404);
    expect((await u.zhang.client.get(`/api/v1/contacts?customerId=${liCustomer}`)).json()).toMatchObject({
      items: [],
      total: 0,
    });
    expect((await u.zhang.client.get(`/api/v1/customers/${liCustomer}/contacts`)).statusCode).toBe(404);
    expect(
      (await u.zhang.client.get(`/api/v1/contacts?q=${encodeURIComponent('王晓明')}`)).json().total,
    ).toBe(0);
    const byName = (await u.zhang.client.get(`/api/v1/contacts?q=zm`))
      .json()
      .items.map((x: { id: string }) => x.id);
    expect(byName).toEqual([mine.id]);
    const byPhone = (await u.zhang.client.get('/api/v1/contacts?q=5678')).json();
    expect(byPhone.items.map((x: { id: string }) => x.id)).toEqual([mine.id]);
    expect(byPhone.items[0].highlight).toBeDefined();
  });

  it("a contact cannot be attached to, or moved to, a customer outside the caller's scope", async () => {
    const res = await u.zhang.client.post('/api/v1/contacts', { customerId: liCustomer, name: '越权' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ field: 'customerId', code: 'notFound' }),
    ]);
    const mine = await createContact(u.zhang.client, { customerId: zhangCustomer, name: '孙立' });
    const move = await u.zhang.client.patch(`/api/v1/contacts/${mine.id}`, {
      version: 1,
      customerId: liCustomer,
    });
    expect(move.statusCode).toBe(400);
  });

  it('contacts of a customer in the recycle bin are hidden with it and come back with it', async () => {
    const customer = (
      await u.zhang.client.post('/api/v1/customers', { kind: 'company', name: '临时客户有限公司' })
    ).json().id;
    const contact = await createContact(u.zhang.client, { customerId: customer, name: '钱多多' });
    await admin.del(`/api/v1/customers/${customer}`);
    expect((await u.zhang.client.get(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(404);
    await admin.post(`/api/v1/customers/${customer}/restore`);
    expect((await u.zhang.client.get(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(200);
  });

  it('phones are masked for a read-only role, and not searchable by it', async () => {
    expect((await u.gao.client.get(`/api/v1/contacts/${liContact.id}`)).json().phones).toEqual([
      '139****0000',
    ]);
    expect((await u.gao.client.get('/api/v1/contacts?q=13912340000')).json().total).toBe(0);
    expect((await u.gao.client.get(`/api/v1/contacts?q=${encodeURIComponent('王晓明')}`)).json().total).toBe(
      1,
    );
    expect(
      (await u.gao.client.post(`/api/v1/contacts/${liContact.id}/reveal`, { field: 'phones' })).statusCode,
    ).toBe(403);
    expect((await admin.post(`/api/v1/contacts/${liContact.id}/reveal`, { field: 'phones' })).json()).toEqual(
      { value: ['13912340000'] },
    );
  });
});

describe("contact names feed their customer's search", () => {
  it('adding, renaming, moving and deleting a contact updates which customer a search finds', async () => {
    const other = (
      await u.zhang.client.post('/api/v1/customers', { kind: 'company', name: '杭州娃哈哈食品有限公司' })
    ).json().id;
    const contact = await createContact(u.zhang.client, { customerId: zhangCustomer, name: '诸葛亮' });
    expect(await customerSearch(u.zhang.client, '诸葛')).toEqual([zhangCustomer]);
    expect(await customerSearch(u.zhang.client, 'zgl')).toEqual([zhangCustomer]);
    const renamed = await u.zhang.client.patch(`/api/v1/contacts/${contact.id}`, {
      version: 1,
      name: '司马懿',
    });
    expect(renamed.statusCode).toBe(200);
    expect(await customerSearch(u.zhang.client, '诸葛')).toEqual([]);
    expect(await customerSearch(u.zhang.client, 'simayi')).toEqual([zhangCustomer]);
    await u.zhang.client.patch(`/api/v1/contacts/${contact.id}`, { version: 2, customerId: other });
    expect(await customerSearch(u.zhang.client, '司马')).toEqual([other]);
    await admin.del(`/api/v1/contacts/${contact.id}`);
    expect(await customerSearch(u.zhang.client, '司马')).toEqual([]);
  });
});
