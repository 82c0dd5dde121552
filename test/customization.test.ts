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
// Org B: its own administrator, its own fields and dictionaries.
let w: TestWorld;
let admin: Client;
let adminB: Client;
const u = {} as Record<'manager' | 'zhang' | 'li' | 'ro', { client: Client; id: string }>;

let n = 0;
async function createCustomer(by: Client, body: Record<string, unknown> = {}) {
  const res = await by.post('/api/v1/customers', {
    kind: 'company',
    name: `定制客户${++n}号有限公司`,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; customFields: Record<string, unknown> };
}

async function defineField(by: Client, body: Record<string, unknown>) {
  const res = await by.post('/api/v1/custom-fields', { entity: 'customers', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

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
  await defineField(admin, {
    key: 'budget',
    label: label('年预算', 'Annual budget'),
    type: 'number',
    position: 1,
  });
  await defineField(admin, {
    key: 'openedOn',
    label: label('开业日期', 'Opened on'),
    type: 'date',
    position: 2,
  });
  await defineField(admin, {
    key: 'cuisines',
    label: label('菜系', 'Cuisines'),
    type: 'multiChoice',
    options: [
      { key: 'sichuan', label: label('川菜', 'Sichuan') },
      { key: 'cantonese', label: label('粤菜', 'Cantonese') },
    ],
    position: 3,
  });
  await defineField(adminB, { key: 'budget', label: label('预算B', 'Budget B'), type: 'text' });
});
afterAll(() => w.close());

describe('custom field definitions', () => {
  it('everyone in the back office reads them; only administrators change them; each tenant has its own', async () => {
    for (const c of [admin, u.manager.client, u.zhang.client, u.ro.client]) {
      const res = await c.get('/api/v1/custom-fields?entity=customers');
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((d: { key: string }) => d.key)).toEqual(['budget', 'openedOn', 'cuisines']);
    }
    const b = (await adminB.get('/api/v1/custom-fields')).json().items;
    expect(b).toHaveLength(1);
    expect(b[0]).toMatchObject({ key: 'budget', type: 'text', label: label('预算B', 'Budget B') });
    for (const c of [u.manager.client, u.zhang.client, u.ro.client]) {
      const res = await c.post('/api/v1/custom-fields', {
        entity: 'customers',
        key: 'nope',
        label: label('不行', 'Nope'),
        type: 'text',
      });
      expect(res.statusCode).toBe(403);
    }
  });

  it('keys are unique per entity, well-formed and immutable; choice fields need options', async () => {
    const dup = await admin.post('/api/v1/custom-fields', {
      entity: 'customers',
      key: 'budget',
      label: label('重复', 'Dup'),
      type: 'text',
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details).toEqual([expect.objectContaining({ field: 'key', code: 'taken' })]);
    const bad = await admin.post('/api/v1/custom-fields', {
      entity: 'customers',
      key: '9lives',
      label: label('坏', 'Bad'),
      type: 'text',
    });
    expect(bad.statusCode).toBe(400);
    const noOptions = await admin.post('/api/v1/custom-fields', {
      entity: 'customers',
      key: 'size',
      label: label('规模', 'Size'),
      type: 'choice',
    });
    expect(noOptions.json().error.details).toEqual([
      expect.objectContaining({ field: 'options', code: 'required' }),
    ]);
    const f = await defineField(admin, {
      entity: 'contacts',
      key: 'hobby',
      label: label('爱好', 'Hobby'),
      type: 'text',
    });
    const rename = await admin.patch(`/api/v1/custom-fields/${f.id}`, { version: f.version, key: 'other' });
    expect(rename.statusCode).toBe(400);
    expect(rename.json().error.code).toBe('UNKNOWN_FIELD');
    const ok = await admin.patch(`/api/v1/custom-fields/${f.id}`, {
      version: f.version,
      label: label('兴趣', 'Interest'),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ key: 'hobby', version: 2, label: label('兴趣', 'Interest') });
    const stale = await admin.patch(`/api/v1/custom-fields/${f.id}`, { version: 1, required: true });
    expect(stale.statusCode).toBe(409);
    expect((await adminB.del(`/api/v1/custom-fields/${f.id}`)).statusCode).toBe(404);
    expect((await admin.del(`/api/v1/custom-fields/${f.id}`)).statusCode).toBe(204);
    const left = (await admin.get('/api/v1/custom-fields?entity=contacts')).json().items;
    expect(left).toEqual([]);
    const log = (await admin.get('/api/v1/audit-log?entity=customFields')).json().items;
    expect(log.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'update', 'delete']),
    );
  });
});

