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
import { withTenant } from '../server/src/db/tenant.ts';
import { assignLeads } from '../server/src/modules/leads/lead-assignment.service.ts';

// Assignment over HTTP. 销售部 has 一组 (张伟, 李娜) and 二组 (王强); 王经理 manages 销售部 (department
// scope); 赵敏 sells in 客服部; 钱多 has been disabled. A second organisation must see nothing.
let w: TestWorld;
let admin: Client;
let adminB: Client;
let orgId: string;
let orgB: string;
const clock = new Date('2026-06-10T02:00:00Z');
type Who = 'zhang' | 'li' | 'wang' | 'mgr' | 'zhao' | 'qian';
const u = {} as Record<Who, { client: Client; id: string }>;
let team1: string;
let team2: string;
let teamB: string;
let userB: string;

const errors = (res: { json(): { error: { code: string; details?: { field: string; code: string }[] } } }) =>
  (res.json().error.details ?? []).map((d) => `${d.field}:${d.code}`);

async function createLead(by: Client, body: Record<string, unknown>) {
  const res = await by.post('/api/v1/leads', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Record<string, unknown> & { id: string; version: number };
}

beforeAll(async () => {
  w = await createTestApp({}, {}, { now: () => clock });
  admin = await setupInstance(w.app);
  adminB = await createOrg(w.app, admin, '另一家公司', 'admin@b.test');
  orgId = (await admin.get('/api/v1/me')).json().orgId;
  orgB = (await adminB.get('/api/v1/me')).json().orgId;
  const sales = await insertDepartmentRow(w.database.db, orgId, '销售部');
  const service = await insertDepartmentRow(w.database.db, orgId, '客服部');
  team1 = await insertTeamRow(w.database.db, orgId, '一组', sales.id);
  team2 = await insertTeamRow(w.database.db, orgId, '二组', sales.id);
  teamB = await insertTeamRow(w.database.db, orgB, '一组', null);
  for (const [key, body] of Object.entries({
    zhang: { name: '张伟', role: 'sales', departmentId: sales.id, teamId: team1 },
    li: { name: '李娜', role: 'sales', departmentId: sales.id, teamId: team1 },
    wang: { name: '王强', role: 'sales', departmentId: sales.id, teamId: team2 },
    mgr: { name: '王经理', role: 'manager', departmentId: sales.id },
    zhao: { name: '赵敏', role: 'sales', departmentId: service.id },
    qian: { name: '钱多', role: 'sales', departmentId: sales.id, teamId: team1 },
  })) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as Who] = { client, id: user.id };
  }
  const q = (await admin.get(`/api/v1/users/${u.qian.id}`)).json();
  expect(
    (await admin.patch(`/api/v1/users/${u.qian.id}`, { version: q.version, status: 'disabled' })).statusCode,
  ).toBe(200);
  userB = (await createUser(w.app, adminB, { name: '乙公司销售', role: 'sales' })).user.id;
});
afterAll(() => w.close());

