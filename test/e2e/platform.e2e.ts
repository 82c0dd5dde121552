import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pick, startJourney, type Journey } from './harness.ts';

// The first-run journey of an administrator, in headless Chromium against the real server.
// Assumes `npm run build` ran; builds web/dist itself only when it is missing.

const ADMIN = {
  org: '杭州星辰机械有限公司',
  name: '张伟',
  email: 'admin@xingchen.example.cn',
  password: 'Xingchen2026',
};
const DEPARTMENT = '华东销售部';
const SALES = {
  name: '李娜',
  email: 'li.na@xingchen.example.cn',
  phone: '13812345678',
  password: 'Lina20260',
};

let journey: Journey;
let page: Journey['page'];
let baseUrl = '';

async function openAdmin(item: string): Promise<void> {
  const target = page.getByTestId(`menu-admin-${item}`);
  if (!(await target.isVisible())) await page.getByTestId('menu-admin').click();
  await target.click();
}

beforeAll(async () => {
  // An empty database and no first-run variables: the UI must show the setup page.
  journey = await startJourney({ GUANXI_ADMIN_EMAIL: '', GUANXI_ADMIN_PASSWORD: '', GUANXI_ORG_NAME: '' });
  page = journey.page;
  baseUrl = journey.baseUrl;
});

afterAll(async () => {
  await journey?.stop();
});

const step = (name: string, run: () => Promise<void>) => journey.step(name, run);

describe('the administrator first-run journey', () => {
  it('sets up the organisation, builds its structure, adds a salesperson, finds the audit entry and switches to English', async () => {
    await step('setup', async () => {
      await page.goto(`${baseUrl}/`);
      await page.waitForURL(/\/setup$/);
      await page.getByTestId('setup-org-name').fill(ADMIN.org);
      await page.getByTestId('setup-admin-name').fill(ADMIN.name);
      await page.getByTestId('setup-admin-email').fill(ADMIN.email);
      await page.getByTestId('setup-admin-password').fill(ADMIN.password);
      await page.getByTestId('setup-admin-password-confirm').fill(ADMIN.password);
      await page.getByTestId('setup-submit').click();
      await page.waitForURL(`${baseUrl}/`);
      await expect.poll(() => page.getByTestId('org-name').textContent()).toBe(ADMIN.org);
      await page.getByTestId('dashboard-welcome').waitFor();
    });

    await step('sign-out-and-in', async () => {
      await pick(page.getByTestId('user-menu'), page.getByTestId('sign-out'), async () =>
        page.url().includes('/login'),
      );
      await page.waitForURL(/\/login/);
      await page.getByTestId('login-email').fill(ADMIN.email);
      await page.getByTestId('login-password').fill('wrong-password-1');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('login-error').waitFor();
      await page.getByTestId('login-password').fill(ADMIN.password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(`${baseUrl}/`);
      await page.getByTestId('dashboard-welcome').waitFor();
    });

    await step('create-department', async () => {
      await openAdmin('departments');
      await page.waitForURL(/\/admin\/departments$/);
      await page.getByTestId('create-department').click();
      await page.getByTestId('department-form-name').fill(DEPARTMENT);
      await page.getByTestId('department-form-save').click();
      await page.getByTestId(`department-node-${DEPARTMENT}`).waitFor();
    });

    await step('create-user', async () => {
      await openAdmin('users');
      await page.waitForURL(/\/admin\/users$/);
      await page.getByTestId('create-user').click();
      await page.getByTestId('user-form-name').fill(SALES.name);
      await page.getByTestId('user-form-phone').fill(SALES.phone);
      await page.getByTestId('user-form-email').fill(SALES.email);
      await page.getByTestId('user-form-password').fill(SALES.password);
      const role = page.getByTestId('user-form-role');
      await pick(
        role,
        page.getByTestId('role-option-sales'),
        async () => !!(await role.textContent())?.trim(),
      );
      const department = page.getByTestId('user-form-department');
      await pick(department, page.getByTestId(`department-option-${DEPARTMENT}`), async () =>
        ((await department.textContent()) ?? '').includes(DEPARTMENT),
      );
      await page.getByTestId('user-form-save').click();
      const row = page.getByTestId('users-table').locator('tr', { hasText: SALES.email });
      await row.waitFor();
      expect(await row.textContent()).toContain(DEPARTMENT);
    });

    await step('audit-log', async () => {
      await openAdmin('audit-log');
      await page.waitForURL(/\/admin\/audit-log$/);
      const table = page.getByTestId('audit-log-table');
      const row = table
        .locator('tr.ant-table-row', { has: page.getByTestId('audit-action-create') })
        .filter({ hasText: '用户' })
        .first();
      await row.waitFor();
      expect(await row.textContent()).toContain(ADMIN.name);
      await row.locator('.ant-table-row-expand-icon').click();
      await table.getByText(SALES.email).first().waitFor();
    });

    await step('switch-to-english', async () => {
      await pick(page.getByTestId('language-switch'), page.getByTestId('language-option-en'), async () =>
        page.evaluate(() => document.documentElement.lang === 'en'),
      );
      await page.getByRole('heading', { name: 'Audit log' }).waitFor();
      await page.getByTestId('menu-admin-users').getByText('Users').waitFor();
      // The choice is saved on the user, so it survives a reload.
      await page.reload();
      await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    });
  });
});
