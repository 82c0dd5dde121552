import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, createUser, setupInstance, type Client, type TestWorld } from './helpers/app.ts';
import { rows } from './helpers/db-state.ts';

// Lead conversion: customer + contact + opportunity in one step, reusing a duplicate customer,
// with the qualification rule, the refusals and the lead's links to what it became.

let w: TestWorld;
let admin: Client;
const u = {} as Record<'zhang' | 'li' | 'gao', { client: Client; id: string }>;

async function newLead(by: Client, body: Record<string, unknown>) {
  const res = await by.post('/api/v1/leads', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; status: string };
}
async function qualify(by: Client, lead: { id: string }) {
  const version = (await by.get(`/api/v1/leads/${lead.id}`)).json().version;
  const res = await by.post(`/api/v1/leads/${lead.id}/qualify`, {
    money: 'yes',
    authority: 'yes',
    need: 'yes',
    version,
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().status).toBe('qualified');
}
const count = async (table: string) =>
  (await rows<{ n: number }>(w.database.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!
    .n;

beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
  for (const [key, body] of Object.entries({
    zhang: { name: '张伟', role: 'sales' },
    li: { name: '李娜', role: 'sales' },
    gao: { name: '高翔', role: 'readonly' },
  })) {
    const { client, user } = await createUser(w.app, admin, body);
    u[key as keyof typeof u] = { client, id: user.id };
  }
});
afterAll(() => w.close());

describe('converting a lead', () => {
  it('creates customer, contact and opportunity from a qualified lead, and the lead keeps the links', async () => {
    const lead = await newLead(u.zhang.client, {
      name: 'Hans Müller',
      company: 'Müller Küchen GmbH',
      title: 'Einkaufsleiter',
      phones: ['+49 40 1234567'],
      emails: ['hans@mueller-kuechen.de'],
      country: 'DE',
      channel: 'tradeFair',
      campaign: 'Frankfurt 2026',
    });
    // Not qualified yet, and qualification is required by default.
    const early = await u.zhang.client.post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('LEAD_NOT_QUALIFIED');
    await qualify(u.zhang.client, lead);
    const before = { customers: await count('customers'), contacts: await count('contacts') };
    const res = await u.zhang.client.post(`/api/v1/leads/${lead.id}/convert`, {
      opportunity: { amount: '25000', currency: 'EUR' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out.reusedCustomer).toBe(false);
    expect(await count('customers')).toBe(before.customers + 1);
    expect(await count('contacts')).toBe(before.contacts + 1);
    expect(out.lead).toMatchObject({
      status: 'converted',
      convertedBy: u.zhang.id,
      convertedCustomerId: out.customerId,
      convertedContactId: out.contactId,
      convertedOpportunityId: out.opportunityId,
    });
    const customer = (await u.zhang.client.get(`/api/v1/customers/${out.customerId}`)).json();
    expect(customer).toMatchObject({
      kind: 'company',
      name: 'Müller Küchen GmbH',
      ownerId: u.zhang.id,
      source: '展会',
      sourceDetail: 'Frankfurt 2026',
      country: 'DE',
    });
    const contact = (await u.zhang.client.get(`/api/v1/contacts/${out.contactId}`)).json();
    expect(contact).toMatchObject({
      name: 'Hans Müller',
      title: 'Einkaufsleiter',
      customerId: out.customerId,
    });
    const opp = (await u.zhang.client.get(`/api/v1/opportunities/${out.opportunityId}`)).json();
    expect(opp).toMatchObject({
      name: 'Müller Küchen GmbH',
      customerId: out.customerId,
      contactId: out.contactId,
      leadId: lead.id,
      channel: 'tradeFair',
      campaign: 'Frankfurt 2026',
      amount: '25000.00',
      currency: 'EUR',
      stageKey: 'targetMarket',
      ownerId: u.zhang.id,
    });
    // The lead keeps its links when read again, and its history names the conversion.
    const again = (await u.zhang.client.get(`/api/v1/leads/${lead.id}`)).json();
    expect(again.convertedOpportunityId).toBe(out.opportunityId);
    const hist = (await u.zhang.client.get(`/api/v1/leads/${lead.id}/history`)).json().items;
    expect(hist.map((h: { action: string }) => h.action)).toContain('convert');

    // Converting twice is refused, and changes nothing.
    const twice = await u.zhang.client.post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('LEAD_ALREADY_CONVERTED');
    expect(await count('customers')).toBe(before.customers + 1);
  });

  it('reuses the existing customer matched by phone instead of creating a duplicate', async () => {
    const existing = await u.zhang.client.post('/api/v1/customers', {
      kind: 'company',
      name: '宁波海天塑机有限公司',
      phones: ['13588889999'],
    });
    expect(existing.statusCode, existing.body).toBe(201);
    const lead = await newLead(u.zhang.client, {
      name: '陈海峰',
      company: '海天国际',
      phones: ['135 8888 9999'],
      channel: 'b2bPlatform',
      productInterest: [],
    });
    await qualify(u.zhang.client, lead);
    const customers = await count('customers');
    const res = await u.zhang.client.post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ reusedCustomer: true, customerId: existing.json().id });
    expect(await count('customers')).toBe(customers);
    const opp = (await u.zhang.client.get(`/api/v1/opportunities/${res.json().opportunityId}`)).json();
    expect(opp).toMatchObject({ customerId: existing.json().id, leadId: lead.id, channel: 'b2bPlatform' });
  });

  it('attaches to a named customer, or skips the opportunity, when asked', async () => {
    const mine = (
      await u.zhang.client.post('/api/v1/customers', { kind: 'company', name: '苏州贸易' })
    ).json();
    const lead = await newLead(u.zhang.client, { name: '王总', channel: 'referral' });
    await qualify(u.zhang.client, lead);
    const notMine = (
      await u.li.client.post('/api/v1/customers', { kind: 'company', name: '李娜的客户' })
    ).json();
    const bad = await u.zhang.client.post(`/api/v1/leads/${lead.id}/convert`, { customerId: notMine.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('customerId');
    const res = await u.zhang.client.post(`/api/v1/leads/${lead.id}/convert`, {
      customerId: mine.id,
      opportunity: null,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ customerId: mine.id, reusedCustomer: true, opportunityId: null });
    expect(res.json().contactId).toEqual(expect.any(String));
  });

  it('refuses disqualified leads, leads of others, and callers without the permissions', async () => {
    const lead = await newLead(u.zhang.client, { company: '无效公司', channel: 'other' });
    const version = (await u.zhang.client.get(`/api/v1/leads/${lead.id}`)).json().version;
    const dq = await u.zhang.client.patch(`/api/v1/leads/${lead.id}`, {
      version,
      status: 'disqualified',
      disqualifyReason: 'noNeed',
    });
    expect(dq.statusCode, dq.body).toBe(200);
    const res = await u.zhang.client.post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('LEAD_DISQUALIFIED');

    const other = await newLead(u.zhang.client, { company: '张伟的线索', channel: 'other' });
    expect((await u.li.client.post(`/api/v1/leads/${other.id}/convert`, {})).statusCode).toBe(404);
    expect((await u.gao.client.post(`/api/v1/leads/${other.id}/convert`, {})).statusCode).toBe(403);
    expect((await u.zhang.client.post(`/api/v1/leads/${other.id}/convert`, { foo: 1 })).statusCode).toBe(400);
  });

  it('converts an unqualified lead when the organisation does not require qualification', async () => {
    const settings = (await admin.get('/api/v1/lead-assignment/settings')).json();
    const put = await admin.request('PUT', '/api/v1/lead-assignment/settings', {
      ...settings,
      requireQualification: false,
    });
    expect(put.statusCode, put.body).toBe(200);
    const lead = await newLead(u.zhang.client, { name: 'Ana García', channel: 'websiteForm' });
    const res = await u.zhang.client.post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(res.statusCode, res.body).toBe(200);
    const customer = (await u.zhang.client.get(`/api/v1/customers/${res.json().customerId}`)).json();
    expect(customer).toMatchObject({ kind: 'person', name: 'Ana García', source: '官网' });
  });
});
