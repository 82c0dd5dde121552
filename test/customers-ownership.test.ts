import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, createUser, setupInstance, type Client, type TestWorld } from './helpers/app.ts';
import {
  changedTables,
  insertDepartmentRow,
  insertTeamRow,
  rows,
  snapshotTables,
} from './helpers/db-state.ts';

// 销售中心 ⊃ 华南大区 (team 深圳组); team 上海组 under 销售中心. Reps 张伟 (深圳组) and 李娜 (上海组),
// the manager of 销售中心, and an administrator.
let w: TestWorld;
let admin: Client;
let team: { sz: string; sh: string };
let dept: { sales: string; south: string };
const u = {} as Record<'manager' | 'zhang' | 'li', { client: Client; id: string }>;

type Customer = Record<string, unknown> & { id: string; version: number; ownerId: string | null };
let n = 0;
async function createCustomer(by: Client, overrides: Record<string, unknown> = {}): Promise<Customer> {
  const res = await by.post('/api/v1/customers', {
    kind: 'company',
    name: `归属测试${++n}号有限公司`,
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const get = async (c: Client, id: string) => (await c.get(`/api/v1/customers/${id}`)).json();

beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
  const orgId = (await admin.get('/api/v1/me')).json().orgId;
  const sales = await insertDepartmentRow(w.database.db, orgId, '销售中心');
  const south = await insertDepartmentRow(w.database.db, orgId, '华南大区', sales);
  dept = { sales: sales.id, south: south.id };
  team = {
    sz: await insertTeamRow(w.database.db, orgId, '深圳组', south.id),
    sh: await insertTeamRow(w.database.db, orgId, '上海组', sales.id),
  };
  const people = {
    manager: { name: '王建国', role: 'manager', departmentId: sales.id },
    zhang: { name: '张伟', role: 'sales', departmentId: south.id, teamId: team.sz },
    li: { name: '李娜', role: 'sales', departmentId: sales.id, teamId: team.sh },
  };
  for (const [key, body] of Object.entries(people)) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as keyof typeof u] = { client, id: user.id };
  }
});
afterAll(() => w.close());

describe('ownership', () => {
  it('the creator owns a new customer, and its team and department follow the owner', async () => {
    const c = await createCustomer(u.zhang.client);
    expect(c).toMatchObject({
      ownerId: u.zhang.id,
      ownerName: '张伟',
      teamId: team.sz,
      departmentId: dept.south,
    });
    const assigned = await createCustomer(u.manager.client, { ownerId: u.li.id });
    expect(assigned).toMatchObject({ ownerId: u.li.id, teamId: team.sh, departmentId: dept.sales });
    const owners = (await u.li.client.get(`/api/v1/customers/${assigned.id}/owners`)).json().items;
    expect(owners).toEqual([
      expect.objectContaining({
        fromOwnerId: null,
        toOwnerId: u.li.id,
        toOwnerName: '李娜',
        changedByName: '王建国',
        reason: 'create',
      }),
    ]);
  });

  it('a rep owns only their own customers: no other owner, no public pool, no reassignment', async () => {
    const res = await u.zhang.client.post('/api/v1/customers', {
      kind: 'company',
      name: '越权有限公司',
      ownerId: u.li.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ field: 'ownerId', code: 'notFound' }),
    ]);
    expect(
      (
        await u.zhang.client.post('/api/v1/customers', {
          kind: 'company',
          name: '公海有限公司',
          ownerId: null,
        })
      ).statusCode,
    ).toBe(403);
    const c = await createCustomer(u.zhang.client);
    expect(
      (await u.zhang.client.patch(`/api/v1/customers/${c.id}`, { version: 1, ownerId: u.li.id })).statusCode,
    ).toBe(403);
    // Naming oneself again is no change.
    expect(
      (await u.zhang.client.patch(`/api/v1/customers/${c.id}`, { version: 1, ownerId: u.zhang.id }))
        .statusCode,
    ).toBe(200);
  });

  it('a manager reassigns on edit, with ownership history', async () => {
    const c = await createCustomer(u.zhang.client);
    const res = await u.manager.client.patch(`/api/v1/customers/${c.id}`, { version: 1, ownerId: u.li.id });
    expect(res.json()).toMatchObject({
      ownerId: u.li.id,
      teamId: team.sh,
      departmentId: dept.sales,
      version: 2,
    });
    expect((await u.zhang.client.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(404);
    const owners = (await admin.get(`/api/v1/customers/${c.id}/owners`)).json().items;
    expect(owners.map((o: { reason: string; toOwnerName: string }) => [o.reason, o.toOwnerName])).toEqual([
      ['create', '张伟'],
      ['edit', '李娜'],
    ]);
  });

  it("transfer hands all of a departing rep's customers over in one transaction, audited per customer", async () => {
    const leaver = await createUser(w.app, admin, {
      name: '离职员工',
      role: 'sales',
      departmentId: dept.south,
      teamId: team.sz,
    });
    const theirs = [
      await createCustomer(leaver.client),
      await createCustomer(leaver.client),
      await createCustomer(leaver.client),
    ];
    expect(
      (
        await leaver.client.post('/api/v1/customers/transfer', {
          fromOwnerId: leaver.user.id,
          toOwnerId: u.li.id,
        })
      ).statusCode,
    ).toBe(403);
    const res = await u.manager.client.post('/api/v1/customers/transfer', {
      fromOwnerId: leaver.user.id,
      toOwnerId: u.li.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ transferred: 3, customerIds: theirs.map((c) => c.id).sort() });
    for (const c of theirs) {
      expect(await get(u.li.client, c.id)).toMatchObject({
        ownerId: u.li.id,
        ownerName: '李娜',
        teamId: team.sh,
        version: 2,
      });
      const owners = (await u.li.client.get(`/api/v1/customers/${c.id}/owners`)).json().items;
      expect(owners.at(-1)).toMatchObject({
        fromOwnerName: '离职员工',
        toOwnerName: '李娜',
        changedByName: '王建国',
        reason: 'transfer',
      });
      const history = (await u.li.client.get(`/api/v1/customers/${c.id}/history`)).json().items;
      expect(history[0]).toMatchObject({ action: 'transfer', byName: '王建国' });
      expect(history[0].changes).toContainEqual({ field: 'ownerId', old: leaver.user.id, new: u.li.id });
    }
    expect((await leaver.client.get('/api/v1/customers')).json().total).toBe(0);
  });

  it('a transfer naming one customer that is not the rep’s changes nothing at all', async () => {
    const mine = await createCustomer(u.zhang.client);
    const other = await createCustomer(u.li.client);
    const before = await snapshotTables(w.database.db);
    const res = await u.manager.client.post('/api/v1/customers/transfer', {
      fromOwnerId: u.zhang.id,
      toOwnerId: u.li.id,
      customerIds: [mine.id, other.id],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ field: 'customerIds[1]', code: 'notOwned' }),
    ]);
    const same = await u.manager.client.post('/api/v1/customers/transfer', {
      fromOwnerId: u.zhang.id,
      toOwnerId: u.zhang.id,
    });
    expect(same.json().error.details).toEqual([
      expect.objectContaining({ field: 'toOwnerId', code: 'sameOwner' }),
    ]);
    expect(changedTables(before, await snapshotTables(w.database.db))).toEqual([]);
  });
});

