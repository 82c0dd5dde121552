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
import { insertDepartmentRow, insertTeamRow, rows } from './helpers/db-state.ts';

// Quotes: exact totals, numbering, discount authority and approval, sending, acceptance into an
// order, expiry, the printable page, and who sees what across roles and two organisations.
// Org A: 张伟 (sales, own, 华东 team 一组), 李娜 (sales, own, 销售部), 刘强 (manager of 销售部, which
// contains 华东), 高翔 (read-only). Org B: its administrator only.

const clock = new Date('2026-03-02T01:00:00.000Z');
let w: TestWorld;
let admin: Client;
let adminB: Client;
let orgId: string;
const u = {} as Record<'zhang' | 'li' | 'liu' | 'gao', { client: Client; id: string }>;
let customer: string;
let liCustomer: string;
let fridge: string;
let washer: string;
let usdItem: string;

type Quote = Record<string, unknown> & { id: string; version: number; status: string; number: string };

async function insertProduct(org: string, sku: string, name: string, listPrice: string, currency = 'CNY') {
  const [row] = await rows<{ id: string }>(
    w.database.db,
    sql`insert into products (org_id, id, sku, name, unit, list_price, currency, tax_rate)
        values (${org}, gen_random_uuid(), ${sku}, ${name}, '台', ${listPrice}, ${currency}, '13')
        returning id::text as id`,
  );
  return row!.id;
}

