import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  createOrg,
  createTestApp,
  createUser,
  setupInstance,
  type TestWorld,
} from './helpers/app.ts';

let w: TestWorld;
let instanceAdmin: Client;

beforeAll(async () => {
  w = await createTestApp();
  instanceAdmin = await setupInstance(w.app);
});
afterAll(() => w.close());

type BinItem = {
  entity: string;
  id: string;
  label: string;
  deletedAt: string;
  deletedBy: string;
  deletedByName: string | null;
};

let orgCounter = 0;
/** Each test gets its own organisation, so its recycle bin holds only what the test put there. */
async function freshOrg(): Promise<Client> {
  const n = ++orgCounter;
  return createOrg(w.app, instanceAdmin, `回收站测试公司${n}`, `bin-admin${n}@org.test`);
}

async function created(res: { statusCode: number; body: string; json(): unknown }) {
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number };
}

describe('recycle bin', () => {
  it('lists deleted users, departments, teams and roles, newest first, with who deleted them', async () => {
    const admin = await freshOrg();
    const me = (await admin.get('/api/v1/me')).json();
    const dept = await created(await admin.post('/api/v1/departments', { name: '临时部门' }));
    const team = await created(await admin.post('/api/v1/teams', { name: '临时团队' }));
    const role = await created(await admin.post('/api/v1/roles', { key: 'temp', name: '临时角色' }));
    const { user } = await createUser(w.app, admin, { name: '临时员工' });

    for (const path of [`departments/${dept.id}`, `teams/${team.id}`, `roles/${role.id}`, `users/${user.id}`])
      expect((await admin.del(`/api/v1/${path}`)).statusCode).toBe(204);

    const res = await admin.get('/api/v1/recycle-bin');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(4);
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((i: BinItem) => [i.entity, i.label])).toEqual([
      ['users', '临时员工'],
      ['roles', '临时角色'],
      ['teams', '临时团队'],
      ['departments', '临时部门'],
    ]);
    expect(body.items[0]).toMatchObject({
      id: user.id,
      deletedBy: me.id,
      deletedByName: me.name,
      deletedAt: expect.any(String),
    });

    const onlyTeams = (await admin.get('/api/v1/recycle-bin?entity=teams')).json();
    expect(onlyTeams).toMatchObject({ total: 1, items: [{ entity: 'teams', id: team.id }] });
  });

  it('pages through a long bin with a cursor', async () => {
    const admin = await freshOrg();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const d = await created(await admin.post('/api/v1/departments', { name: `部门${i}` }));
      await admin.del(`/api/v1/departments/${d.id}`);
      ids.unshift(d.id);
    }
    const seen: string[] = [];
    let url = '/api/v1/recycle-bin?limit=2';
    for (;;) {
      const page = (await admin.get(url)).json();
      expect(page.total).toBe(5);
      seen.push(...page.items.map((i: BinItem) => i.id));
      if (!page.nextCursor) break;
      url = `/api/v1/recycle-bin?limit=2&cursor=${page.nextCursor}`;
    }
    expect(seen).toEqual(ids);
  });

  it('a restored record leaves the bin', async () => {
    const admin = await freshOrg();
    const team = await created(await admin.post('/api/v1/teams', { name: '要恢复的团队' }));
    await admin.del(`/api/v1/teams/${team.id}`);
    expect((await admin.get('/api/v1/recycle-bin')).json().total).toBe(1);
    expect((await admin.post(`/api/v1/teams/${team.id}/restore`)).statusCode).toBe(200);
    expect((await admin.get('/api/v1/recycle-bin')).json()).toMatchObject({ total: 0, items: [] });
  });

  it('shows only the entities the actor may delete', async () => {
    const admin = await freshOrg();
    const dept = await created(await admin.post('/api/v1/departments', { name: '看不见的部门' }));
    const team = await created(await admin.post('/api/v1/teams', { name: '看得见的团队' }));
    await admin.del(`/api/v1/departments/${dept.id}`);
    await admin.del(`/api/v1/teams/${team.id}`);
    await admin.post('/api/v1/roles', {
      key: 'team-keeper',
      name: '团队管理',
      permissions: { teams: ['read', 'delete'] },
    });
    const { client: keeper } = await createUser(w.app, admin, { role: 'team-keeper' });

    const bin = (await keeper.get('/api/v1/recycle-bin')).json();
    expect(bin).toMatchObject({ total: 1, items: [{ entity: 'teams', id: team.id }] });
    expect((await keeper.get('/api/v1/recycle-bin?entity=departments')).statusCode).toBe(403);
    expect((await keeper.post(`/api/v1/departments/${dept.id}/restore`)).statusCode).toBe(403);
    expect((await keeper.post(`/api/v1/teams/${team.id}/restore`)).statusCode).toBe(200);
  });

  it("lists deleted users only inside the actor's data scope", async () => {
    const admin = await freshOrg();
    const north = await created(await admin.post('/api/v1/teams', { name: '北区' }));
    const south = await created(await admin.post('/api/v1/teams', { name: '南区' }));
    await admin.post('/api/v1/roles', {
      key: 'team-lead',
      name: '组长',
      permissions: { users: ['read', 'delete'] },
      dataScope: 'team',
    });
    const { client: lead } = await createUser(w.app, admin, { role: 'team-lead', teamId: north.id });
    const { user: mine } = await createUser(w.app, admin, { name: '北区组员', teamId: north.id });
    const { user: theirs } = await createUser(w.app, admin, { name: '南区组员', teamId: south.id });
    await admin.del(`/api/v1/users/${mine.id}`);
    await admin.del(`/api/v1/users/${theirs.id}`);

    expect((await admin.get('/api/v1/recycle-bin?entity=users')).json().total).toBe(2);
    const bin = (await lead.get('/api/v1/recycle-bin')).json();
    expect(bin).toMatchObject({ total: 1, items: [{ entity: 'users', id: mine.id, label: '北区组员' }] });
    expect((await lead.post(`/api/v1/users/${theirs.id}/restore`)).statusCode).toBe(404);
  });

  it('a department scope covers deleted users of sub-departments too', async () => {
    const admin = await freshOrg();
    const region = await created(await admin.post('/api/v1/departments', { name: '华北大区' }));
    const branch = await created(
      await admin.post('/api/v1/departments', { name: '天津分公司', parentId: region.id }),
    );
    const elsewhere = await created(await admin.post('/api/v1/departments', { name: '华南大区' }));
    await admin.post('/api/v1/roles', {
      key: 'region-head',
      name: '大区经理',
      permissions: { users: ['read', 'delete'], departments: ['read', 'delete'] },
      dataScope: 'department',
    });
    const { client: head } = await createUser(w.app, admin, { role: 'region-head', departmentId: region.id });
    const { user: inBranch } = await createUser(w.app, admin, {
      name: '天津业务员',
      departmentId: branch.id,
    });
    const { user: outside } = await createUser(w.app, admin, {
      name: '广州业务员',
      departmentId: elsewhere.id,
    });
    await admin.del(`/api/v1/users/${inBranch.id}`);
    await admin.del(`/api/v1/users/${outside.id}`);
    await admin.del(`/api/v1/departments/${branch.id}`);

    const bin = (await head.get('/api/v1/recycle-bin')).json();
    expect(bin.items.map((i: BinItem) => [i.entity, i.label])).toEqual([
      ['departments', '天津分公司'],
      ['users', '天津业务员'],
    ]);
  });

  it('is closed to actors who may delete nothing', async () => {
    const admin = await freshOrg();
    const { client: rep } = await createUser(w.app, admin, { role: 'sales' });
    const res = await rep.get('/api/v1/recycle-bin');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it("never shows another organisation's deleted records", async () => {
    const a = await freshOrg();
    const b = await freshOrg();
    const d = await created(await a.post('/api/v1/departments', { name: 'A 公司部门' }));
    await a.del(`/api/v1/departments/${d.id}`);
    expect((await b.get('/api/v1/recycle-bin')).json()).toMatchObject({ total: 0, items: [] });
    expect((await b.post(`/api/v1/departments/${d.id}/restore`)).statusCode).toBe(404);
  });

  it('lists deleted customers by name and contacts with their customer, and restores them', async () => {
    const admin = await freshOrg();
    const me = (await admin.get('/api/v1/me')).json();
    const customer = await created(
      await admin.post('/api/v1/customers', { kind: 'company', name: '华星贸易有限公司' }),
    );
    const gone = await created(
      await admin.post('/api/v1/customers', { kind: 'company', name: '倒闭工厂有限公司' }),
    );
    const contact = await created(
      await admin.post('/api/v1/contacts', { customerId: customer.id, name: '王经理' }),
    );
    expect((await admin.del(`/api/v1/customers/${gone.id}`)).statusCode).toBe(204);
    expect((await admin.del(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(204);

    const bin = (await admin.get('/api/v1/recycle-bin')).json();
    expect(bin.total).toBe(2);
    expect(bin.items.map((i: BinItem) => [i.entity, i.id, i.label])).toEqual([
      ['contacts', contact.id, '王经理 · 华星贸易有限公司'],
      ['customers', gone.id, '倒闭工厂有限公司'],
    ]);
    expect(bin.items[1]).toMatchObject({ deletedBy: me.id, deletedByName: me.name });
    expect((await admin.get('/api/v1/recycle-bin?entity=contacts')).json()).toMatchObject({
      total: 1,
      items: [{ entity: 'contacts', id: contact.id }],
    });

    expect((await admin.post(`/api/v1/contacts/${contact.id}/restore`)).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/customers/${gone.id}/restore`)).statusCode).toBe(200);
    expect((await admin.get('/api/v1/recycle-bin')).json()).toMatchObject({ total: 0, items: [] });
  });

  it("shows deleted customers and contacts only inside the actor's data scope", async () => {
    const admin = await freshOrg();
    await admin.post('/api/v1/roles', {
      key: 'own-keeper',
      name: '客户档案员',
      permissions: { customers: ['read', 'delete'], contacts: ['read', 'delete'] },
      dataScope: 'own',
    });
    const { client: keeper, user: keeperUser } = await createUser(w.app, admin, { role: 'own-keeper' });
    const { user: other } = await createUser(w.app, admin, { role: 'sales' });
    const newCustomer = async (name: string, ownerId: string) =>
      created(await admin.post('/api/v1/customers', { kind: 'company', name, ownerId }));
    const mine = await newCustomer('自己的客户有限公司', keeperUser.id);
    const theirs = await newCustomer('别人的客户有限公司', other.id);
    const myContact = await created(
      await admin.post('/api/v1/contacts', { customerId: mine.id, name: '自己的联系人' }),
    );
    const theirContact = await created(
      await admin.post('/api/v1/contacts', { customerId: theirs.id, name: '别人的联系人' }),
    );
    for (const path of [
      `contacts/${myContact.id}`,
      `contacts/${theirContact.id}`,
      `customers/${mine.id}`,
      `customers/${theirs.id}`,
    ])
      expect((await admin.del(`/api/v1/${path}`)).statusCode).toBe(204);

    expect((await admin.get('/api/v1/recycle-bin')).json().items.map((i: BinItem) => i.id)).toEqual([
      theirs.id,
      mine.id,
    ]);
    // A contact comes back only with its customer (the restore route refuses it before): it
    // shows up again once the customer is restored.
    const bin = (await keeper.get('/api/v1/recycle-bin')).json();
    expect(bin).toMatchObject({ total: 1, items: [{ entity: 'customers', id: mine.id }] });
    expect((await keeper.post(`/api/v1/customers/${theirs.id}/restore`)).statusCode).toBe(404);
    expect((await keeper.post(`/api/v1/customers/${mine.id}/restore`)).statusCode).toBe(200);

    const after = (await keeper.get('/api/v1/recycle-bin')).json();
    expect(after.items.map((i: BinItem) => [i.entity, i.label])).toEqual([
      ['contacts', '自己的联系人 · 自己的客户有限公司'],
    ]);
    expect(after.total).toBe(1);
    expect((await keeper.post(`/api/v1/contacts/${theirContact.id}/restore`)).statusCode).toBe(404);
    expect((await keeper.post(`/api/v1/contacts/${myContact.id}/restore`)).statusCode).toBe(200);
  });

  it('shows customers and contacts only to those who may delete them, and no merged duplicates', async () => {
    const admin = await freshOrg();
    const kept = await created(
      await admin.post('/api/v1/customers', { kind: 'company', name: '保留的客户有限公司' }),
    );
    const dup = await created(
      await admin.post('/api/v1/customers', {
        kind: 'company',
        name: '重复的客户有限公司',
        allowDuplicate: true,
      }),
    );
    const merged = await admin.post(`/api/v1/customers/${kept.id}/merge`, {
      duplicateId: dup.id,
      version: kept.version,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const contact = await created(
      await admin.post('/api/v1/contacts', { customerId: kept.id, name: '留下的联系人' }),
    );
    await admin.del(`/api/v1/contacts/${contact.id}`);
    // The duplicate lives on in the customer it was merged into: nothing to restore.
    expect((await admin.get('/api/v1/recycle-bin')).json()).toMatchObject({
      total: 1,
      items: [{ entity: 'contacts', id: contact.id }],
    });

    await admin.post('/api/v1/roles', {
      key: 'customer-keeper',
      name: '客户删除员',
      permissions: { customers: ['read', 'delete'], contacts: ['read'] },
      dataScope: 'org',
    });
    const { client: keeper } = await createUser(w.app, admin, { role: 'customer-keeper' });
    expect((await keeper.get('/api/v1/recycle-bin')).json()).toMatchObject({ total: 0, items: [] });
    expect((await keeper.get('/api/v1/recycle-bin?entity=contacts')).statusCode).toBe(403);
    // Managers edit customers but delete none (only tasks): no customers or contacts for them.
    const { client: manager } = await createUser(w.app, admin, { role: 'manager' });
    expect((await manager.get('/api/v1/recycle-bin')).json()).toMatchObject({ total: 0, items: [] });
    expect((await manager.get('/api/v1/recycle-bin?entity=customers')).statusCode).toBe(403);
  });

  it('rejects an unknown entity filter', async () => {
    const admin = await freshOrg();
    const res = await admin.get('/api/v1/recycle-bin?entity=invoices');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'entity', code: 'enum' });
  });
});
