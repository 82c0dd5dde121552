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

// Org A: 销售部 ⊃ 华南组 with reps 张伟 (own scope) and 李娜; a manager of 销售部; a read-only user.
// Org B: its own administrator and its own (required) contact field, which must never reach org A.
let w: TestWorld;
let admin: Client;
let adminB: Client;
const u = {} as Record<'manager' | 'zhang' | 'li' | 'ro', { client: Client; id: string }>;
const customerOf = {} as Record<'zhang' | 'li' | 'admin' | 'b', string>;

type Contact = { id: string; version: number; name: string; customFields: Record<string, unknown> };

let n = 0;
async function createCustomer(by: Client) {
  const res = await by.post('/api/v1/customers', { kind: 'company', name: `联系人字段客户${++n}号有限公司` });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

async function createContact(by: Client, customerId: string, body: Record<string, unknown> = {}) {
  const res = await by.post('/api/v1/contacts', { customerId, name: `联系人${++n}`, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Contact;
}

async function defineField(by: Client, body: Record<string, unknown>) {
  const res = await by.post('/api/v1/custom-fields', { entity: 'contacts', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

async function names(by: Client, query: string): Promise<string[]> {
  const res = await by.get(`/api/v1/contacts?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Contact[]).map((c) => c.name);
}

beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
  adminB = await createOrg(w.app, admin, '另一家公司', 'admin@b.test');
  const orgId = (await admin.get('/api/v1/me')).json().orgId;
  const sales = await insertDepartmentRow(w.database.db, orgId, '销售部');
  const team = await insertTeamRow(w.database.db, orgId, '华南组', sales.id);
  const people = {
    manager: { name: '王经理', role: 'manager', departmentId: sales.id },
    zhang: { name: '张伟', role: 'sales', departmentId: sales.id, teamId: team },
    li: { name: '李娜', role: 'sales', departmentId: sales.id, teamId: team },
    ro: { name: '只读', role: 'readonly' },
  };
  for (const [key, body] of Object.entries(people)) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as keyof typeof u] = { client, id: user.id };
  }
  await defineField(admin, { key: 'age', label: label('年龄', 'Age'), type: 'number', position: 1 });
  await defineField(admin, {
    key: 'metOn',
    label: label('初次见面', 'First met'),
    type: 'date',
    position: 2,
  });
  await defineField(admin, {
    key: 'interests',
    label: label('兴趣', 'Interests'),
    type: 'multiChoice',
    position: 3,
    options: [
      { key: 'golf', label: label('高尔夫', 'Golf') },
      { key: 'tea', label: label('茶', 'Tea') },
    ],
  });
  // A customers field with the same key must not apply to contacts.
  const cust = await admin.post('/api/v1/custom-fields', {
    entity: 'customers',
    key: 'tier',
    label: label('客户层级', 'Customer tier'),
    type: 'text',
  });
  expect(cust.statusCode, cust.body).toBe(201);
  // Org B: a required contact field of its own.
  await defineField(adminB, {
    key: 'badge',
    label: label('工牌号', 'Badge'),
    type: 'text',
    required: true,
  });
  customerOf.zhang = await createCustomer(u.zhang.client);
  customerOf.li = await createCustomer(u.li.client);
  customerOf.admin = await createCustomer(admin);
  customerOf.b = await createCustomer(adminB);
});

afterAll(async () => {
  await w?.close();
});

describe('custom field values on contacts', () => {
  it('are normalised on create and returned by get and list', async () => {
    const c = await createContact(u.zhang.client, customerOf.zhang, {
      name: '赵敏',
      customFields: { age: '42', metOn: '2021-03-04', interests: ['tea', 'tea'] },
    });
    expect(c.customFields).toEqual({ age: 42, metOn: '2021-03-04', interests: ['tea'] });
    const got = await u.zhang.client.get(`/api/v1/contacts/${c.id}`);
    expect(got.json().customFields).toEqual({ age: 42, metOn: '2021-03-04', interests: ['tea'] });
    const listed = await u.zhang.client.get(`/api/v1/customers/${customerOf.zhang}/contacts`);
    expect(listed.json().items.find((x: Contact) => x.id === c.id).customFields).toEqual(c.customFields);
  });

  it('are refused naming the field by its label in the caller language; unknown keys too', async () => {
    const body = {
      customerId: customerOf.zhang,
      name: '校验',
      customFields: { age: 'old', metOn: '2021-02-30', interests: ['chess'], tier: 'A', badge: '7' },
    };
    const en = await u.zhang.client.post('/api/v1/contacts', body);
    expect(en.statusCode).toBe(400);
    const details = en.json().error.details as { field: string; code: string; message: string }[];
    // `tier` is a customers field and `badge` one of org B: neither exists for org A's contacts.
    expect(details.map((d) => `${d.field}:${d.code}`).sort()).toEqual([
      'customFields.age:number',
      'customFields.badge:unknownField',
      'customFields.interests:choice',
      'customFields.metOn:date',
      'customFields.tier:unknownField',
    ]);
    expect(details.find((d) => d.code === 'number')!.message).toBe('Age must be a number.');
    expect(details.find((d) => d.code === 'date')!.message).toContain('First met');
    u.zhang.client.locale = 'zh-CN';
    const zh = await u.zhang.client.post('/api/v1/contacts', body);
    u.zhang.client.locale = 'en';
    expect(zh.statusCode).toBe(400);
    const zhDetails = zh.json().error.details as { code: string; message: string }[];
    expect(zhDetails.find((d) => d.code === 'number')!.message).toBe('年龄必须是数字。');
    expect(zhDetails.find((d) => d.code === 'date')!.message).toContain('初次见面');
    expect(zhDetails.find((d) => d.code === 'choice')!.message).toContain('兴趣');
  });

  it('required fields are enforced on create and on a patch naming them; a patch merges per key and is audited', async () => {
    const f = await defineField(admin, {
      key: 'hometown',
      label: label('籍贯', 'Hometown'),
      type: 'text',
      required: true,
    });
    try {
      const missing = await u.zhang.client.post('/api/v1/contacts', {
        customerId: customerOf.zhang,
        name: '缺必填',
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.details).toEqual([
        expect.objectContaining({
          field: 'customFields.hometown',
          code: 'required',
          message: 'Hometown is required.',
        }),
      ]);
      u.zhang.client.locale = 'zh-CN';
      const zh = await u.zhang.client.post('/api/v1/contacts', { customerId: customerOf.zhang, name: '缺' });
      u.zhang.client.locale = 'en';
      expect(zh.json().error.details[0].message).toContain('籍贯');

      const c = await createContact(u.zhang.client, customerOf.zhang, {
        customFields: { hometown: '成都', age: 30 },
      });
      // A patch without customFields leaves them alone (even with a required field defined).
      const renamed = await u.zhang.client.patch(`/api/v1/contacts/${c.id}`, {
        version: c.version,
        title: '采购经理',
      });
      expect(renamed.statusCode, renamed.body).toBe(200);
      expect(renamed.json().customFields).toEqual({ hometown: '成都', age: 30 });
      const patched = await u.zhang.client.patch(`/api/v1/contacts/${c.id}`, {
        version: renamed.json().version,
        customFields: { age: null, metOn: '2020-01-01' },
      });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json().customFields).toEqual({ hometown: '成都', metOn: '2020-01-01' });
      const cleared = await u.zhang.client.patch(`/api/v1/contacts/${c.id}`, {
        version: patched.json().version,
        customFields: { hometown: null },
      });
      expect(cleared.statusCode).toBe(400);
      expect(cleared.json().error.details[0]).toMatchObject({
        field: 'customFields.hometown',
        code: 'required',
      });
      const unknown = await u.zhang.client.patch(`/api/v1/contacts/${c.id}`, {
        version: patched.json().version,
        customFields: { colour: 'red' },
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.details[0]).toMatchObject({
        field: 'customFields.colour',
        code: 'unknownField',
      });

      const history = (await u.zhang.client.get(`/api/v1/contacts/${c.id}/history`)).json().items as {
        action: string;
        changes: { field: string; old: unknown; new: unknown }[];
      }[];
      const change = history
        .filter((h) => h.action === 'update')
        .flatMap((h) => h.changes)
        .find((x) => x.field === 'customFields');
      expect(change).toMatchObject({
        old: { hometown: '成都', age: 30 },
        new: { hometown: '成都', metOn: '2020-01-01' },
      });
    } finally {
      expect((await admin.del(`/api/v1/custom-fields/${f.id}`)).statusCode).toBe(204);
    }
  });

  it('of another organisation never apply: org B requires its field, org A does not', async () => {
    const a = await createContact(admin, customerOf.admin, { name: '甲方联系人' });
    expect(a.customFields).toEqual({});
    const missing = await adminB.post('/api/v1/contacts', { customerId: customerOf.b, name: '乙方' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0]).toMatchObject({ field: 'customFields.badge', code: 'required' });
    const withAge = await adminB.post('/api/v1/contacts', {
      customerId: customerOf.b,
      name: '乙方',
      customFields: { badge: 'B-1', age: 30 },
    });
    expect(withAge.statusCode).toBe(400);
    expect(withAge.json().error.details[0]).toMatchObject({
      field: 'customFields.age',
      code: 'unknownField',
    });
    const b = await createContact(adminB, customerOf.b, {
      name: '乙方联系人',
      customFields: { badge: 'B-1' },
    });
    expect(b.customFields).toEqual({ badge: 'B-1' });
    expect((await admin.get('/api/v1/contacts?cf.badge=B-1')).statusCode).toBe(400);
    expect((await adminB.get('/api/v1/contacts?cf.age=30')).statusCode).toBe(400);
    expect(await names(adminB, 'cf.badge=B-1')).toEqual(['乙方联系人']);
  });
});

describe('filtering and sorting the contacts list by custom fields', () => {
  beforeAll(async () => {
    const make = (by: Client, customer: string, name: string, cf: Record<string, unknown>) =>
      createContact(by, customer, { name, customFields: cf });
    await make(u.zhang.client, customerOf.zhang, '筛选甲', {
      age: 25,
      metOn: '2019-01-01',
      interests: ['golf'],
    });
    await make(u.zhang.client, customerOf.zhang, '筛选乙', {
      age: 35,
      metOn: '2022-06-01',
      interests: ['tea'],
    });
    await make(u.li.client, customerOf.li, '筛选丙', {
      age: 35,
      metOn: '2020-05-05',
      interests: ['golf', 'tea'],
    });
    await make(admin, customerOf.admin, '筛选丁', { age: 50 });
    await make(admin, customerOf.admin, '筛选戊', { metOn: '2023-01-01' }); // no age
  });

  const q = `q=${encodeURIComponent('筛选')}`;

  it('filters by equality, range and choice, and sorts by a field, within each caller scope', async () => {
    expect((await names(admin, `${q}&cf.age=35&sort=name`)).sort()).toEqual(['筛选丙', '筛选乙'].sort());
    expect(await names(admin, `${q}&cf.age.gte=30&cf.age.lte=40&sort=cf.metOn`)).toEqual([
      '筛选丙',
      '筛选乙',
    ]);
    expect(await names(admin, `${q}&cf.metOn.lte=2020-12-31&sort=-cf.metOn`)).toEqual(['筛选丙', '筛选甲']);
    expect(await names(admin, `${q}&cf.interests=golf&sort=cf.age`)).toEqual(['筛选甲', '筛选丙']);
    // Ascending puts contacts without a value last; descending first.
    const byAge = await names(admin, `${q}&sort=cf.age`);
    expect([byAge[0], [byAge[1], byAge[2]].sort(), byAge[3], byAge[4]]).toEqual([
      '筛选甲',
      ['筛选丙', '筛选乙'].sort(),
      '筛选丁',
      '筛选戊',
    ]);
    expect((await names(admin, `${q}&sort=-cf.age`)).slice(0, 2)).toEqual(['筛选戊', '筛选丁']);
    // Scope: a rep's filter never returns another rep's contacts.
    expect(await names(u.zhang.client, `${q}&cf.age=35`)).toEqual(['筛选乙']);
    expect(await names(u.li.client, `${q}&cf.age=35`)).toEqual(['筛选丙']);
    expect(await names(u.zhang.client, `${q}&cf.interests=golf`)).toEqual(['筛选甲']);
    expect(await names(u.li.client, `${q}&cf.age.gte=40`)).toEqual([]);
    // The manager sees the department (not the administrator's own customer); read-only sees all.
    expect((await names(u.manager.client, `${q}&cf.age=35`)).sort()).toEqual(['筛选丙', '筛选乙'].sort());
    expect(await names(u.manager.client, `${q}&cf.age=50`)).toEqual([]);
    const ro = await names(u.ro.client, `${q}&cf.age.gte=35&sort=-cf.age`);
    expect(ro[0]).toBe('筛选丁');
    expect(ro.slice(1).sort()).toEqual(['筛选丙', '筛选乙'].sort());
    // Another organisation: nothing of org A.
    expect((await adminB.get(`/api/v1/contacts?${q}&cf.badge=x`)).json().items).toEqual([]);
  });

  it('pages through a custom-field sort with the cursor, nulls included', async () => {
    for (const sort of ['cf.age', '-cf.age']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await admin.get(
          `/api/v1/contacts?${q}&sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.statusCode, res.body).toBe(200);
        seen.push(...(res.json().items as Contact[]).map((c) => c.name));
        cursor = res.json().nextCursor;
      } while (cursor);
      expect(seen).toEqual(await names(admin, `${q}&sort=${sort}`));
      expect(seen).toHaveLength(5);
    }
  });

  it('refuses unknown fields, bad values and unsortable fields with a 400 naming the parameter', async () => {
    const res = await admin.get('/api/v1/contacts?cf.colour=red');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ field: 'cf.colour', code: 'unknownFilter' }),
    ]);
    expect((await admin.get('/api/v1/contacts?cf.tier=A')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/contacts?cf.age=many')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/contacts?cf.interests.gte=golf')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/contacts?sort=cf.interests')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/contacts?sort=cf.colour')).statusCode).toBe(400);
  });
});

