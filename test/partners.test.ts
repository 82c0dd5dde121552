import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createTestApp,
  createUser,
  setupInstance,
  type Client,
  type TestWorld,
} from './helpers/app.ts';

let w: TestWorld;
let admin: Client;
let manager: Client;
let sales: Client;
let readonly: Client;
let otherAdmin: Client;
let supplier: { id: string; version: number };

beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
  manager = (await createUser(w.app, admin, { role: 'manager' })).client;
  sales = (await createUser(w.app, admin, { role: 'sales' })).client;
  readonly = (await createUser(w.app, admin, { role: 'readonly' })).client;
  otherAdmin = await createOrg(w.app, admin, '别家公司', 'admin@b.test');
  const res = await admin.post('/api/v1/partners', {
    kind: 'supplier',
    name: '宁波精工电机厂',
    mainProducts: '电机、压缩机',
    priceLevel: 3,
    deliverySpeed: 4,
    serviceLevel: 5,
    qualityRating: 4,
    phone: '0574-8765 4321',
    contacts: [
      { name: '周厂长', title: '厂长', phone: '13800138000', email: 'Zhou@JingGong.cn', wechat: 'zhou_jg' },
      { name: '小李', title: '销售' },
    ],
    tags: ['核心供应商', '浙江'],
  });
  expect(res.statusCode, res.body).toBe(201);
  supplier = res.json();
  for (const [kind, name] of [
    ['bank', '中国银行宁波分行'],
    ['courier', '顺丰速运'],
    ['forwarder', '中外运货代'],
  ])
    expect((await manager.post('/api/v1/partners', { kind, name })).statusCode).toBe(201);
});
afterAll(async () => {
  await w.close();
});

describe('partners', () => {
  it('normalises phones and emails, keeps ratings and contacts', async () => {
    const got = (await sales.get(`/api/v1/partners/${supplier.id}`)).json();
    expect(got).toMatchObject({
      phone: '+8657487654321',
      qualityRating: 4,
      tags: ['核心供应商', '浙江'],
      contacts: [
        { name: '周厂长', phone: '+8613800138000', email: 'zhou@jinggong.cn', wechat: 'zhou_jg' },
        { name: '小李', title: '销售', phone: null, email: null },
      ],
    });
  });

  it('refuses bad ratings and contacts with the field named', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await admin.post('/api/v1/partners', { kind: 'supplier', name: '坏数据', ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    };
    await bad({ qualityRating: 6 }, 'qualityRating');
    await bad({ deliverySpeed: 0 }, 'deliverySpeed');
    await bad(
      {
        contacts: [
          { name: 'A', email: 'a@b.cn' },
          { name: 'B', email: 'not-mail' },
        ],
      },
      'contacts[1].email',
    );
    await bad({ contacts: [{ name: 'A', phone: '12' }] }, 'contacts[0].phone');
    await bad({ email: 'x@' }, 'email');
    await bad({ kind: 'alien' }, 'kind');
    const msg = await admin.post('/api/v1/partners', {
      kind: 'supplier',
      name: 'x',
      contacts: [{ name: 'A' }, { name: 'B', email: 'bad' }],
    });
    expect(msg.json().error.details[0].message).toContain('email');
    expect((await admin.get('/api/v1/partners?q=坏数据')).json().total).toBe(0);
  });

  it('filters by kind, tag and q (contacts too), sorts by rating', async () => {
    const names = async (q: string) =>
      (await sales.get(`/api/v1/partners?${q}`)).json().items.map((p: { name: string }) => p.name);
    expect(await names('kind=courier')).toEqual(['顺丰速运']);
    expect(await names('tag=浙江')).toEqual(['宁波精工电机厂']);
    expect(await names('q=周厂长')).toEqual(['宁波精工电机厂']);
    expect(await names('q=压缩机')).toEqual(['宁波精工电机厂']);
    expect((await sales.get('/api/v1/partners')).json().total).toBe(4);
    // Ascending: rated partners first, unrated (null) last, as PostgreSQL orders them.
    expect((await names('sort=qualityRating'))[0]).toBe('宁波精工电机厂');
  });

  it('updates with the version, deletes and restores; roles and tenants', async () => {
    const up = await manager.patch(`/api/v1/partners/${supplier.id}`, {
      version: supplier.version,
      qualityRating: 5,
      contacts: [],
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ qualityRating: 5, contacts: [], version: supplier.version + 1 });
    expect(
      (await manager.patch(`/api/v1/partners/${supplier.id}`, { version: supplier.version, name: 'x' }))
        .statusCode,
    ).toBe(409);
    expect((await sales.patch(`/api/v1/partners/${supplier.id}`, { version: 2, name: 'x' })).statusCode).toBe(
      403,
    );
    expect((await sales.post('/api/v1/partners', { kind: 'bank', name: 'x' })).statusCode).toBe(403);
    expect((await manager.del(`/api/v1/partners/${supplier.id}`)).statusCode).toBe(403);
    expect((await otherAdmin.get(`/api/v1/partners/${supplier.id}`)).statusCode).toBe(404);
    expect((await otherAdmin.get('/api/v1/partners')).json().total).toBe(0);
    expect((await otherAdmin.del(`/api/v1/partners/${supplier.id}`)).statusCode).toBe(404);
    expect((await admin.del(`/api/v1/partners/${supplier.id}`)).statusCode).toBe(204);
    expect((await readonly.get(`/api/v1/partners/${supplier.id}`)).statusCode).toBe(404);
    expect((await admin.post(`/api/v1/partners/${supplier.id}/restore`)).statusCode).toBe(200);
    const hist = (await readonly.get(`/api/v1/partners/${supplier.id}/history`)).json().items;
    expect(hist.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['create', 'update', 'delete', 'restore']),
    );
  });

  it('exports for admin and manager, not for sales or readonly', async () => {
    admin.locale = 'zh-CN';
    const csv = await admin.get('/api/v1/partners/export?format=csv&kind=supplier');
    admin.locale = 'en';
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('主营产品');
    expect(csv.body).toContain('宁波精工电机厂');
    expect(csv.body).not.toContain('顺丰速运');
    expect((await manager.get('/api/v1/partners/export?format=csv')).statusCode).toBe(200);
    expect((await sales.get('/api/v1/partners/export?format=csv')).statusCode).toBe(403);
    expect((await readonly.get('/api/v1/partners/export?format=csv')).statusCode).toBe(403);
  });
});
