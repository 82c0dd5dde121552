import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createTestApp,
  createUser,
  setupInstance,
  type Client,
  type TestWorld,
} from './helpers/app.ts';
import { postMultipart } from './helpers/multipart.ts';
import { insertDepartmentRow } from './helpers/db-state.ts';
import { writeZipBomb } from '../server/src/modules/imports/readers/zip-fixture.ts';

let w: TestWorld;
let dir: string;
let admin: Client;
let other: Client;
const u = {} as Record<'manager' | 'zhang' | 'li' | 'viewer', { client: Client; id: string; name: string }>;

const csv = (rows: string[][], encoding = 'utf-8', bom = false) => {
  const text = rows
    .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join('\r\n');
  return encoding === 'utf-8'
    ? Buffer.from((bom ? '\uFEFF' : '') + text + '\r\n')
    : iconv.encode(text + '\r\n', encoding);
};

async function upload(
  by: Client,
  bytes: Buffer,
  name = 'customers.csv',
  entity = 'customers',
  extra: Record<string, string> = {},
) {
  return postMultipart(by, '/api/v1/imports/uploads', { entity, ...extra }, { name, bytes });
}

async function run(by: Client, uploadId: string, body: Record<string, unknown> = {}) {
  const res = await by.post('/api/v1/imports', { uploadId, mode: 'create', ...body });
  expect(res.statusCode, res.body).toBe(202);
  await w.jobs.drain(60_000);
  const status = await by.get(`/api/v1/imports/${res.json().id}`);
  expect(status.statusCode, status.body).toBe(200);
  return status.json();
}

