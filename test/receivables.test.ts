import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import {
  createOrg,
  createTestApp,
  createUser,
  setupInstance,
  type Client,
  type TestWorld,
} from './helpers/app.ts';
import { rows } from './helpers/db-state.ts';

// Receivables: invoices (numbering, from orders, limits), payments with allocations (all or
// nothing), the statement against a hand-computed example, ageing at a local date, days-to-pay,
// and who sees what. Org A: 张伟 and 李娜 (sales, own scope, one customer each), 钱会计 (finance,
// org scope), 高翔 (read-only). Org B: its administrator. Today is 2 March 2026 in Shanghai.

const clock = new Date('2026-03-02T01:00:00.000Z');
let w: TestWorld;
let admin: Client;
let adminB: Client;
let orgId: string;
const u = {} as Record<'zhang' | 'li' | 'fin' | 'gao', { client: Client; id: string }>;
let zhangCustomer: string;
let liCustomer: string;
let orderId: string;
const inv = {} as Record<'one' | 'two' | 'three' | 'four' | 'usd' | 'li', { id: string; number: string }>;

async function invoice(by: Client, body: Record<string, unknown>) {
  const res = await by.post('/api/v1/invoices', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; amount: string; dueDate: string; currency: string };
}
async function pay(by: Client, body: Record<string, unknown>) {
  const res = await by.post('/api/v1/payments', { currency: 'CNY', method: 'bankTransfer', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; allocatedAmount: string; unallocatedAmount: string };
}
const count = async (table: string) =>
  (
    await rows<{ n: number }>(
      w.database.db,
      sql.raw(`select count(*)::int as n from ${table} where org_id = '${orgId}'`),
    )
  )[0]!.n;
const invoiceRow = async (id: string) =>
  (
    await rows<{ paid_amount: string; status: string; paid_at: Date | null }>(
      w.database.db,
      sql`select paid_amount::text, status, paid_at from invoices where id = ${id}`,
    )
  )[0]!;

beforeAll(async () => {
  w = await createTestApp({}, {}, { now: () => clock });
  admin = await setupInstance(w.app);
  adminB = await createOrg(w.app, admin, '乙方贸易有限公司', 'admin@b.test');
  orgId = (await admin.get('/api/v1/me')).json().orgId;
  for (const [key, body] of Object.entries({
    zhang: { name: '张伟', role: 'sales' },
    li: { name: '李娜', role: 'sales' },
    fin: { name: '钱会计', role: 'finance' },
    gao: { name: '高翔', role: 'readonly' },
  })) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as keyof typeof u] = { client, id: user.id };
  }
  zhangCustomer = (
    await u.zhang.client.post('/api/v1/customers', { kind: 'company', name: '汉堡进口商有限公司' })
  ).json().id;
  liCustomer = (await u.li.client.post('/api/v1/customers', { kind: 'company', name: '迪拜贸易公司' })).json()
    .id;
  // An approved order of 800.00 with 45 days of credit (the orders module's own tests cover creating it).
  orderId = (
    await rows<{ id: string }>(
      w.database.db,
      sql`insert into orders (org_id, id, number, customer_id, status, currency, total, credit_days, owner_id)
        values (${orgId}, gen_random_uuid(), 'SO-2026-000001', ${zhangCustomer}, 'approved', 'CNY', 800.00, 45, ${u.zhang.id})
        returning id::text as id`,
    )
  )[0]!.id;
});
afterAll(() => w.close());

