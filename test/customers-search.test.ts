import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, setupInstance, type Client, type TestWorld } from './helpers/app.ts';
import { insertDepartmentRow, insertTeamRow } from './helpers/db-state.ts';
import { creditCodeCheckChar } from '../server/src/modules/customers/credit-code.ts';

// Search for Chinese, pinyin, initials, phones, emails and codes, on both engines, through
// the caller's data scope. 销售中心 ⊃ 华南大区 (team 深圳组: reps 张伟, 周婷, service agent 孙静);
// team 上海组 (rep 李娜) directly under 销售中心.
let w: TestWorld;
let admin: Client;
const u = {} as Record<
  'manager' | 'southManager' | 'zhang' | 'zhou' | 'li' | 'sun' | 'gao',
  { client: Client; id: string }
>;
const c = {} as Record<'hongtu' | 'huaqiang' | 'pujiang' | 'llc' | 'apart' | 'keda', string>;
const CREDIT = (() => {
  const first17 = '91440300MA5HT0007';
  return first17 + creditCodeCheckChar(first17);
})();

async function create(by: Client, body: Record<string, unknown>): Promise<string> {
  const res = await by.post('/api/v1/customers', { kind: 'company', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

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
    sun: { name: '孙静', role: 'service', teamId: sz },
    gao: { name: '高翔', role: 'readonly' },
  };
  for (const [key, body] of Object.entries(people)) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as keyof typeof u] = { client, id: user.id };
  }
  c.hongtu = await create(u.zhang.client, {
    name: '深圳市鸿图通讯科技有限公司',
    phones: ['13812345678'],
    emails: ['sales@hongtu.com.cn'],
    code: 'KH-2024-0001',
    creditCode: CREDIT,
  });
  c.huaqiang = await create(u.zhou.client, {
    name: '深圳市华强电子科技有限公司',
    phones: ['+86 139 8765 4321'],
  });
  c.pujiang = await create(u.li.client, { name: '上海浦江贸易有限公司', phones: ['021-6888 1234'] });
  c.llc = await create(u.li.client, { name: '上海东方明珠有限责任公司' });
  // Holds the bigrams of 有限公司 (有限, 限公, 公司) but not the word: the ILIKE recheck drops it.
  c.apart = await create(u.li.client, { name: '有限公限公司商行' });
  c.keda = await create(u.zhang.client, { name: '科达', kind: 'person', phones: ['13600001111'] });
  const contact = await u.zhou.client.post('/api/v1/contacts', {
    customerId: c.huaqiang,
    name: '欧阳娜娜',
    title: '采购经理',
  });
  expect(contact.statusCode, contact.body).toBe(201);
});
afterAll(() => w.close());

