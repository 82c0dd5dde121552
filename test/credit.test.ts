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
import { rows } from './helpers/db-state.ts';
import { withTenant } from '../server/src/db/tenant.ts';
import { creditCheck } from '../server/src/modules/receivables/index.ts';

// Credit control: the position (limit − open receivables − open orders), the check the orders
// module runs on submit, suspension and resumption (audited), the holds queue and its release.
// Today is 2 March 2026 in Shanghai.

const clock = new Date('2026-03-02T01:00:00.000Z');
let w: TestWorld;
let admin: Client;
let adminB: Client;
let orgId: string;
const u = {} as Record<'zhang' | 'fin' | 'gao', { client: Client; id: string }>;
let customer: string;
let openOrder: string;
let heldOrder: string;

async function insertOrder(status: string, total: string, hold: string | null = null) {
  return (
    await rows<{ id: string }>(
      w.database.db,
      sql`insert into orders (org_id, id, number, customer_id, status, currency, total, owner_id, credit_hold, submitted_at)
        values (${orgId}, gen_random_uuid(), ${`SO-2026-${Math.random().toString().slice(2, 8)}`}, ${customer}, ${status}, 'CNY', ${total},
          ${u.zhang.id}, ${hold}, now())
        returning id::text as id`,
    )
  )[0]!.id;
}
const check = (amount: string, orderId: string | null = null, currency = 'CNY') =>
  withTenant(w.database.db, orgId, (tx) =>
    creditCheck(tx, orgId, { customerId: customer, currency, amount, orderId }, clock),
  );

beforeAll(async () => {
  w = await createTestApp({}, {}, { now: () => clock });
  admin = await setupInstance(w.app);
  adminB = await createOrg(w.app, admin, '乙方贸易有限公司', 'admin@b.test');
  orgId = (await admin.get('/api/v1/me')).json().orgId;
  for (const [key, body] of Object.entries({
    zhang: { name: '张伟', role: 'sales' },
    fin: { name: '钱会计', role: 'finance' },
    gao: { name: '高翔', role: 'readonly' },
  })) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as keyof typeof u] = { client, id: user.id };
  }
  const res = await u.zhang.client.post('/api/v1/customers', {
    kind: 'company',
    name: '汉堡进口商有限公司',
    creditLimit: { amount: '10000', currency: 'CNY' },
    creditRating: 'A',
  });
  expect(res.statusCode, res.body).toBe(201);
  customer = res.json().id;
  // Open receivables 3000 + 500 (part of the order below); the order's other 1500 is an open order.
  openOrder = await insertOrder('approved', '2000');
  for (const body of [
    { customerId: customer, amount: '3000', currency: 'CNY', issueDate: '2026-02-20', dueDate: '2026-03-20' },
    { orderId: openOrder, amount: '500', issueDate: '2026-02-25', dueDate: '2026-03-25' },
  ])
    expect((await u.fin.client.post('/api/v1/invoices', body)).statusCode).toBe(201);
  await insertOrder('draft', '99999'); // drafts and cancelled orders tie up nothing
  await insertOrder('cancelled', '99999');
});
afterAll(() => w.close());

describe('credit position', () => {
  it('is limit − open receivables − open orders', async () => {
    const res = await u.zhang.client.get(`/api/v1/customers/${customer}/credit`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      limit: '10000.00',
      currency: 'CNY',
      rating: 'A',
      openReceivables: '3500.00',
      openOrders: '1500.00',
      available: '5000.00',
      overdue: '0.00',
      suspended: false,
    });
    expect((await u.gao.client.get(`/api/v1/customers/${customer}/credit`)).statusCode).toBe(403); // read-only: no credit
    expect((await adminB.get(`/api/v1/customers/${customer}/credit`)).statusCode).toBe(404);
  });

  it('holds an order beyond the available credit; the order itself does not count against it', async () => {
    expect(await check('5000')).toEqual({ ok: true });
    const over = await check('5000.01');
    expect(over).toMatchObject({ ok: false, reason: 'limitExceeded', details: { available: '5000.00' } });
    // Re-checking the open order: its own 1500 is not counted twice.
    expect(await check('6500', openOrder)).toEqual({ ok: true });
    expect((await check('1', null, 'USD')).ok).toBe(false);
  });

  it("holds when debt is overdue beyond the threshold (30 days, or the organisation's setting)", async () => {
    const res = await u.fin.client.post('/api/v1/invoices', {
      customerId: customer,
      amount: '1',
      currency: 'CNY',
      issueDate: '2026-01-01',
      dueDate: '2026-01-31',
    });
    expect(res.statusCode).toBe(201);
    expect(await check('1')).toEqual({ ok: true }); // 30 days: not beyond
    await w.database.db.execute(
      sql`update orgs set settings = settings || '{"credit":{"overdueDays":29}}' where id = ${orgId}`,
    );
    expect(await check('1')).toMatchObject({
      ok: false,
      reason: 'overdue',
      details: { maxDaysOverdue: 30, thresholdDays: 29 },
    });
    expect((await u.fin.client.get(`/api/v1/customers/${customer}/credit`)).json()).toMatchObject({
      overdue: '1.00',
      maxDaysOverdue: 30,
      overdueThresholdDays: 29,
    });
    await w.database.db.execute(sql`update orgs set settings = settings - 'credit' where id = ${orgId}`);
    expect((await u.fin.client.del(`/api/v1/invoices/${res.json().id}`)).statusCode).toBe(204);
  });
});

