import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, setupInstance, type Client, type TestWorld } from './helpers/app.ts';
import { rows } from './helpers/db-state.ts';
import { chromiumPath } from '../server/src/lib/pdf.ts';

// The quote PDF carries its Chinese text as text (fonts-noto-cjk through Chromium): pdftotext reads
// the customer and product names back. Without pdftotext or Chromium the test is skipped with a
// message — except under CI=true, where a missing tool is a failure (scripts/install-system-deps.sh).

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const missing = [
  ...(hasPdftotext() ? [] : ['pdftotext (Debian package poppler-utils)']),
  ...(fs.existsSync(chromiumPath()) ? [] : [`Chromium at ${chromiumPath()} (Debian package chromium)`]),
];
const inCi = process.env.CI === 'true';
if (missing.length && !inCi)
  console.warn(
    `quote-pdf.test.ts skipped: missing ${missing.join(' and ')}; run sudo bash scripts/install-system-deps.sh`,
  );

describe.skipIf(missing.length > 0 && !inCi)('quote PDF', () => {
  let w: TestWorld;
  let admin: Client;
  let quoteId: string;

  beforeAll(async () => {
    expect(missing, 'system packages for the PDF test (scripts/install-system-deps.sh)').toEqual([]);
    w = await createTestApp({}, {}, { now: () => new Date('2026-03-02T01:00:00.000Z') });
    admin = await setupInstance(w.app, '佛山华星电器有限公司');
    const orgId = (await admin.get('/api/v1/me')).json().orgId;
    const [p] = await rows<{ id: string }>(
      w.database.db,
      sql`insert into products (org_id, id, sku, name, unit, list_price, currency, tax_rate)
          values (${orgId}, gen_random_uuid(), 'BCD-450', '对开门冰箱', '台', '3999.00', 'CNY', '13')
          returning id::text as id`,
    );
    const customer = (
      await admin.post('/api/v1/customers', { kind: 'company', name: '深圳市龙华区美佳电器商行' })
    ).json().id;
    const q = await admin.post('/api/v1/quotes', {
      customerId: customer,
      currency: 'CNY',
      validUntil: '2026-04-30',
      lines: [
        { productId: p!.id, quantity: '12', discountPct: '3' },
        { name: '送货上门及安装', quantity: '1', unitPrice: '200' },
      ],
      terms: '预付三成，余款发货前付清',
    });
    expect(q.statusCode, q.body).toBe(201);
    quoteId = q.json().id;
  });
  afterAll(() => w?.close());

  it('contains the Chinese customer and product names as text', async () => {
    const res = await admin.get(`/api/v1/quotes/${quoteId}/pdf`, { 'accept-language': 'zh-CN' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/Q-2026-000001\.pdf/);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quote-pdf-')), 'q.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    for (const s of [
      '佛山华星电器有限公司',
      '报价单',
      '深圳市龙华区美佳电器商行',
      '对开门冰箱',
      '送货上门及安装',
      '预付三成',
      'Q-2026-000001',
    ])
      expect(text.replace(/\s+/g, ''), s).toContain(s);
    // 12 × 3999.00 less 3 % = 46548.36; + 200.00; VAT 13 % on the fridge only = 6051.29 → 52799.65.
    expect(text).toContain('52,799.65');
  });

  it('answers 503 PDF_UNAVAILABLE, translated, when Chromium is missing', async () => {
    const before = process.env.CHROMIUM_PATH;
    const { closePdfBrowser } = await import('../server/src/lib/pdf.ts');
    await closePdfBrowser();
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const res = await admin.get(`/api/v1/quotes/${quoteId}/pdf`, { 'accept-language': 'zh-CN' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('PDF_UNAVAILABLE');
      expect(res.json().error.message).toContain('Chromium');
    } finally {
      if (before === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = before;
    }
  });
});
