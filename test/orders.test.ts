import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  createOrg,
  createTestApp,
  createUser,
  setupInstance,
  type Client,
  type TestWorld,
} from './helpers/app.ts';
import { insertDepartmentRow, rows } from './helpers/db-state.ts';

// Orders over HTTP: creation with exact money from the catalogue, refusals that name the line,
// every department moving an order forward (and refused for a step it does not own), partial
// shipments, cancellation, the timeline, the rep's notifications, credit holds, saved views,
// and who sees what. Org A: 张伟 and 李娜 (sales, own scope), 刘强 (manager of 销售部), 蔡静
// (finance), 吴刚 (logistics), 高翔 (read-only). Org B: its administrator only.

let clock = new Date('2026-03-02T01:00:00.000Z');
const tick = (seconds = 1) => (clock = new Date(clock.getTime() + seconds * 1000));
let w: TestWorld;
let admin: Client;
let adminB: Client;
let orgId: string;
const u = {} as Record<'zhang' | 'li' | 'liu' | 'cai' | 'wu' | 'gao', { client: Client; id: string }>;
let zhangCustomer: string;
let liCustomer: string;
let limitedCustomer: string;
const P = {} as Record<'fridge' | 'cable' | 'usd' | 'old', string>;

type Order = Record<string, unknown> & {
  id: string;
  number: string;
  version: number;
  status: string;
  lines: {
    id: string;
    quantity: string;
    shippedQuantity: string;
    name: string;
    sku: string | null;
    unitPrice: string;
  }[];
};

