import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createTestApp,
  createUser,
  setupInstance,
  type Client,
  type TestWorld,
} from './helpers/app.ts';
import { postMultipart } from './helpers/multipart.ts';

let w: TestWorld;
let dir: string;
let admin: Client;
let manager: Client;
let sales: Client;
let finance: Client;
let readonly: Client;
let otherAdmin: Client;
const cat = {} as { home: string; kitchen: string; cooker: string; tools: string };
const prod = {} as { cooker: string; kettle: string; drill: string };

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa6a35a0000000049454e44ae426082',
  'hex',
);

async function product(by: Client, body: Record<string, unknown>) {
  const res = await by.post('/api/v1/products', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-products-'));
  w = await createTestApp({ filesDir: dir, attachmentsDir: path.join(dir, 'att') });
  admin = await setupInstance(w.app);
  manager = (await createUser(w.app, admin, { role: 'manager' })).client;
  sales = (await createUser(w.app, admin, { role: 'sales' })).client;
  finance = (await createUser(w.app, admin, { role: 'finance' })).client;
  readonly = (await createUser(w.app, admin, { role: 'readonly' })).client;
  otherAdmin = await createOrg(w.app, admin, '别家公司', 'admin@b.test');

  const mk = async (name: string, parentId?: string) => {
    const res = await admin.post('/api/v1/product-categories', { name, parentId });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  cat.home = await mk('家电');
  cat.kitchen = await mk('厨房电器', cat.home);
  cat.cooker = await mk('电饭煲', cat.kitchen);
  cat.tools = await mk('五金');
  prod.cooker = (
    await product(admin, {
      sku: 'RC-100',
      name: '智能电饭煲',
      nameEn: 'Smart rice cooker',
      categoryId: cat.cooker,
      unit: '台',
      listPrice: '399',
      cost: '210.5',
      productLine: 'appliances',
    })
  ).id;
  prod.kettle = (
    await product(admin, {
      sku: 'KT-200',
      name: '电热水壶',
      nameEn: 'Kettle',
      categoryId: cat.kitchen,
      listPrice: '129.00',
      cost: '60',
    })
  ).id;
  prod.drill = (
    await product(admin, {
      sku: 'DR-300',
      name: '电钻',
      categoryId: cat.tools,
      listPrice: '259.90',
      cost: '150',
      status: 'draft',
    })
  ).id;
});
afterAll(async () => {
  await w.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('categories', () => {
  it('lists the tree parents first with depths and counts', async () => {
    const items = (await sales.get('/api/v1/product-categories')).json().items;
    const byId = new Map(items.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(cat.cooker)).toMatchObject({
      name: '电饭煲',
      parentId: cat.kitchen,
      depth: 2,
      productCount: 1,
    });
    expect(byId.get(cat.home)).toMatchObject({ depth: 0, productCount: 0 });
    const order = items.map((c: { id: string }) => c.id);
    expect(order.indexOf(cat.home)).toBeLessThan(order.indexOf(cat.kitchen));
    expect(order.indexOf(cat.kitchen)).toBeLessThan(order.indexOf(cat.cooker));
  });

  it('refuses to delete a category with products or children (409), and a move into its own subtree', async () => {
    const withKids = await admin.del(`/api/v1/product-categories/${cat.kitchen}`);
    expect(withKids.statusCode).toBe(409);
    expect(withKids.json().error.code).toBe('IN_USE');
    expect((await admin.del(`/api/v1/product-categories/${cat.cooker}`)).statusCode).toBe(409);
    const cycle = await admin.patch(`/api/v1/product-categories/${cat.home}`, {
      version: 1,
      parentId: cat.cooker,
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.details[0].field).toBe('parentId');
    const empty = (await admin.post('/api/v1/product-categories', { name: '临时' })).json();
    expect((await admin.del(`/api/v1/product-categories/${empty.id}`)).statusCode).toBe(204);
    expect((await sales.post('/api/v1/product-categories', { name: 'x' })).statusCode).toBe(403);
  });

  it('moves a subtree: the products follow in the subtree filter', async () => {
    const misc = (await admin.post('/api/v1/product-categories', { name: '杂项' })).json();
    const sub = (await admin.post('/api/v1/product-categories', { name: '子类', parentId: misc.id })).json();
    const p = await product(admin, { sku: 'MV-1', name: '移动测试', categoryId: sub.id });
    const moved = await admin.patch(`/api/v1/product-categories/${misc.id}`, {
      version: misc.version,
      parentId: cat.tools,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const list = (await admin.get(`/api/v1/products?categoryId=${cat.tools}`)).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(p.id);
    expect((await admin.del(`/api/v1/products/${p.id}`)).statusCode).toBe(204);
  });
});

describe('products', () => {
  it('filters by subtree, q, status and product line; sorts by list price', async () => {
    const skus = async (q: string) =>
      (await sales.get(`/api/v1/products?${q}`)).json().items.map((p: { sku: string }) => p.sku);
    expect(await skus(`categoryId=${cat.home}`)).toEqual(['KT-200', 'RC-100']);
    expect(await skus(`categoryId=${cat.cooker}`)).toEqual(['RC-100']);
    expect(await skus('q=rice')).toEqual(['RC-100']);
    expect(await skus('q=kt-')).toEqual(['KT-200']);
    expect(await skus('q=电钻')).toEqual(['DR-300']);
    expect(await skus('status=draft')).toEqual(['DR-300']);
    expect(await skus('productLine=appliances')).toEqual(['RC-100']);
    expect(await skus('sort=-listPrice')).toEqual(['RC-100', 'DR-300', 'KT-200']);
    const page1 = (await sales.get('/api/v1/products?sort=listPrice&limit=2')).json();
    expect(page1.total).toBe(3);
    const page2 = (
      await sales.get(`/api/v1/products?sort=listPrice&limit=2&cursor=${page1.nextCursor}`)
    ).json();
    expect([...page1.items, ...page2.items].map((p: { sku: string }) => p.sku)).toEqual([
      'KT-200',
      'DR-300',
      'RC-100',
    ]);
    expect((await sales.get('/api/v1/products?sort=cost')).statusCode).toBe(400);
  });

  it('stores money exactly and refuses bad amounts with the field named', async () => {
    const got = (await admin.get(`/api/v1/products/${prod.cooker}`)).json();
    expect(got).toMatchObject({
      listPrice: '399.00',
      cost: '210.50',
      taxRate: '13.00',
      currency: 'CNY',
      unit: '台',
      categoryName: '电饭煲',
    });
    for (const [field, value] of [
      ['listPrice', '1.234'],
      ['listPrice', '-1'],
      ['cost', 'abc'],
      ['taxRate', '101'],
    ] as const) {
      const res = await admin.post('/api/v1/products', { sku: `BAD-${field}`, name: 'x', [field]: value });
      expect(res.statusCode, `${field}=${value}`).toBe(400);
      expect(res.json().error.details[0].field).toBe(field);
    }
    const unknownCat = await admin.post('/api/v1/products', {
      sku: 'BAD-C',
      name: 'x',
      categoryId: cat.home.replace(/.$/, '0'),
    });
    expect(unknownCat.statusCode).toBe(400);
    const extra = await admin.post('/api/v1/products', { sku: 'BAD-X', name: 'x', price: '1' });
    expect(extra.json().error.code).toBe('UNKNOWN_FIELD');
  });

  it('refuses a duplicate SKU with 409 naming it; another organisation may use it', async () => {
    const dup = await admin.post('/api/v1/products', { sku: 'RC-100', name: '重复' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE_SKU');
    expect(dup.json().error.message).toContain('RC-100');
    const rename = await admin.patch(`/api/v1/products/${prod.kettle}`, { version: 1, sku: 'RC-100' });
    expect(rename.statusCode).toBe(409);
    expect(
      (await otherAdmin.post('/api/v1/products', { sku: 'RC-100', name: '别家电饭煲' })).statusCode,
    ).toBe(201);
  });

  it('hides the cost from sales and readonly, shows it to admin, manager and finance', async () => {
    for (const [who, c, cost] of [
      ['admin', admin, '210.50'],
      ['manager', manager, '210.50'],
      ['finance', finance, '210.50'],
      ['sales', sales, null],
      ['readonly', readonly, null],
    ] as const) {
      expect((await c.get(`/api/v1/products/${prod.cooker}`)).json().cost, who).toBe(cost);
      const listed = (await c.get('/api/v1/products?q=RC-100')).json().items[0];
      expect(listed.cost, who).toBe(cost);
    }
    // History does not leak it either.
    const hist = (await sales.get(`/api/v1/products/${prod.cooker}/history`)).json().items;
    const created = hist.find((h: { action: string }) => h.action === 'create');
    expect(created.changes.find((c: { field: string }) => c.field === 'cost').new).toBeNull();
  });

  it('updates with the version, deletes and restores', async () => {
    const p = await product(admin, { sku: 'UP-1', name: '更新测试', listPrice: '10' });
    const ok = await admin.patch(`/api/v1/products/${p.id}`, {
      version: 1,
      listPrice: '12.5',
      status: 'discontinued',
    });
    expect(ok.json()).toMatchObject({ listPrice: '12.50', status: 'discontinued', version: 2 });
    expect((await admin.patch(`/api/v1/products/${p.id}`, { version: 1, name: 'x' })).statusCode).toBe(409);
    expect((await manager.patch(`/api/v1/products/${p.id}`, { version: 2, name: 'x' })).statusCode).toBe(403);
    expect((await admin.del(`/api/v1/products/${p.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/products/${p.id}`)).statusCode).toBe(404);
    const bin = (await admin.get('/api/v1/recycle-bin?entity=products')).json().items;
    expect(bin).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: p.id, label: 'UP-1 · 更新测试' })]),
    );
    // The SKU is free again while it is in the recycle bin; restoring then collides.
    const again = await product(admin, { sku: 'UP-1', name: '新的' });
    expect((await admin.post(`/api/v1/products/${p.id}/restore`)).statusCode).toBe(409);
    await admin.del(`/api/v1/products/${again.id}`);
    expect((await admin.post(`/api/v1/products/${p.id}/restore`)).statusCode).toBe(200);
  });

  it('roles on list, get and export; another tenant sees nothing', async () => {
    for (const c of [admin, manager, sales, readonly]) {
      expect((await c.get('/api/v1/products')).statusCode).toBe(200);
      expect((await c.get(`/api/v1/products/${prod.cooker}`)).statusCode).toBe(200);
    }
    expect((await admin.get('/api/v1/products/export?format=csv')).statusCode).toBe(200);
    expect((await manager.get('/api/v1/products/export?format=csv')).statusCode).toBe(200);
    expect((await sales.get('/api/v1/products/export?format=csv')).statusCode).toBe(403);
    expect((await readonly.get('/api/v1/products/export?format=csv')).statusCode).toBe(403);
    expect((await otherAdmin.get(`/api/v1/products/${prod.cooker}`)).statusCode).toBe(404);
    const theirs = (await otherAdmin.get('/api/v1/products')).json();
    expect(theirs.items.map((p: { name: string }) => p.name)).toEqual(['别家电饭煲']);
    expect((await otherAdmin.get('/api/v1/product-categories')).json().items).toEqual([]);
    expect(
      (await otherAdmin.patch(`/api/v1/products/${prod.cooker}`, { version: 1, name: 'x' })).statusCode,
    ).toBe(404);
  });

  it('exports with Chinese headers; the cost column follows the field rule', async () => {
    admin.locale = 'zh-CN';
    const csv = (await admin.get('/api/v1/products/export?format=csv&categoryId=' + cat.home)).body;
    admin.locale = 'en';
    expect(csv).toContain('货号');
    expect(csv).toContain('成本');
    expect(csv).toContain('210.50');
    expect(csv).not.toContain('DR-300');
  });
});

describe('price lists and prices', () => {
  let customerId: string;
  let otherCustomer: string;
  beforeAll(async () => {
    customerId = (
      await sales.post('/api/v1/customers', { kind: 'company', name: '杭州好家电器商行', type: '经销商' })
    ).json().id;
    otherCustomer = (
      await admin.post('/api/v1/customers', { kind: 'company', name: '管理员的客户', type: '经销商' })
    ).json().id;
  });

  it('validates validity dates, the customer type and the customer', async () => {
    const bad = await admin.post('/api/v1/price-lists', {
      name: 'x',
      validFrom: '2025-05-01',
      validTo: '2025-04-30',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('validTo');
    const badType = await admin.post('/api/v1/price-lists', { name: 'x', customerType: '不存在' });
    expect(badType.json().error.details[0]).toMatchObject({ field: 'customerType', code: 'notInDictionary' });
    const foreign = (await otherAdmin.post('/api/v1/customers', { kind: 'company', name: '别家客户' })).json()
      .id;
    const badCustomer = await admin.post('/api/v1/price-lists', { name: 'x', customerId: foreign });
    expect(badCustomer.json().error.details[0]).toMatchObject({ field: 'customerId', code: 'notFound' });
  });

  it('replaces items and resolves the most specific valid price over HTTP', async () => {
    const general = (await admin.post('/api/v1/price-lists', { name: '2025 标准价' })).json();
    const dealer = (
      await admin.post('/api/v1/price-lists', {
        name: '经销商价',
        customerType: '经销商',
        validFrom: '2025-01-01',
        validTo: '2025-12-31',
      })
    ).json();
    const mine = (
      await admin.post('/api/v1/price-lists', {
        name: '好家专属',
        customerId,
        validFrom: '2025-03-01',
        validTo: '2025-03-31',
      })
    ).json();
    const put = async (id: string, items: { productId: string; price: string }[]) => {
      const res = await admin.request('PUT', `/api/v1/price-lists/${id}/items`, items);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    await put(general.id, [
      { productId: prod.cooker, price: '380' },
      { productId: prod.kettle, price: '120' },
    ]);
    await put(dealer.id, [{ productId: prod.cooker, price: '350' }]);
    const withItems = await put(mine.id, [{ productId: prod.cooker, price: '330.5' }]);
    expect(withItems.items).toEqual([expect.objectContaining({ sku: 'RC-100', price: '330.50' })]);
    const badItems = await admin.request('PUT', `/api/v1/price-lists/${mine.id}/items`, [
      { productId: prod.cooker, price: '1' },
      { productId: prod.cooker, price: '1.001' },
    ]);
    expect(badItems.statusCode).toBe(400);
    expect(badItems.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      '[1].productId',
      '[1].price',
    ]);

    const ids = [prod.cooker, prod.kettle, prod.drill].join(',');
    const prices = async (q: string) => {
      const res = await sales.get(`/api/v1/products/prices?productIds=${ids}&${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return Object.fromEntries(
        res
          .json()
          .items.map((i: { productId: string; price: string; source: string }) => [
            i.productId,
            `${i.price} ${i.source}`,
          ]),
      );
    };
    expect(await prices(`customerId=${customerId}&on=2025-03-15`)).toEqual({
      [prod.cooker]: '330.50 customer',
      [prod.kettle]: '120.00 general',
      [prod.drill]: '259.90 listPrice',
    });
    expect((await prices(`customerId=${customerId}&on=2025-04-01`))[prod.cooker]).toBe('350.00 customerType');
    expect((await prices('on=2025-04-01'))[prod.cooker]).toBe('380.00 general');
    expect((await prices('on=2026-01-01&customerType=经销商'))[prod.cooker]).toBe('380.00 general');
    expect(await prices('on=2025-04-01&currency=USD')).toEqual({});
    // A customer outside the rep's own scope cannot be priced, and their list is not visible.
    expect(
      (await sales.get(`/api/v1/products/prices?productIds=${ids}&customerId=${otherCustomer}`)).statusCode,
    ).toBe(400);
    const forOther = (
      await admin.post('/api/v1/price-lists', { name: '管理员客户专属', customerId: otherCustomer })
    ).json();
    expect((await sales.get(`/api/v1/price-lists/${forOther.id}`)).statusCode).toBe(404);
    const visible = (await sales.get('/api/v1/price-lists'))
      .json()
      .items.map((l: { name: string }) => l.name);
    expect(visible).toEqual(expect.arrayContaining(['2025 标准价', '经销商价', '好家专属']));
    expect(visible).not.toContain('管理员客户专属');
    expect(
      (await admin.get('/api/v1/price-lists')).json().items.map((l: { name: string }) => l.name),
    ).toContain('管理员客户专属');
    expect((await otherAdmin.get('/api/v1/price-lists')).json().items).toEqual([]);
    expect((await sales.request('PUT', `/api/v1/price-lists/${general.id}/items`, [])).statusCode).toBe(403);
  });
});

describe('images', () => {
  it('takes PNG sniffed by its bytes, serves it back, refuses other files, deletes', async () => {
    const up = await postMultipart(
      admin,
      `/api/v1/products/${prod.cooker}/images`,
      {},
      { name: '正面.png', bytes: PNG, type: 'image/png' },
    );
    expect(up.statusCode, up.body).toBe(201);
    const img = up.json();
    expect(img).toMatchObject({ contentType: 'image/png', fileName: '正面.png', size: PNG.length });
    const got = await sales.get(`/api/v1/products/${prod.cooker}/images/${img.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect((await admin.get(`/api/v1/products/${prod.cooker}`)).json().images).toHaveLength(1);
    const html = await postMultipart(
      admin,
      `/api/v1/products/${prod.cooker}/images`,
      {},
      { name: 'x.png', bytes: Buffer.from('<html><script>alert(1)</script>'), type: 'image/png' },
    );
    expect(html.statusCode).toBe(415);
    expect(
      (
        await postMultipart(
          sales,
          `/api/v1/products/${prod.cooker}/images`,
          {},
          { name: 'a.png', bytes: PNG },
        )
      ).statusCode,
    ).toBe(403);
    expect((await otherAdmin.get(`/api/v1/products/${prod.cooker}/images/${img.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/products/${prod.kettle}/images/${img.id}`)).statusCode).toBe(404);
    expect((await admin.del(`/api/v1/products/${prod.cooker}/images/${img.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/products/${prod.cooker}/images/${img.id}`)).statusCode).toBe(404);
  });
});
