import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The first-run journey of an administrator, in headless Chromium against the real server.
// Assumes `npm run build` ran; builds web/dist itself only when it is missing.

const ROOT = path.resolve(import.meta.dirname, '../..');
const ARTIFACTS = path.join(ROOT, 'test/e2e/artifacts');
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

let server: ChildProcess | undefined;
let serverOutput = '';
let browser: Browser | undefined;
let page: Page;
let baseUrl = '';
let dataDir = '';
/** The last API calls the page made, for the failure message. */
const apiCalls: string[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitHealthy(url: string, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server?.exitCode !== null && server?.exitCode !== undefined) {
      throw new Error(`server exited with ${server.exitCode}:\n${serverOutput.slice(-4000)}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy:\n${serverOutput.slice(-4000)}`);
}

/** Runs one step of the journey; on failure keeps a screenshot named after the step. */
async function step(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
    await page?.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `step "${name}" failed (screenshot: ${path.relative(ROOT, file)}): ${message}\n--- last API calls ---\n${apiCalls.join('\n')}\n--- server log tail ---\n${serverOutput.slice(-3000)}`,
      { cause: error },
    );
  }
}

/**
 * Picks an item from a popup (dropdown menu, select list). Popups animate in, and under load a click
 * can land before the item takes it; so retry until `done` says the choice took effect.
 */
async function pick(trigger: Locator, item: Locator, done: () => Promise<boolean>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (!(await item.isVisible())) await trigger.click();
    await item.waitFor({ state: 'visible' });
    await item.click();
    try {
      await expect.poll(done, { timeout: 5_000 }).toBe(true);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

async function openAdmin(item: string): Promise<void> {
  const target = page.getByTestId(`menu-admin-${item}`);
  if (!(await target.isVisible())) await page.getByTestId('menu-admin').click();
  await target.click();
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
  }
  const port = await freePort();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-e2e-'));
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      GUANXI_WEB_DIST: 'web/dist',
      // An empty database and no first-run variables: the UI must show the setup page.
      DATABASE_URL: '',
      GUANXI_ADMIN_EMAIL: '',
      GUANXI_ADMIN_PASSWORD: '',
      GUANXI_ORG_NAME: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d: Buffer) => (serverOutput += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (serverOutput += d.toString()));
  await waitHealthy(baseUrl);

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/')) return;
    apiCalls.push(`${response.request().method()} ${url.pathname}${url.search} → ${response.status()}`);
    if (apiCalls.length > 25) apiCalls.shift();
  });
});

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

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
