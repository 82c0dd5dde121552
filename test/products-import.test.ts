import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, setupInstance, type Client, type TestWorld } from './helpers/app.ts';
import { postMultipart } from './helpers/multipart.ts';

let w: TestWorld;
let dir: string;
let admin: Client;

async function importCsv(text: string, body: Record<string, unknown> = {}) {
  const up = await postMultipart(
    admin,
    '/api/v1/imports/uploads',
    { entity: 'products' },
    { name: '产品目录.csv', bytes: Buffer.from(`\uFEFF${text}`, 'utf8') },
  );
  expect(up.statusCode, up.body).toBe(201);
  const res = await admin.post('/api/v1/imports', { uploadId: up.json().uploadId, mode: 'create', ...body });
  expect(res.statusCode, res.body).toBe(202);
  await w.jobs.drain(60_000);
  const id = res.json().id as string;
  return { id, analysis: up.json(), result: (await admin.get(`/api/v1/imports/${id}`)).json() };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-products-import-'));
  w = await createTestApp({ filesDir: dir });
  admin = await setupInstance(w.app);
});
afterAll(async () => {
  await w.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('products import', () => {
  it('maps Chinese headers, creates the category path, names bad cells; upsert by SKU', async () => {
    const csv = [
      '货号,名称,英文名称,分类,单位,标准价,成本,币种,税率,状态,产品线',
      'RC-100,智能电饭煲,Rice cooker,家电/厨房电器,台,"¥1,299.00",650,人民币,13%,在售,家用电器',
      'KT-200,电热水壶,Kettle,家电 / 厨房电器,台,129,60,CNY,13,停产,appliances',
      'DR-300,电钻,,五金,把,abc,,,,,',
      'RC-100,重复行,,,,1,,,,,',
      'FN-1,椅子,,家具,把,99,,,,未知状态,',
    ].join('\n');
    const { id, analysis, result } = await importCsv(csv);
    const mapped = Object.fromEntries(
      analysis.mapping.map((m: { header: string; field: string | null }) => [m.header, m.field]),
    );
    expect(mapped).toMatchObject({
      货号: 'sku',
      名称: 'name',
      分类: 'category',
      标准价: 'listPrice',
      成本: 'cost',
      产品线: 'productLine',
    });
    expect(result.counts).toMatchObject({ created: 2, failed: 3 });
    const products = (await admin.get('/api/v1/products?sort=sku')).json().items;
    expect(products.map((p: { sku: string }) => p.sku)).toEqual(['KT-200', 'RC-100']);
    expect(products[1]).toMatchObject({
      listPrice: '1299.00',
      cost: '650.00',
      taxRate: '13.00',
      status: 'active',
      productLine: 'appliances',
      categoryName: '厨房电器',
    });
    expect(products[0]).toMatchObject({ status: 'discontinued', categoryId: products[1].categoryId });
    const cats = (await admin.get('/api/v1/product-categories')).json().items;
    expect(cats.map((c: { name: string; depth: number }) => `${c.name}:${c.depth}`)).toEqual([
      '家电:0',
      '厨房电器:1',
    ]);
    const errors = (await admin.get(`/api/v1/imports/${id}/errors?format=csv`)).body;
    expect(errors).toContain(
      'DR-300,电钻,,五金,把,abc,,,,,,4,List price must be a number with at most 2 decimal places.',
    );
    expect(errors).toContain('SKU: a duplicate of row');
    expect(errors).toContain('Status must be one of');

    const upsert = await importCsv('货号,名称,标准价\nRC-100,智能电饭煲 二代,1399\nNEW-1,新品,1', {
      mode: 'upsert',
      key: 'sku',
    });
    expect(upsert.result.counts).toMatchObject({ created: 1, updated: 1 });
    const rc = (await admin.get('/api/v1/products?q=RC-100')).json().items[0];
    expect(rc).toMatchObject({ name: '智能电饭煲 二代', listPrice: '1399.00', cost: '650.00' });
    // Undo puts the old values back and removes the new product.
    const undo = await admin.post(`/api/v1/imports/${upsert.id}/undo`);
    expect(undo.statusCode, undo.body).toBeLessThan(300);
    await w.jobs.drain(60_000);
    expect((await admin.get('/api/v1/products?q=RC-100')).json().items[0]).toMatchObject({
      name: '智能电饭煲',
      listPrice: '1299.00',
    });
    expect((await admin.get('/api/v1/products?q=NEW-1')).json().total).toBe(0);
  });
});