describe('assignment rules', () => {
  it('refuse bad input with the field named, and nothing is stored', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ name: '德国', kind: 'region', assigneeIds: [u.zhang.id] }, ['match.countries:required']],
      [
        { name: '德国', kind: 'region', match: { countries: ['DE', 'QQ'] }, assigneeIds: [u.zhang.id] },
        ['match.countries[1]:country'],
      ],
      [
        { name: '省', kind: 'region', match: { provinces: ['999999'] }, assigneeIds: [u.zhang.id] },
        ['match.provinces[0]:divisionNotFound'],
      ],
      [
        {
          name: '产品',
          kind: 'productLine',
          match: { productLines: ['spaceships'] },
          assigneeIds: [u.zhang.id],
        },
        ['match.productLines[0]:notInDictionary'],
      ],
      [
        { name: '渠道', kind: 'channel', match: { channels: ['tradeFair', 'carrierPigeon'] }, teamId: team1 },
        ['match.channels[1]:notInDictionary'],
      ],
      [
        { name: '轮流', kind: 'roundRobin', assigneeIds: [u.zhang.id, u.qian.id, userB] },
        ['assigneeIds[1]:notActiveUser', 'assigneeIds[2]:notActiveUser'],
      ],
      [{ name: '轮流', kind: 'roundRobin', teamId: teamB }, ['teamId:notFound']],
      [
        { name: '轮流', kind: 'roundRobin', teamId: team1, assigneeIds: [u.zhang.id] },
        ['teamId:assigneesOrTeam'],
      ],
      [{ name: '轮流', kind: 'roundRobin' }, ['assigneeIds:required']],
    ];
    for (const [body, expected] of cases) {
      const res = await admin.post('/api/v1/lead-rules', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errors(res), JSON.stringify(body)).toEqual(expected);
    }
    const unknown = await admin.post('/api/v1/lead-rules', {
      name: 'x',
      kind: 'roundRobin',
      teamId: team1,
      owner: 1,
    });
    expect(unknown.json().error.code).toBe('UNKNOWN_FIELD');
    const zh = await admin.request(
      'POST',
      '/api/v1/lead-rules',
      { name: '轮流', kind: 'roundRobin', teamId: teamB },
      {
        'accept-language': 'zh-CN',
      },
    );
    expect(zh.json().error.details[0].message).toContain('团队');
    expect((await admin.get('/api/v1/lead-rules')).json().items).toEqual([]);
  });

  it('are created, listed in order, edited with a version, reordered and deleted — audited', async () => {
    const de = await admin.post('/api/v1/lead-rules', {
      name: '德语区',
      kind: 'region',
      match: { countries: ['de', 'AT', 'DE'] },
      assigneeIds: [u.wang.id],
    });
    expect(de.statusCode, de.body).toBe(201);
    expect(de.json()).toMatchObject({
      position: 1,
      match: { countries: ['DE', 'AT'] },
      assigneeNames: ['王强'],
      active: true,
      version: 1,
    });
    const rr = await admin.post('/api/v1/lead-rules', {
      name: '一组轮流',
      kind: 'roundRobin',
      teamId: team1,
    });
    expect(rr.json()).toMatchObject({ position: 2, teamId: team1, teamName: '一组', assigneeIds: [] });
    const es = await admin.post('/api/v1/lead-rules', {
      name: '西语',
      kind: 'language',
      match: { languages: ['ES'] },
      assigneeIds: [u.li.id],
      active: false,
    });
    expect(es.statusCode, es.body).toBe(201);

    const stale = await admin.patch(`/api/v1/lead-rules/${es.json().id}`, { version: 9, active: true });
    expect(stale.statusCode).toBe(409);
    const on = await admin.patch(`/api/v1/lead-rules/${es.json().id}`, { version: 1, active: true });
    expect(on.json()).toMatchObject({ active: true, version: 2, match: { languages: ['es'] } });

    // Spanish speakers before the team rotation, Germans after them.
    const bad = await admin.post('/api/v1/lead-rules/reorder', { ids: [es.json().id, de.json().id] });
    expect(errors(bad)).toEqual(['ids:allRulesOnce']);
    const order = await admin.post('/api/v1/lead-rules/reorder', {
      ids: [es.json().id, de.json().id, rr.json().id],
    });
    expect(order.statusCode, order.body).toBe(200);
    expect(order.json().items.map((r: { name: string; position: number }) => [r.name, r.position])).toEqual([
      ['西语', 1],
      ['德语区', 2],
      ['一组轮流', 3],
    ]);

    const tmp = await admin.post('/api/v1/lead-rules', { name: '临时', kind: 'roundRobin', teamId: team2 });
    expect((await admin.del(`/api/v1/lead-rules/${tmp.json().id}`)).statusCode).toBe(204);
    expect((await admin.del(`/api/v1/lead-rules/${tmp.json().id}`)).statusCode).toBe(404);
    const list = (await admin.get('/api/v1/lead-rules')).json().items as { name: string; position: number }[];
    expect(list.map((r) => [r.name, r.position])).toEqual([
      ['西语', 1],
      ['德语区', 2],
      ['一组轮流', 3],
    ]);
    const audit = await rows<{ action: string }>(
      w.database.db,
      sql`select action from audit_log where org_id = ${orgId} and entity = 'leadAssignment' order by at, action`,
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['create', 'update', 'reorder', 'delete']),
    );
  });

  it('belong to one organisation and need the leadAssignment permission', async () => {
    const mine = (await admin.get('/api/v1/lead-rules')).json().items as { id: string; version: number }[];
    expect((await adminB.get('/api/v1/lead-rules')).json().items).toEqual([]);
    const probe = await adminB.patch(`/api/v1/lead-rules/${mine[0]!.id}`, {
      version: mine[0]!.version,
      name: 'x',
    });
    expect(probe.statusCode).toBe(404);
    expect((await adminB.del(`/api/v1/lead-rules/${mine[0]!.id}`)).statusCode).toBe(404);
    expect((await adminB.post('/api/v1/lead-rules/reorder', { ids: mine.map((r) => r.id) })).statusCode).toBe(
      400,
    );
    expect((await u.zhang.client.get('/api/v1/lead-rules')).statusCode).toBe(403);
    expect(
      (await u.zhang.client.post('/api/v1/lead-rules', { name: 'x', kind: 'roundRobin', teamId: team1 }))
        .statusCode,
    ).toBe(403);
    // A manager may read and change them (leadAssignment read/update).
    expect((await u.mgr.client.get('/api/v1/lead-rules')).statusCode).toBe(200);
  });
});

