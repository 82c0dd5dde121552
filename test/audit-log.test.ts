import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Client, createTestApp, createUser, setupInstance, type TestWorld } from './helpers/app.ts';
import { insertDepartmentRow, rows } from './helpers/db-state.ts';

// One organisation: 销售部 with its sub-department 华东销售, and 客服部.
//   王经理  manager, 销售部 (department scope)
//   东区业务员  sales rep, 华东销售 (own scope) — owns 华东客户 and its contact 东区联系人
//   客服业务员  sales rep, 客服部 (own scope) — owns 客服客户 and its contact 客服联系人
//   只读用户  read-only, 客服部 (org scope, phones and emails masked)
//   人事审计  a custom role: the audit log and users, but no customers
// Sales reps and read-only users do not read the audit log in the built-in roles; here they may.

let w: TestWorld;
let admin: Client;
let orgId: string;
const who = {} as Record<'mgr' | 'repEast' | 'repService' | 'ro' | 'auditor', { id: string; client: Client }>;
const customer = {} as Record<'east' | 'service' | 'adminOwned', string>;
const contact = {} as Record<'east' | 'service', string>;

interface Entry {
  id: string;
  entity: string;
  entityId: string | null;
  action: string;
  actorKind: string;
  changes: { field: string; old: unknown; new: unknown }[];
}

