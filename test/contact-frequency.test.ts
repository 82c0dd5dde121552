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

// Contact-frequency targets (A 30, B 90, C 365 days by default): customers overdue for contact,
// counted in Shanghai calendar days from the last contact, or from creation when never contacted.
const clock = new Date('2026-06-10T04:00:00Z');
let w: TestWorld;
let admin: Client;
let adminB: Client;
type Who = 'zhang' | 'li' | 'mgr' | 'ro';
const u = {} as Record<Who, { client: Client; id: string }>;
const c: Record<string, string> = {};
let team1: string;

async function customer(by: Client, name: string, grade: string, lastContactAt?: string) {
  const res = await by.post('/api/v1/customers', { kind: 'company', name, grade });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  // Created on 1 January (the app's clock is 10 June): 160 days ago in Shanghai.
  await w.database.db.execute(sql`update customers set created_at = '2026-01-01T02:00:00Z' where id = ${id}`);
  if (lastContactAt) {
    await w.database.db.execute(sql`insert into customer_activity (org_id, customer_id, last_contact_at)
      select org_id, id, ${lastContactAt}::timestamptz from customers where id = ${id}
      on conflict (org_id, customer_id) do update set last_contact_at = excluded.last_contact_at`);
  }
  return id;
}
type Overdue = {
  items: { name: string; daysOverdue: number; ownerName: string; grade: string; targetDays: number }[];
  total: number;
  nextCursor: string | null;
  summary: { byOwner: { ownerName: string; count: number }[]; byTeam: { teamName: string; count: number }[] };
};
async function overdue(by: Client, query = ''): Promise<Overdue> {
  const res = await by.get(`/api/v1/contact-frequency/overdue${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const names = (o: Overdue) => o.items.map((i) => `${i.name} ${i.daysOverdue}`);

beforeAll(async () => {
  w = await createTestApp({}, {}, { now: () => clock });
  admin = await setupInstance(w.app);
  adminB = await createOrg(w.app, admin, '另一家公司', 'admin@b.test');
  const orgId = (await admin.get('/api/v1/me')).json().orgId;
  const dept = await insertDepartmentRow(w.database.db, orgId, '销售部');
  team1 = await insertTeamRow(w.database.db, orgId, '一组', dept.id);
  const team2 = await insertTeamRow(w.database.db, orgId, '二组', dept.id);
  for (const [key, body] of Object.entries({
    zhang: { name: '张伟', role: 'sales', departmentId: dept.id, teamId: team1 },
    li: { name: '李娜', role: 'sales', departmentId: dept.id, teamId: team2 },
    mgr: { name: '王经理', role: 'manager', departmentId: dept.id },
    ro: { name: '高翔', role: 'readonly' },
  })) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as Who] = { client, id: user.id };
  }
  c.zA1 = await customer(u.zhang.client, '张甲一', 'A');
  c.zA2 = await customer(u.zhang.client, '张甲二', 'A', '2026-06-01T02:00:00Z');
  c.zB = await customer(u.zhang.client, '张乙', 'B', '2026-03-01T02:00:00Z');
  c.lC = await customer(u.li.client, '李丙', 'C');
  c.lA = await customer(u.li.client, '李甲', 'A', '2026-05-10T02:00:00Z'); // 10:00 on 10 May in Shanghai
  // 01:00 on 11 May in Shanghai, still 10 May in UTC: 30 days, on target.
  c.lA2 = await customer(u.li.client, '李甲二', 'A', '2026-05-10T17:00:00Z');
  c.bA = await customer(adminB, '外单位甲', 'A');
});
afterAll(() => w.close());

describe('customers below their contact target', () => {
  it('are listed most overdue first, within the caller’s data scope, with counts per rep and team', async () => {
    const zhang = await overdue(u.zhang.client);
    expect(names(zhang)).toEqual(['张甲一 130', '张乙 11']);
    expect(zhang.items[0]).toMatchObject({ grade: 'A', targetDays: 30, ownerName: '张伟' });
    expect(zhang.summary.byOwner).toEqual([expect.objectContaining({ ownerName: '张伟', count: 2 })]);
    expect(names(await overdue(u.li.client))).toEqual(['李甲 1']);

    const mgr = await overdue(u.mgr.client);
    expect(names(mgr)).toEqual(['张甲一 130', '张乙 11', '李甲 1']);
    expect(mgr.total).toBe(3);
    expect(mgr.summary.byOwner.map((r) => [r.ownerName, r.count])).toEqual([
      ['张伟', 2],
      ['李娜', 1],
    ]);
    expect(mgr.summary.byTeam.map((r) => [r.teamName, r.count])).toEqual([
      ['一组', 2],
      ['二组', 1],
    ]);
    expect(names(await overdue(u.ro.client))).toEqual(['张甲一 130', '张乙 11', '李甲 1']);
    expect(names(await overdue(admin))).toEqual(['张甲一 130', '张乙 11', '李甲 1']);
    expect(names(await overdue(adminB))).toEqual(['外单位甲 130']);
  });

  it('filter by grade, owner and team, and page', async () => {
    expect(names(await overdue(u.mgr.client, '?grade=A'))).toEqual(['张甲一 130', '李甲 1']);
    expect(names(await overdue(u.mgr.client, `?ownerId=${u.li.id}`))).toEqual(['李甲 1']);
    expect(names(await overdue(u.mgr.client, `?teamId=${team1}`))).toEqual(['张甲一 130', '张乙 11']);
    // A rep asking for someone else's customers still sees only their own (none).
    expect((await overdue(u.zhang.client, `?ownerId=${u.li.id}`)).total).toBe(0);
    const first = await overdue(u.mgr.client, '?limit=2');
    expect(names(first)).toEqual(['张甲一 130', '张乙 11']);
    expect(names(await overdue(u.mgr.client, `?limit=2&cursor=${first.nextCursor}`))).toEqual(['李甲 1']);
    expect((await u.mgr.client.get('/api/v1/contact-frequency/overdue?cursor=xx')).statusCode).toBe(400);
    expect((await u.mgr.client.get('/api/v1/contact-frequency/overdue?foo=1')).statusCode).toBe(400);
  });

  it('use the organisation’s targets, which managers and administrators set', async () => {
    expect((await u.zhang.client.get('/api/v1/settings/contact-frequency')).json()).toEqual({
      targets: { A: 30, B: 90, C: 365 },
    });
    const body = { targets: { A: 200, B: 90, C: 100 } };
    expect((await u.zhang.client.request('PUT', '/api/v1/settings/contact-frequency', body)).statusCode).toBe(
      403,
    );
    expect((await u.ro.client.request('PUT', '/api/v1/settings/contact-frequency', body)).statusCode).toBe(
      403,
    );
    const bad = await u.mgr.client.request('PUT', '/api/v1/settings/contact-frequency', {
      targets: { A: 0 },
    });
    expect(bad.statusCode).toBe(400);
    const put = await u.mgr.client.request('PUT', '/api/v1/settings/contact-frequency', body);
    expect(put.statusCode, put.body).toBe(200);
    expect(names(await overdue(u.mgr.client))).toEqual(['李丙 60', '张乙 11']);
    // Org B keeps its defaults.
    expect(names(await overdue(adminB))).toEqual(['外单位甲 130']);
  });
});
