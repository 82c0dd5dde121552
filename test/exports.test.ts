import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import {
  createOrg,
  createTestApp,
  createUser,
  setupInstance,
  type Client,
  type TestWorld,
} from './helpers/app.ts';
import { enqueueJob } from '../server/src/modules/jobs/index.ts';
import { loadActor } from '../server/src/modules/auth/index.ts';
import { openCustomerExport } from '../server/src/modules/customers/index.ts';

// Streaming exports of the customer and contact lists, directly and as a job with a file.
let w: TestWorld;
let filesDir: string;
let admin: Client;
let adminB: Client;
/** A rep with their own customers only, allowed to export, phones masked. */
let rep: { client: Client; id: string };
/** A rep of the built-in sales role: no export permission. */
let sales: { client: Client; id: string };
let orgId: string;

const FORMULAS = ['=HYPERLINK("http://evil.test","点我")', '+8613800138000有限公司', '@x 公司'];

async function customer(by: Client, body: Record<string, unknown>): Promise<string> {
  const res = await by.post('/api/v1/customers', { kind: 'company', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function contact(by: Client, customerId: string, body: Record<string, unknown>): Promise<string> {
  const res = await by.post('/api/v1/contacts', { customerId, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** The CSV body as rows (BOM dropped), header first. */
function csvRows(res: LightMyRequestResponse, encoding: 'utf-8' | 'gbk' = 'utf-8'): string[][] {
  const text = encoding === 'gbk' ? iconv.decode(res.rawPayload, 'gbk') : res.rawPayload.toString('utf8');
  return parse(text.replace(/^\uFEFF/, ''), { relaxQuotes: false }) as string[][];
}

async function xlsxRows(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) =>
    rows.push(
      (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))),
    ),
  );
  return rows;
}

const column = (rows: string[][], header: string) => {
  const i = rows[0]!.indexOf(header);
  expect(i, `${header} in ${rows[0]}`).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((r) => r[i]);
};

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-exports-'));
  w = await createTestApp({ filesDir });
  admin = await setupInstance(w.app);
  adminB = await createOrg(w.app, admin, '另一家贸易公司', 'admin@b.test');
  orgId = (await admin.get('/api/v1/me')).json().orgId;
  const role = await admin.post('/api/v1/roles', {
    key: 'rep_exporter',
    name: '可导出业务员',
    permissions: {
      customers: ['read', 'create', 'update', 'export'],
      contacts: ['read', 'create', 'update', 'export'],
      customFields: ['read'],
      dictionaries: ['read'],
    },
    dataScope: 'own',
    fieldRules: { 'customers.phones': 'mask', 'contacts.phones': 'mask' },
  });
  expect(role.statusCode, role.body).toBe(201);
  const r = await createUser(w.app, admin, { name: '钱多多', role: 'rep_exporter' });
  rep = { client: r.client, id: r.user.id };
  const s = await createUser(w.app, admin, { name: '孙小妹', role: 'sales' });
  sales = { client: s.client, id: s.user.id };

  const repCustomer = await customer(rep.client, {
    name: '深圳鸿图通讯科技有限公司',
    phones: ['13812345678'],
    grade: 'A',
    province: '440000',
    city: '440300',
  });
  await customer(rep.client, { name: '广州南方贸易有限公司', phones: ['13987654321'], grade: 'B' });
  for (const name of FORMULAS) await customer(admin, { name, grade: 'C' });
  await customer(admin, { name: '上海浦江实业有限公司', phones: ['02161234567'], grade: 'A' });
  await customer(adminB, { name: '北京外单位有限公司', grade: 'A' });
  await contact(rep.client, repCustomer, { name: '李经理', phones: ['13700001111'], isKeyPerson: true });
  await contact(admin, repCustomer, { name: '=1+1', title: '-采购' });
});
afterAll(async () => {
  await w.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('direct export of a list', () => {
  it('streams the administrator every customer of the organisation, and nothing of another', async () => {
    const res = await admin.get('/api/v1/customers/export?format=csv&sort=name');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="customers-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(res.body).toContain('\r\n');
    const rows = csvRows(res);
    expect(rows[0]).toContain('Name');
    expect(rows).toHaveLength(1 + 6);
    expect(column(rows, 'Name')).not.toContain('北京外单位有限公司');
    const b = csvRows(await adminB.get('/api/v1/customers/export?format=csv'));
    expect(column(b, 'Name')).toEqual(['北京外单位有限公司']);
  });

  it('gives a rep with the own scope their customers only, phones masked', async () => {
    const rows = csvRows(await rep.client.get('/api/v1/customers/export?format=csv&sort=name'));
    expect(column(rows, 'Name')).toEqual(['广州南方贸易有限公司', '深圳鸿图通讯科技有限公司']);
    expect(column(rows, 'Phones')).toEqual(['139****4321', '138****5678']);
    expect(rows.flat().join()).not.toContain('13812345678');
    const contacts = csvRows(await rep.client.get('/api/v1/contacts/export?format=csv'));
    expect(column(contacts, 'Phones')).toContain('137****1111');
  });

  it('refuses a role without the export permission', async () => {
    expect((await sales.client.get('/api/v1/customers/export?format=csv')).statusCode).toBe(403);
    expect((await sales.client.get('/api/v1/contacts/export?format=xlsx')).statusCode).toBe(403);
    expect(
      (await sales.client.post('/api/v1/exports', { entity: 'customers', format: 'csv' })).statusCode,
    ).toBe(403);
  });

  it('honours the list filters, the sort and the chosen columns, and names a wrong one', async () => {
    const res = await admin.get(
      '/api/v1/customers/export?format=csv&grade=A&sort=-name&columns=grade,phones',
    );
    const rows = csvRows(res);
    expect(rows[0]).toEqual(['Name', 'Grade', 'Phones']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['深圳鸿图通讯科技有限公司', '上海浦江实业有限公司']);
    const bad = await admin.get('/api/v1/customers/export?format=csv&columns=name,salary');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'columns', code: 'enum' });
    expect((await admin.get('/api/v1/customers/export?format=pdf')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/customers/export?grade=Z')).statusCode).toBe(400);
    const q = await admin.get(`/api/v1/contacts/export?format=csv&isKeyPerson=true`);
    expect(column(csvRows(q), 'Name')).toEqual(['李经理']);
  });

  it('writes headers in the reader’s language', async () => {
    admin.locale = 'zh-CN';
    const rows = csvRows(await admin.get('/api/v1/customers/export?format=csv&columns=grade'));
    admin.locale = 'en';
    expect(rows[0]).toEqual(['客户名称', '客户等级']);
  });

  it('neutralises formula-like cells in csv and in xlsx', async () => {
    const csv = csvRows(await admin.get('/api/v1/customers/export?format=csv&grade=C&sort=name'));
    const names = column(csv, 'Name');
    for (const f of FORMULAS) expect(names).toContain(`'${f}`);
    const xlsx = await admin.get('/api/v1/customers/export?format=xlsx&grade=C&sort=name');
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const sheet = await xlsxRows(xlsx.rawPayload);
    expect(sheet[0]![0]).toBe('Name');
    for (const f of FORMULAS) expect(column(sheet, 'Name')).toContain(`'${f}`);
    const contacts = csvRows(await admin.get('/api/v1/contacts/export?format=csv&columns=title'));
    expect(contacts.slice(1)).toContainEqual([`'=1+1`, `'-采购`]);
  });

  it('writes GBK for old Excel: no BOM, Chinese decodes, what GBK lacks becomes ?', async () => {
    const id = await customer(admin, { name: '𠀋字科技有限公司', grade: 'B' });
    const res = await admin.get('/api/v1/customers/export?format=csv&encoding=gbk&grade=B&sort=name');
    expect(res.headers['content-type']).toBe('text/csv; charset=gbk');
    expect(res.rawPayload[0]).not.toBe(0xef);
    const names = column(csvRows(res, 'gbk'), 'Name');
    expect(names).toContain('广州南方贸易有限公司');
    expect(names).toContain('?字科技有限公司');
    expect((await admin.del(`/api/v1/customers/${id}`)).statusCode).toBe(204);
  });

  it('reads in keyset chunks: small chunks give the same rows in the same order', async () => {
    const loaded = (await loadActor(w.database.db, orgId, rep.id))!;
    const ctx = {
      db: w.database.db,
      actor: loaded.actor,
      locale: 'en' as const,
      ip: '127.0.0.1',
      now: new Date(),
    };
    const read = async (chunk: number) => {
      const reader = await openCustomerExport(ctx, { sort: 'name' }, { format: 'csv', chunk });
      const rows: unknown[][] = [];
      for (let r = await reader.next(); r; r = await reader.next()) rows.push(...r);
      return { total: reader.total, names: rows.map((r) => r[0]) };
    };
    const all = await read(5000);
    expect(all.total).toBe(2);
    expect(await read(1)).toEqual(all);
    // Timestamps a millisecond cursor would cut: both rows in the same millisecond.
    await w.database.db.execute(sql`update customers set updated_at = case when name like '深圳%'
      then '2026-01-01T00:00:00.000456Z'::timestamptz else '2026-01-01T00:00:00.000123Z'::timestamptz end
      where owner_id = ${rep.id}`);
    const byUpdate = async (chunk: number) => {
      const reader = await openCustomerExport(ctx, { sort: '-updatedAt' }, { format: 'csv', chunk });
      const names: unknown[] = [];
      for (let r = await reader.next(); r; r = await reader.next()) names.push(...r.map((x) => x[0]));
      return names;
    };
    expect(await byUpdate(1)).toEqual(['深圳鸿图通讯科技有限公司', '广州南方贸易有限公司']);
  });

  it('is audited once per export: entity, rows, format and filters', async () => {
    await admin.get('/api/v1/contacts/export?format=xlsx&isKeyPerson=true');
    const log = (await admin.get('/api/v1/audit-log?entity=contacts&action=export')).json();
    expect(log.items[0].changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'rows', new: 1 }),
        expect.objectContaining({ field: 'format', new: 'xlsx' }),
        expect.objectContaining({ field: 'filters', new: { isKeyPerson: true } }),
      ]),
    );
  });
});

