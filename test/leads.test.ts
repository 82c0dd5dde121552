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
import { insertDepartmentRow, insertTeamRow } from './helpers/db-state.ts';

// Leads: records, validation, dictionaries, search, filters (sleeping included), MAN
// qualification, and who sees what: admin (org), manager (department 销售部), two reps (own),
// read-only (org, phones masked), and another organisation.
let w: TestWorld;
let admin: Client;
let otherOrg: Client;
const u = {} as Record<'mgr' | 'zhang' | 'li' | 'ro', { client: Client; id: string }>;

type Lead = Record<string, unknown> & { id: string; version: number };
async function create(by: Client, body: Record<string, unknown>): Promise<Lead> {
  const res = await by.post('/api/v1/leads', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const ids = async (by: Client, query = '') => {
  const res = await by.get(`/api/v1/leads?limit=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return { ids: (res.json().items as Lead[]).map((l) => l.id).sort(), total: res.json().total as number };
};
const errorsOf = (res: { json(): { error: { details?: { field: string; code: string }[] } } }) =>
  (res.json().error.details ?? []).map((d) => `${d.field}:${d.code}`);

let zhangLead: Lead;
let liLead: Lead;
let outsideLead: Lead;

beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
  otherOrg = await createOrg(w.app, admin, '另一家贸易公司', 'admin@b.test');
  const orgId = (await admin.get('/api/v1/me')).json().orgId;
  const sales = await insertDepartmentRow(w.database.db, orgId, '销售部');
  const east = await insertDepartmentRow(w.database.db, orgId, '华东销售', sales);
  const export_ = await insertDepartmentRow(w.database.db, orgId, '外贸部');
  const team = await insertTeamRow(w.database.db, orgId, '一组', east.id);
  for (const [key, body] of Object.entries({
    mgr: { name: '李经理', role: 'manager', departmentId: sales.id },
    zhang: { name: '张伟', role: 'sales', departmentId: east.id, teamId: team },
    li: { name: '李娜', role: 'sales', departmentId: export_.id },
    ro: { name: '高翔', role: 'readonly' },
  })) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as keyof typeof u] = { client, id: user.id };
  }
  zhangLead = await create(u.zhang.client, {
    name: '陈海峰',
    company: '宁波海天塑机有限公司',
    phones: ['13588889999'],
    emails: ['Chen@HaiTian.com'],
    channel: 'tradeFair',
    campaign: '第138届广交会',
    productInterest: ['machinery'],
    country: 'CN',
    province: '浙江省',
    city: '宁波市',
  });
  liLead = await create(u.li.client, {
    name: 'John Miller',
    company: 'Miller Trading GmbH',
    phones: ['+49 30 1234567'],
    emails: ['john@miller.de'],
    channel: 'b2bPlatform',
    campaign: 'Alibaba.com',
    country: 'DE',
    language: 'de',
  });
  outsideLead = await create(admin, {
    company: '深圳华强电子',
    channel: 'websiteForm',
    ownerId: u.li.id,
  });
});
afterAll(() => w.close());

describe('lead records', () => {
  it('are created with their owner, edited with a version, deleted to the bin and restored, with history', async () => {
    expect(zhangLead).toMatchObject({
      name: '陈海峰',
      emails: ['chen@haitian.com'],
      status: 'new',
      ownerId: u.zhang.id,
      ownerName: '张伟',
      assignmentReason: 'creator',
      province: '330000',
      city: '330200',
      provinceName: '浙江省',
      nextAction: 'qualifyFirst',
      manMoney: 'unknown',
      version: 1,
    });
    expect(outsideLead).toMatchObject({ ownerId: u.li.id, assignmentReason: 'manual' });
    const lead = await create(u.zhang.client, { name: '临时线索', channel: 'walkIn' });
    const edited = await u.zhang.client.patch(`/api/v1/leads/${lead.id}`, {
      version: 1,
      status: 'contacted',
      notes: '已电话联系',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, status: 'contacted', notes: '已电话联系' });
    expect(edited.json().firstContactedAt).toBeTruthy();
    const stale = await u.zhang.client.patch(`/api/v1/leads/${lead.id}`, { version: 1, notes: 'x' });
    expect(stale.statusCode).toBe(409);
    // The first contact is stamped once.
    const again = await u.zhang.client.patch(`/api/v1/leads/${lead.id}`, { version: 2, status: 'new' });
    expect(again.json().firstContactedAt).toBe(edited.json().firstContactedAt);

    expect((await admin.del(`/api/v1/leads/${lead.id}`)).statusCode).toBe(204);
    expect((await u.zhang.client.get(`/api/v1/leads/${lead.id}`)).statusCode).toBe(404);
    const bin = (await admin.get('/api/v1/recycle-bin?entity=leads')).json().items;
    expect(bin.map((b: { id: string }) => b.id)).toContain(lead.id);
    const restored = await admin.post(`/api/v1/leads/${lead.id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    const history = (await u.zhang.client.get(`/api/v1/leads/${lead.id}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['create', 'update', 'delete', 'restore']),
    );
  });

  it('name the field of every problem', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '经理' }, 'name:required'],
      [{ name: '甲', phones: ['12345'] }, 'phones[0]:phone'],
      [{ name: '甲', emails: ['not-an-email'] }, 'emails[0]:email'],
      [{ name: '甲', channel: 'carrierPigeon' }, 'channel:notInDictionary'],
      [{ name: '甲', productInterest: ['spaceships'] }, 'productInterest[0]:notInDictionary'],
      [{ name: '甲', province: '火星省' }, 'province:divisionNotFound'],
      [{ name: '甲', country: 'US', province: '浙江省' }, 'province:divisionOutsideChina'],
    ];
    for (const [body, error] of cases) {
      const res = await admin.post('/api/v1/leads', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorsOf(res)).toContain(error);
    }
    const unknown = await admin.post('/api/v1/leads', { name: '甲', budget: 100 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('UNKNOWN_FIELD');

    const lead = await create(admin, { name: '待作废', ownerId: u.zhang.id });
    const noReason = await admin.patch(`/api/v1/leads/${lead.id}`, { version: 1, status: 'disqualified' });
    expect(noReason.statusCode).toBe(400);
    expect(errorsOf(noReason)).toEqual(['disqualifyReason:required']);
    const badReason = await admin.patch(`/api/v1/leads/${lead.id}`, {
      version: 1,
      status: 'disqualified',
      disqualifyReason: 'boredom',
    });
    expect(errorsOf(badReason)).toEqual(['disqualifyReason:notInDictionary']);
    const converted = await admin.patch(`/api/v1/leads/${lead.id}`, { version: 1, status: 'converted' });
    expect(errorsOf(converted)).toEqual(['status:convertOnly']);
    const ok = await admin.patch(`/api/v1/leads/${lead.id}`, {
      version: 1,
      status: 'disqualified',
      disqualifyReason: 'spam',
    });
    expect(ok.json()).toMatchObject({ status: 'disqualified', disqualifyReason: 'spam' });
    const back = await admin.patch(`/api/v1/leads/${lead.id}`, { version: 2, status: 'contacted' });
    expect(back.json()).toMatchObject({ status: 'contacted', disqualifyReason: null });
    // Nothing of the refused writes was stored.
    const rows = (await w.database.db.execute(
      sql`select count(*)::int as n from leads where name = '甲'`,
    )) as unknown as { rows: { n: number }[] };
    expect(rows.rows[0]!.n).toBe(0);
  });

  it('are found by Chinese fragments, pinyin, phone fragments and emails', async () => {
    for (const q of ['海天', '陈海', 'chenhaifeng', 'haitian', '8888', 'chen@haitian.com']) {
      const found = await ids(admin, `&q=${encodeURIComponent(q)}`);
      expect(found.ids, q).toEqual([zhangLead.id]);
    }
    expect((await ids(admin, `&q=${encodeURIComponent('Miller')}`)).ids).toEqual([liLead.id]);
    expect((await ids(admin, `&q=${encodeURIComponent('不存在')}`)).ids).toEqual([]);
    // A role that sees phones masked cannot find a lead by typing its digits.
    expect((await ids(u.ro.client, '&q=8888')).ids).toEqual([]);
  });

  it('filter by status, channel, campaign, owner, country, language, product line, unassigned and sleeping', async () => {
    expect((await ids(admin, '&channel=b2bPlatform')).ids).toEqual([liLead.id]);
    expect((await ids(admin, `&campaign=${encodeURIComponent('第138届广交会')}`)).ids).toEqual([
      zhangLead.id,
    ]);
    expect((await ids(admin, `&ownerId=${u.li.id}&status=new`)).ids).toEqual(
      [liLead.id, outsideLead.id].sort(),
    );
    expect((await ids(admin, '&country=de')).ids).toEqual([liLead.id]);
    expect((await ids(admin, '&language=de')).ids).toEqual([liLead.id]);
    expect((await ids(admin, '&productLine=machinery')).ids).toEqual([zhangLead.id]);
    const sorted = (await admin.get('/api/v1/leads?sort=name&limit=2')).json();
    expect(sorted.nextCursor).toBeTruthy();
    const bad = await admin.get('/api/v1/leads?sort=budget');
    expect(errorsOf(bad)).toEqual(['sort:enum']);

    // Sleeping: new, never contacted, past the first-contact deadline.
    await w.database.db.execute(
      sql`update leads set first_contact_due_at = now() - interval '2 hours' where id = ${zhangLead.id}`,
    );
    await w.database.db.execute(
      sql`update leads set first_contact_due_at = now() + interval '2 hours' where id = ${liLead.id}`,
    );
    expect((await ids(admin, '&sleeping=true')).ids).toEqual([zhangLead.id]);
    expect((await admin.get(`/api/v1/leads/${zhangLead.id}`)).json().sleeping).toBe(true);
    expect((await admin.get(`/api/v1/leads/${liLead.id}`)).json().sleeping).toBe(false);
    expect((await ids(admin, '&sleeping=false')).ids).not.toContain(zhangLead.id);

    const unassigned = await create(admin, { company: '无主线索公司', ownerId: null });
    if (unassigned.ownerId === null) {
      expect((await ids(admin, '&unassigned=true')).ids).toContain(unassigned.id);
      // An unassigned lead is seen by the department scope, not by reps.
      expect((await ids(u.mgr.client)).ids).toContain(unassigned.id);
      expect((await ids(u.zhang.client)).ids).not.toContain(unassigned.id);
    }
    await admin.del(`/api/v1/leads/${unassigned.id}`);
  });
});

describe('MAN qualification', () => {
  it('stores the answers, qualifies the lead and recommends the next action', async () => {
    const lead = await create(u.zhang.client, { name: '王总', company: '义乌小商品' });
    const res = await u.zhang.client.post(`/api/v1/leads/${lead.id}/qualify`, {
      money: 'yes',
      authority: 'no',
      need: 'yes',
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'qualified',
      manMoney: 'yes',
      manAuthority: 'no',
      manNeed: 'yes',
      nextAction: 'findDecisionMaker',
      qualifiedBy: u.zhang.id,
      version: 2,
    });
    expect(res.json().qualifiedAt).toBeTruthy();
    expect(res.json().firstContactedAt).toBeTruthy();
    const again = await u.zhang.client.post(`/api/v1/leads/${lead.id}/qualify`, {
      money: 'yes',
      authority: 'yes',
      need: 'unknown',
      version: 2,
    });
    expect(again.json().nextAction).toBe('qualifyFirst');
    const bad = await u.zhang.client.post(`/api/v1/leads/${lead.id}/qualify`, {
      money: 'maybe',
      authority: 'yes',
      need: 'yes',
      version: 3,
    });
    expect(bad.statusCode).toBe(400);
    expect(errorsOf(bad)[0]).toMatch(/^money:/);
    const history = (await u.zhang.client.get(`/api/v1/leads/${lead.id}/history`)).json().items;
    expect(history.filter((h: { action: string }) => h.action === 'qualify')).toHaveLength(2);
    // Someone else's lead: outside a rep's scope.
    const foreign = await u.li.client.post(`/api/v1/leads/${lead.id}/qualify`, {
      money: 'yes',
      authority: 'yes',
      need: 'yes',
      version: 3,
    });
    expect(foreign.statusCode).toBe(404);
  });
});

describe('who sees which leads', () => {
  it('list, get, count and export stay within tenant, role and data scope', async () => {
    const all = (await ids(admin)).ids;
    expect(all).toEqual(expect.arrayContaining([zhangLead.id, liLead.id, outsideLead.id]));
    const zhang = await ids(u.zhang.client);
    expect(zhang.ids).toContain(zhangLead.id);
    expect(zhang.ids).not.toContain(liLead.id);
    expect(zhang.ids).not.toContain(outsideLead.id);
    const li = await ids(u.li.client);
    expect(li.ids).toEqual(expect.arrayContaining([liLead.id, outsideLead.id]));
    expect(li.ids).not.toContain(zhangLead.id);
    // The manager of 销售部 sees 华东销售 (张伟) but not 外贸部 (李娜).
    const mgr = await ids(u.mgr.client);
    expect(mgr.ids).toContain(zhangLead.id);
    expect(mgr.ids).not.toContain(liLead.id);
    expect(mgr.total).toBe(mgr.ids.length);
    const ro = await ids(u.ro.client);
    expect(ro.ids).toEqual(all);
    const roLead = (await u.ro.client.get(`/api/v1/leads/${zhangLead.id}`)).json();
    expect(roLead.phones).toEqual(['135****9999']);
    expect((await ids(otherOrg)).ids).toEqual([]);
    expect((await ids(otherOrg)).total).toBe(0);

    expect((await u.zhang.client.get(`/api/v1/leads/${liLead.id}`)).statusCode).toBe(404);
    expect((await otherOrg.get(`/api/v1/leads/${zhangLead.id}`)).statusCode).toBe(404);
    expect(
      (await otherOrg.patch(`/api/v1/leads/${zhangLead.id}`, { version: 1, notes: 'x' })).statusCode,
    ).toBe(404);
    expect((await u.ro.client.post('/api/v1/leads', { name: '只读' })).statusCode).toBe(403);
    expect((await u.zhang.client.del(`/api/v1/leads/${zhangLead.id}`)).statusCode).toBe(403);

    const exportRows = async (c: Client) => {
      const res = await c.get('/api/v1/leads/export?format=csv');
      return { status: res.statusCode, rows: Number(res.headers['x-export-rows']), body: res.body };
    };
    const adminExport = await exportRows(admin);
    expect(adminExport.rows).toBe(all.length);
    expect(adminExport.body).toContain('陈海峰');
    const mgrExport = await exportRows(u.mgr.client);
    expect(mgrExport.rows).toBe(mgr.ids.length);
    expect(mgrExport.body).not.toContain('John Miller');
    expect((await exportRows(u.zhang.client)).status).toBe(403);
    const roExport = await exportRows(u.ro.client);
    expect(roExport.body).not.toContain('13588889999');
    const otherExport = await exportRows(otherOrg);
    expect(otherExport.rows).toBe(0);
    expect(otherExport.body).not.toContain('陈海峰');
  });
});

describe('connector intake', () => {
  it('creates platform inquiries once, reports repeats as existing and problems by index', async () => {
    const key = await admin.post('/api/v1/api-keys', { name: '阿里巴巴连接器', scopes: ['leads:create'] });
    expect(key.statusCode, key.body).toBe(201);
    const { Client: C } = await import('./helpers/app.ts');
    const bot = C.withKey(w.app, key.json().token);
    const body = {
      source: 'alibaba',
      leads: [
        {
          externalId: 'INQ-1',
          name: 'Ahmed Hassan',
          company: 'Cairo Imports',
          country: 'EG',
          emails: ['a@cairo.eg'],
        },
        { externalId: 'INQ-2', company: 'Lima Hardware', country: 'PE', productInterest: ['hardware'] },
        { externalId: 'INQ-3', title: 'nobody' },
        { externalId: 'INQ-1', name: 'Ahmed Hassan' },
      ],
    };
    const first = await bot.post('/api/v1/leads/intake', body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().created).toHaveLength(2);
    expect(first.json().existing).toEqual([first.json().created[0]]);
    expect(first.json().failed).toEqual([
      { index: 2, errors: [expect.objectContaining({ field: 'name', code: 'required' })] },
    ]);
    const lead = (await admin.get(`/api/v1/leads/${first.json().created[0]}`)).json();
    expect(lead).toMatchObject({
      channel: 'b2bPlatform',
      campaign: 'alibaba',
      externalSource: 'alibaba',
      externalId: 'INQ-1',
    });
    const second = await bot.post('/api/v1/leads/intake', body);
    expect(second.json().created).toEqual([]);
    expect(second.json().existing.sort()).toEqual([...first.json().created, first.json().created[0]].sort());
    const tooMany = await bot.post('/api/v1/leads/intake', {
      source: 'alibaba',
      leads: Array.from({ length: 501 }, (_, i) => ({ externalId: `X${i}`, name: 'x' })),
    });
    expect(tooMany.statusCode).toBe(400);
    const noScope = await admin.post('/api/v1/api-keys', { name: '只读', scopes: ['leads:read'] });
    const reader = C.withKey(w.app, noScope.json().token);
    expect((await reader.post('/api/v1/leads/intake', body)).statusCode).toBe(403);
  });
});
