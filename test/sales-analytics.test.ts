import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import {
  createOrg,
  createTestApp,
  createUser,
  setupInstance,
  type Client,
  type TestWorld,
} from './helpers/app.ts';
import { newId } from '../server/src/db/columns.ts';
import type { Db } from '../server/src/db/types.ts';

// A small pipeline with six opportunities whose funnel figures are computed by hand below, inserted
// straight into the tables (history with backdated times cannot be made through the API).

let w: TestWorld;
let db: Db;
let admin: Client;
let rep: Client;
let otherAdmin: Client;
let orgId: string;
let adminId: string;
let repId: string;
const S = {} as Record<'tm' | 'pc' | 'na' | 'pr' | 'won' | 'lost', string>;

const at = (iso: string) => new Date(iso);

async function seed() {
  const pipelineId = newId();
  await db.execute(
    sql`insert into pipelines (org_id, id, name, is_default) values (${orgId}, ${pipelineId}, '默认', true)`,
  );
  const defs = [
    ['tm', 'targetMarket', '目标市场', 'open', 1],
    ['pc', 'potentialCustomer', '潜在客户', 'open', 2],
    ['na', 'needsAnalysis', '需求分析', 'open', 3],
    ['pr', 'proposal', '方案报价', 'open', 4],
    ['won', 'won', '赢单', 'won', 5],
    ['lost', 'lost', '输单', 'lost', 6],
  ] as const;
  for (const [k, key, name, kind, pos] of defs) {
    S[k] = newId();
    await db.execute(sql`insert into pipeline_stages (org_id, id, pipeline_id, key, name, kind, position)
      values (${orgId}, ${S[k]}, ${pipelineId}, ${key}, ${name}, ${kind}, ${pos})`);
  }
  const customerId = newId();
  await db.execute(sql`insert into customers (org_id, id, kind, name, owner_id, created_at)
    values (${orgId}, ${customerId}, 'company', '老客户', ${adminId}, ${at('2025-06-01T00:00:00Z')})`);

  type Step = [keyof typeof S, string];
  const opp = async (o: {
    owner: string;
    amount: string;
    currency?: string;
    steps: Step[];
    lostReason?: string;
    channel?: string;
    campaign?: string;
    leadId?: string;
    deleted?: boolean;
  }) => {
    const id = newId();
    const last = o.steps[o.steps.length - 1]!;
    const kind = last[0] === 'won' ? 'won' : last[0] === 'lost' ? 'lost' : 'open';
    await db.execute(sql`insert into opportunities (org_id, id, name, customer_id, pipeline_id, stage_id, status, amount,
        currency, owner_id, lost_reason, closed_at, stage_entered_at, channel, campaign, lead_id, created_at, updated_at, deleted_at)
      values (${orgId}, ${id}, ${'商机'}, ${customerId}, ${pipelineId}, ${S[last[0]]}, ${kind}, ${o.amount},
        ${o.currency ?? 'CNY'}, ${o.owner}, ${o.lostReason ?? null}, ${kind === 'open' ? null : at(last[1])},
        ${at(last[1])}, ${o.channel ?? null}, ${o.campaign ?? null}, ${o.leadId ?? null}, ${at(o.steps[0]![1])},
        ${at(last[1])}, ${o.deleted ? at(last[1]) : null})`);
    let from: string | null = null;
    for (const [stage, when] of o.steps) {
      await db.execute(sql`insert into opportunity_stage_changes (org_id, id, opportunity_id, pipeline_id, from_stage_id, to_stage_id, at, amount, currency, opportunity_created_at)
        values (${orgId}, ${newId()}, ${id}, ${pipelineId}, ${from}, ${S[stage]}, ${at(when)}, ${o.amount}, ${o.currency ?? 'CNY'}, ${at(o.steps[0]![1])})`);
      from = S[stage];
    }
    return id;
  };
  const lead = async (l: {
    owner: string;
    channel: string;
    campaign: string;
    created: string;
    converted?: boolean;
  }) => {
    const id = newId();
    await db.execute(sql`insert into leads (org_id, id, name, channel, campaign, status, owner_id, converted_at, created_at, updated_at)
      values (${orgId}, ${id}, '线索', ${l.channel}, ${l.campaign}, ${l.converted ? 'converted' : 'new'}, ${l.owner},
        ${l.converted ? at(l.created) : null}, ${at(l.created)}, ${at(l.created)})`);
    return id;
  };
  const L1 = await lead({
    owner: repId,
    channel: 'tradeFair',
    campaign: '广交会',
    created: '2026-02-20T02:00:00Z',
    converted: true,
  });
  await lead({ owner: repId, channel: 'tradeFair', campaign: '广交会', created: '2026-02-21T02:00:00Z' });
  const L3 = await lead({
    owner: adminId,
    channel: 'tradeFair',
    campaign: 'Frankfurt',
    created: '2026-02-22T02:00:00Z',
    converted: true,
  });
  await lead({
    owner: adminId,
    channel: 'b2bPlatform',
    campaign: 'Alibaba.com',
    created: '2026-03-01T02:00:00Z',
  });
  const L5 = await lead({
    owner: adminId,
    channel: 'b2bPlatform',
    campaign: 'Alibaba.com',
    created: '2026-03-02T02:00:00Z',
    converted: true,
  });
  await lead({
    owner: repId,
    channel: 'tradeFair',
    campaign: '广交会',
    created: '2025-12-15T02:00:00Z',
    converted: true,
  });

  // O1 tm→pc→na→pr→won, 10 days; O2 tm→pc→lost (price); O3 created in pc → na (USD, open);
  // O4 tm (open); O5 created in na → won, 5 days; O6 tm→lost (no reason). O7 before the period, O8 deleted.
  await opp({
    owner: repId,
    amount: '1000.00',
    channel: 'tradeFair',
    campaign: '广交会',
    leadId: L1,
    steps: [
      ['tm', '2026-03-01T02:00:00Z'],
      ['pc', '2026-03-03T02:00:00Z'],
      ['na', '2026-03-04T02:00:00Z'],
      ['pr', '2026-03-06T02:00:00Z'],
      ['won', '2026-03-11T02:00:00Z'],
    ],
  });
  await opp({
    owner: adminId,
    amount: '500.00',
    lostReason: 'price',
    channel: 'tradeFair',
    campaign: 'Frankfurt',
    leadId: L3,
    steps: [
      ['tm', '2026-03-01T02:00:00Z'],
      ['pc', '2026-03-02T02:00:00Z'],
      ['lost', '2026-03-04T02:00:00Z'],
    ],
  });
  await opp({
    owner: repId,
    amount: '300.00',
    currency: 'USD',
    steps: [
      ['pc', '2026-03-10T00:00:00Z'],
      ['na', '2026-03-10T12:00:00Z'],
    ],
  });
  await opp({ owner: adminId, amount: '200.00', steps: [['tm', '2026-04-01T02:00:00Z']] });
  await opp({
    owner: adminId,
    amount: '2000.00',
    channel: 'b2bPlatform',
    campaign: 'Alibaba.com',
    leadId: L5,
    steps: [
      ['na', '2026-04-01T02:00:00Z'],
      ['won', '2026-04-06T02:00:00Z'],
    ],
  });
  await opp({
    owner: repId,
    amount: '100.50',
    steps: [
      ['tm', '2026-04-02T02:00:00Z'],
      ['lost', '2026-04-05T02:00:00Z'],
    ],
  });
  await opp({
    owner: adminId,
    amount: '9999.00',
    steps: [
      ['tm', '2025-12-01T02:00:00Z'],
      ['won', '2026-03-01T02:00:00Z'],
    ],
  });
  await opp({ owner: adminId, amount: '7777.00', deleted: true, steps: [['tm', '2026-03-05T02:00:00Z']] });

  // New customers: January 1, March 2 (one the rep's), April 2, May 1.
  const months: [string, string][] = [
    ['2026-01-15T02:00:00Z', adminId],
    ['2026-03-05T02:00:00Z', adminId],
    ['2026-03-20T02:00:00Z', repId],
    ['2026-04-02T02:00:00Z', adminId],
    ['2026-04-03T02:00:00Z', adminId],
    ['2026-04-30T17:00:00Z', adminId], // 1 May 01:00 in Shanghai: a May customer
  ];
  for (const [when, owner] of months)
    await db.execute(sql`insert into customers (org_id, id, kind, name, owner_id, created_at)
      values (${orgId}, ${newId()}, 'company', ${`客户${when}`}, ${owner}, ${at(when)})`);
}

