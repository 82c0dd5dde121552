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
import { creditCodeCheckChar } from '../server/src/modules/customers/credit-code.ts';
import { generateCustomers } from '../bench/customers-data.ts';

// One organisation: 销售中心 ⊃ 华南大区 (team 深圳组) and team 上海组; reps 张伟 and 周婷 in 深圳组,
// 李娜 in 上海组; managers of 销售中心 and of 华南大区; a read-only user.
let w: TestWorld;
let admin: Client;
const u = {} as Record<
  'manager' | 'southManager' | 'zhang' | 'zhou' | 'li' | 'gao',
  { client: Client; id: string }
>;

type Customer = Record<string, unknown> & { id: string; version: number; ownerId: string | null };

let n = 0;
/** Creates a customer through the API as `by`; fails the test on anything but 201. */
async function createCustomer(by: Client, overrides: Record<string, unknown> = {}): Promise<Customer> {
  const res = await by.post('/api/v1/customers', {
    kind: 'company',
    name: `测试客户${++n}号贸易有限公司`,
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const validCreditCode = (region = '440300', subject = 'MA5DA0001') => {
  const first17 = `91${region}${subject}`;
  return first17 + creditCodeCheckChar(first17);
};

beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
  const orgId = (await admin.get('/api/v1/me')).json().orgId;
  const db = w.database.db;
  const sales = await insertDepartmentRow(db, orgId, '销售中心');
  const south = await insertDepartmentRow(db, orgId, '华南大区', sales);
  const sz = await insertTeamRow(db, orgId, '深圳组', south.id);
  const sh = await insertTeamRow(db, orgId, '上海组', sales.id);
  const people = {
    manager: { name: '王建国', role: 'manager', departmentId: sales.id },
    southManager: { name: '陈美玲', role: 'manager', departmentId: south.id },
    zhang: { name: '张伟', role: 'sales', departmentId: south.id, teamId: sz },
    zhou: { name: '周婷', role: 'sales', departmentId: south.id, teamId: sz },
    li: { name: '李娜', role: 'sales', departmentId: sales.id, teamId: sh },
    gao: { name: '高翔', role: 'readonly' },
  };
  for (const [key, body] of Object.entries(people)) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as keyof typeof u] = { client, id: user.id };
  }
});
afterAll(() => w.close());

