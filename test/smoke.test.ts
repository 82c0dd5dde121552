import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, setupInstance, type TestWorld } from './helpers/app.ts';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestApp();
});
afterAll(() => w.close());

describe('first run', () => {
  it('reports the database and needs setup until it is done', async () => {
    expect((await w.app.inject('/health')).json()).toEqual({
      status: 'ok',
      database: expect.stringMatching(/pglite|postgres/),
    });
    expect((await w.app.inject('/api/v1/setup')).json()).toEqual({ needsSetup: true });
    const admin = await setupInstance(w.app);
    const me = await admin.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: 'admin@a.test', roles: ['admin'], isInstanceAdmin: true });
    expect((await w.app.inject('/api/v1/setup')).json()).toEqual({ needsSetup: false });
  });
});
