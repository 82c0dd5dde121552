import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, createUser, setupInstance, type Client, type TestWorld } from './helpers/app.ts';
import { insertDepartmentRow, insertTeamRow, rows } from './helpers/db-state.ts';
import { enqueueJob } from '../server/src/modules/jobs/index.ts';

// The public pool (公海) through the API, with the app's clock under the test's control.
// Org time zone: Asia/Shanghai (UTC+8). 10:00 in Shanghai on 1 March 2026 = 02:00Z.
let clock = new Date('2026-03-01T02:00:00Z');
const at = (iso: string) => (clock = new Date(iso));

let w: TestWorld;
let admin: Client;
const u = {} as Record<'manager' | 'zhang' | 'li' | 'wang' | 'ro', { client: Client; id: string }>;

let n = 0;
async function poolCustomer(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await admin.post('/api/v1/customers', {
    kind: 'company',
    name: `公海测试${++n}号有限公司`,
    phones: [`1391234${String(n).padStart(4, '0')}`],
    ownerId: null,
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const claim = (c: Client, id: string) => c.post(`/api/v1/customers/${id}/claim`);
const release = (c: Client, id: string, reason = '客户暂无需求') =>
  c.post(`/api/v1/customers/${id}/release`, { reason });
const ownerOf = async (id: string) =>
  (
    await rows<{ owner: string | null }>(
      w.database.db,
      sql`select owner_id as owner from customers where id = ${id}`,
    )
  )[0]!.owner;

type ErrorBody = { error?: { code: string; message: string; details?: unknown } };
async function inBoth(c: Client, call: () => Promise<{ statusCode: number; json(): ErrorBody }>) {
  const out: Record<string, { status: number; code?: string; message?: string; details: unknown }> = {};
  for (const locale of ['en', 'zh-CN']) {
    c.locale = locale;
    const res = await call();
    const body = res.json();
    out[locale] = {
      status: res.statusCode,
      code: body.error?.code,
      message: body.error?.message,
      details: body.error?.details,
    };
  }
  c.locale = 'en';
  return out;
}

const SETTINGS = {
  enabled: true,
  rules: [
    { noFollowUpDays: 30, warnDaysBefore: 3 },
    { grade: 'A', noFollowUpDays: 10, warnDaysBefore: 2 },
  ],
  capPerRep: 2,
  coolDownDays: 7,
};

beforeAll(async () => {
  // Sessions must outlive the weeks the clock jumps.
  w = await createTestApp(
    {},
    { GUANXI_SESSION_IDLE_MINUTES: '1000000', GUANXI_SESSION_ABSOLUTE_HOURS: '100000' },
    { now: () => clock },
  );
  admin = await setupInstance(w.app);
  const orgId = (await admin.get('/api/v1/me')).json().orgId;
  const sales = await insertDepartmentRow(w.database.db, orgId, '销售中心');
  const team = await insertTeamRow(w.database.db, orgId, '深圳组', sales.id);
  const people = {
    manager: { name: '王建国', role: 'manager', departmentId: sales.id },
    zhang: { name: '张伟', role: 'sales', departmentId: sales.id, teamId: team },
    li: { name: '李娜', role: 'sales', departmentId: sales.id, teamId: team },
    wang: { name: '王芳', role: 'sales', departmentId: sales.id, teamId: team },
    ro: { name: '只读', role: 'readonly' },
  };
  for (const [key, body] of Object.entries(people)) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as keyof typeof u] = { client, id: user.id };
  }
});
afterAll(() => w.close());

describe('public pool', () => {
  it('refuses claims until the pool is switched on, saying so in both languages', async () => {
    const id = await poolCustomer();
    const r = await inBoth(u.zhang.client, () => claim(u.zhang.client, id));
    expect(r.en).toMatchObject({ status: 409, code: 'POOL_NOT_CONFIGURED' });
    expect(r.en!.message).toMatch(/not switched on/);
    expect(r['zh-CN']!.message).toContain('尚未启用公海');
    expect(await ownerOf(id)).toBeNull();
    expect((await admin.get('/api/v1/customer-pool/settings')).json()).toEqual({
      enabled: false,
      rules: [],
      capPerRep: null,
      coolDownDays: 0,
    });
  });

  it('validates the settings with field-named errors; reps may not change them', async () => {
    const bad = async (body: unknown) => {
      const res = await admin.request(
        'PUT',
        '/api/v1/customer-pool/settings',
        body as Record<string, unknown>,
      );
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.details.map((d: { field: string }) => d.field);
    };
    expect(await bad({ ...SETTINGS, rules: [{ noFollowUpDays: 0, warnDaysBefore: 1 }] })).toContain(
      'rules[0].noFollowUpDays',
    );
    expect(
      await bad({ ...SETTINGS, rules: [{ grade: 'Z', noFollowUpDays: 5, warnDaysBefore: 1 }] }),
    ).toContain('rules[0].grade');
    expect(
      await bad({ ...SETTINGS, rules: [{ status: 'asleep', noFollowUpDays: 5, warnDaysBefore: 1 }] }),
    ).toContain('rules[0].status');
    expect(await bad({ ...SETTINGS, rules: [{ noFollowUpDays: 5, warnDaysBefore: 5 }] })).toEqual([
      'rules[0].warnDaysBefore',
    ]);
    expect(await bad({ ...SETTINGS, rules: [SETTINGS.rules[0], SETTINGS.rules[0]] })).toEqual(['rules[1]']);
    expect(await bad({ ...SETTINGS, capPerRep: 1.5 })).toContain('capPerRep');
    expect((await u.zhang.client.request('PUT', '/api/v1/customer-pool/settings', SETTINGS)).statusCode).toBe(
      403,
    );

    const ok = await admin.request('PUT', '/api/v1/customer-pool/settings', SETTINGS);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await u.zhang.client.get('/api/v1/customer-pool/settings')).json()).toMatchObject({
      enabled: true,
      capPerRep: 2,
      coolDownDays: 7,
      rules: [
        { grade: null, status: null, noFollowUpDays: 30, noDealDays: null, warnDaysBefore: 3 },
        { grade: 'A', status: null, noFollowUpDays: 10, noDealDays: null, warnDaysBefore: 2 },
      ],
    });
  });

  it('lists pool customers to everyone who reads the pool, with field rules applied, and searches', async () => {
    const id = await poolCustomer({ name: '深圳市公海搜索科技有限公司' });
    const mine = await u.zhang.client.get('/api/v1/customer-pool?limit=200');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items.every((c: { ownerId: string | null }) => c.ownerId === null)).toBe(true);
    expect(mine.json().items.map((c: { id: string }) => c.id)).toContain(id);
    // Not in the rep's own customer list: it is nobody's.
    expect(
      (await u.zhang.client.get('/api/v1/customers')).json().items.map((c: { id: string }) => c.id),
    ).not.toContain(id);

    const ro = (await u.ro.client.get('/api/v1/customer-pool?q=搜索')).json();
    expect(ro.items.map((c: { id: string }) => c.id)).toEqual([id]);
    expect(ro.items[0].phones).toEqual([expect.stringMatching(/^139\*{4}\d{4}$/)]);
    expect(ro.total).toBe(1);
  });

  it('claims, refuses a second claim, caps, and lets only the owner or a manager release', async () => {
    const [c1, c2, c3] = [await poolCustomer(), await poolCustomer(), await poolCustomer()];
    const first = await claim(u.zhang.client, c1);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ id: c1, ownerId: u.zhang.id });

    const taken = await inBoth(u.li.client, () => claim(u.li.client, c1));
    expect(taken.en).toMatchObject({ status: 409, code: 'NOT_IN_POOL' });
    expect(taken['zh-CN']!.message).toContain('已不在公海');

    expect((await claim(u.zhang.client, c2)).statusCode).toBe(200);
    const cap = await inBoth(u.zhang.client, () => claim(u.zhang.client, c3));
    expect(cap.en).toMatchObject({ status: 409, code: 'CAP_REACHED', details: { cap: 2, ownedCount: 2 } });
    expect(cap.en!.message).toContain('own 2 customers');
    expect(cap['zh-CN']!.message).toContain('上限（2 个）');
    expect(await ownerOf(c3)).toBeNull();

    // Another rep cannot release zhang's customer (outside their data scope); read-only may not release at all.
    expect((await release(u.li.client, c1)).statusCode).toBe(404);
    expect((await release(u.ro.client, c1)).statusCode).toBe(403);
    expect(await ownerOf(c1)).toBe(u.zhang.id);
    expect((await u.zhang.client.post(`/api/v1/customers/${c1}/release`, {})).statusCode).toBe(400);

    const rel = await release(u.zhang.client, c1, '客户转向竞争对手');
    expect(rel.statusCode, rel.body).toBe(200);
    expect(rel.json().ownerId).toBeNull();
    expect((await release(u.zhang.client, c1)).statusCode).toBe(404); // no longer the rep's
    expect((await release(admin, c1)).json().error.code).toBe('ALREADY_IN_POOL');

    // The manager releases a rep's customer.
    expect((await release(u.manager.client, c2, '业务员离职交接')).statusCode).toBe(200);

    const history = (await admin.get(`/api/v1/customers/${c1}/owners`)).json().items;
    expect(history.map((h: { reason: string }) => h.reason)).toEqual(['claim', 'released: 客户转向竞争对手']);
    expect(history[1]).toMatchObject({ fromOwnerId: u.zhang.id, toOwnerId: null, changedBy: u.zhang.id });
    const audit = await rows<{ action: string }>(
      w.database.db,
      sql`select action from audit_log where entity = 'customers' and entity_id = ${c1} order by at, id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'claim', 'release']);
  });

  it('keeps a rep from taking back what they released until the cool-down ends', async () => {
    at('2026-03-01T02:00:00Z');
    const id = await poolCustomer();
    expect((await claim(u.li.client, id)).statusCode).toBe(200);
    expect((await release(u.li.client, id)).statusCode).toBe(200);

    at('2026-03-07T15:59:00Z'); // 23:59 on 7 March in Shanghai: still cooling down
    const r = await inBoth(u.li.client, () => claim(u.li.client, id));
    expect(r.en).toMatchObject({ status: 409, code: 'COOL_DOWN' });
    expect(r.en!.message).toContain('from 2026-03-08');
    expect(r['zh-CN']!.message).toContain('2026-03-08 起');
    expect(r['zh-CN']!.message).toContain('冷却期 7 天');
    // Someone else may take it meanwhile; the cool-down is the releasing rep's.
    at('2026-03-08T00:00:00Z');
    const other = await poolCustomer();
    expect((await claim(u.li.client, id)).statusCode).toBe(200);
    expect((await claim(u.li.client, other)).statusCode).toBe(200);
  });

  it('lets only one of two reps racing for a customer have it', async () => {
    const id = await poolCustomer();
    const [a, b] = await Promise.all([claim(u.wang.client, id), claim(u.manager.client, id)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('NOT_IN_POOL');
    const claims = await rows<{ n: number }>(
      w.database.db,
      sql`select count(*)::int as n from customer_owners where customer_id = ${id} and reason = 'claim'`,
    );
    expect(claims[0]!.n).toBe(1);
  });

  it('reclaims after N days without follow-up, warning X days before, once per due date', async () => {
    // Empty wang's book so the cap does not get in the way.
    for (const c of (await u.wang.client.get('/api/v1/customers')).json().items)
      expect((await release(u.wang.client, c.id)).statusCode).toBe(200);
    at('2026-04-01T02:00:00Z'); // 10:00 on 1 April in Shanghai
    const a = await poolCustomer({ grade: 'A' });
    const b = await poolCustomer({ grade: 'B' });
    expect((await claim(u.wang.client, a)).statusCode).toBe(200);
    expect((await claim(u.wang.client, b)).statusCode).toBe(200);

    const run = async (now: string) => {
      await enqueueJob(w.database.db, { name: 'customers.pool-reclaim', payload: { now } });
      await w.jobs.drain();
    };
    const warnings = async (id: string) =>
      rows<{ changes: { field: string; new: unknown }[] }>(
        w.database.db,
        sql`select changes from audit_log where entity_id = ${id} and action = 'pool_warning' order by at`,
      );

    // Grade A: 10 days → due when 11 April begins in Shanghai (10 April 16:00Z); warned from 9 April.
    await run('2026-04-08T02:00:00Z');
    expect(await warnings(a)).toHaveLength(0);
    await run('2026-04-09T02:00:00Z');
    await run('2026-04-10T02:00:00Z');
    const warned = await warnings(a);
    expect(warned).toHaveLength(1);
    expect(warned[0]!.changes).toContainEqual({ field: 'dueAt', old: null, new: '2026-04-10T16:00:00.000Z' });
    expect(await ownerOf(a)).toBe(u.wang.id);

    await run('2026-04-10T15:59:00Z');
    expect(await ownerOf(a)).toBe(u.wang.id);
    await run('2026-04-10T16:00:00Z');
    expect(await ownerOf(a)).toBeNull();
    expect(await ownerOf(b)).toBe(u.wang.id); // grade B: the 30-day rule
    const history = (await admin.get(`/api/v1/customers/${a}/owners`)).json().items;
    expect(history.at(-1)).toMatchObject({
      fromOwnerId: u.wang.id,
      toOwnerId: null,
      changedBy: null,
      reason: 'reclaimed: no follow-up for 10 days',
    });
    const reclaim = await rows<{ actor_kind: string }>(
      w.database.db,
      sql`select actor_kind from audit_log where entity_id = ${a} and action = 'reclaim'`,
    );
    expect(reclaim).toEqual([{ actor_kind: 'system' }]);

    // A reclaim counts for the cool-down like a release.
    at('2026-04-11T02:00:00Z');
    expect((await claim(u.wang.client, a)).json().error.code).toBe('COOL_DOWN');
  });

  it('counts the clock from the owner’s last logged follow-up and notifies the owner', async () => {
    at('2026-05-01T02:00:00Z'); // 10:00 on 1 May in Shanghai
    const name = '跟进时钟测试有限公司';
    const c = await poolCustomer({ grade: 'A', name });
    expect((await claim(u.wang.client, c)).statusCode).toBe(200);
    const run = async (now: string) => {
      await enqueueJob(w.database.db, { name: 'customers.pool-reclaim', payload: { now } });
      await w.jobs.drain();
    };
    const notices = async () =>
      rows<{ kind: string; params: Record<string, unknown>; link: string }>(
        w.database.db,
        sql`select kind, params, link from notifications where user_id = ${u.wang.id} and params->>'customerName' = ${name} order by created_at, kind`,
      );
    // The owner follows up on 5 May; someone else's call on 6 May does not count.
    at('2026-05-05T02:00:00Z');
    const call = await u.wang.client.post('/api/v1/interactions', {
      customerId: c,
      channel: 'call',
      occurredAt: '2026-05-05T02:00:00Z',
    });
    expect(call.statusCode, call.body).toBe(201);
    at('2026-05-06T02:00:00Z');
    const other = await admin.post('/api/v1/interactions', {
      customerId: c,
      channel: 'visit',
      occurredAt: '2026-05-06T02:00:00Z',
    });
    expect(other.statusCode, other.body).toBe(201);

    // From the assignment it would be due on 11 May; from the follow-up, on 15 May (14 May 16:00Z).
    await run('2026-05-11T02:00:00Z');
    expect(await ownerOf(c)).toBe(u.wang.id);
    expect(await notices()).toEqual([]);
    await run('2026-05-13T02:00:00Z');
    expect(await notices()).toEqual([
      { kind: 'poolWarning', params: { customerName: name, date: '2026-05-15' }, link: `/customers/${c}` },
    ]);
    await run('2026-05-14T15:59:00Z');
    expect(await ownerOf(c)).toBe(u.wang.id);
    await run('2026-05-14T16:00:00Z');
    expect(await ownerOf(c)).toBeNull();
    expect((await notices()).map((x) => [x.kind, x.params.date])).toEqual([
      ['poolWarning', '2026-05-15'],
      ['poolReclaimed', '2026-05-15'],
    ]);
  });

  it('registers the reclaim as an hourly schedule', async () => {
    const { SCHEDULES } = await import('../server/src/bootstrap.ts');
    expect(SCHEDULES).toContainEqual({
      name: 'customers.pool-reclaim',
      cron: '5 * * * *',
      jobName: 'customers.pool-reclaim',
    });
  });
});