describe('suspension', () => {
  it('suspends and resumes, finance only, audited', async () => {
    expect(
      (await u.zhang.client.post(`/api/v1/customers/${customer}/credit/suspend`, { reason: '拖欠货款' }))
        .statusCode,
    ).toBe(403);
    expect((await u.fin.client.post(`/api/v1/customers/${customer}/credit/suspend`, {})).statusCode).toBe(
      400,
    );
    const s = await u.fin.client.post(`/api/v1/customers/${customer}/credit/suspend`, { reason: '拖欠货款' });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ suspended: true, suspendedReason: '拖欠货款' });
    expect(await check('1')).toMatchObject({ ok: false, reason: 'suspended' });
    const r = await u.fin.client.post(`/api/v1/customers/${customer}/credit/resume`, { note: '已付清' });
    expect(r.json().suspended).toBe(false);
    expect(await check('1')).toEqual({ ok: true });
    const audit = await rows<{ action: string; actor_id: string }>(
      w.database.db,
      sql`select action, actor_id::text from audit_log where org_id = ${orgId} and entity = 'customers' and entity_id = ${customer}
        and action like 'credit%' order by action desc`, // one clock: same instant
    );
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([
      ['creditSuspend', u.fin.id],
      ['creditResume', u.fin.id],
    ]);
    expect(
      (await adminB.post(`/api/v1/customers/${customer}/credit/suspend`, { reason: 'x' })).statusCode,
    ).toBe(404);
  });
});

describe('holds queue', () => {
  it('lists held orders and lets finance release one, once', async () => {
    heldOrder = await insertOrder('submitted', '8000', 'limitExceeded');
    const q = await u.fin.client.get('/api/v1/credit/holds');
    expect(q.statusCode, q.body).toBe(200);
    expect(q.json().items.map((o: { id: string }) => o.id)).toEqual([heldOrder]);
    expect(q.json().items[0]).toMatchObject({
      creditHold: 'limitExceeded',
      customerName: '汉堡进口商有限公司',
      total: '8000.00',
    });
    expect((await u.zhang.client.get('/api/v1/credit/holds')).json().items).toHaveLength(1); // own customer
    expect((await adminB.get('/api/v1/credit/holds')).json().items).toHaveLength(0);
    expect(
      (await u.zhang.client.post(`/api/v1/orders/${heldOrder}/release-hold`, { note: '客户已承诺' }))
        .statusCode,
    ).toBe(403);
    expect((await adminB.post(`/api/v1/orders/${heldOrder}/release-hold`, { note: 'x' })).statusCode).toBe(
      404,
    );
    const rel = await u.fin.client.post(`/api/v1/orders/${heldOrder}/release-hold`, {
      note: '客户已承诺月底付款',
    });
    expect(rel.statusCode, rel.body).toBe(200);
    const [o] = await rows<{ credit_hold: string | null; credit_released_by: string }>(
      w.database.db,
      sql`select credit_hold, credit_released_by::text from orders where id = ${heldOrder}`,
    );
    expect(o).toEqual({ credit_hold: null, credit_released_by: u.fin.id });
    expect((await u.fin.client.get('/api/v1/credit/holds')).json().items).toHaveLength(0);
    expect(
      (await u.fin.client.post(`/api/v1/orders/${heldOrder}/release-hold`, { note: 'again' })).statusCode,
    ).toBe(409);
  });
});