describe('merging duplicates', () => {
  it('keeps every contact and both histories, fills empty fields, unites phones, emails and tags', async () => {
    const kept = await createCustomer(u.zhang.client, {
      name: '佛山市美嘉家具有限公司',
      phones: ['13612345678'],
      tags: ['家具'],
    });
    const dup = (
      await u.manager.client.post('/api/v1/customers', {
        kind: 'company',
        name: '美嘉家具股份有限公司',
        ownerId: u.zhang.id,
        phones: ['+86 136 1234 5678', '0757-8222 3333'],
        emails: ['buyer@meijia.cn'],
        address: '顺德区乐从镇',
        code: 'KH-MJ',
        grade: 'A',
        tags: ['展会客户'],
        keyAccount: { honours: '广东省著名商标' },
        allowDuplicate: true,
      })
    ).json() as Customer;
    const contactOf = async (customerId: string, name: string) =>
      (await u.zhang.client.post('/api/v1/contacts', { customerId, name, phones: ['13900001234'] })).json()
        .id as string;
    const keptContact = await contactOf(kept.id, '梁志强');
    const movedContact = await contactOf(dup.id, '欧阳娜娜');
    await u.zhang.client.patch(`/api/v1/customers/${dup.id}`, { version: 1, sourceDetail: '第136届广交会' });
    // The duplicate's follow-ups: a visit (with a next step, hence a task) and a separate callback task.
    const visit = (
      await u.zhang.client.post('/api/v1/interactions', {
        customerId: dup.id,
        channel: 'visit',
        occurredAt: '2026-03-02T10:00:00+08:00',
        subject: '广交会后回访',
        nextStep: '寄样品',
        nextStepAt: '2026-03-09T10:00:00+08:00',
      })
    ).json();
    expect(visit.id).toBeDefined();
    const callback = (
      await u.zhang.client.post('/api/v1/tasks', {
        title: '确认报价',
        kind: 'callback',
        dueAt: '2026-03-12T10:00:00+08:00',
        customerId: dup.id,
      })
    ).json();
    expect(callback.id).toBeDefined();

    const res = await u.zhang.client.post(`/api/v1/customers/${kept.id}/merge`, {
      duplicateId: dup.id,
      version: kept.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: kept.id,
      name: '佛山市美嘉家具有限公司',
      phones: ['13612345678', '0757-8222 3333'],
      emails: ['buyer@meijia.cn'],
      address: '顺德区乐从镇',
      code: 'KH-MJ',
      grade: 'A',
      sourceDetail: '第136届广交会',
      tags: ['家具', '展会客户'],
      keyAccount: expect.objectContaining({ honours: '广东省著名商标' }),
      version: kept.version + 1,
    });
    const contacts = (await u.zhang.client.get(`/api/v1/customers/${kept.id}/contacts`))
      .json()
      .items.map((c: { id: string }) => c.id);
    expect(contacts.sort()).toEqual([keptContact, movedContact].sort());
    // Interactions and tasks live on in the kept customer, audited, and count in its behaviour.
    const keptInteractions = (await u.zhang.client.get(`/api/v1/interactions?customerId=${kept.id}`)).json();
    expect(keptInteractions.items.map((i: { id: string }) => i.id)).toEqual([visit.id]);
    const keptTasks = (await u.zhang.client.get(`/api/v1/tasks?customerId=${kept.id}&limit=200`)).json();
    expect(keptTasks.items.map((t: { title: string }) => t.title).sort()).toEqual(['寄样品', '确认报价']);
    expect((await u.zhang.client.get(`/api/v1/tasks?customerId=${dup.id}`)).json().total).toBe(0);
    expect(
      (await u.zhang.client.get(`/api/v1/interactions/${visit.id}/history`)).json().items[0].changes,
    ).toEqual([{ field: 'customerId', old: dup.id, new: kept.id }]);
    const activity = (await u.zhang.client.get(`/api/v1/customers/${kept.id}/activity`)).json();
    expect(activity.lastContactChannel).toBe('visit');
    expect(new Date(activity.lastContactAt).toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(
      (await u.zhang.client.get(`/api/v1/contacts/${movedContact}/history`)).json().items[0].changes,
    ).toEqual([{ field: 'customerId', old: dup.id, new: kept.id }]);
    // The duplicate is in the recycle bin, marked merged; its own history stays readable.
    expect((await u.zhang.client.get(`/api/v1/customers/${dup.id}`)).statusCode).toBe(404);
    const dupHistory = (await u.zhang.client.get(`/api/v1/customers/${dup.id}/history`)).json().items;
    expect(dupHistory.map((h: { action: string }) => h.action)).toEqual(['merged', 'update', 'create']);
    expect(dupHistory[0].changes).toEqual([{ field: 'mergedIntoId', old: null, new: kept.id }]);
    const keptHistory = (await u.zhang.client.get(`/api/v1/customers/${kept.id}/history`)).json().items;
    expect(keptHistory[0].action).toBe('merge');
    expect(keptHistory[0].changes).toContainEqual({ field: 'mergedFrom', old: null, new: dup.id });
    expect(keptHistory[0].changes).toContainEqual({ field: 'address', old: null, new: '顺德区乐从镇' });
    const restore = await admin.post(`/api/v1/customers/${dup.id}/restore`);
    expect(restore.statusCode).toBe(409);
    expect(restore.json().error.code).toBe('CUSTOMER_MERGED');
    // The kept customer now answers to the duplicate's keys and to its moved contact's name.
    const again = await u.li.client.post('/api/v1/customers', {
      kind: 'company',
      name: '新公司',
      emails: ['BUYER@meijia.cn'],
    });
    expect(again.json().error.details).toMatchObject({ existingId: kept.id, matchedOn: ['email'] });
    const found = (await u.zhang.client.get(`/api/v1/customers?q=${encodeURIComponent('欧阳娜娜')}`)).json();
    expect(found.items.map((c: { id: string }) => c.id)).toEqual([kept.id]);
  });

  it('a stale version, the same customer twice or a duplicate out of scope change nothing', async () => {
    const kept = await createCustomer(u.zhang.client);
    const dup = await createCustomer(u.zhang.client);
    const foreign = await createCustomer(u.li.client);
    const before = await snapshotTables(w.database.db);
    expect(
      (await u.zhang.client.post(`/api/v1/customers/${kept.id}/merge`, { duplicateId: dup.id, version: 7 }))
        .statusCode,
    ).toBe(409);
    const self = await u.zhang.client.post(`/api/v1/customers/${kept.id}/merge`, {
      duplicateId: kept.id,
      version: 1,
    });
    expect(self.json().error.details).toEqual([
      expect.objectContaining({ field: 'duplicateId', code: 'sameRecord' }),
    ]);
    expect(
      (
        await u.zhang.client.post(`/api/v1/customers/${kept.id}/merge`, {
          duplicateId: foreign.id,
          version: 1,
        })
      ).statusCode,
    ).toBe(404);
    expect(changedTables(before, await snapshotTables(w.database.db))).toEqual([]);
    const live = await rows<{ n: number }>(
      w.database.db,
      sql`select count(*)::int as n from customers where id in (${kept.id}, ${dup.id}) and deleted_at is null`,
    );
    expect(live[0]!.n).toBe(2);
  });
});