async function createQuote(by: Client, body: Record<string, unknown> = {}): Promise<Quote> {
  const res = await by.post('/api/v1/quotes', {
    customerId: customer,
    currency: 'CNY',
    validUntil: '2026-04-30',
    lines: [{ productId: fridge, quantity: '2' }],
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const withDiscount = (pct: string) => ({ lines: [{ productId: fridge, quantity: '2', discountPct: pct }] });

beforeAll(async () => {
  w = await createTestApp({}, {}, { now: () => clock });
  admin = await setupInstance(w.app);
  adminB = await createOrg(w.app, admin, '乙方贸易有限公司', 'admin@b.test');
  orgId = (await admin.get('/api/v1/me')).json().orgId;
  const sales = await insertDepartmentRow(w.database.db, orgId, '销售部');
  const east = await insertDepartmentRow(w.database.db, orgId, '华东', sales);
  const team = await insertTeamRow(w.database.db, orgId, '一组', east.id);
  for (const [key, body] of Object.entries({
    zhang: { name: '张伟', role: 'sales', departmentId: east.id, teamId: team },
    li: { name: '李娜', role: 'sales', departmentId: sales.id },
    liu: { name: '刘强', role: 'manager', departmentId: sales.id },
    gao: { name: '高翔', role: 'readonly' },
  })) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as keyof typeof u] = { client, id: user.id };
  }
  customer = (
    await u.zhang.client.post('/api/v1/customers', { kind: 'company', name: '汉堡进口商有限公司' })
  ).json().id;
  liCustomer = (await u.li.client.post('/api/v1/customers', { kind: 'company', name: '迪拜贸易公司' })).json()
    .id;
  fridge = await insertProduct(orgId, 'BCD-450', '对开门冰箱 450升', '1999.99');
  washer = await insertProduct(orgId, 'XQG-100', '滚筒洗衣机 10公斤', '2599.00');
  usdItem = await insertProduct(orgId, 'EXP-1', 'Export fridge', '300.00', 'USD');
});
afterAll(() => w.close());

describe('quote totals and numbering', () => {
  it('computes exact totals from catalogue and free-text lines, and numbers quotes per year', async () => {
    const q = await createQuote(u.zhang.client, {
      lines: [
        { productId: fridge, quantity: '3', discountPct: '5' },
        { name: '上门安装服务', quantity: '1.5', unitPrice: '333.33', taxRate: '6' },
      ],
      terms: '款到发货',
    });
    expect(q.number).toBe('Q-2026-000001');
    expect(q.status).toBe('draft');
    // 3 × 1999.99 = 5999.97, less 5 % = 5699.9715 → 5699.97, VAT 13 % = 740.9961 → 741.00;
    // 1.5 × 333.33 = 499.995 → 500.00, VAT 6 % = 30.00.
    expect(q.lines).toMatchObject([
      {
        sku: 'BCD-450',
        name: '对开门冰箱 450升',
        unit: '台',
        unitPrice: '1999.99',
        lineTotal: '5699.97',
        tax: '741.00',
      },
      { sku: null, name: '上门安装服务', unitPrice: '333.33', lineTotal: '500.00', tax: '30.00' },
    ]);
    expect({
      subtotal: q.subtotal,
      discountTotal: q.discountTotal,
      taxTotal: q.taxTotal,
      total: q.total,
      maxDiscountPct: q.maxDiscountPct,
    }).toEqual({
      subtotal: '6499.97',
      discountTotal: '300.00',
      taxTotal: '771.00',
      total: '6970.97',
      maxDiscountPct: '5.00',
    });
    const preview = await u.zhang.client.post('/api/v1/quotes/preview', {
      currency: 'CNY',
      lines: [
        { productId: fridge, quantity: '3', discountPct: '5' },
        { name: '上门安装服务', quantity: '1.5', unitPrice: '333.33', taxRate: '6' },
      ],
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ total: '6970.97', authorityPct: '10.00', needsApproval: false });
  });

  it("prices catalogue lines from the customer's price list, else the list price", async () => {
    const [list] = await rows<{ id: string }>(
      w.database.db,
      sql`insert into price_lists (org_id, id, name, customer_id, currency, valid_from, valid_to)
          values (${orgId}, gen_random_uuid(), '汉堡进口商协议价', ${customer}, 'CNY', '2026-01-01', '2026-12-31')
          returning id::text as id`,
    );
    await w.database.db.execute(
      sql`insert into price_list_items (org_id, price_list_id, product_id, price) values (${orgId}, ${list!.id}, ${washer}, '2399.00')`,
    );
    const res = await u.zhang.client.post('/api/v1/quotes/preview', {
      customerId: customer,
      currency: 'CNY',
      lines: [
        { productId: washer, quantity: '1' },
        { productId: fridge, quantity: '1' },
        { productId: washer, quantity: '1', unitPrice: '2500' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().lines.map((l: { unitPrice: string }) => l.unitPrice)).toEqual([
      '2399.00',
      '1999.99',
      '2500',
    ]);
  });

  it('gives concurrent quotes distinct consecutive numbers', async () => {
    const made = await Promise.all([1, 2, 3, 4].map(() => createQuote(u.zhang.client)));
    const numbers = made.map((q) => q.number).sort();
    expect(new Set(numbers).size).toBe(4);
    const before = (
      await rows<{ n: number }>(
        w.database.db,
        sql`select count(*)::int as n from quotes where org_id = ${orgId}`,
      )
    )[0]!.n;
    expect(numbers.at(-1)).toBe(`Q-2026-${String(before).padStart(6, '0')}`);
  });

  it('refuses bad lines naming the field', async () => {
    const bad = async (lines: unknown[], field: string, code = 'VALIDATION_FAILED') => {
      const res = await u.zhang.client.post('/api/v1/quotes', {
        customerId: customer,
        currency: 'CNY',
        validUntil: '2026-04-30',
        lines,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    };
    await bad([{ productId: '0190a0a0-0000-7000-8000-000000000000', quantity: '1' }], 'lines[0].productId');
    await bad(
      [
        { productId: fridge, quantity: '1' },
        { productId: washer, quantity: '0' },
      ],
      'lines[1].quantity',
    );
    await bad([{ quantity: '1', unitPrice: '10' }], 'lines[0].name');
    await bad([{ productId: fridge, quantity: '-1' }], 'lines[0].quantity');
    await bad([{ productId: fridge, quantity: '1', discountPct: '120' }], 'lines[0].discountPct');
    await bad([{ productId: usdItem, quantity: '1' }], 'lines[0].productId', 'CURRENCY_MISMATCH');
    await bad([{ productId: fridge, quantity: '1', colour: 'red' }], 'lines[0].colour', 'UNKNOWN_FIELD');
    // A product in another currency with an explicit price is fine.
    const ok = await u.zhang.client.post('/api/v1/quotes/preview', {
      currency: 'CNY',
      lines: [{ productId: usdItem, quantity: '1', unitPrice: '2100' }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    // Another rep's customer is outside a sales rep's scope.
    const other = await u.zhang.client.post('/api/v1/quotes', {
      customerId: liCustomer,
      currency: 'CNY',
      validUntil: '2026-04-30',
      lines: [{ productId: fridge, quantity: '1' }],
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details[0].field).toBe('customerId');
  });
});

describe('discount authority and approval', () => {
  it('approves a sales rep’s quote within the authority directly', async () => {
    const q = await createQuote(u.zhang.client, withDiscount('10'));
    const res = await u.zhang.client.post(`/api/v1/quotes/${q.id}/submit`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', approvedBy: u.zhang.id });
  });

  it('sends an over-authority discount to approval, notifies approvers, and a manager approves it', async () => {
    const q = await createQuote(u.zhang.client, withDiscount('15'));
    const patched = await u.zhang.client.patch(`/api/v1/quotes/${q.id}`, {
      version: q.version,
      notes: '旺季价',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const sub = await u.zhang.client.post(`/api/v1/quotes/${q.id}/submit`);
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json().status).toBe('pendingApproval');
    // Draft only: no edits while waiting.
    const edit = await u.zhang.client.patch(`/api/v1/quotes/${q.id}`, {
      version: sub.json().version,
      notes: 'x',
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('QUOTE_STATUS');
    const notes = (await u.liu.client.get('/api/v1/notifications')).json().items;
    expect(notes.find((n: { kind: string; link: string }) => n.link === `/quotes/${q.id}`)).toMatchObject({
      kind: 'quoteApprovalRequested',
      params: { number: q.number, discount: '15.00', authority: '10.00' },
    });
    // The approvals queue of the manager holds it; a sales rep has no queue.
    const queue = (await u.liu.client.get('/api/v1/quotes?awaitingMe=true')).json();
    expect(queue.items.map((i: Quote) => i.id)).toContain(q.id);
    expect((await u.zhang.client.get('/api/v1/quotes?awaitingMe=true')).json().items).toEqual([]);
    // A sales rep may not approve at all.
    const rep = await u.zhang.client.post(`/api/v1/quotes/${q.id}/approve`, { note: '自己批' });
    expect(rep.statusCode).toBe(403);
    const ok = await u.liu.client.post(`/api/v1/quotes/${q.id}/approve`, { note: '同意，旺季' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', approvedBy: u.liu.id, approvalNote: '同意，旺季' });
    const audit = await rows<{ action: string }>(
      w.database.db,
      sql`select action from audit_log where entity = 'quotes' and entity_id = ${q.id} order by at, id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'submit', 'approve']);
    const told = (await u.zhang.client.get('/api/v1/notifications')).json().items;
    expect(told.find((n: { kind: string }) => n.kind === 'quoteApproved')).toBeTruthy();
  });

  it('refuses approving one’s own quote unless admin, and a rejection needs a note', async () => {
    const q = await createQuote(u.liu.client, withDiscount('30'));
    expect((await u.liu.client.post(`/api/v1/quotes/${q.id}/submit`)).json().status).toBe('pendingApproval');
    const own = await u.liu.client.post(`/api/v1/quotes/${q.id}/approve`, {});
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('OWN_QUOTE_APPROVAL');
    expect((await u.liu.client.post(`/api/v1/quotes/${q.id}/reject`, {})).statusCode).toBe(400);
    const rejected = await admin.post(`/api/v1/quotes/${q.id}/reject`, { note: '折扣过大' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', approvalNote: '折扣过大' });
    // An administrator may approve their own.
    const mine = await createQuote(admin, withDiscount('100'));
    expect((await admin.post(`/api/v1/quotes/${mine.id}/submit`)).json().status).toBe('approved');
  });

  it('follows the configured authority per role (administrators only)', async () => {
    expect((await u.zhang.client.get('/api/v1/quotes/settings')).json().discountAuthority).toEqual({
      sales: '10.00',
      manager: '25.00',
      admin: '100.00',
    });
    const refused = await u.liu.client.request('PUT', '/api/v1/quotes/settings', {
      discountAuthority: { sales: '20' },
    });
    expect(refused.statusCode).toBe(403);
    const put = await admin.request('PUT', '/api/v1/quotes/settings', {
      discountAuthority: { sales: '20', manager: '25', admin: '100' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const q = await createQuote(u.zhang.client, withDiscount('15'));
    expect((await u.zhang.client.post(`/api/v1/quotes/${q.id}/submit`)).json().status).toBe('approved');
    await admin.request('PUT', '/api/v1/quotes/settings', {
      discountAuthority: { sales: '10', manager: '25', admin: '100' },
    });
  });
});

describe('send, accept and expiry', () => {
  it('turns an accepted quote into an order, once', async () => {
    const q = await createQuote(u.zhang.client, {
      lines: [
        { productId: fridge, quantity: '2', discountPct: '5' },
        { productId: washer, quantity: '1' },
      ],
    });
    expect((await u.zhang.client.post(`/api/v1/quotes/${q.id}/accept`)).statusCode).toBe(409);
    await u.zhang.client.post(`/api/v1/quotes/${q.id}/submit`);
    const sent = await u.zhang.client.post(`/api/v1/quotes/${q.id}/send`);
    expect(sent.json().status).toBe('sent');
    const res = await u.zhang.client.post(`/api/v1/quotes/${q.id}/accept`);
    expect(res.statusCode, res.body).toBe(200);
    const { quote, order } = res.json();
    expect(quote).toMatchObject({ status: 'accepted', orderId: order.id });
    const got = await u.zhang.client.get(`/api/v1/orders/${order.id}`);
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json()).toMatchObject({
      source: 'quote',
      quoteId: q.id,
      customerId: customer,
      total: quote.total,
    });
    const again = await u.zhang.client.post(`/api/v1/quotes/${q.id}/accept`);
    expect(again.statusCode).toBe(409);
    expect(
      (await rows(w.database.db, sql`select id from orders where org_id = ${orgId} and quote_id = ${q.id}`))
        .length,
    ).toBe(1);
    expect((await u.zhang.client.del(`/api/v1/quotes/${q.id}`)).statusCode).toBe(403);
  });

  it('reads an open quote past its validity as expired and refuses its steps', async () => {
    const q = await createQuote(u.zhang.client, { validUntil: '2026-03-01' });
    expect((await u.zhang.client.get(`/api/v1/quotes/${q.id}`)).json().status).toBe('expired');
    const sub = await u.zhang.client.post(`/api/v1/quotes/${q.id}/submit`);
    expect(sub.statusCode).toBe(409);
    const expired = (await u.zhang.client.get('/api/v1/quotes?status=expired'))
      .json()
      .items.map((i: Quote) => i.id);
    expect(expired).toEqual([q.id]);
    const drafts = (await u.zhang.client.get('/api/v1/quotes?status=draft'))
      .json()
      .items.map((i: Quote) => i.id);
    expect(drafts).not.toContain(q.id);
  });
});

describe('printable quote', () => {
  it('renders the letterhead, customer and lines in the caller’s language, escaped', async () => {
    await w.database.db.execute(
      sql`update orgs set settings = settings || '{"company": {"name": "华星电器有限公司", "address": "广东省佛山市顺德区", "phone": "0757-12345678"}}'::jsonb where id = ${orgId}`,
    );
    const q = await createQuote(u.zhang.client, {
      lines: [{ name: '<b>定制</b>配件', quantity: '1', unitPrice: '1234567.5' }],
    });
    const zh = await u.zhang.client.get(`/api/v1/quotes/${q.id}/print`, { 'accept-language': 'zh-CN' });
    expect(zh.statusCode).toBe(200);
    expect(zh.headers['content-type']).toMatch(/text\/html/);
    for (const s of [
      '华星电器有限公司',
      '0757-12345678',
      '报价单',
      '汉堡进口商有限公司',
      q.number,
      '1,234,567.50',
      '&lt;b&gt;定制',
    ])
      expect(zh.body).toContain(s);
    expect(zh.body).not.toContain('<b>定制');
    const en = await u.zhang.client.get(`/api/v1/quotes/${q.id}/print`, { 'accept-language': 'en' });
    expect(en.body).toContain('Quotation');
    expect(en.body).not.toContain('报价单');
  });
});

describe('who sees quotes', () => {
  it('scopes quotes to owner, department and organisation', async () => {
    const q = await createQuote(u.zhang.client);
    expect((await u.li.client.get(`/api/v1/quotes/${q.id}`)).statusCode).toBe(404);
    expect((await u.li.client.get('/api/v1/quotes')).json().items.map((i: Quote) => i.id)).not.toContain(
      q.id,
    );
    expect((await u.li.client.get(`/api/v1/quotes/${q.id}/print`)).statusCode).toBe(404);
    expect((await u.liu.client.get(`/api/v1/quotes/${q.id}`)).statusCode).toBe(200);
    expect((await u.gao.client.get(`/api/v1/quotes/${q.id}`)).statusCode).toBe(200);
    const ro = await u.gao.client.post('/api/v1/quotes', {
      customerId: customer,
      currency: 'CNY',
      validUntil: '2026-04-30',
      lines: [{ productId: fridge, quantity: '1' }],
    });
    expect(ro.statusCode).toBe(403);
    const zhangTotal = (await u.zhang.client.get('/api/v1/quotes')).json().total;
    const all = await rows<{ n: number }>(
      w.database.db,
      sql`select count(*)::int as n from quotes where org_id = ${orgId} and owner_id = ${u.zhang.id} and deleted_at is null`,
    );
    expect(zhangTotal).toBe(all[0]!.n);
  });

  it('keeps two organisations apart', async () => {
    const q = await createQuote(u.zhang.client);
    expect((await adminB.get(`/api/v1/quotes/${q.id}`)).statusCode).toBe(404);
    expect((await adminB.get(`/api/v1/quotes/${q.id}/pdf`)).statusCode).toBe(404);
    expect((await adminB.post(`/api/v1/quotes/${q.id}/approve`, {})).statusCode).toBe(404);
    expect((await adminB.get('/api/v1/quotes')).json()).toMatchObject({ items: [], total: 0 });
    const orgB = (await adminB.get('/api/v1/me')).json().orgId;
    const productB = await insertProduct(orgB, 'B-1', '乙方产品', '10.00');
    const custB = (await adminB.post('/api/v1/customers', { kind: 'company', name: '乙方客户' })).json().id;
    // Org A's product does not exist for org B.
    const cross = await adminB.post('/api/v1/quotes', {
      customerId: custB,
      currency: 'CNY',
      validUntil: '2026-04-30',
      lines: [{ productId: fridge, quantity: '1' }],
    });
    expect(cross.statusCode).toBe(400);
    const b = await adminB.post('/api/v1/quotes', {
      customerId: custB,
      currency: 'CNY',
      validUntil: '2026-04-30',
      lines: [{ productId: productB, quantity: '1' }],
    });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json().number).toBe('Q-2026-000001');
  });

  it('moves a quote to the recycle bin and back, with its history', async () => {
    const q = await createQuote(u.zhang.client);
    expect((await u.zhang.client.del(`/api/v1/quotes/${q.id}`)).statusCode).toBe(403);
    expect((await u.liu.client.del(`/api/v1/quotes/${q.id}`)).statusCode).toBe(204);
    expect((await u.liu.client.get(`/api/v1/quotes/${q.id}`)).statusCode).toBe(404);
    const back = await u.liu.client.post(`/api/v1/quotes/${q.id}/restore`);
    expect(back.statusCode, back.body).toBe(200);
    const hist = (await u.zhang.client.get(`/api/v1/quotes/${q.id}/history`)).json().items;
    expect(hist.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['create', 'delete', 'restore']),
    );
  });
});