describe('customer records', () => {
  it('are created as api.md describes: who and when, version, money as a decimal string, divisions as codes with names', async () => {
    const c = await createCustomer(u.zhang.client, {
      name: '深圳市华强电子科技有限公司',
      shortName: '华强电子',
      code: 'KH-0001',
      phones: ['138 1234 5678', '0755-8888 6666 转 123'],
      emails: ['Sales@HuaQiang.CN'],
      creditCode: validCreditCode().toLowerCase(),
      province: '广东',
      city: '深圳市',
      district: '440305',
      website: 'www.huaqiang.cn',
      type: '经销商',
      source: '展会',
      sourceDetail: '第136届广交会',
      lifecycleStatus: 'active',
      relationshipLevel: 'preferred',
      paymentTerms: '月结30天',
      creditLimit: { amount: '500000.5', currency: 'CNY' },
      creditRating: 'AA',
      grade: 'A',
      tags: ['展会客户', ' 展会客户 ', '重点'],
      keyAccount: { history: '1998年成立于华强北', honours: '深圳知名品牌' },
    });
    expect(c).toMatchObject({
      kind: 'company',
      name: '深圳市华强电子科技有限公司',
      version: 1,
      createdBy: u.zhang.id,
      updatedBy: u.zhang.id,
      ownerId: u.zhang.id,
      ownerName: '张伟',
      emails: ['sales@huaqiang.cn'],
      creditCode: validCreditCode(),
      province: '440000',
      provinceName: '广东省',
      city: '440300',
      cityName: '深圳市',
      district: '440305',
      districtName: '南山区',
      creditLimit: { amount: '500000.50', currency: 'CNY' },
      tags: ['展会客户', '重点'],
      customFields: {},
      keyAccount: {
        history: '1998年成立于华强北',
        operatingModel: null,
        honours: '深圳知名品牌',
        achievements: null,
      },
    });
    expect(c.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(c.updatedAt).toBe(c.createdAt);
    expect(await (await u.zhang.client.get(`/api/v1/customers/${c.id}`)).json()).toMatchObject({
      id: c.id,
      phones: c.phones,
    });
  });

  it('a credit limit is a decimal string with a currency code, stored exactly', async () => {
    for (const creditLimit of [
      { amount: '12.345', currency: 'CNY' },
      { amount: '-5', currency: 'CNY' },
      { amount: '10', currency: 'rmb' },
    ]) {
      const res = await u.zhang.client.post('/api/v1/customers', {
        kind: 'company',
        name: '金额测试有限公司',
        creditLimit,
      });
      expect(res.statusCode, JSON.stringify(creditLimit)).toBe(400);
      expect(res.json().error.details[0].field).toMatch(/^creditLimit\./);
    }
    const big = await createCustomer(u.zhang.client, {
      creditLimit: { amount: '9999999999999999.99', currency: 'USD' },
    });
    expect(big.creditLimit).toEqual({ amount: '9999999999999999.99', currency: 'USD' });
    const cleared = await u.zhang.client.patch(`/api/v1/customers/${big.id}`, {
      version: 1,
      creditLimit: null,
    });
    expect(cleared.json().creditLimit).toBeNull();
  });

  it('custom fields that are not plain values are refused naming the key (definitions: customization.test.ts)', async () => {
    const res = await u.zhang.client.post('/api/v1/customers', {
      kind: 'company',
      name: '自定义字段有限公司',
      customFields: { 口味: { 辣: true } },
    });
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ field: 'customFields.口味', code: 'invalid' }),
    ]);
  });

  it('invalid phones, emails, credit codes and divisions are refused naming the field, in English and Chinese', async () => {
    const body = {
      kind: 'company',
      name: '校验测试有限公司',
      phones: ['13812345679', '12345'],
      emails: ['not-an-email'],
      creditCode: validCreditCode().slice(0, 17) + (validCreditCode().endsWith('0') ? '1' : '0'),
      province: '广东',
      city: '杭州',
    };
    const en = await u.zhang.client.post('/api/v1/customers', body);
    expect(en.statusCode).toBe(400);
    expect(en.json().error.code).toBe('VALIDATION_FAILED');
    const details = en.json().error.details as { field: string; code: string; message: string }[];
    expect(details.map((d) => [d.field, d.code])).toEqual([
      ['phones[1]', 'phone'],
      ['emails[0]', 'email'],
      ['creditCode', 'creditCode'],
      ['city', 'divisionMismatch'],
    ]);
    expect(details[0]!.message).toBe('phones[1] is not a valid phone number.');
    u.zhang.client.locale = 'zh-CN';
    const zh = await u.zhang.client.post('/api/v1/customers', body);
    u.zhang.client.locale = 'en';
    const messages = (zh.json().error.details as { message: string }[]).map((d) => d.message);
    expect(messages).toEqual([
      '电话不是有效的电话号码。',
      '邮箱不是有效的邮箱地址。',
      '统一社会信用代码不是有效的统一社会信用代码。',
      '城市不属于所填的省份或城市。',
    ]);
    expect(zh.json().error.message).toBe('部分字段填写有误。');
    const unknown = await u.zhang.client.post('/api/v1/customers', {
      kind: 'company',
      name: 'x有限公司',
      owner: 'me',
    });
    expect(unknown.json().error).toMatchObject({
      code: 'UNKNOWN_FIELD',
      details: [{ field: 'owner', code: 'unknownField' }],
    });
    const abroad = await u.zhang.client.post('/api/v1/customers', {
      kind: 'company',
      name: 'ACME GmbH',
      country: 'DE',
      city: '深圳',
    });
    expect(abroad.json().error.details).toEqual([
      expect.objectContaining({ field: 'city', code: 'divisionOutsideChina' }),
    ]);
  });

  it('a stale version is 409 VERSION_CONFLICT and changes nothing', async () => {
    const c = await createCustomer(u.zhang.client);
    const ok = await u.zhang.client.patch(`/api/v1/customers/${c.id}`, {
      version: 1,
      address: '南山区科技园',
    });
    expect(ok.json()).toMatchObject({ version: 2, address: '南山区科技园', updatedBy: u.zhang.id });
    const stale = await u.zhang.client.patch(`/api/v1/customers/${c.id}`, { version: 1, address: '福田区' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await u.zhang.client.get(`/api/v1/customers/${c.id}`)).json()).toMatchObject({
      version: 2,
      address: '南山区科技园',
    });
  });

  it('codes are unique among live customers of the organisation', async () => {
    const first = await createCustomer(u.zhang.client, { code: 'KH-UNIQ' });
    const second = await u.li.client.post('/api/v1/customers', {
      kind: 'company',
      name: '另一家编号公司',
      code: 'KH-UNIQ',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({
      code: 'CUSTOMER_CODE_TAKEN',
      details: [{ field: 'code', code: 'taken' }],
    });
    await admin.del(`/api/v1/customers/${first.id}`);
    await createCustomer(u.li.client, { name: '另一家编号公司', code: 'KH-UNIQ' });
    expect((await admin.post(`/api/v1/customers/${first.id}/restore`)).json().error.code).toBe(
      'CUSTOMER_CODE_TAKEN',
    );
  });

  it('go to the recycle bin on delete, come back on restore, and keep a field-by-field history', async () => {
    const c = await createCustomer(u.zhang.client, { phones: ['13700001111'] });
    await u.zhang.client.patch(`/api/v1/customers/${c.id}`, {
      version: 1,
      grade: 'B',
      phones: ['13700001111', '13700002222'],
    });
    expect((await u.zhang.client.del(`/api/v1/customers/${c.id}`)).statusCode).toBe(403);
    expect((await admin.del(`/api/v1/customers/${c.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(404);
    // In the bin it is no duplicate of anything.
    const again = await createCustomer(u.li.client, { name: '别的名字有限公司', phones: ['13700001111'] });
    await admin.del(`/api/v1/customers/${again.id}`);
    expect((await admin.post(`/api/v1/customers/${c.id}/restore`)).json()).toMatchObject({
      id: c.id,
      version: 4,
    });
    const history = (await u.zhang.client.get(`/api/v1/customers/${c.id}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'restore',
      'delete',
      'update',
      'create',
    ]);
    expect(history[2].changes).toEqual(
      expect.arrayContaining([
        { field: 'grade', old: null, new: 'B' },
        { field: 'phones', old: ['13700001111'], new: ['13700001111', '13700002222'] },
      ]),
    );
    expect(history[3]).toMatchObject({ byName: '张伟' });
    const masked = (await u.gao.client.get(`/api/v1/customers/${c.id}/history`)).json().items;
    expect(masked[2].changes).toContainEqual({
      field: 'phones',
      old: ['137****1111'],
      new: ['137****1111', '137****2222'],
    });
  });

  it('lists with filters, sorting and cursor pagination', async () => {
    const mine = [
      await createCustomer(u.zhou.client, {
        name: '杭州滤镜甲有限公司',
        province: '浙江',
        city: '杭州',
        grade: 'A',
        tags: ['滤镜'],
        type: '专卖店',
      }),
      await createCustomer(u.zhou.client, {
        name: '杭州滤镜乙有限公司',
        province: '330000',
        city: '宁波',
        grade: 'B',
        tags: ['滤镜'],
        source: '官网',
      }),
      await createCustomer(u.zhou.client, {
        name: '滤镜丙',
        kind: 'person',
        province: '广东',
        lifecycleStatus: 'lost',
        phones: ['13911112222'],
      }),
    ];
    const ids = async (query: string) =>
      ((await u.zhou.client.get(`/api/v1/customers?limit=200&${query}`)).json().items as Customer[]).map(
        (c) => c.id,
      );
    expect(await ids(`province=${encodeURIComponent('浙江省')}`)).toEqual(
      expect.arrayContaining([mine[0]!.id, mine[1]!.id]),
    );
    expect(await ids('province=330000&city=330100')).toEqual([mine[0]!.id]);
    expect(await ids(`tag=${encodeURIComponent('滤镜')}&grade=B`)).toEqual([mine[1]!.id]);
    expect(await ids('kind=person&lifecycleStatus=lost')).toEqual([mine[2]!.id]);
    expect(await ids(`type=${encodeURIComponent('专卖店')}`)).toEqual([mine[0]!.id]);
    expect(await ids(`source=${encodeURIComponent('官网')}&ownerId=${u.zhou.id}`)).toEqual([mine[1]!.id]);
    expect(await ids('sort=name')).toEqual(
      [mine[0]!.id, mine[1]!.id, mine[2]!.id].sort((a, b) =>
        String(mine.find((m) => m.id === a)!.name).localeCompare(
          String(mine.find((m) => m.id === b)!.name),
          'en',
        ),
      ),
    );
    expect((await u.zhou.client.get('/api/v1/customers?sort=phones')).json().error.details[0].field).toBe(
      'sort',
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Customer[]; nextCursor: string | null; total: number } = (
        await u.zhou.client.get(
          `/api/v1/customers?limit=1&sort=-createdAt${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).json();
      expect(page.total).toBe(3);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(mine.map((m) => m.id).reverse());
  });
});

describe('duplicate customers', () => {
  let owned: Customer;
  beforeAll(async () => {
    owned = await createCustomer(u.zhang.client, {
      name: '深圳市鸿运通讯科技有限公司',
      phones: ['13512345678'],
      emails: ['boss@hongyun.com'],
      creditCode: validCreditCode('440300', 'MA5HY0001'),
    });
  });

  it.each([
    ['another legal form and no city prefix', { name: '鸿运通讯科技股份有限公司' }, ['name']],
    ['full-width brackets around the city', { name: '鸿运通讯科技（深圳）有限公司' }, ['name']],
    ['the phone written +86 with spaces', { name: '不相干的名字', phones: ['+86 135 1234 5678'] }, ['phone']],
    ['the email in capitals', { name: '不相干的名字', emails: ['BOSS@HONGYUN.COM'] }, ['email']],
    [
      'the credit code with a hyphen',
      { name: '不相干的名字', creditCode: validCreditCode('440300', 'MA5HY0001').replace(/^(.{9})/, '$1-') },
      ['creditCode'],
    ],
  ])(
    '%s → 409 naming the owner, even one outside the caller’s data scope, and nothing else',
    async (_label, body, matchedOn) => {
      const res = await u.li.client.post('/api/v1/customers', { kind: 'company', ...body });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('DUPLICATE_CUSTOMER');
      expect(res.json().error.details).toEqual({
        existingId: owned.id,
        ownerId: u.zhang.id,
        ownerName: '张伟',
        matchedOn,
      });
      // 李娜 cannot open the customer itself.
      expect((await u.li.client.get(`/api/v1/customers/${owned.id}`)).statusCode).toBe(404);
    },
  );

  it('says who owns it in the caller’s language', async () => {
    u.li.client.locale = 'zh-CN';
    const res = await u.li.client.post('/api/v1/customers', {
      kind: 'company',
      name: '鸿运通讯科技有限公司',
      phones: ['13512345678'],
    });
    u.li.client.locale = 'en';
    expect(res.json().error.message).toBe('该客户可能已在客户档案中（公司名称、电话相同），负责人：张伟。');
  });

  it('answers “warning as you type” with the same minimal details, and an empty list when there is none', async () => {
    const q = (s: string) => u.li.client.get(`/api/v1/customers/duplicates?${s}`);
    expect((await q(`name=${encodeURIComponent('鸿运通讯科技')}&phones=13512345678`)).json()).toEqual({
      items: [{ existingId: owned.id, ownerId: u.zhang.id, ownerName: '张伟', matchedOn: ['name', 'phone'] }],
    });
    expect((await q(`name=${encodeURIComponent('全新的公司')}`)).json()).toEqual({ items: [] });
    expect((await q(`name=${encodeURIComponent('鸿运通讯科技')}&excludeId=${owned.id}`)).json()).toEqual({
      items: [],
    });
    // A role that sees phones masked cannot use the check to test phone numbers.
    expect((await u.gao.client.get('/api/v1/customers/duplicates?phones=13512345678')).json()).toEqual({
      items: [],
    });
  });

  it('a rep cannot force a duplicate; a manager may, on purpose', async () => {
    const body = { kind: 'company', name: '鸿运通讯科技有限公司', allowDuplicate: true };
    expect((await u.li.client.post('/api/v1/customers', body)).statusCode).toBe(409);
    const forced = await u.manager.client.post('/api/v1/customers', body);
    expect(forced.statusCode).toBe(201);
    // Editing another field of a duplicate saved on purpose is no new duplicate.
    const edit = await u.manager.client.patch(`/api/v1/customers/${forced.json().id}`, {
      version: 1,
      address: '罗湖区',
    });
    expect(edit.statusCode).toBe(200);
  });

  it('two reps saving the same company at the same moment get one customer and one 409', async () => {
    const body = { kind: 'company', name: '同时录入的金龙鱼粮油有限公司', phones: ['18612340001'] };
    const results = await Promise.all([
      u.zhang.client.post('/api/v1/customers', body),
      u.li.client.post('/api/v1/customers', body),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('an edit that makes a customer a duplicate is refused too', async () => {
    const c = await createCustomer(u.li.client, { name: '上海不同贸易有限公司' });
    const res = await u.li.client.patch(`/api/v1/customers/${c.id}`, {
      version: 1,
      phones: ['135 1234 5678'],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details).toMatchObject({
      existingId: owned.id,
      ownerName: '张伟',
      matchedOn: ['phone'],
    });
    expect((await u.li.client.get(`/api/v1/customers/${c.id}`)).json()).toMatchObject({
      version: 1,
      phones: [],
    });
  });

  it("another organisation's customers are no duplicates, and nothing of them shows", async () => {
    const other = await createOrg(w.app, admin, '另一家公司', 'admin@other.test');
    const theirs = await other.post('/api/v1/customers', {
      kind: 'company',
      name: '深圳市鸿运通讯科技有限公司',
      phones: ['13512345678'],
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect((await other.get('/api/v1/customers/duplicates?phones=13512345678')).json().items).toEqual([
      expect.objectContaining({ existingId: theirs.json().id }),
    ]);
    expect((await other.get(`/api/v1/customers/${owned.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/customers/${theirs.json().id}`)).statusCode).toBe(404);
    expect((await other.get('/api/v1/customers')).json().total).toBe(1);
  });

  it('every record the demo generator makes is accepted, and its deliberate duplicates are refused', async () => {
    const records = generateCustomers(60, 7);
    expect(records.some((r) => r.duplicateOf !== null)).toBe(true);
    const ids: string[] = [];
    for (const [i, r] of records.entries()) {
      const res = await admin.post('/api/v1/customers', r.input);
      if (r.duplicateOf === null) {
        expect(res.statusCode, `${i}: ${res.body}`).toBe(201);
        ids[i] = res.json().id;
      } else {
        expect(res.statusCode, `${i}: ${res.body}`).toBe(409);
        expect(res.json().error.details).toMatchObject({
          existingId: ids[r.duplicateOf],
          matchedOn: expect.arrayContaining([r.matchedOn]),
        });
      }
    }
  });
});
