import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  ADMIN_PASSWORD,
  Client,
  createOrg,
  createTestApp,
  createUser,
  setupInstance,
  type TestWorld,
} from './helpers/app.ts';
import { changedTables, rows, snapshotTables } from './helpers/db-state.ts';
import { freshDatabase, TEST_PG_URL } from './helpers/db.ts';
import type { Db } from '../server/src/db/types.ts';
import { openAndMigrate } from '../server/src/bootstrap.ts';
import { loadConfig } from '../server/src/config.ts';
import { BUILTIN_ROLES, ENTITY_KEYS } from '../server/src/modules/access/index.ts';
import { syncBuiltinRoles } from '../server/src/modules/access/role-sync.service.ts';
import { createOrganisation } from '../server/src/modules/orgs/index.ts';

// Organisations created before an entity joined the permission catalog have built-in roles
// without its permissions. The startup sync adds them — and only them. Old organisations are
// simulated on the owner connection: an entity taken out of the roles and of the recorded list.

let w: TestWorld;
let db: Db;
let instanceAdmin: Client;

beforeAll(async () => {
  w = await createTestApp();
  db = w.database.db;
  instanceAdmin = await setupInstance(w.app);
});
afterAll(() => w.close());

interface RoleRow {
  id: string;
  key: string;
  version: number;
  permissions: Record<string, string[]>;
  field_rules: Record<string, string>;
}

const builtinRoles = (orgId: string) =>
  rows<RoleRow>(
    db,
    sql`select id, key, version, permissions, field_rules from roles where org_id = ${orgId} and builtin order by key`,
  );
const roleByKey = async (orgId: string, key: string) =>
  (await builtinRoles(orgId)).find((r) => r.key === key)!;
const recorded = async (orgId: string) =>
  (
    await rows<{ list: string[] | null }>(
      db,
      sql`select settings -> 'catalogEntities' as list from orgs where id = ${orgId}`,
    )
  )[0]!.list;
const template = (key: string) => BUILTIN_ROLES.find((t) => t.key === key)!;

/** Makes an organisation look as if it was created before `entities` joined the catalog. */
async function forget(
  orgId: string,
  entities: string[],
  opts: { keepList?: boolean; dropList?: boolean } = {},
) {
  for (const e of entities) {
    await db.execute(sql`update roles set permissions = permissions - ${e},
      field_rules = field_rules - ${`${e}.phones`} - ${`${e}.emails`} where org_id = ${orgId} and builtin`);
    if (!opts.keepList && !opts.dropList)
      await db.execute(sql`update orgs set settings = jsonb_set(settings, '{catalogEntities}',
        (settings -> 'catalogEntities') - ${e}) where id = ${orgId}`);
  }
  if (opts.dropList)
    await db.execute(sql`update orgs set settings = settings - 'catalogEntities' where id = ${orgId}`);
}

let orgCounter = 0;
async function freshOrg() {
  const n = ++orgCounter;
  const email = `sync-admin${n}@org.test`;
  const admin = await createOrg(w.app, instanceAdmin, `角色同步测试公司${n}`, email);
  const orgId: string = (await admin.get('/api/v1/me')).json().orgId;
  return { admin, orgId, email };
}

