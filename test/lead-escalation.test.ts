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
import { enqueueJob } from '../server/src/modules/jobs/index.ts';

// Sleeping leads with a fake clock. 一组 is led by 组长; 二组 has no leader, its department 外贸部 is
// managed by 部门经理; 孤狼 has neither team nor department: the administrators hear of his leads.
let w: TestWorld;
let admin: Client;
let adminB: Client;
// The app's clock stays put (sessions would expire); the job runs at later times through its payload.
const clock = new Date('2026-06-10T02:00:00Z');
const HOUR = 3_600_000;
type Who = 'leader' | 'rep1' | 'rep2' | 'deptMgr' | 'lone';
const u = {} as Record<Who, { client: Client; id: string }>;
let adminId: string;

/** The job as the scheduler runs it, with `now` in the payload (the injectable clock). */
async function runJob(at: Date) {
  await enqueueJob(w.database.db, { name: 'leads.escalate', payload: { now: at.toISOString() } });
  await w.jobs.drain();
}
const kinds = async (who: Client) =>
  (
    (await who.get('/api/v1/notifications')).json().items as {
      kind: string;
      params: Record<string, unknown>;
    }[]
  )
    .filter((n) => n.kind === 'leadsEscalated' || n.kind === 'leadsSleeping')
    .map((n) => `${n.kind}:${n.params.count}`);
async function createLead(body: Record<string, unknown>) {
  const res = await admin.post('/api/v1/leads', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; firstContactDueAt: string };
}
const lead = async (id: string) => (await admin.get(`/api/v1/leads/${id}`)).json();

beforeAll(async () => {
  w = await createTestApp({}, {}, { now: () => clock });
  admin = await setupInstance(w.app);
  adminB = await createOrg(w.app, admin, '另一家公司', 'admin@b.test');
  const me = (await admin.get('/api/v1/me')).json();
  adminId = me.id;
  const orgId: string = me.orgId;
  const dept = await insertDepartmentRow(w.database.db, orgId, '外贸部');
  const team1 = await insertTeamRow(w.database.db, orgId, '一组', dept.id);
  const team2 = await insertTeamRow(w.database.db, orgId, '二组', dept.id);
  for (const [key, body] of Object.entries({
    leader: { name: '组长', role: 'manager', departmentId: dept.id, teamId: team1 },
    rep1: { name: '一组销售', role: 'sales', departmentId: dept.id, teamId: team1 },
    rep2: { name: '二组销售', role: 'sales', departmentId: dept.id, teamId: team2 },
    deptMgr: { name: '部门经理', role: 'manager', departmentId: dept.id },
    lone: { name: '孤狼', role: 'sales' },
  })) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as Who] = { client, id: user.id };
  }
  await w.database.db.execute(sql`update teams set leader_id = ${u.leader.id} where id = ${team1}`);
  await w.database.db.execute(sql`update departments set manager_id = ${u.deptMgr.id} where id = ${dept.id}`);
});
afterAll(() => w.close());

describe('the leads.escalate job', () => {
  it('escalates a lead untouched past its deadline once, to the manager and the owner', async () => {
    const l = await createLead({ company: 'Sleepy GmbH', ownerId: u.rep1.id });
    expect(l.firstContactDueAt).toBe(new Date(clock.getTime() + 24 * HOUR).toISOString());
    const contacted = await createLead({ company: 'Busy GmbH', ownerId: u.rep1.id });
    const patched = await u.rep1.client.patch(`/api/v1/leads/${contacted.id}`, {
      version: contacted.version,
      status: 'contacted',
    });
    expect(patched.statusCode, patched.body).toBe(200);

    // Before the deadline: nothing.
    await runJob(new Date(clock.getTime() + 23 * HOUR));
    expect(await kinds(u.leader.client)).toEqual([]);
    expect((await lead(l.id)).escalatedAt).toBeNull();
    expect((await lead(l.id)).sleeping).toBe(false);

    // After it: one escalation; the team leader and the owner hear of it.
    const after = new Date(clock.getTime() + 25 * HOUR);
    await runJob(after);
    expect((await lead(l.id)).escalatedAt).toBe(after.toISOString());
    expect(await kinds(u.leader.client)).toEqual(['leadsEscalated:1']);
    expect(await kinds(u.rep1.client)).toEqual(['leadsSleeping:1']);
    expect(await kinds(u.deptMgr.client)).toEqual([]);
    expect(await kinds(admin)).toEqual([]);

    // A second run: nothing more. The contacted lead never.
    await runJob(new Date(clock.getTime() + 26 * HOUR));
    await runJob(new Date(clock.getTime() + 200 * HOUR));
    expect(await kinds(u.leader.client)).toEqual(['leadsEscalated:1']);
    expect(await kinds(u.rep1.client)).toEqual(['leadsSleeping:1']);
    expect((await lead(contacted.id)).escalatedAt).toBeNull();
    const history = (await admin.get(`/api/v1/leads/${l.id}/history`)).json().items as { action: string }[];
    expect(history.map((h) => h.action)).toContain('escalate');
  });

  it('goes to the department manager without a team leader, else to the administrators', async () => {
    await createLead({ company: '二组的线索', ownerId: u.rep2.id });
    await createLead({ company: '孤狼的线索 1', ownerId: u.lone.id });
    await createLead({ company: '孤狼的线索 2', ownerId: u.lone.id });
    await runJob(new Date(clock.getTime() + 30 * HOUR));
    expect(await kinds(u.deptMgr.client)).toEqual(['leadsEscalated:1']);
    expect(await kinds(u.rep2.client)).toEqual(['leadsSleeping:1']);
    expect(await kinds(admin)).toEqual(['leadsEscalated:2']);
    expect(await kinds(u.lone.client)).toEqual(['leadsSleeping:2']);
    // The other organisation's people hear nothing.
    expect(await kinds(adminB)).toEqual([]);
    expect(adminId).toBeTruthy();
  });

  it('a reassignment clears the escalation; switched off, nothing is escalated', async () => {
    const l = await createLead({ company: 'Again Ltd', ownerId: u.rep1.id });
    await runJob(new Date(clock.getTime() + 25 * HOUR));
    expect((await lead(l.id)).escalatedAt).not.toBeNull();
    const res = await admin.post('/api/v1/leads/bulk-assign', { ids: [l.id], ownerId: u.rep2.id });
    expect(res.json().assigned).toBe(1);
    expect((await lead(l.id)).escalatedAt).toBeNull();
    const put = await admin.request('PUT', '/api/v1/lead-assignment/settings', {
      firstContactHours: 24,
      fallbackOwnerId: null,
      requireQualification: true,
      escalate: false,
    });
    expect(put.statusCode, put.body).toBe(200);
    await runJob(new Date(clock.getTime() + 48 * HOUR));
    expect((await lead(l.id)).escalatedAt).toBeNull();
  });
});