const search = async (by: Client, q: string) => {
  const res = await by.get(`/api/v1/customers?limit=200&q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    items: { id: string; name: string; phones: string[]; highlight: { text: string; match: boolean }[] }[];
    total: number;
  };
};
const found = async (by: Client, q: string) => (await search(by, q)).items.map((i) => i.id).sort();

describe('search', () => {
  it.each([
    ['科技', ['hongtu', 'huaqiang']],
    ['有限公司', ['hongtu', 'huaqiang', 'pujiang']],
    ['有限责任', ['llc']],
    ['深圳 通讯', ['hongtu']],
    ['txkj', ['hongtu']],
    ['TXKJ', ['hongtu']],
    ['hongtu', ['hongtu']],
    ['tongxunkeji', ['hongtu']],
    ['shenzhen', ['hongtu', 'huaqiang']],
    ['szs', ['hongtu', 'huaqiang']],
    ['5678', ['hongtu']],
    ['138 1234', ['hongtu']],
    ['+86 138 1234 5678', ['hongtu']],
    ['008613812345678', ['hongtu']],
    ['4321', ['huaqiang']],
    ['13987654321', ['huaqiang']],
    ['021-68881234', ['pujiang']],
    ['68881234', ['pujiang']],
    ['sales@hongtu.com.cn', ['hongtu']],
    ['hongtu.com', ['hongtu']],
    ['KH-2024-0001', ['hongtu']],
    ['kh20240001', ['hongtu']],
    [CREDIT, ['hongtu']],
    ['欧阳', ['huaqiang']],
    ['oyn', ['huaqiang']],
    ['ouyangnana', ['huaqiang']],
    ['科达', ['keda']],
    ['不存在的名字', []],
  ] as [string, (keyof typeof c)[]][])('%s finds %j', async (q, expected) => {
    expect(await found(admin, q)).toEqual(expected.map((k) => c[k]).sort());
  });

  it('highlights the match in the name: Chinese substrings, pinyin and initials', async () => {
    const hit = async (q: string, id: string) =>
      (await search(admin, q)).items
        .find((i) => i.id === id)!
        .highlight.filter((s) => s.match)
        .map((s) => s.text);
    expect(await hit('科技', c.hongtu)).toEqual(['科技']);
    expect(await hit('txkj', c.hongtu)).toEqual(['通讯科技']);
    expect(await hit('huaqiang', c.huaqiang)).toEqual(['华强']);
    expect((await search(admin, '4321')).items[0]!.highlight).toEqual([
      { text: '深圳市华强电子科技有限公司', match: false },
    ]);
    expect((await admin.get('/api/v1/customers?limit=1')).json().items[0]).not.toHaveProperty('highlight');
  });
});

describe('data scope', () => {
  const ids = async (by: Client, query = '') => {
    const page = (await by.get(`/api/v1/customers?limit=200${query}`)).json();
    expect(page.total).toBe(page.items.length);
    return (page.items as { id: string }[]).map((i) => i.id).sort();
  };
  const pick = (...keys: (keyof typeof c)[]) => keys.map((k) => c[k]).sort();

  it('list and count: own for reps, team for service, department subtree for managers, all for org scope', async () => {
    expect(await ids(u.zhang.client)).toEqual(pick('hongtu', 'keda'));
    expect(await ids(u.zhou.client)).toEqual(pick('huaqiang'));
    expect(await ids(u.li.client)).toEqual(pick('pujiang', 'llc', 'apart'));
    expect(await ids(u.sun.client)).toEqual(pick('hongtu', 'keda', 'huaqiang'));
    expect(await ids(u.southManager.client)).toEqual(pick('hongtu', 'keda', 'huaqiang'));
    expect(await ids(u.manager.client)).toEqual(
      pick('hongtu', 'keda', 'huaqiang', 'pujiang', 'llc', 'apart'),
    );
    expect(await ids(u.gao.client)).toEqual(await ids(admin));
  });

  it('search, filters and sort stay inside the scope', async () => {
    expect(await found(u.zhang.client, '科技')).toEqual(pick('hongtu'));
    expect((await search(u.zhang.client, '科技')).total).toBe(1);
    expect(await found(u.zhang.client, '4321')).toEqual([]);
    expect(await found(u.zhang.client, 'oyn')).toEqual([]);
    expect(await ids(u.li.client, `&ownerId=${u.zhang.id}`)).toEqual([]);
    expect(await ids(u.zhang.client, '&sort=-name')).toEqual(pick('hongtu', 'keda'));
    expect(await found(u.southManager.client, '有限公司')).toEqual(pick('hongtu', 'huaqiang'));
  });

  it('get, history, ownership history and contacts of a customer outside the scope are 404', async () => {
    for (const path of ['', '/history', '/owners', '/contacts']) {
      const res = await u.zhang.client.get(`/api/v1/customers/${c.huaqiang}${path}`);
      expect(res.statusCode, path).toBe(404);
      expect((await u.zhou.client.get(`/api/v1/customers/${c.huaqiang}${path}`)).statusCode, path).toBe(200);
    }
    const patch = await u.zhang.client.patch(`/api/v1/customers/${c.huaqiang}`, { version: 1, grade: 'C' });
    expect(patch.statusCode).toBe(404);
  });

  it('a role that sees phones masked gets them masked, and cannot find customers by phone digits', async () => {
    const seen = (await u.gao.client.get(`/api/v1/customers/${c.hongtu}`)).json();
    expect(seen.phones).toEqual(['138****5678']);
    expect(seen.emails).toEqual(['sales@hongtu.com.cn']);
    for (const q of ['5678', '13812345678', '+86 138 1234 5678', '138 1234'])
      expect(await search(u.gao.client, q), q).toMatchObject({ items: [], total: 0 });
    expect(await found(u.gao.client, '科技')).toEqual(pick('hongtu', 'huaqiang'));
    expect(await found(u.gao.client, 'sales@hongtu.com.cn')).toEqual(pick('hongtu'));
    expect(
      (await u.gao.client.post(`/api/v1/customers/${c.hongtu}/reveal`, { field: 'phones' })).statusCode,
    ).toBe(403);
    const revealed = await u.manager.client.post(`/api/v1/customers/${c.hongtu}/reveal`, { field: 'phones' });
    expect(revealed.json()).toEqual({ value: ['13812345678'] });
    const log = (await admin.get(`/api/v1/audit-log?entityId=${c.hongtu}&action=reveal`)).json();
    expect(log.items[0]).toMatchObject({ entity: 'customers', actorName: '王建国' });
  });

  it('export honours scope and masking, neutralises formulas and is audited', async () => {
    await create(u.zhang.client, { name: '=HYPERLINK("http://evil")有限公司' });
    const csv = await u.southManager.client.get('/api/v1/customers/export?format=csv&sort=name');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain(`'=HYPERLINK`);
    expect(csv.body).toContain('深圳市鸿图通讯科技有限公司');
    expect(csv.body).not.toContain('上海浦江贸易有限公司');
    expect((await u.zhang.client.get('/api/v1/customers/export?format=csv')).statusCode).toBe(403);
    const xlsx = await admin.get('/api/v1/customers/export');
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const log = (await admin.get('/api/v1/audit-log?entity=customers&action=export')).json();
    expect(log.total).toBe(2);
  });
});
