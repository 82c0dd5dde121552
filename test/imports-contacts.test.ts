import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, setupInstance, type Client, type TestWorld } from './helpers/app.ts';
import { postMultipart } from './helpers/multipart.ts';

let w: TestWorld;
let dir: string;
let admin: Client;
let haitian: string;

async function importFile(bytes: Buffer, name: string, body: Record<string, unknown> = {}) {
  const up = await postMultipart(admin, '/api/v1/imports/uploads', { entity: 'contacts' }, { name, bytes });
  expect(up.statusCode, up.body).toBe(201);
  const res = await admin.post('/api/v1/imports', { uploadId: up.json().uploadId, mode: 'create', ...body });
  expect(res.statusCode, res.body).toBe(202);
  await w.jobs.drain(60_000);
  return { analysis: up.json(), result: (await admin.get(`/api/v1/imports/${res.json().id}`)).json() };
}

const contactsOf = async (customerId: string) =>
  (await admin.get(`/api/v1/contacts?customerId=${customerId}&limit=100`)).json().items as {
    id: string;
    name: string;
    phones: string[];
    emails: string[];
    title: string | null;
    birthday: string | null;
  }[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-impc-'));
  w = await createTestApp({ filesDir: dir });
  admin = await setupInstance(w.app);
  const res = await admin.post('/api/v1/customers', {
    kind: 'company',
    name: '宁波海天塑机有限公司',
    code: 'HT-01',
  });
  haitian = res.json().id;
});
afterAll(async () => {
  await w.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('imports a phone export of vCards (2.1 quoted-printable GBK, 3.0, 4.0) linked by company name', async () => {
  const qp = (s: string) =>
    [...iconv.encode(s, 'gbk')].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  const cards = [
    `BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:${qp('陈')};${qp('海峰')};;;\r\nFN;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:${qp('陈海峰')}\r\nORG;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:${qp('宁波海天塑机有限公司')}\r\nTEL;CELL:13805740001\r\nEND:VCARD\r\n`,
    `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王丽\r\nORG:宁波海天塑机\r\nTITLE:采购经理\r\nTEL;TYPE=CELL:+86 138 0574 0002\r\nEMAIL:wangli@haitian.cn\r\nBDAY:1985-06-01\r\nEND:VCARD\r\n`,
    `BEGIN:VCARD\r\nVERSION:4.0\r\nFN:李强\r\nORG:HT-01\r\nTEL;VALUE=uri;TYPE="cell":tel:+86-138-0574-0003\r\nEND:VCARD\r\n`,
    `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:赵敏\r\nORG:不存在的公司\r\nEND:VCARD\r\n`,
  ];
  const { analysis, result } = await importFile(
    Buffer.concat(cards.map((c) => Buffer.from(c, 'utf8'))),
    'phone.vcf',
  );
  expect(analysis.format).toBe('vcf');
  expect(analysis.mapping.find((m: { header: string }) => m.header === 'Organization').field).toBe(
    'customer',
  );
  const report0 = (await admin.get(`/api/v1/imports/${result.id}/errors?format=csv`)).body;
  expect(result.counts, report0).toEqual({ created: 3, updated: 0, skipped: 0, failed: 1 });
  const people = await contactsOf(haitian);
  expect(people.map((p) => p.name).sort()).toEqual(['李强', '王丽', '陈海峰'].sort());
  const wang = people.find((p) => p.name === '王丽')!;
  expect(wang.title).toBe('采购经理');
  expect(wang.emails).toEqual(['wangli@haitian.cn']);
  expect(wang.birthday).toBe('1985-06-01');
  // The customer is found by its contacts' names.
  const found = (await admin.get(`/api/v1/customers?q=${encodeURIComponent('陈海峰')}`)).json().items;
  expect(found.map((c: { id: string }) => c.id)).toEqual([haitian]);
  const report = (await admin.get(`/api/v1/imports/${result.id}/errors?format=csv`)).body;
  expect(report).toContain('赵敏');
});

it('skips a contact the customer already has and upserts by email', async () => {
  const csv = Buffer.from(
    '\uFEFF姓名,客户名称,邮箱,职位\r\n王丽,宁波海天塑机有限公司,wangli@haitian.cn,采购总监\r\n孙悦,宁波海天塑机有限公司,sunyue@haitian.cn,\r\n',
  );
  const skip = await importFile(csv, 'c.csv', { mode: 'skip-duplicates' });
  expect(skip.result.counts).toEqual({ created: 1, updated: 0, skipped: 1, failed: 0 });
  const upsert = await importFile(csv, 'c.csv', { mode: 'upsert', key: 'email' });
  expect(upsert.result.counts).toEqual({ created: 0, updated: 2, skipped: 0, failed: 0 });
  const wang = (await contactsOf(haitian)).find((p) => p.name === '王丽')!;
  expect(wang.title).toBe('采购总监');
  await admin.post(`/api/v1/imports/${upsert.result.id}/undo`);
  await w.jobs.drain(60_000);
  expect((await contactsOf(haitian)).find((p) => p.name === '王丽')!.title).toBe('采购经理');
});

it('reads custom fields by their labels, typed and checked, for customers and contacts', async () => {
  const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
  for (const body of [
    { entity: 'customers', key: 'employees', label: label('员工人数', 'Employees'), type: 'number' },
    {
      entity: 'customers',
      key: 'scale',
      label: label('规模', 'Scale'),
      type: 'choice',
      options: [
        { key: 'large', label: label('大型', 'Large') },
        { key: 'small', label: label('小型', 'Small') },
      ],
    },
    { entity: 'contacts', key: 'since', label: label('相识日期', 'Known since'), type: 'date' },
  ]) {
    const res = await admin.post('/api/v1/custom-fields', body);
    expect(res.statusCode, res.body).toBe(201);
  }
  const customers = Buffer.from(
    '客户名称,员工人数,规模\r\n杭州云栖科技有限公司,1200,大型\r\n宁波天一阁文化有限公司,很多,Small\r\n',
  );
  const up = await postMultipart(
    admin,
    '/api/v1/imports/uploads',
    { entity: 'customers' },
    { name: 'c.csv', bytes: customers },
  );
  expect(up.json().mapping.map((m: { field: string }) => m.field)).toEqual([
    'name',
    'cf.employees',
    'cf.scale',
  ]);
  const res = await admin.post('/api/v1/imports', { uploadId: up.json().uploadId, mode: 'create' });
  await w.jobs.drain(60_000);
  const done = (await admin.get(`/api/v1/imports/${res.json().id}`)).json();
  expect(done.counts).toMatchObject({ created: 1, failed: 1 });
  const report = (await admin.get(`/api/v1/imports/${done.id}/errors`)).body;
  expect(report).toMatch(/Employees must be a number/);
  const [yq] = (await admin.get(`/api/v1/customers?q=${encodeURIComponent('云栖')}`)).json().items;
  expect(yq.customFields).toEqual({ employees: 1200, scale: 'large' });

  const contacts = Buffer.from('姓名,客户名称,相识日期\r\n周洁,杭州云栖科技有限公司,2019/3/8\r\n');
  const c = await importFile(contacts, 'p.csv');
  expect(c.result.counts.created).toBe(1);
  const [zhou] = await contactsOf(yq.id);
  expect(zhou!.name).toBe('周洁');
  expect((zhou as unknown as { customFields: Record<string, unknown> }).customFields).toEqual({
    since: '2019-03-08',
  });
});
