import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJourney, type Journey } from './harness.ts';

// A quote to a statement, in headless Chromium against the real server: a rep's quote with a 15 %
// discount (above a rep's 10 %) goes to approval, the sales manager approves it, the customer
// accepts and it becomes an order; the rep submits it, the manager approves and starts production,
// logistics ships it with carrier and tracking number and marks it delivered, the rep completes it;
// finance invoices it and the customer's statement shows the invoice.

const ADMIN = { org: '佛山美达电器有限公司', email: 'admin@meida.example.cn', password: 'Meida2026!' };
const PASSWORD = 'Passw0rd-2026';
const USERS = {
  rep: { name: '张伟', email: 'zhang.wei@meida.example.cn', role: 'sales' },
  manager: { name: '王建国', email: 'wang.jianguo@meida.example.cn', role: 'manager' },
  logistics: { name: '何军', email: 'he.jun@meida.example.cn', role: 'logistics' },
  finance: { name: '林芳', email: 'lin.fang@meida.example.cn', role: 'finance' },
} as const;
const CUSTOMER = '广州市天河家电贸易有限公司';

let journey: Journey;

beforeAll(async () => {
  journey = await startJourney({
    GUANXI_ADMIN_EMAIL: ADMIN.email,
    GUANXI_ADMIN_PASSWORD: ADMIN.password,
    GUANXI_ORG_NAME: ADMIN.org,
  });
});

afterAll(async () => {
  await journey?.stop();
});

