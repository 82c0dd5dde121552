import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pick, startJourney, type Journey } from './harness.ts';

// A sales manager's day with the customer archive, in headless Chromium against the real server:
// create a customer, get warned about a duplicate while typing, add a contact, find the customer
// again by pinyin initials and by the last digits of its phone, and read it all in English.

const ADMIN = {
  org: '深圳市鹏程电子贸易有限公司',
  name: '张伟',
  email: 'zhang.wei@pengcheng.example.cn',
  password: 'Pengcheng2026',
};
const CUSTOMER = { name: '深圳市华强电子科技有限公司', phone: '13912345678' };
const DUPLICATE_NAME = '华强电子科技（深圳）有限公司';
const CONTACT = { name: '陈建国', title: '采购总监', phone: '13800138001' };

let journey: Journey;

beforeAll(async () => {
  // First-run variables: the organisation and its administrator exist without the setup page.
  journey = await startJourney({
    GUANXI_ADMIN_EMAIL: ADMIN.email,
    GUANXI_ADMIN_PASSWORD: ADMIN.password,
    GUANXI_ORG_NAME: ADMIN.org,
  });
});

afterAll(async () => {
  await journey?.stop();
});

describe('the customer archive journey', () => {
  it('creates a customer, warns about a duplicate, adds a contact, finds it by initials and phone, in two languages', async () => {
    const { page, step, baseUrl } = journey;
    const rowOf = (name: string) =>
      page.getByTestId('customers-table').locator('tr.ant-table-row', { hasText: name });
    const search = async (q: string) => {
      const box = page.getByTestId('customers-search').locator('input');
      await box.fill(q);
      await box.press('Enter');
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(q);
    };

    await step('sign-in', async () => {
      await page.goto(`${baseUrl}/`);
      await page.waitForURL(/\/login/);
      await page.getByTestId('login-email').fill(ADMIN.email);
      await page.getByTestId('login-password').fill(ADMIN.password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(`${baseUrl}/`);
      // The administrator's name is what the duplicate warning will show as the owner.
      await page.goto(`${baseUrl}/profile`);
      await page.getByTestId('profile-name').fill(ADMIN.name);
      await page.getByTestId('profile-save').click();
      await expect.poll(() => page.getByTestId('user-menu').textContent()).toContain(ADMIN.name);
    });

    await step('create-customer', async () => {
      await page.getByTestId('menu-customers').click();
      await page.waitForURL(/\/customers$/);
      await page.getByTestId('create-customer').click();
      await page.getByTestId('customer-form-name').fill(CUSTOMER.name);
      await page.getByTestId('customer-form-phone-0').fill(CUSTOMER.phone);
      await page.getByTestId('customer-form-save').click();
      // Saved, the new customer opens.
      await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByTestId('customer-title').textContent()).toBe(CUSTOMER.name);
      await expect.poll(() => page.getByTestId('customer-owner').textContent()).toContain(ADMIN.name);
    });

    await step('duplicate-warning', async () => {
      await page.getByTestId('menu-customers').click();
      await page.waitForURL(/\/customers$/);
      await page.getByTestId('create-customer').click();
      await page.getByTestId('customer-form-name').fill(DUPLICATE_NAME);
      const warning = page.getByTestId('customer-duplicate-warning');
      await warning.waitFor();
      const text = (await warning.textContent()) ?? '';
      expect(text).toContain(CUSTOMER.name);
      expect(text).toContain(`负责人 ${ADMIN.name}`);
      expect(text).toContain('名称');
      await page.getByTestId('customer-form-cancel').click();
      await page.getByTestId('customer-form').waitFor({ state: 'hidden' });
      // Nothing was saved.
      await rowOf(CUSTOMER.name).waitFor();
      expect(await page.getByTestId('customers-table').locator('tr.ant-table-row').count()).toBe(1);
    });

    await step('add-contact', async () => {
      await rowOf(CUSTOMER.name).getByRole('link', { name: CUSTOMER.name }).click();
      await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
      await page.getByTestId('tab-contacts').click();
      await page.getByTestId('add-contact').click();
      await page.getByTestId('contact-form-name').fill(CONTACT.name);
      await page.getByTestId('contact-form-title').fill(CONTACT.title);
      await page.getByTestId('contact-form-phone-0').fill(CONTACT.phone);
      await page.getByTestId('contact-form-key-person').click();
      await page.getByTestId('contact-form-save').click();
      const row = page
        .getByTestId('customer-contacts-table')
        .locator('tr.ant-table-row', { hasText: CONTACT.name });
      await row.waitFor();
      expect(await row.textContent()).toContain(CONTACT.title);
      await row.getByTestId('key-person').waitFor();
    });

    await step('search-by-initials', async () => {
      await page.getByTestId('menu-customers').click();
      await page.waitForURL(/\/customers$/);
      await search('hqdz');
      const row = rowOf(CUSTOMER.name);
      await row.waitFor();
      await expect.poll(() => row.getByTestId('highlight-match').first().textContent()).toBe('华强电子');
    });

    await step('search-by-phone-tail', async () => {
      await search(CUSTOMER.phone.slice(-4));
      const row = rowOf(CUSTOMER.name);
      await row.waitFor();
      await expect
        .poll(() =>
          row.locator('[data-testid^="customer-phones-"] [data-testid="highlight-match"]').textContent(),
        )
        .toBe(CUSTOMER.phone.slice(-4));
      // A number nobody has finds nothing.
      await search('0000');
      await expect
        .poll(() => page.getByTestId('customers-table').locator('tr.ant-table-row').count())
        .toBe(0);
    });

    await step('contacts-page', async () => {
      await page.getByTestId('menu-contacts').click();
      await page.waitForURL(/\/contacts$/);
      const row = page.getByTestId('contacts-table').locator('tr.ant-table-row', { hasText: CONTACT.name });
      await row.waitFor();
      await row.getByRole('link', { name: CUSTOMER.name }).waitFor();
    });

    await step('public-pool', async () => {
      // The pool is off until an administrator turns it on: do that through the API, no cool-down.
      const status = await page.evaluate(async () => {
        const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
        const res = await fetch('/api/v1/customer-pool/settings', {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
          body: JSON.stringify({ enabled: true, rules: [], capPerRep: null, coolDownDays: 0 }),
        });
        return res.status;
      });
      expect(status).toBe(200);
      await page.goto(`${baseUrl}/admin/customer-pool`);
      await expect
        .poll(() => page.getByTestId('pool-settings-enabled').getAttribute('aria-checked'))
        .toBe('true');

      // Released from its page, with a reason, the customer has no owner…
      await page.getByTestId('menu-customers').click();
      await page.waitForURL(/\/customers$/);
      await rowOf(CUSTOMER.name).getByRole('link', { name: CUSTOMER.name }).click();
      await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
      await page.getByTestId('release-customer').click();
      await page.getByTestId('release-reason').fill('客户暂无采购计划');
      await page.getByTestId('release-submit').click();
      await expect.poll(() => page.getByTestId('customer-owner').textContent()).toContain('公海');

      // …is found in the pool, and claimed back.
      await page.getByTestId('menu-customer-pool').click();
      await page.waitForURL(/\/customer-pool$/);
      const row = page.getByTestId('pool-table').locator('tr.ant-table-row', { hasText: CUSTOMER.name });
      await row.waitFor();
      await row.getByRole('button', { name: '领取' }).click();
      await row.waitFor({ state: 'detached' });
      await page.getByTestId('menu-customers').click();
      await page.waitForURL(/\/customers$/);
      await expect.poll(() => rowOf(CUSTOMER.name).textContent()).toContain(ADMIN.name);
    });

    await step('switch-to-english', async () => {
      await page.getByTestId('menu-customers').click();
      await page.waitForURL(/\/customers$/);
      await pick(page.getByTestId('language-switch'), page.getByTestId('language-option-en'), async () =>
        page.evaluate(() => document.documentElement.lang === 'en'),
      );
      await page.getByRole('heading', { name: 'Customers' }).waitFor();
      await page.getByTestId('menu-customers').getByText('Customers').waitFor();
      await page
        .getByTestId('customers-table')
        .getByRole('columnheader', { name: 'Customer name' })
        .waitFor();
      await page.getByTestId('create-customer').getByText('New customer').waitFor();
      await rowOf(CUSTOMER.name).getByText('Prospect').waitFor();
    });
  });
});
