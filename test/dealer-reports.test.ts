import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
import { insertDepartmentRow } from './helpers/db-state.ts';
import { postMultipart } from './helpers/multipart.ts';
import { newId } from '../server/src/db/columns.ts';

let w: TestWorld;
let dir: string;
let admin: Client;
let rep: Client;
let repId: string;
let otherRep: Client;
let manager: Client;
let other: Client;
let orgId: string;
// Dealers: A owned by rep, B owned by the other rep, both in the sales department.
const dealerA = newId();
const dealerB = newId();
const p1 = newId();
const p2 = newId();

const db = () => w.database.db;
const put = (c: Client, url: string, body: Record<string, unknown>) => c.request('PUT', url, body);

async function importCsv(client: Client, text: string, mode = 'upsert') {
  const up = await postMultipart(
    client,
    '/api/v1/imports/uploads',
    { entity: 'dealerReports' },
    { name: 'dealers.csv', bytes: Buffer.from(`\uFEFF${text}`, 'utf8') },
  );
  expect(up.statusCode, up.body).toBe(201);
  const body: Record<string, unknown> = { uploadId: up.json().uploadId, mode };
  if (mode === 'upsert') body.key = 'customerProductMonth';
  const res = await client.post('/api/v1/imports', body);
  expect(res.statusCode, res.body).toBe(202);
  await w.jobs.drain(60_000);
  return (await client.get(`/api/v1/imports/${res.json().id}`)).json();
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-dealer-'));
  w = await createTestApp({ filesDir: dir });
  admin = await setupInstance(w.app);
  orgId = (await admin.get('/api/v1/me')).json().orgId;
  const dept = await insertDepartmentRow(db(), orgId, '销售部');
  const r = await createUser(w.app, admin, { role: 'sales', departmentId: dept.id });
  rep = r.client;
  repId = r.user.id;
  const r2 = await createUser(w.app, admin, { role: 'sales', departmentId: dept.id });
  otherRep = r2.client;
  manager = (await createUser(w.app, admin, { role: 'manager', departmentId: dept.id })).client;
  other = await createOrg(w.app, admin, '别家公司', 'admin@b.test');
  for (const [id, name, code, owner] of [
    [dealerA, '华东经销商', 'D001', repId],
    [dealerB, '华南经销商', 'D002', r2.user.id],
  ] as const)
    await db().execute(sql`insert into customers (org_id, id, kind, name, code, type, owner_id, department_id)
      values (${orgId}, ${id}, 'company', ${name}, ${code}, 'dealer', ${owner}, ${dept.id})`);
  for (const [id, sku, name] of [
    [p1, 'WP-100', '水泵100'],
    [p2, 'WP-200', '水泵200'],
  ] as const)
    await db().execute(
      sql`insert into products (org_id, id, sku, name) values (${orgId}, ${id}, ${sku}, ${name})`,
    );
});
afterAll(async () => {
  await w.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('dealer month grid', () => {
  it('saves a month, flags a row that does not balance and never corrects it', async () => {
    const res = await put(rep, '/api/v1/dealer-reports/grid', {
      customerId: dealerA,
      month: '2026-01',
      rows: [
        { productId: p1, openingStock: '100', purchased: '0', sold: '30', closingStock: '70' },
        { productId: p2, openingStock: 10, purchased: 0, sold: 5, closingStock: 6 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const [a, b] = res.json().items;
    expect(a).toMatchObject({ month: '2026-01', openingStock: '100.000', closingStock: '70.000', flags: [] });
    expect(b).toMatchObject({ closingStock: '6.000', flags: ['balanceMismatch'] });
    expect(b.check).toEqual({ previousClosing: null, expectedClosing: '5.000', shipped: '0.000' });
  });

  it("takes the opening from the previous month's closing and flags an opening that differs", async () => {
    const res = await put(rep, '/api/v1/dealer-reports/grid', {
      customerId: dealerA,
      month: '2026-02',
      rows: [
        { productId: p1, purchased: '0', sold: '20', closingStock: '50' },
        { productId: p2, openingStock: '5', purchased: '0', sold: '1', closingStock: '4' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const [a, b] = res.json().items;
    expect(a).toMatchObject({ openingStock: '70.000', flags: [] });
    expect(b).toMatchObject({ flags: ['openingMismatch'], check: { previousClosing: '6.000' } });
    // Correcting January's closing to 5 clears February's opening flag.
    const jan = (
      await rep.get(`/api/v1/dealer-reports?customerId=${dealerA}&productId=${p2}&from=2026-01&to=2026-01`)
    ).json().items[0];
    const fix = await rep.patch(`/api/v1/dealer-reports/${jan.id}`, {
      version: jan.version,
      closingStock: '5',
    });
    expect(fix.statusCode, fix.body).toBe(200);
    expect(fix.json().flags).toEqual([]);
    const feb = await rep.get(`/api/v1/dealer-reports/${b.id}`);
    expect(feb.json().flags).toEqual([]);
    const stale = await rep.patch(`/api/v1/dealer-reports/${jan.id}`, { version: jan.version, sold: '1' });
    expect(stale.statusCode).toBe(409);
  });

  it('refuses negative quantities naming the row and field, writing nothing', async () => {
    const res = await put(rep, '/api/v1/dealer-reports/grid', {
      customerId: dealerA,
      month: '2026-03',
      rows: [
        { productId: p1, purchased: '1', sold: '1', closingStock: '50' },
        { productId: p2, openingStock: '4', purchased: '-2', sold: '1', closingStock: '1' },
      ],
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'rows[1].purchased', code: 'minimum' });
    const list = await rep.get(`/api/v1/dealer-reports?customerId=${dealerA}&from=2026-03&to=2026-03`);
    expect(list.json().total).toBe(0);
    const one = await rep.post('/api/v1/dealer-reports', {
      customerId: dealerA,
      productId: p1,
      month: '2026-03',
      purchased: '1',
      sold: '-1',
      closingStock: '50',
    });
    expect(one.statusCode).toBe(400);
    expect(one.json().error.details[0].field).toBe('sold');
    const unknown = await rep.post('/api/v1/dealer-reports', {
      customerId: dealerA,
      productId: newId(),
      month: '2026-03',
      openingStock: '0',
      purchased: '1',
      sold: '1',
      closingStock: '0',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe('productId');
  });

  it('reconciles sell-in with what we shipped that month', async () => {
    const orderId = newId();
    const lineId = newId();
    await db().execute(sql`insert into orders (org_id, id, number, customer_id, status, owner_id)
      values (${orgId}, ${orderId}, 'SO-DR-1', ${dealerA}, 'shipped', ${repId})`);
    await db()
      .execute(sql`insert into order_lines (org_id, id, order_id, position, product_id, name, quantity, unit_price, line_total, shipped_quantity)
      values (${orgId}, ${lineId}, ${orderId}, 1, ${p1}, '水泵100', 40, 100, 4000, 40)`);
    // 2026-03-31 20:00 UTC is April 1st in Shanghai: it belongs to April.
    await db()
      .execute(sql`insert into shipments (org_id, id, order_id, carrier, tracking_number, shipped_at, lines) values
      (${orgId}, ${newId()}, ${orderId}, '顺丰', 'SF1', '2026-03-10T02:00:00Z', ${JSON.stringify([{ orderLineId: lineId, quantity: '30' }])}::jsonb),
      (${orgId}, ${newId()}, ${orderId}, '顺丰', 'SF2', '2026-03-31T20:00:00Z', ${JSON.stringify([{ orderLineId: lineId, quantity: '10' }])}::jsonb)`);
    const res = await put(rep, '/api/v1/dealer-reports/grid', {
      customerId: dealerA,
      month: '2026-03',
      rows: [
        { productId: p1, purchased: '30', sold: '20', closingStock: '60' },
        { productId: p2, purchased: '3', sold: '1', closingStock: '6' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const [a, b] = res.json().items;
    expect(a).toMatchObject({ flags: [], check: { shipped: '30.000' } });
    expect(b).toMatchObject({ flags: ['sellInMismatch'], check: { shipped: '0.000' } });
    const flagged = await rep.get(`/api/v1/dealer-reports?customerId=${dealerA}&flagged=true`);
    expect(flagged.json().items.map((x: { month: string }) => x.month)).toEqual(['2026-03']);
  });
});

describe('metrics and diagnosis', () => {
  it('gives chart series with the derived metrics', async () => {
    const res = await rep.get(
      `/api/v1/dealer-reports/metrics?customerId=${dealerA}&productId=${p1}&months=3`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m).toMatchObject({ from: '2026-01', to: '2026-03' });
    const months = m.series[0].months;
    // Jan: 100 → 70 sold 30 (31 days); Feb 70 → 50 sold 20 (28 days); Mar 50 + 30 − 20 = 60 (31 days).
    expect(months.map((x: { sold: string }) => x.sold)).toEqual(['30.000', '20.000', '20.000']);
    expect(months[0]).toMatchObject({ sellThrough: 0.3, coverDays: 72.3, turnoverDays: 87.8 });
    expect(months[1]).toMatchObject({ coverDays: 70, sellThrough: 0.2857 });
    expect(months[2]).toMatchObject({
      coverDays: 93,
      soldTrend: 'flat',
      shipped: '30.000',
      purchased: '30.000',
    });
  });

  it('lists what needs attention per rep within scope', async () => {
    // Dealer B, product 1: sales falling three months running, stock piling up.
    const rows = [
      ['2026-01', '100', '0', '60', '40'],
      ['2026-02', '40', '100', '40', '100'],
      ['2026-03', '100', '0', '20', '80'],
    ];
    for (const [month, o, p, s, c] of rows) {
      const r = await put(otherRep, '/api/v1/dealer-reports/grid', {
        customerId: dealerB,
        month,
        rows: [{ productId: p1, openingStock: o, purchased: p, sold: s, closingStock: c }],
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const mine = (await otherRep.get('/api/v1/dealer-reports/diagnosis?month=2026-03')).json();
    expect(mine.items).toHaveLength(1);
    // cover: Jan 40/(60/31) = 20.7, Feb 100/(40/28) = 70, Mar 80/(20/31) = 124 → rising, above 60.
    expect(mine.items[0]).toMatchObject({
      customerId: dealerB,
      diagnoses: ['stockBuildUp', 'salesFalling'],
      coverDays: 124,
    });
    // The rep of dealer A sees nothing of dealer B; the manager sees both reps' dealers.
    const repView = (await rep.get('/api/v1/dealer-reports/diagnosis?month=2026-03')).json();
    expect(repView.items.map((x: { customerId: string }) => x.customerId)).not.toContain(dealerB);
    const mgr = (await manager.get('/api/v1/dealer-reports/diagnosis?month=2026-03')).json();
    expect(mgr.items.map((x: { customerId: string }) => x.customerId)).toContain(dealerB);
  });
});

describe('scope and tenancy', () => {
  it('keeps a rep to their own dealers and another organisation out', async () => {
    const bList = (await otherRep.get('/api/v1/dealer-reports')).json();
    const aId = (await rep.get(`/api/v1/dealer-reports?customerId=${dealerA}`)).json().items[0].id;
    expect(bList.items.every((x: { customerId: string }) => x.customerId === dealerB)).toBe(true);
    expect((await otherRep.get(`/api/v1/dealer-reports/${aId}`)).statusCode).toBe(404);
    const write = await put(otherRep, '/api/v1/dealer-reports/grid', {
      customerId: dealerA,
      month: '2026-04',
      rows: [{ productId: p1, purchased: '0', sold: '0', closingStock: '60' }],
    });
    expect(write.statusCode).toBe(400);
    expect(write.json().error.details[0].field).toBe('customerId');
    expect((await manager.get(`/api/v1/dealer-reports?customerId=${dealerA}`)).json().total).toBeGreaterThan(
      0,
    );
    expect((await other.get('/api/v1/dealer-reports')).json().total).toBe(0);
    expect((await other.get(`/api/v1/dealer-reports/${aId}`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/dealer-reports/metrics?customerId=${dealerA}`)).json().series).toEqual(
      [],
    );
    // Sales may not delete or export; the manager may.
    expect((await rep.del(`/api/v1/dealer-reports/${aId}`)).statusCode).toBe(403);
    expect((await rep.get('/api/v1/dealer-reports/export?format=csv')).statusCode).toBe(403);
    const csv = await manager.get('/api/v1/dealer-reports/export?format=csv&from=2026-01&to=2026-03');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('华东经销商');
    expect(csv.body).toContain('WP-100');
  });
});

describe('import', () => {
  it('imports a small CSV: months in several spellings, flags stored, bad rows reported', async () => {
    const csv = [
      '客户编码,客户名称,SKU,月份,期初库存,进货,销售,期末库存,品类总销量',
      'D001,,WP-200,2026/4,,0,2,4,10', // opening from March's closing 6 → 6 − 2 = 4 balanced
      ',华东经销商,WP-200,2026年5月,,0,1,9,', // opening 4 (April, same file) + 0 − 1 ≠ 9 → balanceMismatch
      'D001,,WP-100,2026-04,60,10,10,60,', // we shipped 10 in April (Shanghai) → balanced, sell-in matches
      'D001,,WP-999,2026-04,0,0,0,0,', // unknown product
      'D001,,WP-100,2026-13,0,0,0,0,', // bad month
      'D001,,WP-100,2026-06,0,-1,0,0,', // negative
    ].join('\n');
    const result = await importCsv(rep, csv);
    expect(result.counts ?? result, JSON.stringify(result)).toMatchObject({ created: 3, failed: 3 });
    const list = (
      await rep.get(`/api/v1/dealer-reports?customerId=${dealerA}&from=2026-04&to=2026-05`)
    ).json();
    const by = (sku: string, month: string) =>
      list.items.find(
        (x: { productSku: string; month: string }) => x.productSku === sku && x.month === month,
      );
    expect(by('WP-200', '2026-04')).toMatchObject({
      openingStock: '6.000',
      flags: [],
      source: 'import',
      categorySales: '10.000',
    });
    expect(by('WP-200', '2026-05')).toMatchObject({ openingStock: '4.000', flags: ['balanceMismatch'] });
    expect(by('WP-100', '2026-04')).toMatchObject({ flags: [], check: { shipped: '10.000' } });
    // Upsert: the same key again updates.
    const again = await importCsv(
      rep,
      '客户编码,SKU,月份,期初库存,进货,销售,期末库存\nD001,WP-200,2026-05,4,0,1,3',
    );
    expect(again.counts ?? again).toMatchObject({ updated: 1 });
    const may = (
      await rep.get(`/api/v1/dealer-reports?customerId=${dealerA}&productId=${p2}&from=2026-05&to=2026-05`)
    ).json();
    expect(may.items[0]).toMatchObject({ closingStock: '3.000', flags: [] });
  });
});