describe('custom field values on customers', () => {
  it('are normalised on write: numbers as numbers, dates as YYYY-MM-DD, multiChoice deduplicated', async () => {
    const c = await createCustomer(u.zhang.client, {
      customFields: { budget: '120000', openedOn: '2019-05-01', cuisines: ['sichuan', 'sichuan'] },
    });
    expect(c.customFields).toEqual({ budget: 120000, openedOn: '2019-05-01', cuisines: ['sichuan'] });
  });

  it('are refused naming the field by its label in the caller language; unknown keys too', async () => {
    const body = {
      kind: 'company',
      name: '校验自定义字段有限公司',
      customFields: { budget: 'lots', openedOn: '2019-02-30', cuisines: ['hunan'], colour: 'red' },
    };
    const en = await u.zhang.client.post('/api/v1/customers', body);
    expect(en.statusCode).toBe(400);
    const details = en.json().error.details as { field: string; code: string; message: string }[];
    expect(details.map((d) => `${d.field}:${d.code}`).sort()).toEqual([
      'customFields.budget:number',
      'customFields.colour:unknownField',
      'customFields.cuisines:choice',
      'customFields.openedOn:date',
    ]);
    expect(details.find((d) => d.code === 'number')!.message).toBe('Annual budget must be a number.');
    u.zhang.client.locale = 'zh-CN';
    const zh = await u.zhang.client.post('/api/v1/customers', body);
    u.zhang.client.locale = 'en';
    const zhDetails = zh.json().error.details as { code: string; message: string }[];
    expect(zhDetails.find((d) => d.code === 'number')!.message).toBe('年预算必须是数字。');
    expect(zhDetails.find((d) => d.code === 'date')!.message).toContain('开业日期');
  });

  it('required fields are enforced on create and when a patch leaves them empty; a patch merges per key', async () => {
    const f = await defineField(admin, {
      key: 'storeCount',
      label: label('门店数', 'Store count'),
      type: 'number',
      required: true,
    });
    try {
      const missing = await u.zhang.client.post('/api/v1/customers', {
        kind: 'company',
        name: '缺必填有限公司',
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.details).toEqual([
        expect.objectContaining({
          field: 'customFields.storeCount',
          code: 'required',
          message: 'Store count is required.',
        }),
      ]);
      const c = await createCustomer(u.zhang.client, { customFields: { storeCount: 3, budget: 10 } });
      const patched = await u.zhang.client.patch(`/api/v1/customers/${c.id}`, {
        version: c.version,
        customFields: { budget: null, openedOn: '2020-01-01' },
      });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json().customFields).toEqual({ storeCount: 3, openedOn: '2020-01-01' });
      const cleared = await u.zhang.client.patch(`/api/v1/customers/${c.id}`, {
        version: patched.json().version,
        customFields: { storeCount: null },
      });
      expect(cleared.statusCode).toBe(400);
      expect(cleared.json().error.details[0]).toMatchObject({
        field: 'customFields.storeCount',
        code: 'required',
      });
    } finally {
      expect((await admin.del(`/api/v1/custom-fields/${f.id}`)).statusCode).toBe(204);
    }
  });
});