async function customerNamed(by: Client, q: string) {
  const res = await by.get(`/api/v1/customers?q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as {
    id: string;
    name: string;
    ownerId: string;
    version: number;
    phones: string[];
  }[];
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-imp-'));
  w = await createTestApp({ filesDir: dir });
  admin = await setupInstance(w.app);
  other = await createOrg(w.app, admin, '另一家公司', 'admin@b.test');
  const orgId = (await admin.get('/api/v1/me')).json().orgId;
  const east = await insertDepartmentRow(w.database.db, orgId, '华东销售部');
  for (const [key, body] of Object.entries({
    manager: { name: '王经理', role: 'manager', departmentId: east.id },
    zhang: { name: '张伟', role: 'sales', departmentId: east.id },
    li: { name: '李娜', role: 'sales' },
    viewer: { name: '高翔', role: 'readonly' },
  })) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as keyof typeof u] = { client, id: user.id, name: body.name };
  }
  const existing = await u.li.client.post('/api/v1/customers', {
    kind: 'company',
    name: '苏州金螳螂装饰有限公司',
    phones: ['0512-68661234'],
  });
  expect(existing.statusCode, existing.body).toBe(201);
}, 120_000);
afterAll(async () => {
  await w.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const HEADERS = ['客户名称', '客户编号', '手机', '省份', '城市', '邮箱', '客户类型', '负责人', '标签'];

describe('customer import', () => {
  it('reads a file, maps Chinese headers, previews and imports with counts that add up', async () => {
    const file = csv([
      HEADERS,
      [
        '深圳市华强电子科技有限公司',
        'C-001',
        '13800138001',
        '广东省',
        '深圳市',
        'info@huaqiang.cn',
        '',
        '',
        '展会;华南',
      ],
      ['杭州西湖茶业有限公司', 'C-002', '13800138002', '浙江', '杭州', '', '', '张伟', ''],
      ['无效电话有限公司', 'C-003', '12345', '广东', '', '', '', '', ''],
      ['', 'C-004', '13800138004', '', '', '', '', '', ''],
      ['苏州金螳螂装饰有限公司', 'C-005', '', '', '', '', '', '', ''],
      ['深圳华强电子科技', 'C-006', '', '', '', '', '', '', ''],
    ]);
    const up = await upload(admin, file);
    expect(up.statusCode, up.body).toBe(201);
    const a = up.json();
    expect(a.format).toBe('csv');
    expect(a.headers).toEqual(HEADERS);
    const mapped = Object.fromEntries(
      a.suggested.map((m: { header: string; field: string }) => [m.header, m.field]),
    );
    expect(mapped).toMatchObject({
      客户名称: 'name',
      客户编号: 'code',
      手机: 'phones',
      省份: 'province',
      负责人: 'owner',
    });
    expect(a.preview).toHaveLength(6);
    expect(a.preview[0].outcome).toBe('created');
    expect(a.preview[0].values.province).toBe('广东省');
    expect(a.preview[2].outcome).toBe('failed');
    expect(a.preview[2].errors[0].message).toMatch(/phone/i);
    expect(a.preview[3].errors[0].message).toMatch(/required/);
    expect(a.preview[4].outcome).toBe('failed');
    expect(a.preview[4].duplicate.ownerName).toBe('李娜');
    expect(a.preview[5].errors[0].message).toMatch(/row 1/);

    const done = await run(admin, a.uploadId);
    expect(done.status).toBe('done');
    expect(done.counts).toEqual({ created: 2, updated: 0, skipped: 0, failed: 4 });
    expect(done.progress).toEqual({ processed: 6, total: 6 });
    const [hq] = await customerNamed(admin, 'huaqiang');
    expect(hq?.name).toBe('深圳市华强电子科技有限公司');
    const [tea] = await customerNamed(admin, '西湖茶业');
    expect(tea?.ownerId).toBe(u.zhang.id);
    // The owner's ownership history says where the customer came from.
    const owners = (await admin.get(`/api/v1/customers/${tea!.id}/owners`)).json();
    expect(JSON.stringify(owners)).toContain('import');

    const report = await admin.get(`/api/v1/imports/${done.id}/errors?format=csv`);
    expect(report.statusCode).toBe(200);
    const lines = report.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe([...HEADERS, 'Row', 'Error'].join(','));
    expect(lines[1]).toContain('无效电话有限公司');
    expect(lines[1]).toMatch(/not a valid phone number/);
    expect(lines[3]).toMatch(/owner: 李娜/);

    const xlsx = await admin.get(`/api/v1/imports/${done.id}/errors?format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(HEADERS.length + 2).value).toBe('Error');
    expect(ws.rowCount).toBe(5);
  });

  it('skips duplicates in skip mode, also within the file', async () => {
    const file = csv([
      HEADERS,
      ['深圳市华强电子科技有限公司', '', '', '', '', '', '', '', ''],
      ['宁波港华物流有限公司', '', '13900139000', '', '', '', '', '', ''],
      ['宁波港华物流', '', '', '', '', '', '', '', ''],
    ]);
    const a = (await upload(admin, file)).json();
    const done = await run(admin, a.uploadId, { mode: 'skip-duplicates' });
    expect(done.counts).toEqual({ created: 1, updated: 0, skipped: 2, failed: 0 });
  });

  it('upserts by code: updates what exists, creates the rest, and undo reverts both', async () => {
    const [before] = await customerNamed(admin, '西湖茶业');
    const file = csv([
      ['客户编号', '客户名称', '电话', '标签'],
      ['C-002', '杭州西湖茶业有限公司', '0571-87654321', 'VIP'],
      ['C-100', '上海浦江机械有限公司', '', ''],
    ]);
    const a = (await upload(admin, file)).json();
    const done = await run(admin, a.uploadId, { mode: 'upsert', key: 'code' });
    expect(done.counts).toEqual({ created: 1, updated: 1, skipped: 0, failed: 0 });
    const [after] = await customerNamed(admin, '西湖茶业');
    expect(after!.id).toBe(before!.id);
    expect(after!.phones).toEqual(['0571-87654321']);
    expect(after!.version).toBe(before!.version + 1);

    const undo = await admin.post(`/api/v1/imports/${done.id}/undo`);
    expect(undo.statusCode, undo.body).toBe(202);
    await w.jobs.drain(60_000);
    const undone = (await admin.get(`/api/v1/imports/${done.id}`)).json();
    expect(undone.status).toBe('undone');
    expect(undone.undoConflicts).toEqual([]);
    const [reverted] = await customerNamed(admin, '西湖茶业');
    expect(reverted!.phones).toEqual(['13800138002']);
    expect(await customerNamed(admin, '浦江机械')).toEqual([]);
  });

  it('undo leaves records changed since the import and names them', async () => {
    const file = csv([['客户名称'], ['北京燕山石化有限公司'], ['天津港湾贸易有限公司']]);
    const a = (await upload(admin, file)).json();
    const done = await run(admin, a.uploadId);
    expect(done.counts.created).toBe(2);
    const [ys] = await customerNamed(admin, '燕山石化');
    const patched = await admin.patch(`/api/v1/customers/${ys!.id}`, {
      version: ys!.version,
      address: '北京市房山区',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    await admin.post(`/api/v1/imports/${done.id}/undo`);
    await w.jobs.drain(60_000);
    const undone = (await admin.get(`/api/v1/imports/${done.id}`)).json();
    expect(undone.undoConflicts).toEqual([{ id: ys!.id, name: '北京燕山石化有限公司' }]);
    expect(await customerNamed(admin, '燕山石化')).toHaveLength(1);
    expect(await customerNamed(admin, '港湾贸易')).toEqual([]);
  });

  it("takes api.md's one-step multipart form with a header → field mapping; __proto__ is just a header", async () => {
    const file = csv([
      ['公司', '__proto__', 'constructor', '联系电话'],
      ['广州白云制药有限公司', 'x', 'y', '020-81234567'],
    ]);
    const res = await postMultipart(
      admin,
      '/api/v1/imports',
      {
        entity: 'customers',
        mode: 'create',
        mapping: JSON.stringify({ 公司: 'name', __proto__: null, 联系电话: 'phones' }),
      },
      { name: 'gz.csv', bytes: file },
    );
    expect(res.statusCode, res.body).toBe(202);
    await w.jobs.drain(60_000);
    const done = (await admin.get(`/api/v1/imports/${res.json().id}`)).json();
    expect(done.counts).toEqual({ created: 1, updated: 0, skipped: 0, failed: 0 });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('reads GBK', async () => {
    const a = (
      await upload(
        admin,
        csv(
          [
            ['客户名称', '省份'],
            ['南京紫金山科技有限公司', '江苏'],
          ],
          'gbk',
        ),
      )
    ).json();
    // GB18030 is GBK's superset: either reads the file right.
    expect(['gbk', 'gb18030']).toContain(a.encoding);
    expect(a.headers).toEqual(['客户名称', '省份']);
    expect(a.preview[0].values.name).toBe('南京紫金山科技有限公司');
  });
});

describe('import security', () => {
  it('refuses bad files with the file field named', async () => {
    const stored = () => fs.readdirSync(dir, { recursive: true }).length;
    const before = stored();
    const fake = await upload(admin, Buffer.from('not a zip at all'), 'fake.xlsx');
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.details[0].field).toBe('file');
    const exe = await upload(
      admin,
      Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]),
      'x.csv',
    );
    expect(exe.statusCode).toBe(400);
    const vcfForCustomers = await upload(
      admin,
      Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张三\r\nEND:VCARD\r\n'),
      'a.vcf',
    );
    expect(vcfForCustomers.statusCode).toBe(400);
    expect(stored()).toBe(before);
  });

  it('honours roles, data scope and tenants', async () => {
    expect((await upload(u.viewer.client, csv([['客户名称'], ['某公司']]))).statusCode).toBe(403);
    // A rep imports for themself only, and cannot update another rep's customer by upsert.
    const a = (
      await upload(
        u.zhang.client,
        csv([
          ['客户名称', '负责人', '电话'],
          ['厦门鹭岛食品有限公司', '', ''],
          ['福州闽江茶叶有限公司', '李娜', ''],
          ['苏州金螳螂装饰有限公司', '', '0512-68669999'],
        ]),
      )
    ).json();
    const done = await run(u.zhang.client, a.uploadId, { mode: 'upsert', key: 'name' });
    expect(done.counts).toEqual({ created: 1, updated: 0, skipped: 0, failed: 2 });
    const report = (await u.zhang.client.get(`/api/v1/imports/${done.id}/errors?format=csv`)).body;
    expect(report).toMatch(/only import customers you own/);
    expect(report).toMatch(/outside your data scope/);
    // Imports are seen through their creator's visibility.
    expect((await u.li.client.get(`/api/v1/imports/${done.id}`)).statusCode).toBe(404);
    expect((await u.li.client.get(`/api/v1/imports/${done.id}/errors`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/imports/${done.id}`)).statusCode).toBe(404);
    expect((await u.manager.client.get(`/api/v1/imports/${done.id}`)).statusCode).toBe(200);
    const mine = (await u.li.client.get('/api/v1/imports')).json().items;
    expect(mine).toEqual([]);
    expect((await other.get('/api/v1/imports')).json().items).toEqual([]);
    expect((await admin.get('/api/v1/imports')).json().items.length).toBeGreaterThan(3);
    expect((await u.li.client.post(`/api/v1/imports/${done.id}/undo`)).statusCode).toBe(404);
  });
});

describe('hostile files and limits', () => {
  let small: TestWorld;
  let smallAdmin: Client;
  let smallDir: string;
  beforeAll(async () => {
    smallDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-imp-small-'));
    small = await createTestApp({
      filesDir: smallDir,
      importLimits: { maxMb: 0.05, maxRows: 5, maxInflatedMb: 20, maxZipEntries: 1000 },
    });
    smallAdmin = await setupInstance(small.app);
  });
  afterAll(async () => {
    await small.close();
    fs.rmSync(smallDir, { recursive: true, force: true });
  });
  const send = (bytes: Buffer, name: string) =>
    postMultipart(smallAdmin, '/api/v1/imports/uploads', { entity: 'customers' }, { name, bytes });

  it('refuses a file over the size cap with 413 and keeps nothing', async () => {
    const res = await send(Buffer.alloc(100 * 1024, 'a'), 'big.csv');
    expect(res.statusCode).toBe(413);
    expect(
      fs
        .readdirSync(smallDir, { recursive: true })
        .filter((f) => !fs.statSync(path.join(smallDir, String(f))).isDirectory()),
    ).toEqual([]);
  });

  it('refuses more rows than the cap, naming the file', async () => {
    const res = await send(
      csv([['客户名称'], ...Array.from({ length: 10 }, (_, i) => [`第${i}公司`])]),
      'rows.csv',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'file', code: 'file_tooManyRows' });
  });

  it('refuses a zip bomb from its directory, before inflating it', async () => {
    const file = path.join(smallDir, 'bomb.xlsx');
    await writeZipBomb(file, 1024 * 1024 * 1024);
    const bytes = fs.readFileSync(file);
    fs.rmSync(file);
    expect(bytes.length).toBeLessThan(5 * 1024 * 1024);
    const started = Date.now();
    // Within the size cap of the main app: the zip directory gives it away.
    const res = await upload(admin, bytes, 'bomb.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'file', code: 'file_zipBomb' });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('export → import round trip', () => {
  it('a name a spreadsheet would run comes back as typed', async () => {
    const name = '=HYPERLINK("http://evil.example","点我")有限公司';
    const created = await admin.post('/api/v1/customers', {
      kind: 'company',
      name,
      phones: ['+86 138 0013 9999'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const exported = await admin.get(
      `/api/v1/customers/export?format=csv&q=${encodeURIComponent('HYPERLINK')}`,
    );
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.body).toContain(`'=HYPERLINK`);
    // Into the other organisation, which has no such customer yet.
    const up = await postMultipart(
      other,
      '/api/v1/imports/uploads',
      { entity: 'customers' },
      { name: 'back.csv', bytes: exported.rawPayload },
    );
    expect(up.statusCode, up.body).toBe(201);
    // The owner column names a user of the first organisation: left unmapped here.
    const mapping = up
      .json()
      .mapping.map((m: { field: string | null }) => (m.field === 'owner' ? { ...m, field: null } : m));
    const res = await other.post('/api/v1/imports', {
      uploadId: up.json().uploadId,
      mode: 'create',
      mapping,
    });
    expect(res.statusCode, res.body).toBe(202);
    await w.jobs.drain(60_000);
    const done = (await other.get(`/api/v1/imports/${res.json().id}`)).json();
    const report = (await other.get(`/api/v1/imports/${done.id}/errors`)).body;
    expect(done.counts.created, report).toBe(1);
    const back = (await other.get(`/api/v1/customers?q=${encodeURIComponent('HYPERLINK')}`)).json().items;
    expect(back.map((c: { name: string }) => c.name)).toEqual([name]);
  });
});