describe('invoices', () => {
  it('numbers invoices per year, defaults the due date, and takes amount and terms from an order', async () => {
    inv.one = await invoice(u.fin.client, {
      customerId: zhangCustomer,
      amount: '1000',
      currency: 'CNY',
      issueDate: '2026-01-10',
      dueDate: '2026-01-31',
    });
    expect(inv.one.number).toBe('INV-2026-000001');
    const two = await invoice(u.fin.client, {
      customerId: zhangCustomer,
      amount: '2500.50',
      currency: 'CNY',
      issueDate: '2026-02-05',
      dueDate: '2026-03-07',
    });
    inv.two = two;
    expect(two.number).toBe('INV-2026-000002');
    const usd = await invoice(u.fin.client, {
      customerId: zhangCustomer,
      amount: '200',
      currency: 'USD',
      issueDate: '2026-02-15',
    });
    expect(usd.dueDate).toBe('2026-02-15'); // no order: no credit days
    inv.usd = usd;
    const three = await invoice(u.fin.client, { orderId, amount: '300', issueDate: '2026-02-20' });
    expect([three.currency, three.amount, three.dueDate]).toEqual(['CNY', '300.00', '2026-04-06']); // + 45 days
    inv.three = three;
    const four = await invoice(u.fin.client, { orderId, issueDate: '2026-02-25' });
    expect(four.amount).toBe('500.00'); // what was left on the order
    inv.four = four;
    const li = await invoice(admin, {
      customerId: liCustomer,
      amount: '1234.56',
      currency: 'CNY',
      issueDate: '2025-11-01',
      dueDate: '2025-11-30',
    });
    expect(li.number).toBe('INV-2025-000001');
    inv.li = li;
  });

  it('refuses an invoice beyond what is left on the order, a currency other than the order, bad dates', async () => {
    const before = await count('invoices');
    const over = await u.fin.client.post('/api/v1/invoices', {
      orderId,
      amount: '0.01',
      issueDate: '2026-02-26',
    });
    expect(over.statusCode, over.body).toBe(409);
    expect(over.json().error.code).toBe('INVOICE_EXCEEDS_ORDER');
    const cur = await u.fin.client.post('/api/v1/invoices', {
      orderId,
      currency: 'USD',
      issueDate: '2026-02-26',
    });
    expect(cur.statusCode).toBe(400);
    expect(cur.json().error.code).toBe('CURRENCY_MISMATCH');
    const bad = await u.fin.client.post('/api/v1/invoices', {
      customerId: zhangCustomer,
      amount: '1',
      currency: 'CNY',
      issueDate: '2026-02-30',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('issueDate');
    const early = await u.fin.client.post('/api/v1/invoices', {
      customerId: zhangCustomer,
      amount: '1',
      currency: 'CNY',
      issueDate: '2026-02-10',
      dueDate: '2026-02-01',
    });
    expect(early.statusCode).toBe(400);
    const unknown = await u.fin.client.post('/api/v1/invoices', {
      customerId: zhangCustomer,
      amount: '1',
      currency: 'CNY',
      issueDate: '2026-02-10',
      foo: 1,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('UNKNOWN_FIELD');
    expect(await count('invoices')).toBe(before);
  });

  it('lets finance write, sales and read-only only read what they see', async () => {
    const body = { customerId: zhangCustomer, amount: '1', currency: 'CNY', issueDate: '2026-02-10' };
    expect((await u.zhang.client.post('/api/v1/invoices', body)).statusCode).toBe(403);
    expect((await u.gao.client.post('/api/v1/invoices', body)).statusCode).toBe(403);
    expect((await u.zhang.client.get(`/api/v1/invoices/${inv.one.id}`)).statusCode).toBe(200);
    expect((await u.li.client.get(`/api/v1/invoices/${inv.one.id}`)).statusCode).toBe(404);
    expect((await u.gao.client.get(`/api/v1/invoices/${inv.one.id}`)).statusCode).toBe(200);
    const zl = (await u.zhang.client.get('/api/v1/invoices')).json();
    expect(zl.total).toBe(5);
    expect(zl.items.every((i: { customerId: string }) => i.customerId === zhangCustomer)).toBe(true);
    expect((await u.li.client.get('/api/v1/invoices')).json().total).toBe(1);
    expect((await u.fin.client.get('/api/v1/invoices')).json().total).toBe(6);
    expect((await u.fin.client.get('/api/v1/invoices?overdue=true')).json().total).toBe(3); // one, usd, li
  });

  it('keeps the other tenant out', async () => {
    expect((await adminB.get(`/api/v1/invoices/${inv.one.id}`)).statusCode).toBe(404);
    expect((await adminB.get('/api/v1/invoices')).json().total).toBe(0);
    expect((await adminB.del(`/api/v1/invoices/${inv.one.id}`)).statusCode).toBe(404);
    expect(
      (await adminB.get(`/api/v1/customers/${zhangCustomer}/statement?from=2026-01-01&to=2026-12-31`))
        .statusCode,
    ).toBe(404);
    const b = (await adminB.post('/api/v1/customers', { kind: 'company', name: '乙方客户' })).json().id;
    const res = await adminB.post('/api/v1/payments', {
      customerId: b,
      amount: '10',
      currency: 'CNY',
      receivedOn: '2026-02-01',
      allocations: [{ invoiceId: inv.two.id, amount: '10' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({
      field: 'allocations[0].invoiceId',
      code: 'notFound',
    });
    expect((await adminB.get('/api/v1/receivables/ageing')).json().totals).toEqual([]);
    expect((await invoiceRow(inv.two.id)).paid_amount).toBe('0.00');
  });
});

describe('payments', () => {
  it('allocates a payment to invoices and settles them (paid at the local received day)', async () => {
    const p1 = await pay(u.fin.client, {
      customerId: zhangCustomer,
      amount: '400',
      receivedOn: '2026-01-20',
      allocations: [{ invoiceId: inv.one.id, amount: '400' }],
    });
    expect(p1.allocatedAmount).toBe('400.00');
    expect(await invoiceRow(inv.one.id)).toMatchObject({
      paid_amount: '400.00',
      status: 'open',
      paid_at: null,
    });
    await pay(u.fin.client, {
      customerId: zhangCustomer,
      amount: '600',
      receivedOn: '2026-02-10',
      allocations: [{ invoiceId: inv.one.id, amount: '600' }],
    });
    const one = await invoiceRow(inv.one.id);
    expect(one.status).toBe('paid');
    expect(new Date(one.paid_at!).toISOString()).toBe('2026-02-09T16:00:00.000Z'); // 10 Feb 00:00 in Shanghai
    const p3 = await pay(u.fin.client, {
      customerId: zhangCustomer,
      amount: '350',
      receivedOn: '2026-02-25',
      allocations: [{ invoiceId: inv.three.id, amount: '300' }],
    });
    expect(p3.unallocatedAmount).toBe('50.00');
    await pay(admin, {
      customerId: liCustomer,
      amount: '234.56',
      receivedOn: '2026-01-15',
      allocations: [{ invoiceId: inv.li.id, amount: '234.56' }],
    });
  });

  it('writes nothing when the second allocation fails (409 naming allocations[1].amount)', async () => {
    const before = { payments: await count('payments'), allocations: await count('payment_allocations') };
    const res = await u.fin.client.post('/api/v1/payments', {
      customerId: zhangCustomer,
      amount: '5000',
      currency: 'CNY',
      receivedOn: '2026-03-01',
      allocations: [
        { invoiceId: inv.two.id, amount: '100' },
        { invoiceId: inv.four.id, amount: '500.01' },
      ],
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('ALLOCATION_EXCEEDS_INVOICE');
    expect(res.json().error.details[0].field).toBe('allocations[1].amount');
    expect({ payments: await count('payments'), allocations: await count('payment_allocations') }).toEqual(
      before,
    );
    expect((await invoiceRow(inv.two.id)).paid_amount).toBe('0.00');
    // A paid invoice has nothing open.
    const paid = await u.fin.client.post('/api/v1/payments', {
      customerId: zhangCustomer,
      amount: '1',
      currency: 'CNY',
      receivedOn: '2026-03-01',
      allocations: [{ invoiceId: inv.one.id, amount: '1' }],
    });
    expect(paid.statusCode).toBe(409);
  });

  it('refuses allocations beyond the payment, in another currency, or to another customer', async () => {
    const before = await count('payments');
    const base = { customerId: zhangCustomer, currency: 'CNY', receivedOn: '2026-03-01' };
    const over = await u.fin.client.post('/api/v1/payments', {
      ...base,
      amount: '50',
      allocations: [{ invoiceId: inv.two.id, amount: '100' }],
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.code).toBe('ALLOCATION_EXCEEDS_PAYMENT');
    const cur = await u.fin.client.post('/api/v1/payments', {
      ...base,
      amount: '50',
      allocations: [{ invoiceId: inv.usd.id, amount: '50' }],
    });
    expect(cur.statusCode).toBe(400);
    expect(cur.json().error.code).toBe('CURRENCY_MISMATCH');
    expect(cur.json().error.details[0].field).toBe('allocations[0].invoiceId');
    const other = await u.fin.client.post('/api/v1/payments', {
      ...base,
      amount: '50',
      allocations: [{ invoiceId: inv.li.id, amount: '50' }],
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details[0]).toMatchObject({
      field: 'allocations[0].invoiceId',
      code: 'otherCustomer',
    });
    const dup = await u.fin.client.post('/api/v1/payments', {
      ...base,
      amount: '50',
      allocations: [
        { invoiceId: inv.two.id, amount: '10' },
        { invoiceId: inv.two.id, amount: '10' },
      ],
    });
    expect(dup.statusCode).toBe(400);
    expect((await u.zhang.client.post('/api/v1/payments', { ...base, amount: '1' })).statusCode).toBe(403);
    expect((await u.gao.client.post('/api/v1/payments', { ...base, amount: '1' })).statusCode).toBe(403);
    expect(await count('payments')).toBe(before);
  });

  it('reverses the allocations of a deleted payment', async () => {
    const p = await pay(u.fin.client, {
      customerId: zhangCustomer,
      amount: '2500.50',
      receivedOn: '2026-03-01',
      allocations: [{ invoiceId: inv.two.id, amount: '2500.50' }],
    });
    expect((await invoiceRow(inv.two.id)).status).toBe('paid');
    expect((await u.zhang.client.del(`/api/v1/payments/${p.id}`)).statusCode).toBe(403);
    expect((await u.fin.client.del(`/api/v1/payments/${p.id}`)).statusCode).toBe(204);
    expect(await invoiceRow(inv.two.id)).toMatchObject({
      paid_amount: '0.00',
      status: 'open',
      paid_at: null,
    });
    expect((await u.fin.client.get(`/api/v1/payments/${p.id}`)).statusCode).toBe(404);
    // A voided invoice leaves the balances; one with payments cannot be voided.
    expect((await u.fin.client.del(`/api/v1/invoices/${inv.one.id}`)).json().error.code).toBe(
      'INVOICE_HAS_PAYMENTS',
    );
  });
});

describe('statement', () => {
  it('matches the hand-computed statement for February', async () => {
    const res = await u.zhang.client.get(
      `/api/v1/customers/${zhangCustomer}/statement?from=2026-02-01&to=2026-02-28`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    const cny = s.currencies.find((c: { currency: string }) => c.currency === 'CNY');
    // Opening: INV-1 1000.00 − payment of 20 Jan 400.00.
    expect(cny.opening).toBe('600.00');
    expect(
      cny.lines.map((l: Record<string, string>) => [l.date, l.kind, l.debit, l.credit, l.balance]),
    ).toEqual([
      ['2026-02-05', 'invoice', '2500.50', '0.00', '3100.50'],
      ['2026-02-10', 'payment', '0.00', '600.00', '2500.50'],
      ['2026-02-20', 'invoice', '300.00', '0.00', '2800.50'],
      ['2026-02-25', 'invoice', '500.00', '0.00', '3300.50'],
      ['2026-02-25', 'payment', '0.00', '350.00', '2950.50'],
    ]);
    expect([cny.debits, cny.credits, cny.closing]).toEqual(['3300.50', '950.00', '2950.50']);
    const usd = s.currencies.find((c: { currency: string }) => c.currency === 'USD');
    expect([usd.opening, usd.closing, usd.lines.length]).toEqual(['0.00', '200.00', 1]);
    // The next period opens where this one closed.
    const march = (
      await u.fin.client.get(`/api/v1/customers/${zhangCustomer}/statement?from=2026-03-01&to=2026-03-31`)
    ).json();
    expect(march.currencies.find((c: { currency: string }) => c.currency === 'CNY').opening).toBe('2950.50');
  });

  it('downloads the statement as xlsx; refuses other customers and bad periods', async () => {
    const res = await u.fin.client.get(
      `/api/v1/customers/${zhangCustomer}/statement?from=2026-02-01&to=2026-02-28&format=xlsx`,
    );
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const values = wb.worksheets[0]!.getSheetValues().flat().map(String);
    expect(values).toContain('2950.50');
    expect(values).toContain(inv.two.number);
    expect(
      (await u.li.client.get(`/api/v1/customers/${zhangCustomer}/statement?from=2026-02-01&to=2026-02-28`))
        .statusCode,
    ).toBe(404);
    expect(
      (await u.fin.client.get(`/api/v1/customers/${zhangCustomer}/statement?from=2026-03-01&to=2026-02-01`))
        .statusCode,
    ).toBe(400);
    // Sales may read but not export.
    expect(
      (
        await u.zhang.client.get(
          `/api/v1/customers/${zhangCustomer}/statement?from=2026-02-01&to=2026-02-28&format=xlsx`,
        )
      ).statusCode,
    ).toBe(403);
  });
});

describe('ageing and days-to-pay', () => {
  it('buckets the open amounts on the local date, per customer and in total', async () => {
    const res = await u.fin.client.get('/api/v1/receivables/ageing');
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    expect(a.asOf).toBe('2026-03-02');
    expect(a.timeZone).toBe('Asia/Shanghai');
    const cny = a.totals.find((t: { currency: string }) => t.currency === 'CNY');
    // INV-2 2500.50 (due 7 Mar) and INV-4 500.00 (due 11 Apr) not yet due; li's 1000.00 due 30 Nov: 92 days.
    expect(cny).toMatchObject({
      current: '3000.50',
      d1_30: '0.00',
      d31_60: '0.00',
      d61_90: '0.00',
      d90plus: '1000.00',
      total: '4000.50',
      customers: 2,
    });
    const usd = a.totals.find((t: { currency: string }) => t.currency === 'USD');
    expect(usd).toMatchObject({ d1_30: '200.00', total: '200.00' }); // due 15 Feb: 15 days
    expect(a.customers[0]).toMatchObject({
      customerId: liCustomer,
      customerName: '迪拜贸易公司',
      d90plus: '1000.00',
    });
    // As of 31 January: only what was issued by then; li's invoice 62 days overdue.
    const jan = (await u.fin.client.get('/api/v1/receivables/ageing?asOf=2026-01-31')).json();
    expect(jan.totals).toEqual([
      {
        currency: 'CNY',
        customers: 1,
        current: '0.00',
        d1_30: '0.00',
        d31_60: '0.00',
        d61_90: '1000.00',
        d90plus: '0.00',
        total: '1000.00',
      },
    ]);
  });

  it('follows the customer scope and exports xlsx', async () => {
    const z = (await u.zhang.client.get('/api/v1/receivables/ageing')).json();
    expect(z.customers.map((c: { customerId: string }) => c.customerId)).toEqual([
      zhangCustomer,
      zhangCustomer,
    ]);
    expect(z.totals.find((t: { currency: string }) => t.currency === 'CNY').total).toBe('3000.50');
    expect((await u.gao.client.get('/api/v1/receivables/ageing')).json().customersTotal).toBe(3);
    const x = await u.fin.client.get('/api/v1/receivables/ageing?format=xlsx');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect((await u.zhang.client.get('/api/v1/receivables/ageing?format=xlsx')).statusCode).toBe(403);
  });

  it('computes days-to-pay weighted by amount', async () => {
    const res = await u.zhang.client.get(`/api/v1/customers/${zhangCustomer}/receivables`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    // INV-1 1000.00 issued 10 Jan, paid 10 Feb: 31 days; INV-3 300.00 issued 20 Feb, paid 25 Feb: 5 days.
    // (31 × 1000 + 5 × 300) / 1300 = 25.
    expect(s.daysToPay).toBe(25);
    expect(s.paidInvoices).toBe(2);
    const cny = s.currencies.find((c: { currency: string }) => c.currency === 'CNY');
    expect(cny).toMatchObject({
      invoiced: '4300.50',
      paid: '1300.00',
      open: '3000.50',
      overdue: '0.00',
      unallocated: '50.00',
    });
    expect((await u.li.client.get(`/api/v1/customers/${zhangCustomer}/receivables`)).statusCode).toBe(404);
    expect((await u.li.client.get(`/api/v1/customers/${liCustomer}/receivables`)).json().daysToPay).toBe(
      null,
    );
  });
});