describe('export as a job', () => {
  async function finished(by: Client, body: Record<string, unknown>) {
    const res = await by.post('/api/v1/exports', body);
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().id as string;
    await w.jobs.drain();
    const status = await by.get(`/api/v1/exports/${id}`);
    expect(status.statusCode).toBe(200);
    return { id, status: status.json() };
  }

  it('runs with the creator’s scope and masking, reports progress and serves the file to its creator only', async () => {
    const { id, status } = await finished(rep.client, {
      entity: 'customers',
      format: 'xlsx',
      columns: ['phones'],
      query: { sort: 'name' },
    });
    expect(status).toMatchObject({
      status: 'done',
      progress: { processed: 2, total: 2 },
      fileName: expect.stringMatching(/^customers-.*\.xlsx$/),
      error: null,
    });
    expect(fs.existsSync(path.join(filesDir, 'exports', orgId, `${id}.xlsx`))).toBe(true);
    const file = await rep.client.get(`/api/v1/exports/${id}/file`);
    expect(file.statusCode).toBe(200);
    expect(await xlsxRows(file.rawPayload)).toEqual([
      ['Name', 'Phones'],
      ['广州南方贸易有限公司', '139****4321'],
      ['深圳鸿图通讯科技有限公司', '138****5678'],
    ]);
    // Someone else, even the administrator, or another tenant: not found.
    for (const other of [admin, adminB]) {
      expect((await other.get(`/api/v1/exports/${id}`)).statusCode).toBe(404);
      expect((await other.get(`/api/v1/exports/${id}/file`)).statusCode).toBe(404);
    }
  });

  it('writes contacts as GBK CSV with the list filters', async () => {
    const { id, status } = await finished(admin, {
      entity: 'contacts',
      format: 'csv',
      encoding: 'gbk',
      query: { isKeyPerson: 'true' },
    });
    expect(status.status).toBe('done');
    const file = await admin.get(`/api/v1/exports/${id}/file`);
    expect(file.headers['content-type']).toBe('text/csv; charset=gbk');
    expect(column(csvRows(file, 'gbk'), 'Name')).toEqual(['李经理']);
  });

  it('checks the list query up front, naming the parameter', async () => {
    const res = await admin.post('/api/v1/exports', {
      entity: 'customers',
      format: 'csv',
      query: { grade: 'Z' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'query.grade', code: 'enum' });
    const unknown = await admin.post('/api/v1/exports', {
      entity: 'contacts',
      format: 'csv',
      query: { colour: 'red' },
    });
    expect(unknown.json().error.details[0]).toMatchObject({ field: 'query.colour', code: 'unknownField' });
  });

  it('fails when the creator has lost the permission by the time it runs', async () => {
    const r = await createUser(w.app, admin, { name: '赵临时', role: 'rep_exporter' });
    const res = await r.client.post('/api/v1/exports', { entity: 'customers', format: 'csv' });
    expect(res.statusCode).toBe(202);
    const patched = await admin.patch(`/api/v1/users/${r.user.id}`, {
      version: r.user.version,
      role: 'sales',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    await w.jobs.drain();
    if ((await r.client.get('/api/v1/me')).statusCode === 401)
      expect((await r.client.login(String(r.user.email), 'Passw0rd!')).statusCode).toBe(200);
    const status = await r.client.get(`/api/v1/exports/${res.json().id}`);
    expect(status.json()).toMatchObject({ status: 'failed', fileName: null, error: expect.any(String) });
    expect((await r.client.get(`/api/v1/exports/${res.json().id}/file`)).statusCode).toBe(403);
  });

  it('deletes files older than a day', async () => {
    const { id } = await finished(admin, { entity: 'customers', format: 'csv' });
    expect((await admin.get(`/api/v1/exports/${id}/file`)).statusCode).toBe(200);
    await enqueueJob(w.database.db, {
      name: 'exports.cleanup',
      payload: { now: new Date(Date.now() + 25 * 3600_000).toISOString() },
    });
    await w.jobs.drain();
    expect(fs.existsSync(path.join(filesDir, 'exports', orgId, `${id}.csv`))).toBe(false);
    expect((await admin.get(`/api/v1/exports/${id}/file`)).statusCode).toBe(404);
  });
});