async function grantAuditLogRead(roleKey: string) {
  const roles = (await admin.get('/api/v1/roles?limit=200')).json().items as {
    id: string;
    key: string;
    version: number;
    permissions: Record<string, string[]>;
  }[];
  const role = roles.find((r) => r.key === roleKey)!;
  const res = await admin.patch(`/api/v1/roles/${role.id}`, {
    version: role.version,
    permissions: { ...role.permissions, auditLog: ['read'] },
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function created(res: { statusCode: number; body: string; json(): unknown }): Promise<string> {
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** Every entry the caller may see, page by page; each page's total must be the number of entries. */
async function wholeLog(c: Client, query = ''): Promise<Entry[]> {
  const seen: Entry[] = [];
  const totals = new Set<number>();
  let cursor: string | null = null;
  do {
    const res = await c.get(`/api/v1/audit-log?limit=7${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    totals.add(page.total);
    seen.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  expect([...totals]).toEqual([seen.length]);
  expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
  return seen;
}

const about = (log: Entry[], entity: string) =>
  [...new Set(log.filter((e) => e.entity === entity).map((e) => e.entityId))].sort();
const sorted = (...ids: string[]) => [...ids].sort();

beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
  const me = (await admin.get('/api/v1/me')).json();
  orgId = me.orgId;
  const db = w.database.db;
  const sales = await insertDepartmentRow(db, orgId, '销售部');
  const east = await insertDepartmentRow(db, orgId, '华东销售', sales);
  const service = await insertDepartmentRow(db, orgId, '客服部');

  await grantAuditLogRead('sales');
  await grantAuditLogRead('readonly');
  await created(
    await admin.post('/api/v1/roles', {
      key: 'people-auditor',
      name: '人事审计',
      permissions: { auditLog: ['read'], users: ['read'] },
      dataScope: 'org',
    }),
  );

  const people = {
    mgr: { name: '王经理', role: 'manager', departmentId: sales.id },
    repEast: { name: '东区业务员', role: 'sales', departmentId: east.id, phone: '13911112222' },
    repService: { name: '客服业务员', role: 'sales', departmentId: service.id },
    ro: { name: '只读用户', role: 'readonly', departmentId: service.id },
    auditor: { name: '人事审计员', role: 'people-auditor' },
  };
  for (const [key, body] of Object.entries(people)) {
    const { client, user } = await createUser(w.app, admin, body);
    who[key as keyof typeof who] = { id: user.id, client };
  }

  const newCustomer = async (name: string, ownerId: string, phones: string[]) =>
    created(await admin.post('/api/v1/customers', { kind: 'company', name, ownerId, phones }));
  customer.east = await newCustomer('华东精密机械有限公司', who.repEast.id, ['13800138000', '02162345678']);
  customer.service = await newCustomer('广州客服外包有限公司', who.repService.id, ['13800138001']);
  customer.adminOwned = await newCustomer('总部直管贸易有限公司', me.id, ['13800138002']);
  const res = await who.repEast.client.patch(`/api/v1/customers/${customer.east}`, {
    version: 1,
    phones: ['13800138000'],
  });
  expect(res.statusCode, res.body).toBe(200);

  const newContact = async (customerId: string, name: string, phone: string) =>
    created(await admin.post('/api/v1/contacts', { customerId, name, phones: [phone] }));
  contact.east = await newContact(customer.east, '东区联系人', '13700137000');
  contact.service = await newContact(customer.service, '客服联系人', '13700137001');
});
afterAll(() => w.close());

describe('audit log visibility follows record visibility', () => {
  it('the administrator sees every entry of the organisation, and the count says so', async () => {
    const log = await wholeLog(admin);
    const stored = await rows<{ id: string }>(
      w.database.db,
      sql`select id from audit_log where org_id = ${orgId}`,
    );
    expect(log.map((e) => e.id).sort()).toEqual(stored.map((r) => r.id).sort());
    expect(about(log, 'customers')).toEqual(sorted(customer.east, customer.service, customer.adminOwned));
  });

  it("a department manager sees entries about the department's people and customers only", async () => {
    const log = await wholeLog(who.mgr.client);
    expect(about(log, 'users')).toEqual(sorted(who.mgr.id, who.repEast.id));
    expect(about(log, 'customers')).toEqual([customer.east]);
    expect(about(log, 'contacts')).toEqual([contact.east]);
    // Entries that are about no record of a scoped entity: the organisation, roles.
    expect(log.some((e) => e.entity === 'orgs')).toBe(true);
    expect(log.some((e) => e.entity === 'roles')).toBe(true);

    // Filters narrow the same visible set, and the count follows.
    expect(about(await wholeLog(who.mgr.client, '&entity=customers'), 'customers')).toEqual([customer.east]);
    const outside = (await who.mgr.client.get(`/api/v1/audit-log?entityId=${customer.service}`)).json();
    expect(outside).toMatchObject({ items: [], total: 0 });
  });

  it("a sales rep with the own scope sees their own customers' entries only", async () => {
    const log = await wholeLog(who.repEast.client);
    expect(about(log, 'customers')).toEqual([customer.east]);
    expect(about(log, 'contacts')).toEqual([contact.east]);
    expect(about(log, 'users')).toEqual([who.repEast.id]);
    expect(log.filter((e) => e.entity === 'customers').map((e) => e.action)).toEqual(['update', 'create']);

    const other = await wholeLog(who.repService.client);
    expect(about(other, 'customers')).toEqual([customer.service]);
    expect(about(other, 'contacts')).toEqual([contact.service]);
  });

  it('a read-only user sees phones and emails masked in the changes, one by one in a list', async () => {
    const log = await wholeLog(who.ro.client);
    expect(about(log, 'customers')).toEqual(sorted(customer.east, customer.service, customer.adminOwned));
    const created = log.find((e) => e.entityId === customer.east && e.action === 'create')!;
    expect(created.changes).toContainEqual({
      field: 'phones',
      old: null,
      new: ['138****8000', '021****5678'],
    });
    const updated = log.find((e) => e.entityId === customer.east && e.action === 'update')!;
    expect(updated.changes).toContainEqual({
      field: 'phones',
      old: ['138****8000', '021****5678'],
      new: ['138****8000'],
    });
    const newContact = log.find((e) => e.entityId === contact.east && e.action === 'create')!;
    expect(newContact.changes).toContainEqual({ field: 'phones', old: null, new: ['137****7000'] });
    const newUser = log.find((e) => e.entityId === who.repEast.id && e.action === 'create')!;
    expect(newUser.changes).toContainEqual({ field: 'phone', old: null, new: '139****2222' });
    expect(JSON.stringify(log)).not.toContain('13800138000');
    expect(JSON.stringify(log)).not.toContain('13911112222');

    // The administrator, without field rules, reads the same entries in clear.
    const clear = (await wholeLog(admin)).find((e) => e.id === updated.id)!;
    expect(clear.changes).toContainEqual({
      field: 'phones',
      old: ['13800138000', '02162345678'],
      new: ['13800138000'],
    });
  });

  it('a role that may not read customers sees no customer or contact entries, and counts none', async () => {
    const log = await wholeLog(who.auditor.client);
    expect(log.filter((e) => ['customers', 'contacts'].includes(e.entity))).toEqual([]);
    expect(about(log, 'users').length).toBeGreaterThanOrEqual(5);
    expect((await who.auditor.client.get('/api/v1/audit-log?entity=customers')).json()).toMatchObject({
      items: [],
      total: 0,
    });
    // Without apiKeys:read the creation of API keys is not theirs to see either.
    expect(log.filter((e) => e.entity === 'apiKeys')).toEqual([]);
  });

  it('an API key reads only the entries of entities its scopes let it read', async () => {
    const res = await admin.post('/api/v1/api-keys', { name: '审计同步', scopes: ['auditLog:read'] });
    const key = Client.withKey(w.app, res.json().token);
    const log = await wholeLog(key);
    expect(log.length).toBeGreaterThan(0);
    expect([...new Set(log.map((e) => e.entity))]).toEqual(['orgs']);

    const wider = await admin.post('/api/v1/api-keys', {
      name: '审计同步2',
      scopes: ['auditLog:read', 'customers:read'],
    });
    const keyLog = await wholeLog(Client.withKey(w.app, wider.json().token));
    expect([...new Set(keyLog.map((e) => e.entity))].sort()).toEqual(['customers', 'orgs']);
  });
});
