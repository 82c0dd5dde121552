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
import { insertDepartmentRow, insertTeamRow, rows } from './helpers/db-state.ts';

// Opportunities on pipelines: the seeded default pipeline, records with versions, history and the
// recycle bin, stage moves with their history and rules, the kanban board, and who sees what.
// Org A: 张伟 (sales, own, 华东 team 一组), 李娜 (sales, own, 销售部), 刘强 (manager of 销售部,
// which contains 华东), 高翔 (read-only). Org B: its administrator only.

let clock = new Date('2026-03-02T01:00:00.000Z');
const tick = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));
let w: TestWorld;
let admin: Client;
let adminB: Client;
const u = {} as Record<'zhang' | 'li' | 'liu' | 'gao', { client: Client; id: string }>;
let zhangCustomer: string;
let liCustomer: string;
let pipeline: {
  id: string;
  stages: { id: string; key: string; kind: string; name: string; probability: number }[];
};
const stage = (key: string) => pipeline.stages.find((s) => s.key === key)!.id;

type Opp = Record<string, unknown> & { id: string; version: number; stageId: string };
async function createOpp(by: Client, body: Record<string, unknown>): Promise<Opp> {
  const res = await by.post('/api/v1/opportunities', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function move(by: Client, o: { id: string }, stageId: string, extra: Record<string, unknown> = {}) {
  const version = (await admin.get(`/api/v1/opportunities/${o.id}`)).json().version;
  return by.post(`/api/v1/opportunities/${o.id}/stage`, { stageId, version, ...extra });
}

beforeAll(async () => {
  w = await createTestApp({}, {}, { now: () => clock });
  admin = await setupInstance(w.app);
  adminB = await createOrg(w.app, admin, '乙方贸易有限公司', 'admin@b.test');
  const orgId = (await admin.get('/api/v1/me')).json().orgId;
  const sales = await insertDepartmentRow(w.database.db, orgId, '销售部');
  const east = await insertDepartmentRow(w.database.db, orgId, '华东', sales);
  const team = await insertTeamRow(w.database.db, orgId, '一组', east.id);
  for (const [key, body] of Object.entries({
    zhang: { name: '张伟', role: 'sales', departmentId: east.id, teamId: team },
    li: { name: '李娜', role: 'sales', departmentId: sales.id },
    liu: { name: '刘强', role: 'manager', departmentId: sales.id },
    gao: { name: '高翔', role: 'readonly' },
  })) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as keyof typeof u] = { client, id: user.id };
  }
  zhangCustomer = (
    await u.zhang.client.post('/api/v1/customers', { kind: 'company', name: '汉堡进口商有限公司' })
  ).json().id;
  liCustomer = (await u.li.client.post('/api/v1/customers', { kind: 'company', name: '迪拜贸易公司' })).json()
    .id;
});
afterAll(() => w.close());