describe('settings', () => {
  it('default, validate the fallback owner and save', async () => {
    expect((await admin.get('/api/v1/lead-assignment/settings')).json()).toEqual({
      firstContactHours: 24,
      fallbackOwnerId: null,
      requireQualification: true,
      escalate: true,
    });
    const body = {
      firstContactHours: 24,
      fallbackOwnerId: userB,
      requireQualification: true,
      escalate: true,
    };
    const bad = await admin.request('PUT', '/api/v1/lead-assignment/settings', body);
    expect(bad.statusCode).toBe(400);
    expect(errors(bad)).toEqual(['fallbackOwnerId:notActiveUser']);
    const disabled = await admin.request('PUT', '/api/v1/lead-assignment/settings', {
      ...body,
      fallbackOwnerId: u.qian.id,
    });
    expect(errors(disabled)).toEqual(['fallbackOwnerId:notActiveUser']);
    const hours = await admin.request('PUT', '/api/v1/lead-assignment/settings', {
      ...body,
      firstContactHours: 0,
    });
    expect(hours.statusCode).toBe(400);
    const ok = await admin.request('PUT', '/api/v1/lead-assignment/settings', {
      ...body,
      fallbackOwnerId: u.zhao.id,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await admin.get('/api/v1/lead-assignment/settings')).json().fallbackOwnerId).toBe(u.zhao.id);
    expect((await adminB.get('/api/v1/lead-assignment/settings')).json().fallbackOwnerId).toBeNull();
    const rep = await u.zhang.client.request('PUT', '/api/v1/lead-assignment/settings', body);
    expect(rep.statusCode).toBe(403);
  });
});

describe('a new lead', () => {
  it('gets its owner by the rules, round-robin, and its first-contact deadline', async () => {
    const due = new Date(clock.getTime() + 24 * 3600_000).toISOString();
    const es = await createLead(admin, {
      name: 'Carlos',
      company: 'Muebles García SL',
      language: 'es',
      country: 'ES',
    });
    expect(es).toMatchObject({ ownerId: u.li.id, assignmentReason: 'rule', firstContactDueAt: due });
    const de = await createLead(admin, { name: 'Jonas', company: 'Haus GmbH', country: 'DE' });
    expect(de).toMatchObject({ ownerId: u.wang.id, assignmentReason: 'rule' });
    // 一组 rotates over its active members (钱多 is disabled): 张伟 and 李娜 take turns.
    const owners: string[] = [];
    for (let i = 0; i < 4; i++)
      owners.push(String((await createLead(admin, { company: `Buyer ${i} Ltd`, country: 'US' })).ownerId));
    expect(owners.filter((o) => o === u.zhang.id)).toHaveLength(2);
    expect(owners.filter((o) => o === u.li.id)).toHaveLength(2);
    expect(new Set(owners.slice(0, 2)).size).toBe(2);
    // The new owners hear of it.
    const notes = (await u.wang.client.get('/api/v1/notifications')).json().items as { kind: string }[];
    expect(notes.map((n) => n.kind)).toContain('leadsAssigned');
  });

  it('created at the same moment still take turns (the rules are locked while assigning)', async () => {
    const made = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        admin.post('/api/v1/leads', { company: `Rush ${i} Inc`, country: 'US' }),
      ),
    );
    const owners = made.map((r) => {
      expect(r.statusCode, r.body).toBe(201);
      return r.json().ownerId as string;
    });
    expect(owners.filter((o) => o === u.zhang.id)).toHaveLength(3);
    expect(owners.filter((o) => o === u.li.id)).toHaveLength(3);
    const rule = (
      (await admin.get('/api/v1/lead-rules')).json().items as { name: string; rrCounter: number }[]
    ).find((r) => r.name === '一组轮流');
    expect(rule?.rrCounter).toBe(10);
  });

  it('of an existing customer goes to its owner, flagged', async () => {
    const c = await u.zhao.client.post('/api/v1/customers', {
      kind: 'company',
      name: '宁波海天塑机有限公司',
      phones: ['13812345678'],
    });
    expect(c.statusCode, c.body).toBe(201);
    const lead = await createLead(admin, {
      name: '陈总',
      company: '海天塑机',
      phones: ['+86 138 1234 5678'],
      country: 'DE',
    });
    expect(lead).toMatchObject({
      ownerId: u.zhao.id,
      assignmentReason: 'duplicate',
      matchedCustomerId: c.json().id,
      matchedOn: ['name', 'phone'],
    });
  });

  it('no rule fits: the fallback owner; without one it stays unassigned', async () => {
    for (const id of (await admin.get('/api/v1/lead-rules')).json().items as {
      id: string;
      version: number;
    }[])
      await admin.patch(`/api/v1/lead-rules/${id.id}`, { version: id.version, active: false });
    const fb = await createLead(admin, { company: 'Nobody Matches Ltd', country: 'JP' });
    expect(fb).toMatchObject({ ownerId: u.zhao.id, assignmentReason: 'fallback' });
    // Straight through assignLeads: a lead inserted without an owner, no fallback.
    await admin.request('PUT', '/api/v1/lead-assignment/settings', {
      firstContactHours: 4,
      fallbackOwnerId: null,
      requireQualification: true,
      escalate: true,
    });
    const [orphan] = await rows<{ id: string }>(
      w.database.db,
      sql`insert into leads (org_id, id, company) values (${orgId}, gen_random_uuid(), 'Orphan Ltd') returning id::text as id`,
    );
    const leadId = orphan!.id;
    const result = await withTenant(w.database.db, orgId, (tx) => assignLeads(tx, orgId, [leadId], clock));
    expect(result).toEqual({ assigned: 0, unassigned: [leadId] });
    const [stored] = await rows<{ owner_id: string | null; due: string }>(
      w.database.db,
      sql`select owner_id, first_contact_due_at::text as due from leads where org_id = ${orgId} and id = ${leadId}`,
    );
    expect(stored!.owner_id).toBeNull();
    expect(new Date(stored!.due).toISOString()).toBe(new Date(clock.getTime() + 4 * 3600_000).toISOString());
  });
});