describe('built-in role sync', () => {
  it('a new organisation starts knowing every catalog entity', async () => {
    const { orgId } = await freshOrg();
    expect(await recorded(orgId)).toEqual(ENTITY_KEYS);
    const first = (await instanceAdmin.get('/api/v1/me')).json().orgId;
    expect(await recorded(first)).toEqual(ENTITY_KEYS);
  });

  it("gives an old organisation's built-in roles a new entity's permissions, keeping the administrator's edits", async () => {
    const { admin, orgId, email } = await freshOrg();
    // The administrator narrowed the managers' contacts, which the organisation already had.
    const manager = await roleByKey(orgId, 'manager');
    const narrowed = await admin.patch(`/api/v1/roles/${manager.id}`, {
      version: manager.version,
      permissions: { ...manager.permissions, contacts: ['read'] },
    });
    expect(narrowed.statusCode, narrowed.body).toBe(200);
    const { client: rep, user: repUser } = await createUser(w.app, admin, { role: 'sales' });
    const { client: portal } = await createUser(w.app, admin, { role: 'portal' });
    await forget(orgId, ['customers']);
    expect(await recorded(orgId)).not.toContain('customers');
    const before = await builtinRoles(orgId);
    expect(before.every((r) => !('customers' in r.permissions))).toBe(true);

    const result = await syncBuiltinRoles(db, new Date());

    // Every built-in role the template gives customers to: all but the portal role.
    expect(result).toEqual({ orgs: 1, roles: BUILTIN_ROLES.length - 1 });
    const after = await builtinRoles(orgId);
    for (const role of after) {
      const was = before.find((r) => r.id === role.id)!;
      const t = template(role.key);
      expect(role.permissions.customers, role.key).toEqual(t.permissions.customers);
      expect(role.version, role.key).toBe(role.key === 'portal' ? was.version : was.version + 1);
    }
    expect((await roleByKey(orgId, 'readonly')).field_rules).toMatchObject({ 'customers.phones': 'mask' });
    expect((await roleByKey(orgId, 'manager')).permissions.contacts).toEqual(['read']);
    expect([...(await recorded(orgId))!].sort()).toEqual([...ENTITY_KEYS].sort());

    // Holders of a changed role sign in again; the portal role did not change.
    expect((await rep.get('/api/v1/me')).statusCode).toBe(401);
    expect((await admin.get('/api/v1/me')).statusCode).toBe(401);
    expect((await portal.get('/api/v1/me')).statusCode).toBe(200);

    // One audit entry per changed role, by the system, saying what was added.
    const again = new Client(w.app);
    expect((await again.login(email, ADMIN_PASSWORD)).statusCode).toBe(200);
    const log = (await again.get('/api/v1/audit-log?entity=roles&limit=200')).json();
    const bySystem = log.items.filter((e: { actorKind: string }) => e.actorKind === 'system');
    expect(bySystem).toHaveLength(BUILTIN_ROLES.length - 1);
    const readonlyEntry = bySystem.find(
      (e: { entityId: string }) => e.entityId === after.find((r) => r.key === 'readonly')!.id,
    );
    expect(readonlyEntry).toMatchObject({ action: 'update', actorId: null, actorName: null });
    expect(readonlyEntry.changes.map((c: { field: string }) => c.field).sort()).toEqual([
      'fieldRules',
      'permissions',
    ]);
    // And the rep, signed in again, works with customers.
    expect((await rep.login(String(repUser.email), 'Passw0rd!')).statusCode).toBe(200);
    expect((await rep.get('/api/v1/customers')).statusCode).toBe(200);
  });

  it('is idempotent: a second run changes nothing at all', async () => {
    const { orgId } = await freshOrg();
    await forget(orgId, ['contacts']);
    expect((await syncBuiltinRoles(db)).roles).toBeGreaterThan(0);
    const before = await snapshotTables(db);
    expect(await syncBuiltinRoles(db)).toEqual({ orgs: 0, roles: 0 });
    expect(changedTables(before, await snapshotTables(db))).toEqual([]);
  });

  it('an organisation from before the list gets the entities none of its built-in roles has', async () => {
    const old = await freshOrg();
    const recent = await freshOrg();
    await forget(old.orgId, ['customers', 'contacts'], { dropList: true });
    await forget(recent.orgId, [], { dropList: true });
    const recentBefore = await builtinRoles(recent.orgId);

    expect(await syncBuiltinRoles(db)).toEqual({ orgs: 2, roles: BUILTIN_ROLES.length - 1 });
    const manager = await roleByKey(old.orgId, 'manager');
    expect(manager.permissions.customers).toEqual(template('manager').permissions.customers);
    expect(manager.permissions.contacts).toEqual(template('manager').permissions.contacts);
    // Roles that already had every entity are recorded as such and left alone.
    expect(await builtinRoles(recent.orgId)).toEqual(recentBefore);
    for (const orgId of [old.orgId, recent.orgId])
      expect([...(await recorded(orgId))!].sort()).toEqual([...ENTITY_KEYS].sort());
  });

  it('an entity recorded but taken out of a role by its administrator stays out', async () => {
    const { orgId } = await freshOrg();
    await forget(orgId, ['customers'], { keepList: true });
    expect(await syncBuiltinRoles(db)).toEqual({ orgs: 0, roles: 0 });
    expect((await roleByKey(orgId, 'sales')).permissions).not.toHaveProperty('customers');
  });
});

describe('server start', () => {
  it('runs the sync after the migrations', async () => {
    const fresh = TEST_PG_URL ? await freshDatabase() : undefined;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-role-sync-'));
    const config = loadConfig(
      fresh ? { DATABASE_URL: (fresh as unknown as { url: string }).url } : { DATA_DIR: dataDir },
    );
    try {
      const first = await openAndMigrate(config);
      const { orgId } = await createOrganisation(
        first.db,
        { name: '重启测试公司', adminEmail: 'restart@org.test', adminPassword: ADMIN_PASSWORD },
        new Date(),
      );
      await first.db.execute(
        sql`update roles set permissions = permissions - 'customers' where org_id = ${orgId}`,
      );
      await first.db.execute(
        sql`update orgs set settings = jsonb_set(settings, '{catalogEntities}', (settings -> 'catalogEntities') - 'customers') where id = ${orgId}`,
      );
      await first.close();

      const second = await openAndMigrate(config);
      try {
        const [admin] = await rows<{ permissions: Record<string, string[]> }>(
          second.db,
          sql`select permissions from roles where org_id = ${orgId} and key = 'admin'`,
        );
        expect(admin!.permissions.customers).toEqual(template('admin').permissions.customers);
      } finally {
        await second.close();
      }
    } finally {
      await fresh?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