describe('pipelines', () => {
  it('seeds the default pipeline once, with the trading funnel and built-in keys and Chinese names', async () => {
    const [a, b] = await Promise.all([admin.get('/api/v1/pipelines'), u.gao.client.get('/api/v1/pipelines')]);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.statusCode).toBe(200);
    const items = a.json().items;
    expect(items).toHaveLength(1);
    pipeline = items[0];
    expect(items[0].isDefault).toBe(true);
    expect(
      pipeline.stages.map((s) => [
        s.key,
        s.name,
        s.kind,
        s.probability,
        (s as unknown as { renamed: boolean }).renamed,
      ]),
    ).toEqual([
      ['targetMarket', '目标市场', 'open', 10, false],
      ['potentialCustomer', '潜在客户', 'open', 20, false],
      ['needsAnalysis', '需求分析', 'open', 40, false],
      ['proposal', '方案报价', 'open', 60, false],
      ['won', '赢单', 'won', 100, false],
      ['lost', '输单', 'lost', 0, false],
    ]);
    const n = await rows<{ n: number }>(
      w.database.db,
      sql`select count(*)::int as n from pipelines where is_default`,
    );
    // One per organisation that has used it (org A here; org B not yet).
    expect(n[0]!.n).toBe(1);
  });

  it('lets administrators add, rename, reorder and switch off stages; others only read', async () => {
    expect(
      (await u.liu.client.post('/api/v1/pipelines', { name: '外贸', stages: [{ name: '询盘' }] })).statusCode,
    ).toBe(403);
    const created = await admin.post('/api/v1/pipelines', {
      name: '外贸流程',
      stages: [
        { name: '询盘', probability: 5 },
        { name: '打样', probability: 30 },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json();
    expect(p.stages.map((s: { kind: string }) => s.kind)).toEqual(['open', 'open', 'won', 'lost']);
    const added = await admin.post(`/api/v1/pipelines/${p.id}/stages`, { name: '报价', probability: 50 });
    expect(added.statusCode, added.body).toBe(201);
    const names = added.json().stages.map((s: { name: string }) => s.name);
    expect(names).toEqual(['询盘', '打样', '报价', '赢单', '输单']);
    const [s1, s2, s3] = added.json().stages;
    const re = await admin.post(`/api/v1/pipelines/${p.id}/stages/reorder`, { ids: [s3.id, s1.id, s2.id] });
    expect(re.statusCode, re.body).toBe(200);
    expect(re.json().stages.map((s: { name: string }) => s.name)).toEqual([
      '报价',
      '询盘',
      '打样',
      '赢单',
      '输单',
    ]);
    const bad = await admin.post(`/api/v1/pipelines/${p.id}/stages/reorder`, { ids: [s3.id, s1.id] });
    expect(bad.statusCode).toBe(400);
    const renamed = await admin.patch(`/api/v1/pipelines/${p.id}/stages/${s2.id}`, {
      version: s2.version,
      name: '样品确认',
      active: false,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const s2after = renamed.json().stages.find((s: { id: string }) => s.id === s2.id);
    expect(s2after).toMatchObject({ name: '样品确认', active: false, renamed: true });
    // The won stage can be renamed (shown as stored) but not switched off.
    const won = p.stages[2];
    expect(
      (
        await admin.patch(`/api/v1/pipelines/${p.id}/stages/${won.id}`, {
          version: won.version,
          active: false,
        })
      ).statusCode,
    ).toBe(400);
    // The default pipeline cannot be deleted.
    expect((await admin.del(`/api/v1/pipelines/${pipeline.id}`)).statusCode).toBe(409);
  });
});

describe('opportunity records', () => {
  let opp: Opp;
  it('are created in the first stage with its probability and an entry in the stage history', async () => {
    opp = await createOpp(u.zhang.client, {
      name: '汉堡 2026 春季订单',
      customerId: zhangCustomer,
      amount: '120000.50',
      currency: 'EUR',
      expectedCloseDate: '2026-05-31',
      productInterest: [],
      channel: 'tradeFair',
      campaign: '第139届广交会',
    });
    expect(opp).toMatchObject({
      pipelineId: pipeline.id,
      stageId: stage('targetMarket'),
      stageKey: 'targetMarket',
      status: 'open',
      probability: 10,
      amount: '120000.50',
      currency: 'EUR',
      ownerId: u.zhang.id,
      customerName: '汉堡进口商有限公司',
      closedAt: null,
    });
    const hist = (await u.zhang.client.get(`/api/v1/opportunities/${opp.id}/stages`)).json().items;
    expect(hist).toHaveLength(1);
    expect(hist[0]).toMatchObject({
      fromStageId: null,
      toStageId: stage('targetMarket'),
      by: u.zhang.id,
      amount: '120000.50',
    });
    const act = await rows<{ at: Date }>(
      w.database.db,
      sql`select last_deal_at as at from customer_activity where customer_id = ${zhangCustomer}`,
    );
    expect(new Date(act[0]!.at).toISOString()).toBe(clock.toISOString());
  });

  it('refuse a customer outside the caller scope, an unknown dictionary value and a float amount', async () => {
    const res = await u.zhang.client.post('/api/v1/opportunities', { name: 'x', customerId: liCustomer });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('customerId');
    const ch = await u.zhang.client.post('/api/v1/opportunities', {
      name: 'x',
      customerId: zhangCustomer,
      channel: 'carrierPigeon',
    });
    expect(ch.statusCode).toBe(400);
    expect(ch.json().error.details[0]).toMatchObject({ field: 'channel', code: 'notInDictionary' });
    const fl = await u.zhang.client.post('/api/v1/opportunities', {
      name: 'x',
      customerId: zhangCustomer,
      amount: '12.505',
    });
    expect(fl.statusCode).toBe(400);
    const unk = await u.zhang.client.post('/api/v1/opportunities', {
      name: 'x',
      customerId: zhangCustomer,
      foo: 1,
    });
    expect(unk.statusCode).toBe(400);
  });

  it('are edited with a version, kept in history, deleted to the bin and restored', async () => {
    tick(1);
    const ok = await u.zhang.client.patch(`/api/v1/opportunities/${opp.id}`, {
      version: opp.version,
      amount: '130000',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ amount: '130000.00', version: opp.version + 1 });
    const stale = await u.zhang.client.patch(`/api/v1/opportunities/${opp.id}`, {
      version: opp.version,
      amount: '1',
    });
    expect(stale.statusCode).toBe(409);
    const hist = (await u.zhang.client.get(`/api/v1/opportunities/${opp.id}/history`)).json().items;
    expect(hist.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['create', 'update']),
    );
    expect((await u.zhang.client.del(`/api/v1/opportunities/${opp.id}`)).statusCode).toBe(403);
    expect((await u.liu.client.del(`/api/v1/opportunities/${opp.id}`)).statusCode).toBe(204);
    expect((await u.zhang.client.get(`/api/v1/opportunities/${opp.id}`)).statusCode).toBe(404);
    // In the recycle bin of whoever may delete (and so restore) it; not of the rep who may not.
    const bin = (await u.liu.client.get('/api/v1/recycle-bin?entity=opportunities')).json().items;
    expect(bin).toEqual([expect.objectContaining({ entity: 'opportunities', id: opp.id, label: opp.name })]);
    expect((await u.zhang.client.get('/api/v1/recycle-bin')).statusCode).toBe(403);
    const restored = await u.liu.client.post(`/api/v1/opportunities/${opp.id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect((await u.zhang.client.get(`/api/v1/opportunities/${opp.id}`)).statusCode).toBe(200);
  });

  it('move between stages with a stage history of times and users, and follow the rules', async () => {
    tick(2);
    const t1 = clock.toISOString();
    const m1 = await move(u.liu.client, opp, stage('proposal'));
    expect(m1.statusCode, m1.body).toBe(200);
    expect(m1.json()).toMatchObject({
      stageKey: 'proposal',
      status: 'open',
      probability: 60,
      stageEnteredAt: t1,
    });
    // The owner hears that the manager moved it.
    const notes = (await u.zhang.client.get('/api/v1/notifications')).json().items;
    expect(notes[0]).toMatchObject({ kind: 'opportunityStageChanged', link: `/opportunities/${opp.id}` });

    const lost = await move(u.zhang.client, opp, stage('lost'));
    expect(lost.statusCode).toBe(400);
    expect(lost.json().error.details[0].field).toBe('lostReason');
    const unknown = await move(u.zhang.client, opp, '0190a000-0000-7000-8000-000000000000');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_STAGE', details: [{ field: 'stageId' }] });
    const other = (await admin.get('/api/v1/pipelines'))
      .json()
      .items.find((p: { isDefault: boolean }) => !p.isDefault);
    const foreign = await move(u.zhang.client, opp, other.stages[0].id);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.code).toBe('UNKNOWN_STAGE');
    const off = other.stages.find((s: { active: boolean }) => !s.active);
    expect(off).toBeDefined();

    tick(2);
    const t2 = clock.toISOString();
    const won = await move(u.zhang.client, opp, stage('won'));
    expect(won.statusCode, won.body).toBe(200);
    expect(won.json()).toMatchObject({ status: 'won', probability: 100, closedAt: t2 });
    tick(2);
    const reopened = await move(u.zhang.client, opp, stage('needsAnalysis'));
    expect(reopened.json()).toMatchObject({ status: 'open', closedAt: null, probability: 40 });
    tick(2);
    const t4 = clock.toISOString();
    const lost2 = await move(u.zhang.client, opp, stage('lost'), {
      lostReason: 'price',
      lostNote: '对手便宜 8%',
    });
    expect(lost2.statusCode, lost2.body).toBe(200);
    expect(lost2.json()).toMatchObject({ status: 'lost', lostReason: 'price', closedAt: t4, probability: 0 });

    const hist = (await u.zhang.client.get(`/api/v1/opportunities/${opp.id}/stages`)).json().items;
    expect(
      hist.map((h: { fromStageKey: string | null; toStageKey: string; by: string; at: string }) => [
        h.fromStageKey,
        h.toStageKey,
        h.by,
      ]),
    ).toEqual([
      [null, 'targetMarket', u.zhang.id],
      ['targetMarket', 'proposal', u.liu.id],
      ['proposal', 'won', u.zhang.id],
      ['won', 'needsAnalysis', u.zhang.id],
      ['needsAnalysis', 'lost', u.zhang.id],
    ]);
    expect(hist[1].at).toBe(t1);
    expect(hist[4].at).toBe(t4);
    expect(hist[1].byName).toBe('刘强');
  });

  it('refuse a move to a switched-off stage with 409', async () => {
    const p = (await admin.get('/api/v1/pipelines'))
      .json()
      .items.find((x: { isDefault: boolean }) => !x.isDefault);
    const open = p.stages.find((s: { active: boolean; kind: string }) => s.active && s.kind === 'open');
    const off = p.stages.find((s: { active: boolean }) => !s.active);
    const o = await createOpp(u.zhang.client, {
      name: '样品单',
      customerId: zhangCustomer,
      pipelineId: p.id,
      stageId: open.id,
    });
    const res = await move(u.zhang.client, o, off.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('STAGE_INACTIVE');
    const created = await u.zhang.client.post('/api/v1/opportunities', {
      name: 'y',
      customerId: zhangCustomer,
      pipelineId: p.id,
      stageId: stage('proposal'),
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.code).toBe('UNKNOWN_STAGE');
  });
});

describe('the kanban board', () => {
  it('counts and sums per stage and currency, with first pages that page further through the list', async () => {
    const customer = (
      await u.li.client.post('/api/v1/customers', { kind: 'company', name: '看板客户' })
    ).json().id;
    for (let i = 0; i < 5; i++) {
      tick(1);
      await createOpp(u.li.client, {
        name: `看板${i}`,
        customerId: customer,
        amount: '100.10',
        currency: 'USD',
        stageId: stage('potentialCustomer'),
      });
    }
    tick(1);
    await createOpp(u.li.client, {
      name: '看板人民币',
      customerId: customer,
      amount: '50',
      stageId: stage('potentialCustomer'),
    });
    const res = await u.li.client.get(`/api/v1/opportunities/board?limit=2`);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b.pipeline.id).toBe(pipeline.id);
    expect(b.columns.map((c: { stage: { key: string } }) => c.stage.key)).toEqual([
      'targetMarket',
      'potentialCustomer',
      'needsAnalysis',
      'proposal',
      'won',
      'lost',
    ]);
    const col = b.columns[1];
    expect(col.count).toBe(6);
    expect(col.amounts).toEqual([
      { amount: '500.50', currency: 'USD' },
      { amount: '50.00', currency: 'CNY' },
    ]);
    expect(col.items.map((o: { name: string }) => o.name)).toEqual(['看板人民币', '看板4']);
    const next = await u.li.client.get(
      `/api/v1/opportunities?pipelineId=${pipeline.id}&stageId=${col.stage.id}&limit=2&cursor=${col.nextCursor}`,
    );
    expect(next.json().items.map((o: { name: string }) => o.name)).toEqual(['看板3', '看板2']);
    // 李娜 sees none of 张伟's; the owner filter narrows the manager's board.
    expect(b.columns[5].count).toBe(0);
    const mgr = (await u.liu.client.get(`/api/v1/opportunities/board?ownerId=${u.zhang.id}`)).json();
    expect(mgr.columns[5].count).toBe(1);
    expect(mgr.columns[1].count).toBe(0);
    const q = (await u.liu.client.get(`/api/v1/opportunities/board?q=${encodeURIComponent('看板3')}`)).json();
    expect(q.columns[1].count).toBe(1);
  });

  it('shows won and lost only when closed since closedSince (90 days by default)', async () => {
    const o = await createOpp(u.li.client, { name: '老单', customerId: liCustomer, amount: '10' });
    expect((await move(u.li.client, o, stage('won'))).statusCode).toBe(200);
    const wonCount = async () =>
      (await u.li.client.get('/api/v1/opportunities/board'))
        .json()
        .columns.find((c: { stage: { key: string } }) => c.stage.key === 'won').count;
    expect(await wonCount()).toBe(1);
    await w.database.db.execute(
      sql`update opportunities set closed_at = closed_at - interval '91 days' where id = ${o.id}`,
    );
    expect(await wonCount()).toBe(0);
    const since = new Date(clock.getTime() - 200 * 86_400_000).toISOString();
    const wide = (await u.li.client.get(`/api/v1/opportunities/board?closedSince=${since}`)).json();
    expect(wide.columns.find((c: { stage: { key: string } }) => c.stage.key === 'won').count).toBe(1);
  });
});

describe('who sees what', () => {
  const names = async (c: Client, url = '/api/v1/opportunities?limit=200') => {
    const res = await c.get(url);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { name: string }[]).map((o) => o.name).sort();
  };
  const boardCount = async (c: Client) =>
    ((await c.get('/api/v1/opportunities/board')).json().columns as { count: number }[]).reduce(
      (n, c) => n + c.count,
      0,
    );

  it('applies the data scope to list, get, board and export, across roles and tenants', async () => {
    const zhang = await names(u.zhang.client);
    const li = await names(u.li.client);
    const all = await names(admin);
    expect(zhang.length).toBeGreaterThan(0);
    expect(li.length).toBeGreaterThan(0);
    expect(zhang.some((n) => li.includes(n))).toBe(false);
    expect(all).toEqual([...zhang, ...li].sort());
    expect(await names(u.liu.client)).toEqual(all);
    expect(await names(u.gao.client)).toEqual(all);
    expect(await names(adminB)).toEqual([]);

    const someOfLi = (await u.li.client.get('/api/v1/opportunities?limit=1')).json().items[0].id;
    expect((await u.zhang.client.get(`/api/v1/opportunities/${someOfLi}`)).statusCode).toBe(404);
    expect((await adminB.get(`/api/v1/opportunities/${someOfLi}`)).statusCode).toBe(404);
    expect((await adminB.get(`/api/v1/opportunities/${someOfLi}/stages`)).statusCode).toBe(404);
    expect((await u.gao.client.get(`/api/v1/opportunities/${someOfLi}`)).statusCode).toBe(200);

    expect(await boardCount(u.zhang.client)).toBeLessThan(await boardCount(admin));
    expect(await boardCount(adminB)).toBe(0);

    // Read-only: reads, never writes or exports.
    expect(
      (await u.gao.client.post('/api/v1/opportunities', { name: 'x', customerId: liCustomer })).statusCode,
    ).toBe(403);
    expect((await u.gao.client.get('/api/v1/opportunities/export?format=csv')).statusCode).toBe(403);
    expect((await u.zhang.client.get('/api/v1/opportunities/export?format=csv')).statusCode).toBe(403);
    const exp = await u.liu.client.get('/api/v1/opportunities/export?format=csv');
    expect(exp.statusCode, exp.body).toBe(200);
    expect(exp.headers['x-export-rows']).toBe(String(all.length));
    const byB = await adminB.get('/api/v1/opportunities/export?format=csv');
    expect(byB.headers['x-export-rows']).toBe('0');
    // Org B's board seeds its own default pipeline.
    const bPipes = (await adminB.get('/api/v1/pipelines')).json().items;
    expect(bPipes).toHaveLength(1);
    expect(bPipes[0].id).not.toBe(pipeline.id);
  });

  it('filters and sorts the list', async () => {
    const byAmount = (await admin.get('/api/v1/opportunities?sort=-amount&limit=3')).json().items;
    expect(Number(byAmount[0].amount)).toBeGreaterThanOrEqual(Number(byAmount[1].amount));
    const lost = await names(admin, '/api/v1/opportunities?status=lost');
    expect(lost).toEqual(['汉堡 2026 春季订单']);
    const usd = await names(
      admin,
      `/api/v1/opportunities?channel=tradeFair&expectedCloseFrom=2026-05-01&expectedCloseTo=2026-06-01`,
    );
    expect(usd).toEqual(['汉堡 2026 春季订单']);
    const byCustomer = await names(admin, `/api/v1/opportunities?q=${encodeURIComponent('汉堡进口')}`);
    expect(byCustomer).toContain('汉堡 2026 春季订单');
    expect((await admin.get('/api/v1/opportunities?sort=-foo')).statusCode).toBe(400);
  });
});
