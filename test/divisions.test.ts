import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, setupInstance, type Client, type TestWorld } from './helpers/app.ts';

let w: TestWorld;
let admin: Client;
beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
});
afterAll(() => w.close());

describe('administrative divisions for address forms', () => {
  it('lists provinces, then cities, then districts by official code', async () => {
    const provinces = (await admin.get('/api/v1/divisions')).json().items;
    expect(provinces.length).toBeGreaterThanOrEqual(31);
    expect(provinces).toContainEqual({
      code: '440000',
      name: '广东省',
      level: 'province',
      hasChildren: true,
    });
    const cities = (await admin.get('/api/v1/divisions?parent=440000')).json().items;
    expect(cities.map((c: { name: string }) => c.name)).toContain('深圳市');
    const districts = (await admin.get('/api/v1/divisions?parent=440300')).json().items;
    expect(districts).toContainEqual({
      code: '440305',
      name: '南山区',
      level: 'district',
      hasChildren: false,
    });
  });

  it('answers an unknown or malformed code with a clear error', async () => {
    expect((await admin.get('/api/v1/divisions?parent=999999')).statusCode).toBe(404);
    const bad = await admin.get('/api/v1/divisions?parent=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('parent');
  });
});
