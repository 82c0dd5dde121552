import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, createUser, setupInstance, type Client, type TestWorld } from './helpers/app.ts';
import { postMultipart } from './helpers/multipart.ts';

// A fair's business cards in one go: vCards and spreadsheets become leads tagged with the fair.
let w: TestWorld;
let dir: string;
let admin: Client;

async function importFile(by: Client, bytes: Buffer, name: string, body: Record<string, unknown> = {}) {
  const up = await postMultipart(by, '/api/v1/imports/uploads', { entity: 'leads' }, { name, bytes });
  expect(up.statusCode, up.body).toBe(201);
  const res = await by.post('/api/v1/imports', { uploadId: up.json().uploadId, mode: 'create', ...body });
  expect(res.statusCode, res.body).toBe(202);
  await w.jobs.drain(60_000);
  return { analysis: up.json(), result: (await by.get(`/api/v1/imports/${res.json().id}`)).json() };
}

type Lead = {
  id: string;
  name: string | null;
  company: string | null;
  title: string | null;
  phones: string[];
  emails: string[];
  website: string | null;
  address: string | null;
  notes: string | null;
  channel: string;
  campaign: string | null;
  tags: string[];
  ownerId: string | null;
  country: string | null;
};
const leadsWhere = async (by: Client, q: string) =>
  (await by.get(`/api/v1/leads?limit=200&${q}`)).json().items as Lead[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-impl-'));
  w = await createTestApp({ filesDir: dir });
  admin = await setupInstance(w.app);
});
afterAll(async () => {
  await w.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('imports three business cards from a fair as leads with the fair as campaign and tag', async () => {
  const cards = [
    'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ahmed Al-Farsi\r\nORG:Gulf Building Materials LLC\r\nTITLE:Purchasing Manager\r\nTEL;TYPE=CELL:+971 50 123 4567\r\nEMAIL:ahmed@gulfbm.ae\r\nADR;TYPE=WORK:;;Sheikh Zayed Rd;Dubai;;;UAE\r\nURL:https://gulfbm.ae\r\nNOTE:Wants samples of door hinges\r\nEND:VCARD\r\n',
    'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王建国\r\nORG:杭州建国五金有限公司\r\nTITLE:总经理\r\nTEL;TYPE=CELL:13905710001\r\nEMAIL:wjg@jgwj.cn\r\nEND:VCARD\r\n',
    'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Olga Petrova\r\nORG:StroyTorg\r\nTEL;VALUE=uri;TYPE="cell":tel:+7-916-555-0101\r\nEMAIL:olga@stroytorg.ru\r\nEND:VCARD\r\n',
  ];
  const { analysis, result } = await importFile(
    admin,
    Buffer.from(cards.join(''), 'utf8'),
    'canton-fair.vcf',
    { tags: ['第138届广交会'], defaults: { channel: 'tradeFair', campaign: '第138届广交会' } },
  );
  expect(analysis.format).toBe('vcf');
  expect(result.status).toBe('done');
  expect(result.counts).toEqual({ created: 3, updated: 0, skipped: 0, failed: 0 });
  const leads = await leadsWhere(admin, `campaign=${encodeURIComponent('第138届广交会')}`);
  expect(leads).toHaveLength(3);
  for (const l of leads) {
    expect(l.channel).toBe('tradeFair');
    expect(l.tags).toEqual(['第138届广交会']);
  }
  const ahmed = leads.find((l) => l.name === 'Ahmed Al-Farsi')!;
  expect(ahmed).toMatchObject({
    company: 'Gulf Building Materials LLC',
    title: 'Purchasing Manager',
    emails: ['ahmed@gulfbm.ae'],
    website: 'https://gulfbm.ae',
    notes: 'Wants samples of door hinges',
  });
  expect(ahmed.phones[0]!.replace(/\D/g, '')).toBe('971501234567');
  expect(ahmed.address).toContain('Dubai');
  expect(leads.find((l) => l.name === '王建国')).toMatchObject({
    company: '杭州建国五金有限公司',
    title: '总经理',
  });
  // Found by the search like any lead.
  expect((await leadsWhere(admin, `q=${encodeURIComponent('建国五金')}`)).map((l) => l.name)).toEqual([
    '王建国',
  ]);
});

it('imports a GBK spreadsheet with Chinese headers, counts failures and skips duplicates', async () => {
  const csv = [
    '姓名,公司,手机,邮箱,国家,渠道,展会,意向产品,备注',
    '刘洋,宁波刘氏贸易,13800571111,liu@lsmy.cn,中国,展会,华交会2026,五金工具,要报价',
    '李雷,,,lilei@x.cn,,B2B平台,,,',
    ',,13800572222,,,,,,没有名字',
    '韩梅梅,韩氏进出口,13800573333,han@hs.cn,日本,飞鸽传书,,,',
    '陈晨,陈氏电子,13800574444,,,,,电子产品;火箭,',
  ].join('\r\n');
  const { analysis, result } = await importFile(admin, iconv.encode(csv, 'gbk'), '华交会.csv', {
    defaults: { channel: 'tradeFair', campaign: '华交会2026' },
  });
  expect(analysis.encoding.toLowerCase()).toContain('gb');
  expect(result.counts).toEqual({ created: 2, updated: 0, skipped: 0, failed: 3 });
  // The error report gives each failed row back with what is wrong with it.
  const report = (await admin.get(`/api/v1/imports/${result.id}/errors?format=csv`)).body;
  for (const cell of ['没有名字', '飞鸽传书', '火箭']) expect(report).toContain(cell);
  expect(report).not.toContain('宁波刘氏贸易');
  const liu = (await leadsWhere(admin, `q=${encodeURIComponent('刘洋')}`))[0]!;
  expect(liu).toMatchObject({
    company: '宁波刘氏贸易',
    country: 'CN',
    channel: 'tradeFair',
    campaign: '华交会2026',
  });
  const lilei = (await leadsWhere(admin, `q=lilei`))[0]!;
  expect(lilei).toMatchObject({ channel: 'b2bPlatform', campaign: '华交会2026' });

  // The same file again, skipping duplicates: every valid row is one by email or phone.
  const again = await importFile(admin, iconv.encode(csv, 'gbk'), '华交会.csv', { mode: 'skip-duplicates' });
  expect(again.result.counts).toMatchObject({ created: 0, skipped: 2, failed: 3 });
});

it('gives a rep the cards they import; undo removes them', async () => {
  const { client: rep, user } = await createUser(w.app, admin, { role: 'sales' });
  const card = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rep Card\r\nEMAIL:rep.card@buyer.com\r\nEND:VCARD\r\n';
  const { result } = await importFile(rep, Buffer.from(card), 'one.vcf', {});
  expect(result.counts.created).toBe(1);
  const mine = await leadsWhere(rep, 'q=rep.card@buyer.com');
  expect(mine).toHaveLength(1);
  expect(mine[0]!.ownerId).toBe(user.id);
  const undo = await rep.post(`/api/v1/imports/${result.id}/undo`);
  expect(undo.statusCode, undo.body).toBeLessThan(300);
  await w.jobs.drain(60_000);
  expect(await leadsWhere(admin, 'q=rep.card@buyer.com')).toHaveLength(0);
});
