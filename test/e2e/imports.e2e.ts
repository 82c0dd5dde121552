import fs from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pick, startJourney, type Journey } from './harness.ts';

// A trade-fair spreadsheet from an old Excel: a GBK-encoded CSV with Chinese headers, two bad rows
// and one customer the archive already has. Through the wizard in headless Chromium against the
// real server: detected encoding, auto-mapping, preview, skip-duplicates, counts, the error report,
// the customers in the list, then undo from the history, which keeps the one edited since.

const ADMIN = {
  org: '深圳市鹏程电子贸易有限公司',
  email: 'zhang.wei@pengcheng.example.cn',
  password: 'Pengcheng2026',
};
const EXISTING = { name: '深圳市华强电子科技有限公司', phone: '13912345678' };
const GOOD = ['北京中关村软件有限公司', '上海浦东国际贸易有限公司', '杭州西湖茶叶有限公司'] as const;
/** Changed after the import, so the undo keeps it. */
const EDITED = GOOD[2];
const BAD_PHONE = '成都天府电子有限公司';
const BAD_EMAIL = '广州白云五金有限公司';
const HEADERS = ['客户名称', '手机', '省份', '邮箱'];
const ROWS = [
  [GOOD[0], '13800138000', '北京市', 'info@zgc.example.cn'],
  [GOOD[1], '13700137000', '上海市', 'contact@pudong.example.cn'],
  [BAD_PHONE, '12345', '四川省', 'sales@tianfu.example.cn'],
  [EXISTING.name, EXISTING.phone, '广东省', 'sales@huaqiang.example.cn'],
  [GOOD[2], '13600136000', '浙江省', 'tea@xihu.example.cn'],
  [BAD_EMAIL, '13500135000', '广东省', 'not-an-email'],
];
// Written by iconv-lite, not by the server's reader; CRLF as Excel writes it.
const FILE = iconv.encode([HEADERS, ...ROWS].map((r) => r.join(',')).join('\r\n') + '\r\n', 'gbk');

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