describe('the order journey', () => {
  it('quote over a rep’s authority → approval → order → every department → statement', async () => {
    const { page, step, baseUrl } = journey;
    const api = async (method: string, url: string, body?: unknown) => {
      const res = await page.evaluate(
        async ({ method, url, body }) => {
          const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
          const r = await fetch(url, {
            method,
            headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          return { status: r.status, json: (await r.json().catch(() => null)) as Record<string, unknown> };
        },
        { method, url, body },
      );
      return res;
    };
    const signIn = async (email: string, password = PASSWORD) => {
      await page.context().clearCookies();
      await page.goto(`${baseUrl}/login`);
      await page.getByTestId('login-email').fill(email);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(`${baseUrl}/`);
    };
    const orderStep = async (to: string) => {
      await page.getByTestId(`order-step-${to}`).click();
      if (to === 'shipped') {
        await page.getByTestId('order-ship-carrier').fill('顺丰速运');
        await page.getByTestId('order-ship-tracking').fill('SF1234567890');
        await page.getByTestId('order-step-confirm').click();
      }
      await expect.poll(() => page.getByTestId('order-status').textContent()).not.toBe('');
      await page.getByTestId('order-timeline').getByText(/./).first().waitFor();
    };

    let productId = '';
    let customerId = '';
    let quoteId = '';
    let orderId = '';
    await step('set-up', async () => {
      await signIn(ADMIN.email, ADMIN.password);
      const dept = await api('POST', '/api/v1/departments', { name: '华南销售部' });
      expect(dept.status, JSON.stringify(dept.json)).toBe(201);
      for (const u of Object.values(USERS)) {
        const res = await api('POST', '/api/v1/users', {
          ...u,
          password: PASSWORD,
          ...(u.role === 'sales' || u.role === 'manager' ? { departmentId: dept.json.id } : {}),
        });
        expect(res.status, JSON.stringify(res.json)).toBe(201);
      }
      const product = await api('POST', '/api/v1/products', {
        sku: 'MD-AC-35',
        name: '美达 1.5 匹变频空调',
        unit: '台',
        listPrice: '2999.00',
        cost: '2100.00',
        taxRate: '13',
      });
      expect(product.status, JSON.stringify(product.json)).toBe(201);
      productId = String(product.json.id);
      // The rep's customer and a draft quote: ten units at 15 % off.
      await signIn(USERS.rep.email);
      const customer = await api('POST', '/api/v1/customers', { kind: 'company', name: CUSTOMER });
      expect(customer.status, JSON.stringify(customer.json)).toBe(201);
      customerId = String(customer.json.id);
      const quote = await api('POST', '/api/v1/quotes', {
        customerId,
        currency: 'CNY',
        validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        lines: [{ productId, quantity: '10', discountPct: '15' }],
      });
      expect(quote.status, JSON.stringify(quote.json)).toBe(201);
      quoteId = String(quote.json.id);
    });

    await step('rep-submits-quote', async () => {
      await page.goto(`${baseUrl}/quotes/${quoteId}`);
      // 10 × 2,999.00 less 15 % = 25,491.50, plus 13 % VAT = 28,805.40.
      await expect.poll(() => page.getByTestId('quote-total').textContent()).toContain('28,805.40');
      await page.getByTestId('quote-submit').click();
      await expect.poll(() => page.getByTestId('quote-status').textContent()).toContain('待审批');
    });

    await step('manager-approves', async () => {
      await signIn(USERS.manager.email);
      await page.goto(`${baseUrl}/quotes/${quoteId}`);
      await page.getByTestId('quote-approve').click();
      await page.getByTestId('quote-decision-note').fill('老客户，同意 85 折');
      await page.getByTestId('quote-decision-ok').click();
      await expect.poll(() => page.getByTestId('quote-status').textContent()).toContain('已批准');
    });

    await step('customer-accepts', async () => {
      await signIn(USERS.rep.email);
      await page.goto(`${baseUrl}/quotes/${quoteId}`);
      await page.getByTestId('quote-accept').click();
      await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
      orderId = page.url().split('/').pop()!;
      await expect.poll(() => page.getByTestId('order-total').textContent()).toContain('28,805.40');
      await expect.poll(() => page.getByTestId('order-status').textContent()).toContain('草稿');
      await orderStep('submitted');
      await expect.poll(() => page.getByTestId('order-status').textContent()).toContain('已提交');
    });

    await step('manager-approves-and-starts-production', async () => {
      await signIn(USERS.manager.email);
      await page.goto(`${baseUrl}/orders/${orderId}`);
      await orderStep('approved');
      await expect.poll(() => page.getByTestId('order-status').textContent()).toContain('已审批');
      await orderStep('inProduction');
      await expect.poll(() => page.getByTestId('order-status').textContent()).toContain('生产中');
    });

    await step('logistics-ships-and-delivers', async () => {
      await signIn(USERS.logistics.email);
      await page.goto(`${baseUrl}/orders/${orderId}`);
      // Logistics cannot complete an order: only its own steps are offered.
      expect(await page.getByTestId('order-step-completed').count()).toBe(0);
      await orderStep('shipped');
      await expect.poll(() => page.getByTestId('order-status').textContent()).toContain('已发货');
      await expect.poll(() => page.getByTestId('order-timeline').textContent()).toContain('SF1234567890');
      await orderStep('delivered');
      await expect.poll(() => page.getByTestId('order-status').textContent()).toContain('已送达');
    });

    await step('rep-completes', async () => {
      await signIn(USERS.rep.email);
      await page.goto(`${baseUrl}/orders/${orderId}`);
      await orderStep('completed');
      await expect.poll(() => page.getByTestId('order-status').textContent()).toContain('已完成');
      // One timeline every department wrote on.
      const timeline = (await page.getByTestId('order-timeline').textContent()) ?? '';
      for (const who of [USERS.rep.name, USERS.manager.name, USERS.logistics.name])
        expect(timeline).toContain(who);
    });

    await step('finance-invoices-and-statement', async () => {
      await signIn(USERS.finance.email);
      const today = new Date().toISOString().slice(0, 10);
      const invoice = await api('POST', '/api/v1/invoices', { orderId, issueDate: today });
      expect(invoice.status, JSON.stringify(invoice.json)).toBe(201);
      await page.goto(`${baseUrl}/customers/${customerId}/statement`);
      const statement = page.getByTestId('statement-CNY');
      await statement.waitFor();
      await expect.poll(() => statement.textContent()).toContain(String(invoice.json.number));
      await expect.poll(() => statement.textContent()).toContain('28,805.40');
    });
  });
});