const PERIOD = 'from=2026-01-01&to=2026-07-01';

beforeAll(async () => {
  w = await createTestApp();
  db = w.database.db;
  admin = await setupInstance(w.app, '华星贸易有限公司', 'admin@a.test');
  const me = (await admin.get('/api/v1/me')).json();
  orgId = me.orgId;
  adminId = me.id;
  const r = await createUser(w.app, admin, { role: 'sales' });
  rep = r.client;
  repId = r.user.id;
  otherAdmin = await createOrg(w.app, admin, '别家公司', 'admin@b.test');
  await seed();
});
afterAll(() => w.close());

describe('funnel', () => {
  it('computes the hand-computed figures for the whole organisation', async () => {
    const res = await admin.get(`/api/v1/sales-analytics/funnel?${PERIOD}`);
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f.total).toBe(6);
    expect(f.pipeline.name).toBe('默认');
    expect(f.stages.map((s: { key: string; reached: number }) => [s.key, s.reached])).toEqual([
      ['targetMarket', 6],
      ['potentialCustomer', 4],
      ['needsAnalysis', 3],
      ['proposal', 2],
    ]);
    expect(f.stages.map((s: { conversionRate: number }) => s.conversionRate)).toEqual([
      0.6667, 0.75, 0.6667, 1,
    ]);
    // tm: O1 2 d, O2 1 d, O6 3 d; pc: O1 1 d, O2 2 d, O3 0.5 d; na: O1 2 d, O5 5 d; pr: O1 5 d.
    expect(f.stages.map((s: { avgDaysInStage: number }) => s.avgDaysInStage)).toEqual([2, 1.2, 3.5, 5]);
    expect(f.stages[0].amount).toEqual({ amount: '3800.50', currency: 'CNY' });
    expect(f.stages[0].otherAmounts).toEqual([{ amount: '300.00', currency: 'USD' }]);
    expect(f.won).toEqual({ count: 2, amount: { amount: '3000.00', currency: 'CNY' }, otherAmounts: [] });
    expect(f.lost.count).toBe(2);
    expect(f.lost.amount.amount).toBe('600.50');
    expect(f.winRate).toBe(0.5);
    expect(f.salesCycleDays).toBe(7.5);
    expect(f.lostReasons).toEqual([
      { reason: 'price', count: 1 },
      { reason: 'unspecified', count: 1 },
    ]);
  });

  it('shows a sales rep only the figures of their own opportunities', async () => {
    const f = (await rep.get(`/api/v1/sales-analytics/funnel?${PERIOD}`)).json();
    // Rep: O1 (won), O3 (open in na), O6 (lost from tm).
    expect(f.total).toBe(3);
    expect(f.stages.map((s: { reached: number }) => s.reached)).toEqual([3, 2, 2, 1]);
    expect(f.stages.map((s: { conversionRate: number }) => s.conversionRate)).toEqual([0.6667, 1, 0.5, 1]);
    expect(f.stages.map((s: { avgDaysInStage: number }) => s.avgDaysInStage)).toEqual([2.5, 0.8, 2, 5]);
    expect(f.winRate).toBe(0.5);
    expect(f.salesCycleDays).toBe(10);
    expect(f.lostReasons).toEqual([{ reason: 'unspecified', count: 1 }]);
    // Naming another owner does not widen the scope.
    const other = (await rep.get(`/api/v1/sales-analytics/funnel?${PERIOD}&ownerId=${adminId}`)).json();
    expect(other.total).toBe(0);
  });

  it('filters by owner and channel', async () => {
    const byOwner = (await admin.get(`/api/v1/sales-analytics/funnel?${PERIOD}&ownerId=${repId}`)).json();
    expect(byOwner.total).toBe(3);
    const fair = (await admin.get(`/api/v1/sales-analytics/funnel?${PERIOD}&channel=tradeFair`)).json();
    expect(fair.stages.map((s: { reached: number }) => s.reached)).toEqual([2, 2, 1, 1]);
    const fr = (await admin.get(`/api/v1/sales-analytics/funnel?${PERIOD}&campaign=Frankfurt`)).json();
    expect(fr.total).toBe(1);
  });

  it('defaults to the last twelve months and refuses a bad period or pipeline', async () => {
    const def = (await admin.get('/api/v1/sales-analytics/funnel')).json();
    expect(new Date(def.period.to).getTime()).toBeGreaterThan(new Date(def.period.from).getTime());
    const bad = await admin.get('/api/v1/sales-analytics/funnel?from=2026-05-01&to=2026-04-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('to');
    expect((await admin.get('/api/v1/sales-analytics/funnel?from=2026-02-30')).statusCode).toBe(400);
    const unknown = await admin.get(`/api/v1/sales-analytics/funnel?pipelineId=${newId()}`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe('pipelineId');
    expect((await admin.get('/api/v1/sales-analytics/funnel?bogus=1')).statusCode).toBe(400);
  });

  it('is empty in an organisation without a pipeline, and never shows another tenant', async () => {
    const f = (await otherAdmin.get(`/api/v1/sales-analytics/funnel?${PERIOD}`)).json();
    expect(f).toMatchObject({ pipeline: null, total: 0, stages: [], winRate: null });
    const a = (await otherAdmin.get(`/api/v1/sales-analytics/acquisition?${PERIOD}`)).json();
    expect(a.leads.created).toBe(0);
    expect(a.newCustomers.every((m: { count: number }) => m.count === 0)).toBe(true);
  });

  it('exports the figures as xlsx and as csv with a BOM', async () => {
    const x = await admin.get(`/api/v1/sales-analytics/funnel/export?${PERIOD}&format=xlsx`);
    expect(x.statusCode, x.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).values).toEqual([undefined, '目标市场', '6', '3800.50', '300.00 USD', '66.7%', '2']);
    admin.locale = 'zh-CN';
    const c = await admin.get(`/api/v1/sales-analytics/acquisition/export?${PERIOD}&format=csv`);
    admin.locale = 'en';
    expect(c.statusCode, c.body).toBe(200);
    expect(c.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(c.body).toContain('展会,广交会,2,1,50.0%');
  });

  it('needs salesAnalytics:export to export', async () => {
    const svc = await createUser(w.app, admin, { role: 'service' });
    expect((await svc.client.get(`/api/v1/sales-analytics/funnel/export?${PERIOD}`)).statusCode).toBe(403);
  });
});

describe('acquisition', () => {
  it('counts leads, conversions and won amounts per channel and campaign', async () => {
    const res = await admin.get(`/api/v1/sales-analytics/acquisition?${PERIOD}`);
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    expect(a.leads).toEqual({ created: 5, converted: 3, successRate: 0.6 });
    expect(
      a.channels.map((c: Record<string, unknown>) => [
        c.channel,
        c.leads,
        c.converted,
        c.conversionRate,
        c.opportunities,
        c.won,
        (c.wonAmount as { amount: string }).amount,
      ]),
    ).toEqual([
      ['tradeFair', 3, 2, 0.6667, 2, 1, '1000.00'],
      ['b2bPlatform', 2, 1, 0.5, 1, 1, '2000.00'],
    ]);
    expect(
      a.campaigns.map((c: Record<string, unknown>) => [c.campaign, c.leads, c.conversionRate, c.winRate]),
    ).toEqual([
      ['Alibaba.com', 2, 0.5, 1],
      ['广交会', 2, 0.5, 1],
      ['Frankfurt', 1, 1, 0],
    ]);
    expect(a.newCustomers).toEqual([
      { month: '2026-01', count: 1, growthRate: null },
      { month: '2026-02', count: 0, growthRate: -1 },
      { month: '2026-03', count: 2, growthRate: null },
      { month: '2026-04', count: 2, growthRate: 0 },
      { month: '2026-05', count: 1, growthRate: -0.5 },
      { month: '2026-06', count: 0, growthRate: -1 },
    ]);
    expect(a.buyers).toBeNull();
    expect(a.buyersNote).toBe('availableOnceOrdersExist');
  });

  it('keeps a sales rep to their own leads and customers', async () => {
    const a = (await rep.get(`/api/v1/sales-analytics/acquisition?${PERIOD}`)).json();
    expect(a.leads).toEqual({ created: 2, converted: 1, successRate: 0.5 });
    expect(
      a.channels.map((c: Record<string, unknown>) => [c.channel, c.leads, c.opportunities, c.won]),
    ).toEqual([['tradeFair', 2, 1, 1]]);
    expect(a.newCustomers.map((m: { count: number }) => m.count)).toEqual([0, 0, 1, 0, 0, 0]);
    const fair = (
      await admin.get(`/api/v1/sales-analytics/acquisition?${PERIOD}&channel=b2bPlatform`)
    ).json();
    expect(fair.leads.created).toBe(2);
  });
});