describe('the import journey', () => {
  it('imports a GBK CSV through the wizard, reports the bad rows, skips the duplicate, and undoes all but an edited record', async () => {
    const { page, step, baseUrl } = journey;
    const customerRows = () => page.getByTestId('customers-table').locator('tr.ant-table-row');

    await step('sign-in', async () => {
      await page.goto(`${baseUrl}/login`);
      await page.getByTestId('login-email').fill(ADMIN.email);
      await page.getByTestId('login-password').fill(ADMIN.password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(`${baseUrl}/`);
      // The customer the file repeats is already in the archive.
      const status = await page.evaluate(async (existing) => {
        const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
        const res = await fetch('/api/v1/customers', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
          body: JSON.stringify({ kind: 'company', name: existing.name, phones: [existing.phone] }),
        });
        return res.status;
      }, EXISTING);
      expect(status).toBe(201);
    });

    await step('open-wizard', async () => {
      await page.getByTestId('menu-customers').click();
      await page.waitForURL(/\/customers$/);
      await page.getByTestId('import-customers').click();
      await page.waitForURL(/\/imports\/new\?entity=customers$/);
      await page.getByTestId('import-dragger').waitFor();
      // The empty template carries the entity's headers in the user's language.
      const [template] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('import-template-csv').click(),
      ]);
      expect(fs.readFileSync(await template.path(), 'utf8')).toContain('客户名称');
    });

    await step('upload-gbk', async () => {
      await page
        .getByTestId('import-dragger')
        .locator('input[type=file]')
        .setInputFiles({ name: '广交会名片.csv', mimeType: 'text/csv', buffer: FILE });
      // Detected as GBK (GB18030 reads GBK and is named with it), and the headers read as Chinese.
      await expect.poll(() => page.getByTestId('import-detected-encoding').textContent()).toContain('GBK');
      for (const [i, header] of HEADERS.entries())
        await expect.poll(() => page.getByTestId(`import-header-${i}`).first().textContent()).toBe(header);
      await expect.poll(() => page.getByTestId('import-raw-table').textContent()).toContain(GOOD[0]);
    });

    await step('encoding-override', async () => {
      // Read as UTF-8 the file is garbage; back to GBK it reads again: each choice re-reads the file.
      const header = () => page.getByTestId('import-header-0').first().textContent();
      const choose = async (label: string) => {
        // A list still closing from the previous choice would swallow the click.
        await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
        await pick(
          page.getByTestId('import-encoding'),
          page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`),
          async () => (await page.getByTestId('import-encoding').textContent()) === label,
        );
      };
      await choose('UTF-8');
      await expect.poll(header).not.toBe(HEADERS[0]);
      await choose('GBK');
      await expect.poll(header).toBe(HEADERS[0]);
      await expect.poll(() => page.getByTestId('import-raw-table').textContent()).toContain(GOOD[0]);
    });

    await step('auto-mapping', async () => {
      await page.getByTestId('import-next').click();
      await page.getByTestId('import-mapping-table').waitFor();
      // Every column was matched by its Chinese header; nothing required is missing.
      for (const i of HEADERS.keys())
        expect(await page.getByTestId(`mapping-select-${i}`).textContent()).not.toContain('不导入');
      expect(await page.getByTestId('import-missing-required').count()).toBe(0);
      expect(await page.getByTestId('import-next').isEnabled()).toBe(true);
    });

    await step('preview', async () => {
      await page.getByTestId('import-next').click();
      const table = page.getByTestId('import-preview-table');
      await table.locator('tr.ant-table-row').first().waitFor();
      const rowOf = (name: string) => table.locator('tr.ant-table-row', { hasText: name });
      await rowOf(BAD_PHONE).getByTestId('preview-errors').waitFor();
      await rowOf(BAD_EMAIL).getByTestId('preview-errors').waitFor();
      await rowOf(EXISTING.name).getByTestId('preview-duplicate').waitFor();
      expect(await rowOf(GOOD[0]).getByTestId('preview-errors').count()).toBe(0);
      expect(await page.getByTestId('import-preview-summary').textContent()).toContain('2 行有错误');
    });

    await step('run-skip-duplicates', async () => {
      await page.getByTestId('import-next').click();
      await page.getByTestId('import-mode-skip-duplicates').click();
      await page.getByTestId('import-start').click();
      await page.waitForURL(/\/imports\/new\?entity=customers&id=[0-9a-f-]{36}$/);
      await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
      const count = async (k: string) => (await page.getByTestId(`import-count-${k}`).textContent())?.trim();
      expect(await count('created')).toBe('3');
      expect(await count('updated')).toBe('0');
      expect(await count('skipped')).toBe('1');
      expect(await count('failed')).toBe('2');
    });

    await step('error-report', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('import-errors-csv').click(),
      ]);
      const file = await download.path();
      const text = fs.readFileSync(file, 'utf8');
      // The failed rows' original cells and why, in the user's language; the skipped duplicate marked.
      const lines = text.split(/\r?\n/);
      expect(lines[0]).toContain('错误');
      const lineOf = (name: string) => lines.find((l) => l.includes(name)) ?? '';
      expect(lineOf(BAD_PHONE)).toContain('12345');
      expect(lineOf(BAD_PHONE)).toContain('电话');
      expect(lineOf(BAD_EMAIL)).toContain('not-an-email');
      expect(lineOf(BAD_EMAIL)).toContain('邮箱');
      expect(lineOf(EXISTING.name)).toContain('已跳过');
      for (const name of GOOD) expect(text).not.toContain(name);
    });

    await step('customers-listed', async () => {
      await page.getByTestId('import-open-list').click();
      await page.waitForURL(/\/customers$/);
      for (const name of [...GOOD, EXISTING.name])
        await page.getByTestId('customers-table').locator('tr.ant-table-row', { hasText: name }).waitFor();
      await expect.poll(() => customerRows().count()).toBe(4);
    });

    await step('edit-one-imported', async () => {
      // Someone works on one imported customer before the undo: the undo must leave it alone.
      const status = await page.evaluate(async (name) => {
        const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
        const list = (await (await fetch(`/api/v1/customers?q=${encodeURIComponent(name)}`)).json()) as {
          items: { id: string; version: number }[];
        };
        const c = list.items[0]!;
        const res = await fetch(`/api/v1/customers/${c.id}`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
          body: JSON.stringify({ version: c.version, address: '西湖区龙井路 1 号' }),
        });
        return res.status;
      }, EDITED);
      expect(status).toBe(200);
    });

    await step('undo-from-history', async () => {
      await page.getByTestId('menu-imports').click();
      await page.waitForURL(/\/imports$/);
      const row = page
        .getByTestId('imports-table')
        .locator('tr.ant-table-row', { hasText: '广交会名片.csv' });
      await row.waitFor();
      expect(await row.getByTestId('import-status').textContent()).toBe('已完成');
      await row.getByTestId('import-undo').click();
      await page.getByTestId('import-undo-confirm').click();
      await expect
        .poll(() => row.getByTestId('import-status').textContent(), { timeout: 60_000 })
        .toBe('已撤销');
      // The customer changed since the import was left alone, and the page says which.
      const conflicts = page.getByTestId('undo-conflicts');
      await conflicts.waitFor();
      expect(await conflicts.textContent()).toContain(EDITED);
      expect(await row.getByTestId('undo-conflicts-tag').textContent()).toContain('1');
    });

    await step('customers-gone', async () => {
      await page.keyboard.press('Escape');
      await page.getByTestId('undo-conflicts').waitFor({ state: 'hidden' });
      await page.getByTestId('menu-customers').click();
      await page.waitForURL(/\/customers$/);
      for (const name of [EXISTING.name, EDITED])
        await page.getByTestId('customers-table').locator('tr.ant-table-row', { hasText: name }).waitFor();
      await expect.poll(() => customerRows().count()).toBe(2);
    });
  });
});