async function create(by: Client, body: Record<string, unknown>): Promise<Order> {
  const res = await by.post('/api/v1/orders', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function move(by: Client, id: string, to: string, extra: Record<string, unknown> = {}) {
  tick();
  const version = (await admin.get(`/api/v1/orders/${id}`)).json().version;
  return by.post(`/api/v1/orders/${id}/transition`, { to, version, ...extra });
}
async function moveOk(
  by: Client,
  id: string,
  to: string,
  extra: Record<string, unknown> = {},
): Promise<Order> {
  const res = await move(by, id, to, extra);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const standardLines = () => [
  { productId: P.fridge, quantity: '3', discountPct: '5' },
  { productId: P.cable, quantity: '2.5' },
];

beforeAll(async () => {
  w = await createTestApp({}, {}, { now: () => clock });
  admin = await setupInstance(w.app);
  adminB = await createOrg(w.app, admin, '乙方贸易有限公司', 'admin@b.test');
  orgId = (await admin.get('/api/v1/me')).json().orgId;
  const db = w.database.db;
  const sales = await insertDepartmentRow(db, orgId, '销售部');
  const east = await insertDepartmentRow(db, orgId, '华东', sales);
  for (const [key, body] of Object.entries({
    zhang: { name: '张伟', role: 'sales', departmentId: east.id },
    li: { name: '李娜', role: 'sales', departmentId: sales.id },
    liu: { name: '刘强', role: 'manager', departmentId: sales.id },
    cai: { name: '蔡静', role: 'finance' },
    wu: { name: '吴刚', role: 'logistics' },
    gao: { name: '高翔', role: 'readonly' },
  })) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as keyof typeof u] = { client, id: user.id };
  }
  const customer = async (by: Client, body: Record<string, unknown>) => {
    const res = await by.post('/api/v1/customers', { kind: 'company', ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  zhangCustomer = await customer(u.zhang.client, { name: '汉堡进口商有限公司' });
  liCustomer = await customer(u.li.client, { name: '迪拜贸易公司' });
  limitedCustomer = await customer(u.zhang.client, {
    name: '宁波小额度经销商',
    creditLimit: { amount: '1000', currency: 'CNY' },
  });
  const product = async (
    sku: string,
    name: string,
    listPrice: string,
    cost: string | null,
    taxRate: string,
    currency = 'CNY',
    status = 'active',
  ) => {
    const [r] = await rows<{ id: string }>(
      db,
      sql`insert into products (org_id, id, sku, name, unit, list_price, cost, currency, tax_rate, status)
          values (${orgId}, ${randomUUID()}, ${sku}, ${name}, '台', ${listPrice}, ${cost}, ${currency}, ${taxRate}, ${status}) returning id`,
    );
    return r!.id;
  };
  P.fridge = await product('BCD-350', '双门冰箱 350L', '1299.00', '800.00', '13');
  P.cable = await product('CAB-01', '电源线', '19.99', null, '6');
  P.usd = await product('EXP-01', 'Export fridge', '180.00', '100.00', '0', 'USD');
  P.old = await product('OLD-01', '停产型号', '99.00', '50.00', '13', 'CNY', 'discontinued');
});
afterAll(() => w.close());

describe('creating an order', () => {
  let first: Order;
  it('copies the catalogue into the lines and computes the money exactly', async () => {
    first = await create(u.zhang.client, {
      customerId: zhangCustomer,
      currency: 'CNY',
      lines: standardLines(),
      prepaymentPct: '30',
      creditDays: 60,
      deliveryAddress: '浙江省宁波市北仑区保税区 8 号仓',
    });
    expect(first).toMatchObject({
      number: 'SO-2026-000001',
      status: 'draft',
      source: 'rep',
      currency: 'CNY',
      // 3 × 1299 = 3897.00 − 5 % = 3702.15 (+13 % = 481.28); 2.5 × 19.99 = 49.98 (+6 % = 3.00)
      subtotal: '3946.98',
      discountTotal: '194.85',
      taxTotal: '484.28',
      total: '4236.41',
      // A rep does not see costs (products.cost hidden for sales), only the profit.
      costTotal: null,
      profit: '1352.13',
      prepaymentPct: '30.00',
      creditDays: 60,
      ownerId: u.zhang.id,
      onHold: false,
      nextSteps: ['submitted'],
    });
    const seenByManager = (await u.liu.client.get(`/api/v1/orders/${first.id}`)).json();
    expect(seenByManager).toMatchObject({ costTotal: '2400.00', profit: '1352.13' });
    expect(seenByManager.lines.map((l: { unitCost: string }) => l.unitCost)).toEqual(['800.00', null]);
    expect(first.lines.map((l) => [l.sku, l.name, l.unitPrice, l.quantity])).toEqual([
      ['BCD-350', '双门冰箱 350L', '1299.00', '3.000'],
      ['CAB-01', '电源线', '19.99', '2.500'],
    ]);
    const second = await create(u.zhang.client, {
      customerId: zhangCustomer,
      lines: [{ name: '安装服务', quantity: '1', unitPrice: '200' }],
    });
    expect(second.number).toBe('SO-2026-000002');
    expect(second.total).toBe('200.00');
  });

  it('previews the same totals without saving', async () => {
    const before = await rows(w.database.db, sql`select id from orders`);
    const res = await u.zhang.client.post('/api/v1/orders/preview', {
      customerId: zhangCustomer,
      currency: 'CNY',
      lines: standardLines(),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ subtotal: '3946.98', total: '4236.41', taxTotal: '484.28' });
    expect(res.json().lines[0]).toMatchObject({ net: '3702.15', tax: '481.28', discount: '194.85' });
    expect(await rows(w.database.db, sql`select id from orders`)).toHaveLength(before.length);
  });

  it('refuses bad lines naming them, and writes nothing', async () => {
    const count = async () => (await rows(w.database.db, sql`select 1 from order_lines`)).length;
    const lines = await count();
    const bad = async (body: Record<string, unknown>, code: string, field: string) => {
      const res = await u.zhang.client.post('/api/v1/orders', { customerId: zhangCustomer, ...body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
      return res.json().error;
    };
    await bad({ lines: [{ productId: P.fridge, quantity: '-2' }] }, 'VALIDATION_FAILED', 'lines[0].quantity');
    await bad(
      {
        lines: [
          { productId: P.cable, quantity: '1' },
          { productId: P.fridge, quantity: '0' },
        ],
      },
      'VALIDATION_FAILED',
      'lines[1].quantity',
    );
    await bad(
      { lines: [{ productId: '0190a6c4-0000-7000-8000-000000000000', quantity: '1' }] },
      'VALIDATION_FAILED',
      'lines[0].productId',
    );
    await bad({ lines: [{ productId: P.old, quantity: '1' }] }, 'VALIDATION_FAILED', 'lines[0].productId');
    await bad({ lines: [{ quantity: '1' }] }, 'VALIDATION_FAILED', 'lines[0].name');
    await bad(
      { lines: [{ productId: P.fridge, quantity: '1', discountPct: '120' }] },
      'VALIDATION_FAILED',
      'lines[0].discountPct',
    );
    const mismatch = await bad(
      {
        currency: 'CNY',
        lines: [
          { productId: P.cable, quantity: '1' },
          { productId: P.usd, quantity: '1' },
        ],
      },
      'CURRENCY_MISMATCH',
      'lines[1].productId',
    );
    expect(mismatch.message).toContain('USD');
    await bad(
      { customerId: liCustomer, lines: [{ productId: P.fridge, quantity: '1' }] },
      'VALIDATION_FAILED',
      'customerId',
    );
    const unknown = await u.zhang.client.post('/api/v1/orders', {
      customerId: zhangCustomer,
      lines: standardLines(),
      profit: '1',
    });
    expect(unknown.json().error.code).toBe('UNKNOWN_FIELD');
    expect(await count()).toBe(lines);
  });

  it('an explicit price in the order currency is taken even for a product sold in another one (no cost then)', async () => {
    const o = await create(u.zhang.client, {
      customerId: zhangCustomer,
      currency: 'CNY',
      lines: [{ productId: P.usd, quantity: '2', unitPrice: '1250' }],
    });
    expect(o).toMatchObject({ total: '2500.00', profit: '2500.00' });
    expect((await u.liu.client.get(`/api/v1/orders/${o.id}`)).json().lines[0].unitCost).toBeNull();
  });

  it('a draft takes new lines and terms, recomputing the totals; not after submission', async () => {
    const o = await create(u.zhang.client, { customerId: zhangCustomer, lines: standardLines() });
    const res = await u.zhang.client.patch(`/api/v1/orders/${o.id}`, {
      version: o.version,
      lines: [{ productId: P.fridge, quantity: '1' }],
      deliveryAddress: '上海市',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      total: '1467.87',
      subtotal: '1299.00',
      deliveryAddress: '上海市',
      version: o.version + 1,
    });
    expect(res.json().lines).toHaveLength(1);
    const submitted = await moveOk(u.zhang.client, o.id, 'submitted');
    const late = await u.zhang.client.patch(`/api/v1/orders/${o.id}`, {
      version: submitted.version,
      notes: 'x',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('ORDER_NOT_DRAFT');
    expect((await u.liu.client.del(`/api/v1/orders/${o.id}`)).statusCode).toBe(409);
  });

  it('deletes and restores a draft', async () => {
    const o = await create(u.liu.client, { customerId: zhangCustomer, lines: standardLines() });
    expect((await u.liu.client.del(`/api/v1/orders/${o.id}`)).statusCode).toBe(204);
    expect((await u.liu.client.get(`/api/v1/orders/${o.id}`)).statusCode).toBe(404);
    // In the recycle bin under its number.
    const bin = (await u.liu.client.get('/api/v1/recycle-bin?entity=orders')).json().items;
    expect(bin).toEqual([expect.objectContaining({ entity: 'orders', id: o.id })]);
    expect(bin[0].label).toContain(o.number);
    const back = await u.liu.client.post(`/api/v1/orders/${o.id}/restore`);
    expect(back.statusCode, back.body).toBe(200);
    expect(
      (await u.liu.client.get(`/api/v1/orders/${o.id}/history`))
        .json()
        .items.map((h: { action: string }) => h.action),
    ).toEqual(expect.arrayContaining(['create', 'delete', 'restore']));
  });
});

describe('every department moves the order forward', () => {
  let o: Order;
  it('runs draft → … → completed with partial shipments, refusing the wrong roles', async () => {
    o = await create(u.zhang.client, { customerId: zhangCustomer, lines: standardLines() });
    const notesBefore = (
      await rows(w.database.db, sql`select 1 from notifications where user_id = ${u.zhang.id}`)
    ).length;
    expect((await move(u.wu.client, o.id, 'submitted')).json().error).toMatchObject({
      code: 'ORDER_STEP_FORBIDDEN',
    });
    await moveOk(u.zhang.client, o.id, 'submitted');

    const wrong = await move(u.wu.client, o.id, 'approved');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error).toMatchObject({
      code: 'ORDER_STEP_FORBIDDEN',
      details: { from: 'submitted', to: 'approved', roles: ['manager'] },
    });
    expect(wrong.json().error.message).toContain('manager');
    expect((await move(u.zhang.client, o.id, 'approved')).statusCode).toBe(403);
    expect((await move(u.cai.client, o.id, 'approved')).statusCode).toBe(403);
    const approved = await moveOk(u.liu.client, o.id, 'approved');
    expect(approved.approvedAt).toBe(clock.toISOString());

    expect((await move(u.zhang.client, o.id, 'inProduction')).statusCode).toBe(403);
    await moveOk(u.wu.client, o.id, 'inProduction');

    const noCarrier = await move(u.wu.client, o.id, 'shipped', { trackingNumber: 'SF1' });
    expect(noCarrier.statusCode).toBe(400);
    expect(noCarrier.json().error.details).toEqual([
      expect.objectContaining({ field: 'carrier', code: 'required' }),
    ]);
    expect(
      (await move(u.liu.client, o.id, 'shipped', { carrier: '顺丰', trackingNumber: 'SF1' })).statusCode,
    ).toBe(403);
    const [fridge, cable] = o.lines;
    const tooMuch = await move(u.wu.client, o.id, 'shipped', {
      carrier: '顺丰',
      trackingNumber: 'SF1',
      lines: [{ orderLineId: fridge!.id, quantity: '4' }],
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.details[0].field).toBe('lines[0].quantity');

    const partial = await moveOk(u.wu.client, o.id, 'shipped', {
      carrier: '顺丰速运',
      trackingNumber: 'SF1001',
      lines: [{ orderLineId: fridge!.id, quantity: '1' }],
    });
    expect(partial.status).toBe('inProduction');
    expect(partial.shippedAt).toBeNull();
    expect(partial.lines.map((l) => l.shippedQuantity)).toEqual(['1.000', '0.000']);
    expect(partial.nextSteps).toEqual(['shipped']);

    expect((await move(u.wu.client, o.id, 'delivered')).json().error).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { from: 'inProduction', to: 'delivered' },
    });
    const rest = await moveOk(u.wu.client, o.id, 'shipped', {
      carrier: '德邦物流',
      trackingNumber: 'DB2002',
    });
    expect(rest.status).toBe('shipped');
    expect(rest.lines.map((l) => l.shippedQuantity)).toEqual(['3.000', '2.500']);
    expect(cable).toBeDefined();
    const ships = await rows<{ carrier: string; lines: unknown }>(
      w.database.db,
      sql`select carrier, lines from shipments where order_id = ${o.id} order by shipped_at`,
    );
    expect(ships.map((s) => s.carrier)).toEqual(['顺丰速运', '德邦物流']);

    const illegal = await move(u.liu.client, o.id, 'cancelled', { reason: '客户取消' });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error.code).toBe('ILLEGAL_TRANSITION');
    expect((await move(u.zhang.client, o.id, 'completed')).statusCode).toBe(409);
    await moveOk(u.wu.client, o.id, 'delivered');
    expect((await move(u.wu.client, o.id, 'completed')).statusCode).toBe(403);
    const done = await moveOk(u.cai.client, o.id, 'completed');
    expect(done).toMatchObject({ status: 'completed', nextSteps: [] });

    const stale = await u.cai.client.post(`/api/v1/orders/${o.id}/transition`, {
      to: 'completed',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);

    const notes = await rows<{ kind: string; params: Record<string, unknown> }>(
      w.database.db,
      sql`select kind, params from notifications where user_id = ${u.zhang.id} order by created_at, id`,
    );
    // approved, in production, two shipments, delivered, completed — all by someone else; not his own submission.
    const mine = notes.slice(notesBefore);
    expect(mine.map((n) => n.params.to)).toEqual([
      'approved',
      'inProduction',
      'inProduction',
      'shipped',
      'delivered',
      'completed',
    ]);
    expect(mine[0]).toMatchObject({
      kind: 'orderStep',
      params: { number: o.number, by: '刘强', customer: '汉堡进口商有限公司' },
    });
  });

  it('shows one timeline every department wrote on, with notes', async () => {
    tick();
    const note = await u.wu.client.post(`/api/v1/orders/${o.id}/notes`, { note: '客户要求周末送货' });
    expect(note.statusCode, note.body).toBe(200);
    expect((await u.gao.client.post(`/api/v1/orders/${o.id}/notes`, { note: 'x' })).statusCode).toBe(403);
    const res = await u.zhang.client.get(`/api/v1/orders/${o.id}/timeline`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      kind: string;
      toStatus: string;
      department: string;
      byName: string;
      data: Record<string, unknown>;
      note: string;
    }[];
    expect(items.map((e) => [e.kind, e.toStatus, e.department, e.byName])).toEqual([
      ['transition', 'draft', 'sales', '张伟'],
      ['transition', 'submitted', 'sales', '张伟'],
      ['transition', 'approved', 'manager', '刘强'],
      ['transition', 'inProduction', 'logistics', '吴刚'],
      ['shipment', 'inProduction', 'logistics', '吴刚'],
      ['shipment', 'shipped', 'logistics', '吴刚'],
      ['transition', 'delivered', 'logistics', '吴刚'],
      ['transition', 'completed', 'finance', '蔡静'],
      ['note', null, 'logistics', '吴刚'],
    ]);
    expect(items[4]!.data).toMatchObject({ carrier: '顺丰速运', trackingNumber: 'SF1001', complete: false });
    expect(items[8]!.note).toBe('客户要求周末送货');
  });

  it('the manager cancels an order before shipping, with a reason', async () => {
    const c = await create(u.zhang.client, { customerId: zhangCustomer, lines: standardLines() });
    await moveOk(u.zhang.client, c.id, 'submitted');
    expect((await move(u.zhang.client, c.id, 'cancelled', { reason: '客户撤单' })).statusCode).toBe(403);
    const noReason = await move(u.liu.client, c.id, 'cancelled', { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].field).toBe('reason');
    const done = await moveOk(u.liu.client, c.id, 'cancelled', { reason: '客户撤单' });
    expect(done).toMatchObject({
      status: 'cancelled',
      cancelReason: '客户撤单',
      cancelledAt: clock.toISOString(),
    });
    expect((await move(u.liu.client, c.id, 'approved')).json().error.code).toBe('ILLEGAL_TRANSITION');
  });
});

describe('credit hold at submission', () => {
  it('holds an order above the credit limit, tells finance, refuses approval until released', async () => {
    const o = await create(u.zhang.client, { customerId: limitedCustomer, lines: standardLines() });
    const held = await moveOk(u.zhang.client, o.id, 'submitted');
    expect(held).toMatchObject({ status: 'submitted', onHold: true, creditHold: 'limitExceeded' });
    const financeNotes = await rows<{ kind: string; params: Record<string, unknown> }>(
      w.database.db,
      sql`select kind, params from notifications where user_id = ${u.cai.id} and kind = 'orderCreditHold'`,
    );
    expect(financeNotes).toEqual([
      expect.objectContaining({
        params: expect.objectContaining({ number: o.number, reason: 'limitExceeded' }),
      }),
    ]);
    const refused = await move(u.liu.client, o.id, 'approved');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('ORDER_ON_HOLD');
    expect((await move(u.cai.client, o.id, 'approved')).json().error.code).toBe('ORDER_ON_HOLD');
    const queue = (await u.cai.client.get('/api/v1/orders/queue')).json().items.map((i: Order) => i.id);
    expect(queue).toContain(o.id);
    const onHold = (await u.liu.client.get('/api/v1/orders?onHold=true'))
      .json()
      .items.map((i: Order) => i.id);
    expect(onHold).toEqual([o.id]);

    tick();
    const release = await u.cai.client.post(`/api/v1/orders/${o.id}/release-hold`, { note: '已收到预付款' });
    expect(release.statusCode, release.body).toBe(200);
    const after = (await u.cai.client.get(`/api/v1/orders/${o.id}`)).json();
    expect(after).toMatchObject({ onHold: false, nextSteps: ['approved'] });
    await moveOk(u.cai.client, o.id, 'approved');
    const kinds = (await u.zhang.client.get(`/api/v1/orders/${o.id}/timeline`))
      .json()
      .items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['transition', 'transition', 'hold', 'release', 'transition']);
  });
});

describe('queues, lists and scope', () => {
  it("each department's queue holds the orders waiting for its step", async () => {
    const o = await create(u.zhang.client, { customerId: zhangCustomer, lines: standardLines() });
    await moveOk(u.zhang.client, o.id, 'submitted');
    const ids = async (c: Client, q = '') =>
      (await c.get(`/api/v1/orders/queue${q}`)).json().items.map((i: Order) => i.id);
    expect(await ids(u.liu.client)).toContain(o.id);
    expect(await ids(u.wu.client)).not.toContain(o.id);
    await moveOk(u.liu.client, o.id, 'approved');
    expect(await ids(u.wu.client)).toContain(o.id);
    expect(await ids(u.liu.client, '?department=logistics')).toContain(o.id);
    expect(await ids(u.liu.client)).toContain(o.id); // manager may start production too
    expect(await ids(u.gao.client)).toEqual([]);
  });

  it('sales see their own orders, the manager the department, finance and logistics all; not another tenant', async () => {
    const liOrder = await create(u.li.client, { customerId: liCustomer, lines: standardLines() });
    const zhangIds = (await u.zhang.client.get('/api/v1/orders?limit=200'))
      .json()
      .items.map((i: Order) => i.id);
    expect(zhangIds).not.toContain(liOrder.id);
    expect((await u.zhang.client.get(`/api/v1/orders/${liOrder.id}`)).statusCode).toBe(404);
    expect((await u.zhang.client.get(`/api/v1/orders/${liOrder.id}/timeline`)).statusCode).toBe(404);
    const all = (await admin.get('/api/v1/orders?limit=200')).json();
    for (const c of [u.liu.client, u.cai.client, u.wu.client, u.gao.client])
      expect((await c.get('/api/v1/orders?limit=200')).json().total).toBe(all.total);
    expect((await u.li.client.get('/api/v1/orders')).json().items.map((i: Order) => i.id)).toEqual([
      liOrder.id,
    ]);
    expect((await adminB.get('/api/v1/orders')).json().total).toBe(0);
    expect((await adminB.get(`/api/v1/orders/${liOrder.id}`)).statusCode).toBe(404);
    expect(
      (await adminB.post(`/api/v1/orders/${liOrder.id}/transition`, { to: 'submitted', version: 1 }))
        .statusCode,
    ).toBe(404);
    // Org B's numbering starts on its own.
    const bCustomer = (await adminB.post('/api/v1/customers', { kind: 'company', name: '乙方客户' })).json()
      .id;
    const bOrder = await create(adminB, {
      customerId: bCustomer,
      lines: [{ name: '样品', quantity: '1', unitPrice: '10' }],
    });
    expect(bOrder.number).toBe('SO-2026-000001');
    expect(
      (
        await adminB.post('/api/v1/orders', {
          customerId: bCustomer,
          lines: [{ productId: P.fridge, quantity: '1' }],
        })
      ).statusCode,
    ).toBe(400);
  });

  it('filters, searches and sorts; read-only sees no profit; sales cannot delete', async () => {
    const byNumber = (await u.liu.client.get('/api/v1/orders?q=SO-2026-000001&sort=number')).json();
    expect(byNumber.items.map((i: Order) => i.number)).toEqual(['SO-2026-000001']);
    const byCustomer = (
      await u.liu.client.get(`/api/v1/orders?q=${encodeURIComponent('汉堡')}&status=completed`)
    ).json();
    expect(byCustomer.items).toHaveLength(1);
    const totals = (await admin.get('/api/v1/orders?sort=-total&limit=3'))
      .json()
      .items.map((i: Order) => Number(i.total));
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect((await admin.get('/api/v1/orders?createdFrom=2026-03-03')).json().total).toBe(0);
    expect((await admin.get('/api/v1/orders?createdTo=2026-03-02')).json().total).toBeGreaterThan(0);
    expect((await admin.get('/api/v1/orders?sort=profit')).statusCode).toBe(400);
    const ro = (await u.gao.client.get('/api/v1/orders?limit=1')).json().items[0];
    expect(ro.profit).toBeNull();
    expect(ro.costTotal).toBeNull();
    expect(
      (await u.gao.client.post('/api/v1/orders', { customerId: zhangCustomer, lines: standardLines() }))
        .statusCode,
    ).toBe(403);
    const draft = await create(u.zhang.client, { customerId: zhangCustomer, lines: standardLines() });
    expect((await u.zhang.client.del(`/api/v1/orders/${draft.id}`)).statusCode).toBe(403);
  });

  it('saved views and exports of the order list', async () => {
    const view = await u.liu.client.post('/api/v1/saved-views', {
      entity: 'orders',
      name: '待审批',
      config: { filters: { status: 'submitted' }, sort: '-total' },
    });
    expect(view.statusCode, view.body).toBe(201);
    const bad = await u.liu.client.post('/api/v1/saved-views', {
      entity: 'orders',
      name: 'x',
      config: { filters: { stage: 'x' } },
    });
    expect(bad.statusCode).toBe(400);
    const csv = await u.liu.client.get('/api/v1/orders/export?format=csv');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body).toContain('SO-2026-000001');
    expect((await u.zhang.client.get('/api/v1/orders/export?format=csv')).statusCode).toBe(403);
  });
});
