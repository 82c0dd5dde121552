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
import { rows } from './helpers/db-state.ts';

// Public web forms: no login, the form's own fields only, a honeypot, a body size limit and a
// rate limit per IP and form — every refusal stores nothing.
let w: TestWorld;
let admin: Client;
let otherOrg: Client;
let form: { id: string; publicKey: string; path: string; version: number };

const leadCount = async () =>
  (await rows<{ n: number }>(w.database.db, sql`select count(*)::int as n from leads`))[0]!.n;

let ipSeq = 0;
/** A visitor from its own IP (the rate limit counts per IP), from another site. */
function submit(path: string, body: unknown, ip = `203.0.113.${++ipSeq}`, raw?: string) {
  return w.app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/json', origin: 'https://www.example-factory.com' },
    payload: raw ?? JSON.stringify(body),
    remoteAddress: ip,
  });
}

beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
  otherOrg = await createOrg(w.app, admin, '另一家贸易公司', 'admin@b.test');
  const res = await admin.post('/api/v1/lead-forms', {
    name: '官网询盘',
    fields: ['name', 'company', 'email', 'phone', 'country', 'notes'],
    requiredFields: ['email'],
    defaults: { campaign: '官网2026', tags: ['官网'], productInterest: ['hardware'] },
  });
  expect(res.statusCode, res.body).toBe(201);
  form = res.json();
});
afterAll(() => w.close());

