import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { publicTables, rows, tenantTables } from './helpers/db-state.ts';
import { describeApiTenancy, useTwoTenants } from './helpers/tenancy.ts';
import { APP_ROLE, withTenant } from '../server/src/db/tenant.ts';
import { auditLog } from '../server/src/modules/audit/audit.table.ts';
import { departments } from '../server/src/modules/org-structure/org-structure.table.ts';
import type { Db } from '../server/src/db/types.ts';

// Tenancy with both walls up: the API (helpers/tenancy.ts) and the database's
// row-level security, checked here table by table.

const world = useTwoTenants();
describeApiTenancy();

describe('the database wall (row-level security)', () => {
  let db: Db;
  let A: ReturnType<typeof world>['A'];
  let B: ReturnType<typeof world>['B'];
  beforeAll(() => {
    ({ db, A, B } = world());
  });
  const ids = async (table: string, orgId: string) =>
    (
      await rows<{ id: string }>(
        db,
        sql.raw(`select id::text as id from "${table}" where org_id = '${orgId}'`),
      )
    ).map((r) => r.id);
  const tenantCount = (orgId: string, table: string, where = 'true') =>
    withTenant(db, orgId, async (tx) =>
      Number(
        (
          await rows<{ n: number }>(tx, sql.raw(`select count(*)::int as n from "${table}" where ${where}`))
        )[0]!.n,
      ),
    );

  it('every tenant table has row-level security enabled and forced, with an org_id policy', async () => {
    const tables = await tenantTables(db);
    expect(tables.map((t) => t.table)).toEqual(
      expect.arrayContaining([
        'orgs',
        'users',
        'roles',
        'departments',
        'teams',
        'api_keys',
        'audit_log',
        'jobs',
        'sessions',
      ]),
    );
    const problems: string[] = [];
    for (const { table, column } of tables) {
      const [flags] = await rows<{ rls: boolean; force: boolean }>(
        db,
        sql`select relrowsecurity as rls, relforcerowsecurity as force from pg_class where oid = ${`public.${table}`}::regclass`,
      );
      if (!flags?.rls) problems.push(`${table}: row level security is not enabled`);
      if (!flags?.force) problems.push(`${table}: row level security is not forced`);
      const policies = await rows<{
        name: string;
        qual: string | null;
        check: string | null;
        permissive: string;
        roles: string;
      }>(
        db,
        sql`select policyname as name, qual, with_check as check, permissive, roles::text as roles
            from pg_policies where schemaname = 'public' and tablename = ${table}`,
      );
      // Policies that bind the application role (directly or through PUBLIC).
      const forApp = policies.filter((p) => /[{,](public|guanxi_app)[,}]/.test(p.roles));
      if (!forApp.length) problems.push(`${table}: no policy for ${APP_ROLE}`);
      // Permissive policies add up: one that does not pin the organisation opens the table.
      for (const p of forApp) {
        const pins = (expr: string | null) =>
          !!expr && expr.includes(column) && expr.includes("current_setting('app.org_id'");
        if (p.permissive === 'PERMISSIVE' && (!pins(p.qual) || !pins(p.check ?? p.qual)))
          problems.push(
            `${table}: policy ${p.name} does not pin ${column} to app.org_id (${p.qual} / ${p.check})`,
          );
      }
    }
    expect(problems).toEqual([]);
  });

  it('tables without org_id are closed to the application role', async () => {
    const tenant = new Set((await tenantTables(db)).map((t) => t.table));
    const others = (await publicTables(db)).filter((t) => !tenant.has(t));
    const open: string[] = [];
    for (const t of others) {
      for (const privilege of ['SELECT', 'INSERT', 'UPDATE', 'DELETE']) {
        const [r] = await rows<{ ok: boolean }>(
          db,
          sql`select has_table_privilege(${APP_ROLE}, ${`public.${t}`}, ${privilege}) as ok`,
        );
        if (r!.ok) open.push(`${t}: ${privilege}`);
      }
    }
    expect(open).toEqual([]);
  });

  it('a tenant transaction sees only its organisation, even with no org filter at all', async () => {
    const tables = await tenantTables(db);
    const withBothOrgs: string[] = [];
    for (const { table, column } of tables) {
      const owner = await rows<{ a: number; b: number; all: number }>(
        db,
        sql.raw(`select count(*) filter (where ${column} = '${A.orgId}')::int as a,
                        count(*) filter (where ${column} = '${B.orgId}')::int as b, count(*)::int as all from "${table}"`),
      );
      const { a, b } = owner[0]!;
      expect(await tenantCount(A.orgId, table), `${table} seen by A`).toBe(Number(a));
      expect(await tenantCount(B.orgId, table), `${table} seen by B`).toBe(Number(b));
      expect(
        await tenantCount(A.orgId, table, `${column} is distinct from '${A.orgId}'`),
        `${table}: other rows seen by A`,
      ).toBe(0);
      if (Number(a) > 0 && Number(b) > 0) withBothOrgs.push(table);
    }
    // The world holds rows of both organisations in every core table, so the counts above mean something.
    expect(withBothOrgs).toEqual(
      expect.arrayContaining([
        'orgs',
        'users',
        'roles',
        'departments',
        'teams',
        'api_keys',
        'audit_log',
        'jobs',
        'sessions',
      ]),
    );
    expect(
      (
        await withTenant(db, A.orgId, (tx) =>
          rows<{ n: number }>(tx, sql`select count(*)::int as n from users`),
        )
      )[0]!.n,
    ).toBe((await ids('users', A.orgId)).length);
  });

  it("a tenant transaction can neither change nor delete the other organisation's rows", async () => {
    const rollback = new Error('rollback');
    for (const { table, column } of await tenantTables(db)) {
      const touched = await withTenant(db, A.orgId, async (tx) => {
        const updated = await rows(
          tx,
          sql.raw(`update "${table}" set ${column} = ${column} where ${column} = '${B.orgId}' returning 1`),
        );
        const deleted = await rows(
          tx,
          sql.raw(`delete from "${table}" where ${column} = '${B.orgId}' returning 1`),
        );
        throw Object.assign(rollback, { counts: [updated.length, deleted.length] });
      }).catch((e: Error & { counts?: number[] }) => {
        if (e !== rollback) throw e;
        return e.counts;
      });
      expect(touched, table).toEqual([0, 0]);
    }
  });

  it('a tenant transaction cannot write a row into the other organisation', async () => {
    await expect(
      withTenant(db, A.orgId, (tx) =>
        tx
          .insert(auditLog)
          .values({ orgId: B.orgId, actorKind: 'system', entity: 'x', action: 'x', changes: [] }),
      ),
    ).rejects.toThrow();
    await expect(
      withTenant(db, A.orgId, (tx) =>
        tx.insert(departments).values({ orgId: B.orgId, name: '潜入部', path: '/x/' }),
      ),
    ).rejects.toThrow();
    // Moving one's own row into the other organisation is refused too (WITH CHECK).
    await expect(
      withTenant(db, A.orgId, (tx) =>
        tx.execute(sql`update departments set org_id = ${B.orgId} where id = ${A.dept.service}`),
      ),
    ).rejects.toThrow();
    expect((await ids('departments', B.orgId)).length).toBe(3);
  });

  it('runs tenant transactions as guanxi_app, which is neither superuser nor BYPASSRLS', async () => {
    const [inside] = await withTenant(db, A.orgId, (tx) =>
      rows<{ role: string; org: string }>(
        tx,
        sql`select current_user as role, current_setting('app.org_id') as org`,
      ),
    );
    expect(inside).toEqual({ role: APP_ROLE, org: A.orgId });
    const [role] = await rows<{ rolsuper: boolean; rolbypassrls: boolean }>(
      db,
      sql`select rolsuper, rolbypassrls from pg_roles where rolname = ${APP_ROLE}`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it('the application role with no organisation set sees no tenant rows', async () => {
    const n = await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', ${APP_ROLE}, true)`);
      return (await rows<{ n: number }>(tx as unknown as Db, sql`select count(*)::int as n from users`))[0]!
        .n;
    });
    expect(n).toBe(0);
  });
});