describe('dictionaries', () => {
  it('every organisation starts with the default entries, readable by everyone, in both languages', async () => {
    for (const c of [admin, u.manager.client, u.zhang.client, u.ro.client, adminB]) {
      const res = await c.get('/api/v1/dictionaries');
      expect(res.statusCode).toBe(200);
      const names = res.json().items.map((d: { dictionary: string }) => d.dictionary);
      expect(names).toEqual([
        'customerType',
        'source',
        'industry',
        'relationshipLevel',
        'interactionChannel',
        'leadChannel',
        'leadDisqualifyReason',
        'productLine',
        'opportunityLostReason',
      ]);
    }
    const types = (await u.zhang.client.get('/api/v1/dictionaries/customerType/items')).json().items;
    expect(types).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          key: '跨国连锁',
          label: label('跨国连锁', 'Multinational chain'),
          active: true,
        }),
        expect.objectContaining({ key: '餐厅', label: label('餐厅', 'Restaurant') }),
      ]),
    );
    expect((await u.zhang.client.get('/api/v1/dictionaries/colours/items')).statusCode).toBe(400);
  });

  it('administrators add, rename, deactivate and delete entries; others may not; tenants stay apart', async () => {
    const res = await admin.post('/api/v1/dictionaries/source/items', {
      key: '抖音',
      label: label('抖音', 'Douyin'),
    });
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json();
    for (const c of [u.manager.client, u.zhang.client, u.ro.client])
      expect(
        (await c.post('/api/v1/dictionaries/source/items', { key: 'x', label: label('x', 'x') })).statusCode,
      ).toBe(403);
    const again = await admin.post('/api/v1/dictionaries/source/items', {
      key: '抖音',
      label: label('抖音', 'Douyin'),
    });
    expect(again.statusCode).toBe(400);
    const bSources = (await adminB.get('/api/v1/dictionaries/source/items')).json().items;
    expect(bSources.map((i: { key: string }) => i.key)).not.toContain('抖音');
    expect(
      (await adminB.patch(`/api/v1/dictionaries/source/items/${item.id}`, { version: 1, active: false }))
        .statusCode,
    ).toBe(404);

    const c = await createCustomer(u.zhang.client, { source: '抖音', type: '餐厅', industry: '餐饮' });
    const off = await admin.patch(`/api/v1/dictionaries/source/items/${item.id}`, {
      version: item.version,
      active: false,
    });
    expect(off.statusCode).toBe(200);
    const refused = await u.zhang.client.post('/api/v1/customers', {
      kind: 'company',
      name: '抖音来客有限公司',
      source: '抖音',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([
      expect.objectContaining({ field: 'source', code: 'notInDictionary' }),
    ]);
    // A record keeps the entry it stored: editing something else is fine.
    const edit = await u.zhang.client.patch(`/api/v1/customers/${c.id}`, {
      version: c.version,
      address: '天河路1号',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect((await admin.del(`/api/v1/dictionaries/source/items/${item.id}`)).statusCode).toBe(204);
    expect(
      (await u.ro.client.get('/api/v1/dictionaries/source/items'))
        .json()
        .items.map((i: { key: string }) => i.key),
    ).not.toContain('抖音');
  });

  it('customer type, source, industry and relationship level must be entries of their dictionary', async () => {
    const res = await u.zhang.client.post('/api/v1/customers', {
      kind: 'company',
      name: '字典外有限公司',
      type: '外星人',
      industry: '星际航运',
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`)
        .sort(),
    ).toEqual(['industry:notInDictionary', 'type:notInDictionary']);
    await createCustomer(u.zhang.client, {
      type: '经销商',
      source: '展会',
      industry: '电子',
      relationshipLevel: 'strategic',
    });
  });
});

describe('lists filtered and sorted by custom fields', () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    ids = {};
    const make = async (name: string, by: Client, cf: Record<string, unknown>) =>
      (ids[name] = (await createCustomer(by, { name: `${name}餐饮管理有限公司`, customFields: cf })).id);
    await make('甲', u.zhang.client, { budget: 900, openedOn: '2021-03-01', cuisines: ['sichuan'] });
    await make('乙', u.zhang.client, {
      budget: 80,
      openedOn: '2018-07-15',
      cuisines: ['sichuan', 'cantonese'],
    });
    await make('丙', u.li.client, { budget: 5000, openedOn: '2020-01-01', cuisines: ['cantonese'] });
    await make('丁', u.li.client, { budget: 80 });
    await make('戊', u.zhang.client, {});
  });

  const names = async (c: Client, query: string) => {
    const res = await c.get(`/api/v1/customers?q=${encodeURIComponent('餐饮管理')}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.map((i: { name: string }) => i.name.slice(0, 1));
  };

  it('equality, ranges and multiChoice containment, within each caller data scope', async () => {
    expect(await names(admin, 'cf.budget=80&sort=name')).toEqual(expect.arrayContaining(['乙', '丁']));
    expect(await names(admin, 'cf.budget.gte=100&cf.budget.lte=1000')).toEqual(['甲']);
    expect(await names(u.manager.client, 'cf.openedOn.lte=2020-12-31&sort=cf.openedOn')).toEqual([
      '乙',
      '丙',
    ]);
    expect(await names(u.ro.client, 'cf.cuisines=cantonese&sort=-cf.budget')).toEqual(['丙', '乙']);
    // Reps see only their own customers, with the same filters.
    expect(await names(u.zhang.client, 'cf.cuisines=cantonese')).toEqual(['乙']);
    expect(await names(u.li.client, 'cf.budget=80')).toEqual(['丁']);
    // Another tenant's field of the same key filters only its own records.
    expect(await names(adminB, 'cf.budget=80')).toEqual([]);
  });

  it('sorts numerically (not as text) with keyset paging that neither skips nor repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin.get(
        `/api/v1/customers?q=${encodeURIComponent('餐饮管理')}&sort=cf.budget&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...res.json().items.map((i: { name: string }) => i.name.slice(0, 1)));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen.slice(0, 2).sort()).toEqual(['丁', '乙']);
    expect(seen.slice(2)).toEqual(['甲', '丙', '戊']);
    const desc: string[] = [];
    cursor = null;
    do {
      const res = await admin.get(
        `/api/v1/customers?q=${encodeURIComponent('餐饮管理')}&sort=-cf.budget&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      desc.push(...res.json().items.map((i: { name: string }) => i.name.slice(0, 1)));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(desc[0]).toBe('戊'); // no value sorts first descending, as PostgreSQL places nulls
    expect(desc.slice(1, 3)).toEqual(['丙', '甲']);
    expect(desc).toHaveLength(5);
  });

  it('an unknown custom field or a wrong value is a 400 naming it', async () => {
    const res = await admin.get('/api/v1/customers?cf.colour=red');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ field: 'cf.colour', code: 'unknownFilter' }),
    ]);
    expect(res.json().error.details[0].message).toContain('colour');
    expect((await admin.get('/api/v1/customers?cf.budget=many')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/customers?sort=cf.colour')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/customers?colour=red')).statusCode).toBe(400);
  });

  it('the export honours the same filters and writes labels in the reader language', async () => {
    await createCustomer(u.zhang.client, {
      name: '己餐饮管理有限公司',
      type: '餐厅',
      industry: '餐饮',
      customFields: { budget: 777, cuisines: ['sichuan', 'cantonese'] },
    });
    const en = await u.manager.client.get('/api/v1/customers/export?format=csv&cf.budget=777');
    expect(en.statusCode).toBe(200);
    const [header, row, extra] = en.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(extra).toBeUndefined();
    expect(header).toContain('Annual budget');
    expect(header).toContain('Cuisines');
    expect(row).toContain('Restaurant');
    expect(row).toContain('Catering');
    expect(row).toContain('Sichuan, Cantonese');
    expect(row).toContain('张伟');
    u.manager.client.locale = 'zh-CN';
    const zh = await u.manager.client.get('/api/v1/customers/export?format=csv&cf.budget=777');
    u.manager.client.locale = 'en';
    expect(zh.body).toContain('年预算');
    expect(zh.body).toContain('餐厅');
    expect(zh.body).toContain('川菜, 粤菜');
    expect((await u.zhang.client.get('/api/v1/customers/export?format=csv&cf.budget=777')).statusCode).toBe(
      403,
    );
    expect((await admin.get('/api/v1/customers/export?format=csv&cf.colour=1')).statusCode).toBe(400);
  });
});

describe('customer history', () => {
  it('shows division names next to codes for province, city and district changes', async () => {
    const c = await createCustomer(u.zhang.client, { province: '440000', city: '440300' });
    const p = await u.zhang.client.patch(`/api/v1/customers/${c.id}`, { version: c.version, city: '440100' });
    expect(p.statusCode, p.body).toBe(200);
    const items = (await u.zhang.client.get(`/api/v1/customers/${c.id}/history`)).json().items as {
      action: string;
      changes: { field: string; old: unknown; new: unknown }[];
    }[];
    const update = items.find((i) => i.action === 'update')!;
    expect(update.changes).toEqual(
      expect.arrayContaining([{ field: 'city', old: '440300 深圳市', new: '440100 广州市' }]),
    );
  });
});
