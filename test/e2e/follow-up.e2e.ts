import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJourney, type Journey } from './harness.ts';

// The follow-up loop of issue 3, in headless Chromium against the real server: a sales rep creates
// a customer and is warned about a duplicate, logs a visit with a next step, finds the follow-up
// task on the customer and in "my tasks", releases the customer to the public pool, and another
// rep claims it from the pool.

const ADMIN = { org: '宁波海曙进出口有限公司', email: 'admin@haishu.example.cn', password: 'Haishu2026!' };
const REP1 = { name: '李娜', email: 'li.na@haishu.example.cn', password: 'LiNa2026!pass' };
const REP2 = { name: '王强', email: 'wang.qiang@haishu.example.cn', password: 'WangQiang2026!' };
const CUSTOMER = { name: '宁波市甬江机械制造有限公司', phone: '13757412345' };
const DUPLICATE_NAME = '甬江机械制造股份有限公司';
const NEXT_STEP = '寄送样品并确认报价';

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

describe('the follow-up journey', () => {
  it('logs a visit, follows up, releases to the pool and another rep claims it', async () => {
    const { page, step, baseUrl } = journey;

    const signIn = async (who: { email: string; password: string }) => {
      await page.context().clearCookies();
      await page.goto(`${baseUrl}/login`);
      await page.getByTestId('login-email').fill(who.email);
      await page.getByTestId('login-password').fill(who.password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(`${baseUrl}/`);
    };
    /** A JSON call with the signed-in user's session and CSRF token; returns the status. */
    const api = (method: string, url: string, body: unknown) =>
      page.evaluate(
        async ({ method, url, body }) => {
          const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
          const res = await fetch(url, {
            method,
            headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
            body: JSON.stringify(body),
          });
          return res.status;
        },
        { method, url, body },
      );
    const openCustomer = async () => {
      await page.getByTestId('menu-customers').click();
      await page.waitForURL(/\/customers$/);
      await page
        .getByTestId('customers-table')
        .locator('tr.ant-table-row', { hasText: CUSTOMER.name })
        .getByRole('link', { name: CUSTOMER.name })
        .click();
      await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    };

    await step('admin-prepares-reps-and-pool', async () => {
      await signIn(ADMIN);
      for (const rep of [REP1, REP2])
        expect(await api('POST', '/api/v1/users', { ...rep, role: 'sales' })).toBe(201);
      expect(
        await api('PUT', '/api/v1/customer-pool/settings', {
          enabled: true,
          rules: [],
          capPerRep: 50,
          coolDownDays: 7,
        }),
      ).toBe(200);
    });

    await step('rep-creates-customer', async () => {
      await signIn(REP1);
      await page.getByTestId('menu-customers').click();
      await page.waitForURL(/\/customers$/);
      await page.getByTestId('create-customer').click();
      await page.getByTestId('customer-form-name').fill(CUSTOMER.name);
      await page.getByTestId('customer-form-phone-0').fill(CUSTOMER.phone);
      await page.getByTestId('customer-form-save').click();
      await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByTestId('customer-owner').textContent()).toContain(REP1.name);
    });

    await step('duplicate-warning', async () => {
      await page.getByTestId('menu-customers').click();
      await page.waitForURL(/\/customers$/);
      await page.getByTestId('create-customer').click();
      await page.getByTestId('customer-form-name').fill(DUPLICATE_NAME);
      const warning = page.getByTestId('customer-duplicate-warning');
      await warning.waitFor();
      await expect.poll(() => warning.textContent()).toContain(CUSTOMER.name);
      await page.getByTestId('customer-form-cancel').click();
      await page.getByTestId('customer-form').waitFor({ state: 'hidden' });
    });

    await step('log-a-visit-with-next-step', async () => {
      await openCustomer();
      await page.getByTestId('log-interaction').click();
      await page.getByTestId('interaction-channel').click();
      await page.locator('.ant-select-item-option', { hasText: '拜访' }).click();
      await page.getByTestId('interaction-subject').fill('上门拜访采购部');
      await page.getByTestId('interaction-next-step').fill(NEXT_STEP);
      const due = new Date(Date.now() + 2 * 86_400_000);
      const ymd = `${due.getFullYear()}-${String(due.getMonth() + 1).padStart(2, '0')}-${String(due.getDate()).padStart(2, '0')}`;
      const dueBox = page.getByTestId('interaction-next-step-at');
      await dueBox.click();
      await dueBox.fill(`${ymd} 10:00`);
      await dueBox.press('Enter');
      await page.getByTestId('interaction-submit').click();
      await page.getByTestId('interaction-submit').waitFor({ state: 'hidden' });

      await page.getByTestId('tab-timeline').click();
      await expect
        .poll(() => page.getByTestId('customer-timeline').textContent())
        .toContain('上门拜访采购部');
    });

    await step('follow-up-task-appears', async () => {
      await page.getByTestId('tab-tasks').click();
      await expect.poll(() => page.getByTestId('task-list').first().textContent()).toContain(NEXT_STEP);
      await page.getByTestId('menu-tasks').click();
      await page.waitForURL(/\/tasks/);
      await page.getByTestId('tasks-tab-week').click();
      await expect.poll(() => page.getByTestId('task-list').textContent()).toContain(NEXT_STEP);
      // The visit counts as the last contact in the customer's communication behaviour.
      await openCustomer();
      await expect.poll(() => page.getByTestId('customer-activity').textContent()).toContain('拜访');
    });

    await step('release-to-pool', async () => {
      await page.getByTestId('release-customer').click();
      await page.getByTestId('release-reason').fill('客户今年暂无采购计划');
      await page.getByTestId('release-submit').click();
      await expect.poll(() => page.getByTestId('customer-owner').textContent()).toContain('公海');
    });

    await step('another-rep-claims-it', async () => {
      await signIn(REP2);
      await page.getByTestId('menu-customer-pool').click();
      await page.waitForURL(/\/customer-pool$/);
      const row = page.getByTestId('pool-table').locator('tr.ant-table-row', { hasText: CUSTOMER.name });
      await row.waitFor();
      await row.getByRole('button', { name: '领取' }).click();
      await row.waitFor({ state: 'detached' });
      await openCustomer();
      await expect.poll(() => page.getByTestId('customer-owner').textContent()).toContain(REP2.name);
      // The whole story is on the timeline the new owner inherits.
      await page.getByTestId('tab-timeline').click();
      await expect
        .poll(() => page.getByTestId('customer-timeline').textContent())
        .toContain('上门拜访采购部');
    });
  });
});