describe('saved views of the contacts list', () => {
  it('accept the list filters and custom-field ones, and refuse unknown ones', async () => {
    const ok = await u.zhang.client.post('/api/v1/saved-views', {
      entity: 'contacts',
      name: '打高尔夫的关键人',
      config: {
        filters: { isKeyPerson: 'true', 'cf.interests': 'golf' },
        sort: '-cf.age',
        columns: ['name'],
      },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const mine = await u.zhang.client.get('/api/v1/saved-views?entity=contacts');
    expect(mine.json().items.map((v: { name: string }) => v.name)).toEqual(['打高尔夫的关键人']);
    expect((await u.li.client.get('/api/v1/saved-views?entity=contacts')).json().items).toEqual([]);
    expect((await adminB.get('/api/v1/saved-views?entity=contacts')).json().items).toEqual([]);
    const bad = await u.zhang.client.post('/api/v1/saved-views', {
      entity: 'contacts',
      name: '坏视图',
      config: { filters: { 'cf.colour': 'red', grade: 'A' } },
    });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json().error.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['config.filters.cf.colour', 'config.filters.grade'].sort());
    // Org B's field is no field of org A's contacts.
    const foreign = await admin.post('/api/v1/saved-views', {
      entity: 'contacts',
      name: '外部字段',
      config: { filters: { 'cf.badge': 'x' } },
    });
    expect(foreign.statusCode).toBe(400);
  });
});
