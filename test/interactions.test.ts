import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  createOrg,
  createTestApp,
  createUser,
  setupInstance,
  type Client,
  type TestWorld,
} from './helpers/app.ts';
import { insertDepartmentRow, rows } from './helpers/db-state.ts';

// Interactions (跟进记录): logged calls, visits, WeChat chats … against a customer, visible
// exactly when the customer is. 张伟 (east sales) owns 海天; 李娜 (south sales) owns 金螳螂;
// 王经理 manages the east department; 高翔 is read-only; org B has its own customer.
let w: TestWorld;
let admin: Client;
let otherAdmin: Client;
let dir: string;
const u = {} as Record<'manager' | 'zhang' | 'li' | 'gao', { client: Client; id: string }>;
let haitian: string;
let jintanglang: string;
let otherCustomer: string;
let chen: string;
let liContact: string;

type Json = Record<string, unknown> & { id: string; version: number };
const ago = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

async function log(by: Client, body: Record<string, unknown>): Promise<Json> {
  const res = await by.post('/api/v1/interactions', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const ids = async (by: Client, query = '') => {
  const res = await by.get(`/api/v1/interactions${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { id: string }[]).map((i) => i.id);
};
const activity = async (by: Client, customerId: string) =>
  (await by.get(`/api/v1/customers/${customerId}/activity`)).json();

/** A multipart upload through the app, as the browser sends it. */
function upload(by: Client, interactionId: string, name: string, type: string, bytes: Buffer) {
  const boundary = '----guanxi' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const payload = Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return w.app.inject({
    method: 'POST',
    url: `/api/v1/interactions/${interactionId}/attachments`,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      cookie: by.cookie!,
      'x-csrf-token': by.csrf!,
      'accept-language': 'en',
    },
    payload,
  });
}
const filesOnDisk = () => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).length : 0);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-att-'));
  w = await createTestApp({ attachmentsDir: dir, attachmentMaxMb: 0.01 });
  admin = await setupInstance(w.app);
  otherAdmin = await createOrg(w.app, admin, '另一家公司', 'admin@b.test');
  const orgId = (await admin.get('/api/v1/me')).json().orgId;
  const east = await insertDepartmentRow(w.database.db, orgId, '华东销售部');
  const south = await insertDepartmentRow(w.database.db, orgId, '华南销售部');
  for (const [key, body] of Object.entries({
    manager: { name: '王经理', role: 'manager', departmentId: east.id },
    zhang: { name: '张伟', role: 'sales', departmentId: east.id },
    li: { name: '李娜', role: 'sales', departmentId: south.id },
    gao: { name: '高翔', role: 'readonly' },
  })) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as keyof typeof u] = { client, id: user.id };
  }
  haitian = (
    await u.zhang.client.post('/api/v1/customers', { kind: 'company', name: '宁波海天塑机有限公司' })
  ).json().id;
  jintanglang = (
    await u.li.client.post('/api/v1/customers', { kind: 'company', name: '苏州金螳螂装饰有限公司' })
  ).json().id;
  otherCustomer = (
    await otherAdmin.post('/api/v1/customers', { kind: 'company', name: '别家客户有限公司' })
  ).json().id;
  chen = (await u.zhang.client.post('/api/v1/contacts', { customerId: haitian, name: '陈海峰' })).json().id;
  liContact = (await u.li.client.post('/api/v1/contacts', { customerId: jintanglang, name: '王芳' })).json()
    .id;
});
afterAll(async () => {
  await w.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('logging interactions', () => {
  it('a rep logs a visit with a next step: the record, a follow-up task and the communication behaviour', async () => {
    const nextStepAt = new Date(Date.now() + 3 * 86400_000).toISOString();
    const visit = await log(u.zhang.client, {
      customerId: haitian,
      contactId: chen,
      channel: 'visit',
      occurredAt: ago(2),
      subject: '拜访采购部',
      content: '讨论明年注塑机采购计划',
      outcome: '对方有意向',
      nextStep: '发送报价单',
      nextStepAt,
    });
    expect(visit).toMatchObject({
      customerId: haitian,
      customerName: '宁波海天塑机有限公司',
      contactId: chen,
      contactName: '陈海峰',
      channel: 'visit',
      userId: u.zhang.id,
      userName: '张伟',
      version: 1,
      attachments: [],
    });
    const tasks = await rows<Record<string, unknown>>(
      w.database.db,
      sql`select title, kind, status, assignee_id, customer_id, contact_id, related_type, due_at from tasks where related_id = ${visit.id}`,
    );
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      title: '发送报价单',
      kind: 'followUp',
      status: 'open',
      assignee_id: u.zhang.id,
      customer_id: haitian,
      contact_id: chen,
      related_type: 'interactions',
    });
    expect(new Date(tasks[0]!.due_at as string).toISOString()).toBe(nextStepAt);
    const act = await activity(u.zhang.client, haitian);
    expect(act).toMatchObject({ lastContactChannel: 'visit', lastEmailCampaignAt: null });
    expect(act.lastContactAt).toBe(visit.occurredAt);
    expect(act.lastFollowUpAt).toBe(visit.occurredAt);
    expect(act.lastByChannel).toEqual({ visit: visit.occurredAt });
  });

  it('someone other than the owner logging a call moves last contact but not the follow-up clock', async () => {
    const before = await activity(admin, haitian);
    const call = await log(admin, { customerId: haitian, channel: 'call', occurredAt: ago(1) });
    const after = await activity(admin, haitian);
    expect(after).toMatchObject({ lastContactChannel: 'call', lastContactAt: call.occurredAt });
    expect(after.lastFollowUpAt).toBe(before.lastFollowUpAt);
    expect(after.lastByChannel).toMatchObject({ call: call.occurredAt, visit: before.lastByChannel.visit });
  });

  it('deleting or back-dating the latest interaction recomputes the behaviour from the rest', async () => {
    const wechat = await log(u.zhang.client, {
      customerId: haitian,
      channel: 'wechat',
      occurredAt: ago(0.5),
    });
    expect((await activity(admin, haitian)).lastContactChannel).toBe('wechat');
    const moved = await u.zhang.client.patch(`/api/v1/interactions/${wechat.id}`, {
      version: 1,
      occurredAt: ago(100),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await activity(admin, haitian)).lastContactChannel).toBe('call');
    expect((await activity(admin, haitian)).lastByChannel.wechat).toBe(moved.json().occurredAt);
    expect((await admin.del(`/api/v1/interactions/${wechat.id}`)).statusCode).toBe(204);
    const act = await activity(admin, haitian);
    expect(act.lastByChannel.wechat).toBeUndefined();
    expect((await admin.get(`/api/v1/interactions/${wechat.id}`)).statusCode).toBe(404);
    const restored = await admin.post(`/api/v1/interactions/${wechat.id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect((await activity(admin, haitian)).lastByChannel.wechat).toBe(moved.json().occurredAt);
    const history = (await admin.get(`/api/v1/interactions/${wechat.id}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'restore',
      'delete',
      'update',
      'create',
    ]);
  });

  it('a stale version is a conflict; moving the next step moves the open follow-up task', async () => {
    const i = await log(u.zhang.client, {
      customerId: haitian,
      channel: 'email',
      occurredAt: ago(3),
      nextStep: '确认样机',
      nextStepAt: new Date(Date.now() + 86400_000).toISOString(),
    });
    const later = new Date(Date.now() + 5 * 86400_000).toISOString();
    const ok = await u.zhang.client.patch(`/api/v1/interactions/${i.id}`, { version: 1, nextStepAt: later });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await u.zhang.client.patch(`/api/v1/interactions/${i.id}`, { version: 1, subject: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const tasks = await rows<{ due_at: string }>(
      w.database.db,
      sql`select due_at from tasks where related_id = ${i.id}`,
    );
    expect(tasks.map((t) => new Date(t.due_at).toISOString())).toEqual([later]);
  });

  it('refuses bad input field by field, in the caller’s language, never a 500', async () => {
    const res = await u.zhang.client.post('/api/v1/interactions', {
      customerId: haitian,
      contactId: liContact,
      channel: 'visit',
      occurredAt: new Date(Date.now() + 2 * 86400_000).toISOString(),
    });
    expect(res.statusCode).toBe(400);
    expect(
      res.json().error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`),
    ).toEqual(['occurredAt:tooFarInFuture', 'contactId:notOfCustomer']);
    u.zhang.client.locale = 'zh-CN';
    const zh = await u.zhang.client.post('/api/v1/interactions', {
      customerId: haitian,
      channel: 'call',
      occurredAt: ago(1),
      nextStepAt: ago(5),
    });
    u.zhang.client.locale = 'en';
    expect(zh.json().error.details[0]).toMatchObject({
      field: 'nextStepAt',
      message: '下一步时间不能早于跟进时间。',
    });
    const channel = await u.zhang.client.post('/api/v1/interactions', {
      customerId: haitian,
      channel: 'telepathy',
      occurredAt: ago(1),
    });
    expect(channel.statusCode).toBe(400);
    const unknown = await u.zhang.client.post('/api/v1/interactions', {
      customerId: haitian,
      channel: 'call',
      occurredAt: ago(1),
      mood: 'happy',
    });
    expect(unknown.json().error.code).toBe('UNKNOWN_FIELD');
    const notMine = await u.zhang.client.post('/api/v1/interactions', {
      customerId: jintanglang,
      channel: 'call',
      occurredAt: ago(1),
    });
    expect(notMine.statusCode).toBe(400);
    expect(notMine.json().error.details[0]).toMatchObject({ field: 'customerId', code: 'notFound' });
  });
});

describe('who sees which interactions', () => {
  let liCall: Json;
  let otherNote: Json;
  beforeAll(async () => {
    liCall = await log(u.li.client, {
      customerId: jintanglang,
      contactId: liContact,
      channel: 'call',
      occurredAt: ago(4),
      subject: '电话回访装修进度',
    });
    otherNote = await log(otherAdmin, { customerId: otherCustomer, channel: 'note', occurredAt: ago(1) });
  });

  it('admins see their whole organisation and nothing of another', async () => {
    const all = await ids(admin);
    expect(all).toContain(liCall.id);
    expect(all).not.toContain(otherNote.id);
    expect(await ids(otherAdmin)).toEqual([otherNote.id]);
    expect((await otherAdmin.get(`/api/v1/interactions/${liCall.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/interactions/${otherNote.id}`)).statusCode).toBe(404);
    expect((await otherAdmin.get(`/api/v1/customers/${haitian}/activity`)).statusCode).toBe(404);
  });

  it('a manager sees their department, a rep their own customers, read-only everyone', async () => {
    const mgr = await u.manager.client.get('/api/v1/interactions');
    expect(mgr.json().items.every((i: { customerId: string }) => i.customerId === haitian)).toBe(true);
    expect(mgr.json().total).toBe(mgr.json().items.length);
    expect((await u.manager.client.get(`/api/v1/interactions/${liCall.id}`)).statusCode).toBe(404);
    expect(await ids(u.li.client)).toEqual([liCall.id]);
    expect((await u.li.client.get('/api/v1/interactions')).json().total).toBe(1);
    expect((await u.zhang.client.get(`/api/v1/interactions/${liCall.id}`)).statusCode).toBe(404);
    expect(await ids(u.zhang.client, `?customerId=${jintanglang}`)).toEqual([]);
    expect(await ids(u.gao.client, `?customerId=${jintanglang}`)).toEqual([liCall.id]);
    expect((await u.gao.client.get(`/api/v1/customers/${jintanglang}/activity`)).statusCode).toBe(200);
    expect((await u.zhang.client.get(`/api/v1/customers/${jintanglang}/activity`)).statusCode).toBe(404);
    const write = await u.gao.client.post('/api/v1/interactions', {
      customerId: jintanglang,
      channel: 'call',
      occurredAt: ago(1),
    });
    expect(write.statusCode).toBe(403);
  });

  it('filters by channel, contact, author, period and text, newest first', async () => {
    expect(await ids(admin, `?q=${encodeURIComponent('装修')}`)).toEqual([liCall.id]);
    expect(await ids(admin, `?contactId=${liContact}`)).toEqual([liCall.id]);
    expect(await ids(admin, `?userId=${u.li.id}`)).toEqual([liCall.id]);
    expect(await ids(u.gao.client, `?channel=call&userId=${u.li.id}`)).toEqual([liCall.id]);
    expect(await ids(admin, `?channel=call&from=${encodeURIComponent(ago(3))}&userId=${u.li.id}`)).toEqual(
      [],
    );
    const list = (await admin.get(`/api/v1/interactions?customerId=${haitian}`)).json().items as {
      occurredAt: string;
    }[];
    const times = list.map((i) => i.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
    const page1 = (await admin.get(`/api/v1/interactions?customerId=${haitian}&limit=2`)).json();
    const page2 = (
      await admin.get(`/api/v1/interactions?customerId=${haitian}&limit=2&cursor=${page1.nextCursor}`)
    ).json();
    expect([...page1.items, ...page2.items].map((i: { id: string }) => i.id)).toEqual(
      list.slice(0, 4).map((i) => (i as unknown as { id: string }).id),
    );
  });
});

describe('attachments', () => {
  let visit: Json;
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n');
  beforeAll(async () => {
    visit = await log(u.zhang.client, { customerId: haitian, channel: 'visit', occurredAt: ago(6) });
  });

  it('a PDF with a Chinese name is stored with its hash and downloaded as an attachment', async () => {
    const res = await upload(u.zhang.client, visit.id, '报价单 2027.pdf', 'application/pdf', pdf);
    expect(res.statusCode, res.body).toBe(201);
    const att = res.json();
    expect(att).toMatchObject({
      fileName: '报价单 2027.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    const got = await u.zhang.client.get(`/api/v1/interactions/${visit.id}`);
    expect(got.json().attachments.map((a: { id: string }) => a.id)).toEqual([att.id]);
    const dl = await u.gao.client.get(`/api/v1/attachments/${att.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="___ 2027.pdf"; filename*=UTF-8''${encodeURIComponent('报价单 2027.pdf')}`,
    );
    expect((await u.li.client.get(`/api/v1/attachments/${att.id}`)).statusCode).toBe(404);
    expect((await otherAdmin.get(`/api/v1/attachments/${att.id}`)).statusCode).toBe(404);
    const stored = fs.readdirSync(dir, { recursive: true }).map(String);
    expect(stored.some((p) => p.endsWith(att.id))).toBe(true);
    expect((await u.zhang.client.del(`/api/v1/attachments/${att.id}`)).statusCode).toBe(204);
    expect((await u.zhang.client.get(`/api/v1/attachments/${att.id}`)).statusCode).toBe(404);
    expect(
      fs
        .readdirSync(dir, { recursive: true })
        .map(String)
        .some((p) => p.endsWith(att.id)),
    ).toBe(false);
  });

  it('too large → 413, executables, HTML and SVG → 415, and nothing is stored', async () => {
    const rowsBefore = (await rows(w.database.db, sql`select id from attachments`)).length;
    const filesBefore = filesOnDisk();
    const big = Buffer.concat([pdf, Buffer.alloc(20_000, 0x20)]);
    const tooBig = await upload(u.zhang.client, visit.id, 'big.pdf', 'application/pdf', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    for (const [name, type, bytes] of [
      ['setup.exe', 'application/x-msdownload', Buffer.from('MZ\x90\x00')],
      ['page.html', 'text/html', Buffer.from('<html><script>alert(1)</script></html>')],
      ['logo.svg', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
      ['fake.pdf', 'application/pdf', Buffer.from('MZ\x90\x00 not a pdf')],
      ['notes.txt', 'text/html', Buffer.from('hello')],
      ['notes.txt', 'text/plain', Buffer.from('<!DOCTYPE html><html></html>')],
    ] as const) {
      const res = await upload(u.zhang.client, visit.id, name, type, Buffer.from(bytes));
      expect(res.statusCode, name).toBe(415);
      expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect((await rows(w.database.db, sql`select id from attachments`)).length).toBe(rowsBefore);
    expect(filesOnDisk()).toBe(filesBefore);
  });

  it('only callers who see the interaction may attach, and only writers', async () => {
    const csv = Buffer.from('名称,数量\n注塑机,2\n');
    expect((await upload(u.li.client, visit.id, 'a.csv', 'text/csv', csv)).statusCode).toBe(404);
    expect((await upload(otherAdmin, visit.id, 'a.csv', 'text/csv', csv)).statusCode).toBe(404);
    expect((await upload(u.gao.client, visit.id, 'a.csv', 'text/csv', csv)).statusCode).toBe(403);
    const ok = await upload(u.manager.client, visit.id, '清单.csv', 'text/csv', csv);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().contentType).toBe('text/csv; charset=utf-8');
  });
});
