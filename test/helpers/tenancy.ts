import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, createOrg, setupInstance, Client, type TestWorld } from './app.ts';
import { changedTables, insertDepartmentRow, insertTeamRow, rows, snapshotTables } from './db-state.ts';
import type { Db } from '../../server/src/db/types.ts';

// Two organisations with the same chart, the same people (same names, same phone
// numbers, different emails), and the API checks that nothing of one is visible,
// countable, searchable or changeable from the other. Shared by tenancy.test.ts (both
// walls up) and tenancy-app-wall.test.ts (row-level security out of the way).

export interface Tenant {
  key: 'a' | 'b';
  orgId: string;
  admin: Client;
  adminId: string;
  dept: { sales: string; east: string; service: string };
  team: { one: string; two: string };
  user: { zhang: string; li: string; wang: string; zhao: string };
  salesRoleId: string;
  apiKey: { id: string; token: string };
  job: string;
  failedJob: string;
}

let w: TestWorld;
let db: Db;
let A: Tenant;
let B: Tenant;

export interface TwoTenants {
  w: TestWorld;
  db: Db;
  A: Tenant;
  B: Tenant;
}

const PEOPLE = [
  { key: 'zhang', name: '张伟', phone: '13800138000', role: 'sales', dept: 'east', team: 'one' },
  { key: 'li', name: '李娜', phone: '13900139000', role: 'manager', dept: 'sales', team: null },
  { key: 'wang', name: '王芳', phone: '13700137000', role: 'service', dept: 'service', team: 'two' },
  { key: 'zhao', name: '赵敏', phone: '13600136000', role: 'sales', dept: 'sales', team: 'one' },
] as const;

async function buildTenant(key: 'a' | 'b', admin: Client): Promise<Tenant> {
  const me = (await admin.get('/api/v1/me')).json();
  const orgId: string = me.orgId;
  const sales = await insertDepartmentRow(db, orgId, '销售部');
  const east = await insertDepartmentRow(db, orgId, '华东销售', sales);
  const service = await insertDepartmentRow(db, orgId, '客服部');
  const dept = { sales: sales.id, east: east.id, service: service.id };
  const team = {
    one: await insertTeamRow(db, orgId, '一组', sales.id),
    two: await insertTeamRow(db, orgId, '二组', service.id),
  };
  const user = {} as Tenant['user'];
  for (const p of PEOPLE) {
    const res = await admin.post('/api/v1/users', {
      name: p.name,
      email: `${p.key}@${key}.test`,
      phone: p.phone,
      password: 'Passw0rd!',
      role: p.role,
      departmentId: dept[p.dept],
      teamId: p.team ? team[p.team] : null,
    });
    expect(res.statusCode, res.body).toBe(201);
    user[p.key] = res.json().id;
  }
  // 赵敏 has left: in the recycle bin of her organisation.
  expect((await admin.del(`/api/v1/users/${user.zhao}`)).statusCode).toBe(204);
  // Everyone signs in once: sessions exist in both organisations.
  for (const p of PEOPLE.slice(0, 3))
    expect((await new Client(w.app).login(`${p.key}@${key}.test`, 'Passw0rd!')).statusCode).toBe(200);
  const k = await admin.post('/api/v1/api-keys', { name: '同步脚本', scopes: ['users:read'] });
  const job = (await admin.post('/api/v1/demo-data')).json().jobId as string;
  const failedJob = (await admin.post('/api/v1/demo-data')).json().jobId as string;
  await db.execute(sql`update jobs set status = 'failed', error = 'boom' where id = ${failedJob}`);
  const salesRoleId = (
    await rows<{ id: string }>(db, sql`select id from roles where org_id = ${orgId} and key = 'sales'`)
  )[0]!.id;
  return {
    key,
    orgId,
    admin,
    adminId: me.id,
    dept,
    team,
    user,
    salesRoleId,
    apiKey: k.json(),
    job,
    failedJob,
  };
}