describe('bulk reassignment', () => {
  let leadsOf: Record<'zhang' | 'zhao', string>;
  beforeAll(async () => {
    leadsOf = {
      zhang: (await createLead(admin, { company: '张的线索', ownerId: u.zhang.id })).id,
      zhao: (await createLead(admin, { company: '赵的线索', ownerId: u.zhao.id })).id,
    };
    await w.database.db.execute(
      sql`update leads set escalated_at = ${clock} where org_id = ${orgId} and id = ${leadsOf.zhang}`,
    );
  });

  it('is refused to a sales rep, and to a wrong owner', async () => {
    const rep = await u.zhang.client.post('/api/v1/leads/bulk-assign', {
      ids: [leadsOf.zhang],
      ownerId: u.li.id,
    });
    expect(rep.statusCode).toBe(403);
    const bad = await admin.post('/api/v1/leads/bulk-assign', { ids: [leadsOf.zhang], ownerId: userB });
    expect(errors(bad)).toEqual(['ownerId:notActiveUser']);
    const tooMany = await admin.post('/api/v1/leads/bulk-assign', {
      ids: Array.from({ length: 1001 }, () => leadsOf.zhang),
      ownerId: u.li.id,
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it('lets a manager reassign within the scope only, with a new deadline, history and a notice', async () => {
    const res = await u.mgr.client.post('/api/v1/leads/bulk-assign', {
      ids: [leadsOf.zhang, leadsOf.zhao],
      ownerId: u.li.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      assigned: 1,
      refused: [{ id: leadsOf.zhao, code: 'NOT_FOUND' }],
    });
    const lead = (await admin.get(`/api/v1/leads/${leadsOf.zhang}`)).json();
    expect(lead).toMatchObject({
      ownerId: u.li.id,
      assignmentReason: 'manual',
      escalatedAt: null,
      firstContactDueAt: new Date(clock.getTime() + 4 * 3600_000).toISOString(),
    });
    expect((await admin.get(`/api/v1/leads/${leadsOf.zhao}`)).json().ownerId).toBe(u.zhao.id);
    const history = (await admin.get(`/api/v1/leads/${leadsOf.zhang}/history`)).json().items as {
      action: string;
    }[];
    expect(history.map((h) => h.action)).toContain('assign');
    const notes = (await u.li.client.get('/api/v1/notifications')).json().items as {
      kind: string;
      params: { count?: number };
    }[];
    expect(notes.find((n) => n.kind === 'leadsReassigned')?.params.count).toBe(1);
  });

  it("finds none of another organisation's leads", async () => {
    const res = await adminB.post('/api/v1/leads/bulk-assign', { ids: [leadsOf.zhang], ownerId: userB });
    expect(res.json()).toMatchObject({ assigned: 0, refused: [{ id: leadsOf.zhang, code: 'NOT_FOUND' }] });
    expect((await admin.get(`/api/v1/leads/${leadsOf.zhang}`)).json().ownerId).toBe(u.li.id);
  });
});