describe('lead forms administration', () => {
  it('creates forms with a random public key, checks fields and defaults, and gives a snippet', async () => {
    expect(form.publicKey).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(form.path).toBe(`/api/v1/public/forms/${form.publicKey}`);
    const bad = await admin.post('/api/v1/lead-forms', {
      name: 'x',
      fields: ['name'],
      requiredFields: ['email'],
      defaults: { channel: 'pigeon' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['defaults.channel', 'requiredFields[0]']);
    const unknownField = await admin.post('/api/v1/lead-forms', { name: 'x', fields: ['salary'] });
    expect(unknownField.statusCode).toBe(400);
    const snippet = await admin.get(`/api/v1/lead-forms/${form.id}/snippet`);
    expect(snippet.statusCode).toBe(200);
    const { html, url } = snippet.json();
    expect(url).toMatch(new RegExp(`/api/v1/public/forms/${form.publicKey}$`));
    expect(html).toContain('<form');
    expect(html).toContain('name="website_url"');
    expect(html).toContain('name="email"');
    expect(html).toContain('fetch(');
    expect(html).not.toContain('name="wechat"');
    // Only those with the leadForms permission manage forms; other tenants do not see them.
    const { client: rep } = await createUser(w.app, admin, { role: 'sales' });
    expect((await rep.get('/api/v1/lead-forms')).statusCode).toBe(403);
    expect((await otherOrg.get('/api/v1/lead-forms')).json().items).toEqual([]);
    expect((await otherOrg.get(`/api/v1/lead-forms/${form.id}/snippet`)).statusCode).toBe(404);
  });
});

describe('the public endpoint', () => {
  it('stores a lead with the form defaults, answers CORS preflights, counts submissions', async () => {
    const pre = await w.app.inject({
      method: 'OPTIONS',
      url: form.path,
      headers: { origin: 'https://www.example-factory.com', 'access-control-request-method': 'POST' },
    });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    const before = await leadCount();
    const res = await submit(form.path, {
      name: 'Maria Lopez',
      company: 'Ferretería Lopez',
      email: 'Maria@Lopez.mx',
      country: 'MX',
      notes: 'Need 2000 hammers',
      website_url: '',
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(await leadCount()).toBe(before + 1);
    const lead = (await admin.get(`/api/v1/leads?q=${encodeURIComponent('maria@lopez.mx')}`)).json().items[0];
    expect(lead).toMatchObject({
      name: 'Maria Lopez',
      emails: ['maria@lopez.mx'],
      channel: 'websiteForm',
      campaign: '官网2026',
      tags: ['官网'],
      productInterest: ['hardware'],
      formId: form.id,
      country: 'MX',
    });
    const after = (await admin.get(`/api/v1/lead-forms/${form.id}`)).json();
    expect(after.submissions).toBe(1);
  });

  it('refuses unknown fields, missing required ones and oversized bodies, storing nothing', async () => {
    const before = await leadCount();
    const unknown = await submit(form.path, { name: 'X', email: 'x@x.com', salary: '1000' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('UNKNOWN_FIELD');
    expect(unknown.headers['access-control-allow-origin']).toBe('*');
    const missing = await submit(form.path, { name: 'X' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].field).toBe('email');
    const badEmail = await submit(form.path, { name: 'X', email: 'nope' });
    expect(badEmail.json().error.details[0].field).toBe('emails[0]');
    const notText = await submit(form.path, { name: { $gt: '' }, email: 'x@x.com' });
    expect(notText.statusCode).toBe(400);
    const big = await submit(
      form.path,
      null,
      undefined,
      JSON.stringify({ name: 'X', email: 'x@x.com', notes: 'a'.repeat(20_000) }),
    );
    expect(big.statusCode).toBe(413);
    const notJson = await submit(form.path, null, undefined, '{"name": ');
    expect(notJson.statusCode).toBe(400);
    expect(await leadCount()).toBe(before);
  });

  it('pretends success to bots filling the honeypot and stores nothing', async () => {
    const before = await leadCount();
    const res = await submit(form.path, { name: 'Bot', email: 'bot@spam.ru', website_url: 'http://spam.ru' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: true });
    expect(await leadCount()).toBe(before);
  });

  it('answers a flood with 429 and Retry-After, per IP and form, storing nothing more', async () => {
    const before = await leadCount();
    const ip = '198.51.100.7';
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++)
      statuses.push(
        (await submit(form.path, { name: `Flood ${i}`, email: `f${i}@flood.com` }, ip)).statusCode,
      );
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(statuses.slice(10)).toEqual([429, 429, 429]);
    const limited = await submit(form.path, { name: 'Flood', email: 'f@flood.com' }, ip);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await leadCount()).toBe(before + 10);
    // Another IP is not affected.
    expect(
      (await submit(form.path, { name: 'Real', email: 'real@buyer.com' }, '198.51.100.8')).statusCode,
    ).toBe(202);
  });

  it('404 for unknown, inactive and deleted forms; each lead lands in its own organisation', async () => {
    const before = await leadCount();
    expect((await submit('/api/v1/public/forms/aaaaaaaaaaaaaaaaaaaaaaaa', { name: 'X' })).statusCode).toBe(
      404,
    );
    const off = await admin.patch(`/api/v1/lead-forms/${form.id}`, { version: form.version, active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect((await submit(form.path, { name: 'X', email: 'x@x.com' })).statusCode).toBe(404);
    await admin.patch(`/api/v1/lead-forms/${form.id}`, { version: off.json().version, active: true });
    expect(await leadCount()).toBe(before);

    const b = await otherOrg.post('/api/v1/lead-forms', { name: 'B 表单', fields: ['company', 'phone'] });
    expect(b.statusCode, b.body).toBe(201);
    const res = await submit(b.json().path, { company: '乙方客户有限公司', phone: '13900001111' });
    expect(res.statusCode, res.body).toBe(202);
    const inB = (await otherOrg.get('/api/v1/leads')).json().items;
    expect(inB.map((l: { company: string }) => l.company)).toEqual(['乙方客户有限公司']);
    const inA = (await admin.get(`/api/v1/leads?q=${encodeURIComponent('乙方')}`)).json().items;
    expect(inA).toEqual([]);
    // A field this form does not offer is unknown here, whatever other forms offer.
    expect((await submit(form.path, { company: 'x', wechat: 'wx123', email: 'a@b.cn' })).statusCode).toBe(
      400,
    );
    expect((await otherOrg.del(`/api/v1/lead-forms/${b.json().id}`)).statusCode).toBe(204);
    expect((await submit(b.json().path, { company: 'Y' })).statusCode).toBe(404);
  });
});