const ids = async (table: string, orgId: string, where = 'true') =>
  (
    await rows<{ id: string }>(
      db,
      sql.raw(`select id::text as id from "${table}" where org_id = '${orgId}' and ${where}`),
    )
  ).map((r) => r.id);
const list = async (c: Client, url: string) => {
  const res = await c.get(url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json() as { items: { id: string }[]; total: number; nextCursor: string | null };
};

/** Builds the two-organisation world once for the calling test file; returns an accessor for it. */
export function useTwoTenants(): () => TwoTenants {
  beforeAll(async () => {
    w = await createTestApp();
    db = w.database.db;
    const adminA = await setupInstance(w.app, '华星贸易有限公司', 'admin@a.test');
    const adminB = await createOrg(w.app, adminA, '华星贸易有限公司', 'admin@b.test');
    A = await buildTenant('a', adminA);
    B = await buildTenant('b', adminB);
  });
  afterAll(() => w.close());
  return () => ({ w, db, A, B });
}

export const describeApiTenancy = () =>
  describe.each([
    ['A', 'B'],
    ['B', 'A'],
  ] as const)('organisation %s looking at organisation %s', (me, _them) => {
    const pick = () => (me === 'A' ? [A, B] : [B, A]) as [Tenant, Tenant];

    it('finds none of its records by id, and a refused change writes nothing', async () => {
      const [self, other] = pick();
      const u = other.user.zhang;
      const probes: [string, string, Record<string, unknown>?][] = [
        ['GET', `/api/v1/users/${u}`],
        ['GET', `/api/v1/users/${u}/history`],
        ['PATCH', `/api/v1/users/${u}`, { version: 1, name: '改名' }],
        ['PATCH', `/api/v1/users/${u}`, { version: 1, status: 'disabled' }],
        ['POST', `/api/v1/users/${u}/reveal`, { field: 'phone' }],
        ['DELETE', `/api/v1/users/${u}`],
        ['POST', `/api/v1/users/${other.user.zhao}/restore`],
        ['GET', `/api/v1/departments/${other.dept.sales}`],
        ['PATCH', `/api/v1/departments/${other.dept.sales}`, { version: 1, name: '改名' }],
        ['DELETE', `/api/v1/departments/${other.dept.service}`],
        ['GET', `/api/v1/teams/${other.team.one}`],
        ['PATCH', `/api/v1/teams/${other.team.one}`, { version: 1, name: '改名' }],
        ['DELETE', `/api/v1/teams/${other.team.two}`],
        ['GET', `/api/v1/roles/${other.salesRoleId}`],
        ['PATCH', `/api/v1/roles/${other.salesRoleId}`, { version: 1, name: '改名' }],
        ['GET', `/api/v1/jobs/${other.job}`],
        ['POST', `/api/v1/jobs/${other.job}/cancel`],
        ['POST', `/api/v1/jobs/${other.failedJob}/retry`],
        ['DELETE', `/api/v1/api-keys/${other.apiKey.id}`],
      ];
      const before = await snapshotTables(db);
      for (const [method, url, body] of probes) {
        const res = await self.admin.request(method, url, body);
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
      }
      expect(changedTables(before, await snapshotTables(db))).toEqual([]);

      // The same URLs answer their own organisation: the 404s above are about tenancy, not missing routes.
      for (const [method, url] of probes.filter(([m]) => m === 'GET')) {
        const res = await other.admin.request(method, url);
        expect(res.statusCode, `${method} ${url} by its owner`).toBe(200);
      }
      expect((await Client.withKey(w.app, other.apiKey.token).get('/api/v1/users')).statusCode).toBe(200);
    });

    it("filters users by the other organisation's department, team or role to nothing", async () => {
      const [self, other] = pick();
      for (const [param, theirs, mine] of [
        ['departmentId', other.dept.sales, self.dept.sales],
        ['departmentId', other.dept.east, self.dept.east],
        ['teamId', other.team.one, self.team.one],
        ['roleId', other.salesRoleId, self.salesRoleId],
      ] as const) {
        expect(await list(self.admin, `/api/v1/users?${param}=${theirs}`)).toMatchObject({
          items: [],
          total: 0,
        });
        expect(
          (await list(self.admin, `/api/v1/users?${param}=${mine}`)).total,
          `${param} of its own`,
        ).toBeGreaterThan(0);
      }
      expect(await list(self.admin, `/api/v1/teams?departmentId=${other.dept.sales}`)).toMatchObject({
        items: [],
        total: 0,
      });
    });

    it('finds only its own people by name, phone or email', async () => {
      const [self, other] = pick();
      for (const q of ['张伟', '1380013', '13800138000', 'zhang']) {
        const found = await list(self.admin, `/api/v1/users?q=${encodeURIComponent(q)}`);
        expect(
          found.items.map((i) => i.id),
          q,
        ).toEqual([self.user.zhang]);
        expect(found.total).toBe(1);
      }
      for (const q of [`zhang@${other.key}.test`, `@${other.key}.test`]) {
        expect(await list(self.admin, `/api/v1/users?q=${encodeURIComponent(q)}`), q).toMatchObject({
          items: [],
          total: 0,
        });
      }
      const depts = await list(self.admin, `/api/v1/departments?q=${encodeURIComponent('销售')}`);
      expect(depts.items.map((d) => d.id).sort()).toEqual([self.dept.sales, self.dept.east].sort());
    });

    it('counts, sorts and pages through its own users only', async () => {
      const [self] = pick();
      const mine = await ids('users', self.orgId, 'deleted_at is null');
      for (const sort of [
        'name',
        '-name',
        'email',
        '-email',
        'createdAt',
        '-createdAt',
        'updatedAt',
        '-lastLoginAt',
      ]) {
        const page = await list(self.admin, `/api/v1/users?limit=200&sort=${sort}`);
        expect(page.total, sort).toBe(mine.length);
        expect(page.items.map((i) => i.id).sort(), sort).toEqual([...mine].sort());
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list(
          self.admin,
          `/api/v1/users?limit=2&sort=-createdAt${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual([...mine].sort());
    });

    it('sees only its own audit entries, jobs, API keys and recycle bin', async () => {
      const [self, other] = pick();
      for (const q of [
        `entityId=${other.user.zhang}`,
        `actorId=${other.adminId}`,
        `entityId=${other.orgId}`,
      ]) {
        expect(await list(self.admin, `/api/v1/audit-log?${q}`), q).toMatchObject({ items: [], total: 0 });
      }
      const audit = await list(self.admin, '/api/v1/audit-log?limit=200');
      const auditIds = await ids('audit_log', self.orgId);
      expect(audit.total).toBe(auditIds.length);
      expect(audit.items.every((e) => auditIds.includes(e.id))).toBe(true);

      const jobs = await list(self.admin, '/api/v1/jobs?limit=200');
      expect(jobs.items.map((j) => j.id).sort()).toEqual((await ids('jobs', self.orgId)).sort());
      expect(jobs.total).toBe(jobs.items.length);

      const keys = await list(self.admin, '/api/v1/api-keys');
      expect(keys.items.map((k) => k.id)).toEqual([self.apiKey.id]);

      const bin = await list(self.admin, '/api/v1/recycle-bin');
      expect(bin.items.map((i) => i.id)).toEqual([self.user.zhao]);
      expect(bin.total).toBe(1);
    });

    it('an API key of one organisation reads nothing of the other', async () => {
      const [self, other] = pick();
      const key = Client.withKey(w.app, self.apiKey.token);
      expect((await key.get(`/api/v1/users/${other.user.zhang}`)).statusCode).toBe(404);
      const all = await list(key, '/api/v1/users?limit=200');
      expect(all.items.map((i) => i.id).sort()).toEqual(
        (await ids('users', self.orgId, 'deleted_at is null')).sort(),
      );
    });
  });
