import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
import { postMultipart } from './helpers/multipart.ts';
import { newId } from '../server/src/db/columns.ts';

let w: TestWorld;
let dir: string;
let admin: Client;
let rep: Client;
let repId: string;
let other: Client;
let orgId: string;

async function importCsv(text: string, body: Record<string, unknown> = {}) {
  const up = await postMultipart(
    admin,
    '/api/v1/imports/uploads',
    { entity: 'marketStats' },
    { name: 'stats.csv', bytes: Buffer.from(`\uFEFF${text}`, 'utf8') },
  );
  expect(up.statusCode, up.body).toBe(201);
  const res = await admin.post('/api/v1/imports', { uploadId: up.json().uploadId, mode: 'create', ...body });
  expect(res.statusCode, res.body).toBe(202);
  await w.jobs.drain(60_000);
  return { analysis: up.json(), result: (await admin.get(`/api/v1/imports/${res.json().id}`)).json() };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-market-'));
  w = await createTestApp({ filesDir: dir });
  admin = await setupInstance(w.app);
  orgId = (await admin.get('/api/v1/me')).json().orgId;
  const r = await createUser(w.app, admin, { role: 'sales' });
  rep = r.client;
  repId = r.user.id;
  other = await createOrg(w.app, admin, '别家公司', 'admin@b.test');
});
afterAll(async () => {
  await w.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('market statistics CRUD', () => {
  it('creates a figure from a Chinese country name and refuses bad input with the field named', async () => {
    const res = await admin.post('/api/v1/market-stats', {
      region: '日本',
      category: '水泵',
      year: 2024,
      importValue: '1234.5',
      source: '海关总署',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      region: 'JP',
      regionName: 'Japan',
      importValue: '1234.50',
      currency: 'USD',
      source: '海关总署',
      version: 1,
    });
    const id = res.json().id;

    const bad = async (body: Record<string, unknown>, field: string, code?: string) => {
      const r = await admin.post('/api/v1/market-stats', body);
      expect(r.statusCode, r.body).toBe(400);
      const d = r.json().error.details[0];
      expect(d.field).toBe(field);
      if (code) expect(d.code).toBe(code);
    };
    const ok = { region: 'JP', category: '水泵', year: 2023, importValue: '1' };
    await bad({ ...ok, region: '亚特兰蒂斯' }, 'region', 'unknownRegion');
    await bad({ ...ok, year: 2024 }, 'year', 'taken');
    await bad({ ...ok, importValue: '1.234' }, 'importValue');
    await bad({ ...ok, year: 1800 }, 'year');
    await bad({ ...ok, currency: 'usd' }, 'currency');
    expect((await admin.post('/api/v1/market-stats', { ...ok, extra: 1 })).statusCode).toBe(400);

    const patched = await admin.patch(`/api/v1/market-stats/${id}`, { version: 1, importValue: '2000' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ importValue: '2000.00', version: 2 });
    expect(
      (await admin.patch(`/api/v1/market-stats/${id}`, { version: 1, importValue: '3' })).statusCode,
    ).toBe(409);

    const list = (await admin.get('/api/v1/market-stats?category=水泵')).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([id]);
    expect((await other.get('/api/v1/market-stats')).json().total).toBe(0);
    expect(
      (await other.patch(`/api/v1/market-stats/${id}`, { version: 2, importValue: '1' })).statusCode,
    ).toBe(404);
    expect((await other.del(`/api/v1/market-stats/${id}`)).statusCode).toBe(404);

    // A sales rep reads the figures but does not edit them.
    expect((await rep.get('/api/v1/market-stats')).json().total).toBe(1);
    expect((await rep.post('/api/v1/market-stats', ok)).statusCode).toBe(403);
    expect((await rep.del(`/api/v1/market-stats/${id}`)).statusCode).toBe(403);

    expect((await admin.del(`/api/v1/market-stats/${id}`)).statusCode).toBe(204);
    expect((await admin.get('/api/v1/market-stats?category=水泵')).json().total).toBe(0);
    expect((await admin.del(`/api/v1/market-stats/${id}`)).statusCode).toBe(404);
  });
});

describe('import and potential', () => {
  it('imports a CSV with Chinese headers and country names, then upserts a corrected year', async () => {
    const { analysis, result } = await importCsv(
      [
        '国家,品类,年份,进口额,币种,来源',
        '德国,注塑机,2023,1000,USD,UN Comtrade',
        '德国,注塑机,2024,"1,100",USD,UN Comtrade',
        'Germany,注塑机,2025,1210,USD,UN Comtrade',
        '美国,注塑机,2024,5000,USD,UN Comtrade',
        'US,注塑机,2025,4000,USD,UN Comtrade',
        '越南,注塑机,2023,200,USD,UN Comtrade',
        '亚特兰蒂斯,注塑机,2025,1,USD,',
        '广东省,注塑机,2025,300,人民币,海关总署',
        '德国,注塑机,2023,999,USD,again',
      ].join('\r\n'),
    );
    expect(analysis.mapping.map((m: { field: string | null }) => m.field)).toEqual([
      'region',
      'category',
      'year',
      'importValue',
      'currency',
      'source',
    ]);
    expect(result.counts).toEqual({ created: 7, updated: 0, skipped: 0, failed: 2 });
    const gd = (await admin.get('/api/v1/market-stats?region=440000')).json().items[0];
    expect(gd).toMatchObject({
      region: '440000',
      regionName: '广东省',
      currency: 'CNY',
      importValue: '300.00',
    });

    const again = await importCsv('Country,Category,Year,Import value\nDE,注塑机,2025,1331', {
      mode: 'upsert',
      key: 'regionCategoryYear',
    });
    expect(again.result.counts).toEqual({ created: 0, updated: 1, skipped: 0, failed: 0 });
  });

  it('computes 3-year values, growth and CAGR per region next to our customers and leads', async () => {
    for (const [name, country] of [
      ['Müller GmbH', 'DE'],
      ['Schmidt AG', 'DE'],
      ['Hanoi Plastics', 'VN'],
    ] as const)
      expect((await admin.post('/api/v1/customers', { kind: 'company', name, country })).statusCode).toBe(
        201,
      );
    expect(
      (await rep.post('/api/v1/customers', { kind: 'company', name: 'Berlin Tech', country: 'DE' }))
        .statusCode,
    ).toBe(201);
    await w.database.db.execute(sql`insert into leads (org_id, id, name, country, owner_id)
      values (${orgId}, ${newId()}, 'US buyer', 'US', ${repId}), (${orgId}, ${newId()}, 'US buyer 2', 'US', null)`);

    const res = await admin.get(`/api/v1/market-stats/potential?category=${encodeURIComponent('注塑机')}`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.category).toBe('注塑机');
    expect(p.categories).toEqual(['注塑机']);
    expect(p.years).toEqual([2023, 2024, 2025]);
    expect(p.regions.map((r: { region: string }) => r.region)).toEqual(['US', 'DE', '440000', 'VN']);
    expect(p.regions[0]).toMatchObject({
      values: [null, '5000.00', '4000.00'],
      change: '-1000.00',
      changePct: -0.2,
      cagr: -0.2,
      customers: 0,
      leads: 2,
    });
    // 1000 → 1331 in two years: +33.1 %, CAGR 15.37 %.
    expect(p.regions[1]).toMatchObject({
      name: 'Germany',
      values: ['1000.00', '1100.00', '1331.00'],
      latest: '1331.00',
      change: '331.00',
      changePct: 0.331,
      cagr: 0.1537,
      customers: 3,
      leads: 0,
    });
    expect(p.regions[3]).toMatchObject({
      values: ['200.00', null, null],
      latest: null,
      cagr: null,
      customers: 1,
    });

    // The rep sees their own customers and leads only; the other organisation sees nothing of ours.
    const mine = (await rep.get('/api/v1/market-stats/potential')).json();
    expect(mine.regions.find((r: { region: string }) => r.region === 'DE')).toMatchObject({ customers: 1 });
    expect(mine.regions.find((r: { region: string }) => r.region === 'US')).toMatchObject({ leads: 1 });
    const theirs = (await other.get('/api/v1/market-stats/potential')).json();
    expect(theirs).toMatchObject({ category: null, categories: [], regions: [] });

    const older = (
      await admin.get(`/api/v1/market-stats/potential?category=${encodeURIComponent('注塑机')}&toYear=2024`)
    ).json();
    expect(older.years).toEqual([2022, 2023, 2024]);
    expect(older.regions.find((r: { region: string }) => r.region === 'DE')).toMatchObject({
      cagr: 0.1,
      changePct: 0.1,
    });
  });
});
