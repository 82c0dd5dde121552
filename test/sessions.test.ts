import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, createUser, setupInstance, Client, type TestWorld } from './helpers/app.ts';
import { changedTables, databaseText, rows, snapshotTables } from './helpers/db-state.ts';
import { sha256 } from '../server/src/modules/auth/password.ts';

// Sessions, sign-in throttling, CSRF, API keys and security headers, on a clock the test moves.

const T0 = new Date('2026-11-23T08:00:00+08:00');
let clock = T0;
const advance = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};

let w: TestWorld;
let admin: Client;

beforeAll(async () => {
  w = await createTestApp(
    { session: { idleMinutes: 30, absoluteHours: 12, secureCookie: false } },
    {},
    { now: () => clock },
  );
  admin = await setupInstance(w.app);
});
afterAll(() => w.close());
// The clock only moves forward and takes the administrator's session with it: a fresh one per test.
beforeEach(async () => {
  expect((await admin.login('admin@a.test', 'Admin12345')).statusCode).toBe(200);
});

/** A second browser holding a copy of another's cookie (e.g. the one from before a change). */
function browserWith(cookie: string | undefined, csrf?: string): Client {
  const c = new Client(w.app);
  c.cookie = cookie;
  c.csrf = csrf;
  return c;
}

async function expectSignedOut(c: Client, why: string) {
  const res = await c.get('/api/v1/me');
  expect(res.statusCode, why).toBe(401);
  expect(res.json().error.code, why).toMatch(/^(SESSION_EXPIRED|UNAUTHENTICATED)$/);
}

const versionOf = async (id: string) => (await admin.get(`/api/v1/users/${id}`)).json().version as number;

describe('a session ends', () => {
  it('when its user signs out: the old cookie is refused', async () => {
    const { client } = await createUser(w.app, admin);
    const old = browserWith(client.cookie, client.csrf);
    expect((await client.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect(client.cookie).toBeUndefined();
    await expectSignedOut(old, 'cookie from before sign-out');
  });

  it('for every other browser when the password changes, while the changing browser stays signed in', async () => {
    const { client: first, user } = await createUser(w.app, admin);
    const second = new Client(w.app);
    expect((await second.login(String(user.email), 'Passw0rd!')).statusCode).toBe(200);
    const firstOld = browserWith(first.cookie, first.csrf);

    const wrong = await first.post('/api/v1/me/password', {
      currentPassword: 'nope-nope1',
      newPassword: 'N3wSecret!',
    });
    expect(wrong.statusCode).toBe(400);
    expect((await second.get('/api/v1/me')).statusCode, 'a refused change ends nothing').toBe(200);

    const changed = await first.post('/api/v1/me/password', {
      currentPassword: 'Passw0rd!',
      newPassword: 'N3wSecret!',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    first.csrf = changed.json().csrfToken;
    expect(first.cookie).not.toBe(firstOld.cookie);
    expect((await first.get('/api/v1/me')).statusCode, 'the changing browser').toBe(200);
    expect((await first.patch('/api/v1/me', { name: '改过密码' })).statusCode, 'and can still write').toBe(
      200,
    );
    await expectSignedOut(firstOld, "the changing browser's previous cookie");
    await expectSignedOut(second, 'another browser');

    expect((await new Client(w.app).login(String(user.email), 'Passw0rd!')).statusCode).toBe(401);
    expect((await new Client(w.app).login(String(user.email), 'N3wSecret!')).statusCode).toBe(200);
    expect(await databaseText(w.database.db)).not.toContain('N3wSecret!');
  });

  it('when an administrator disables the user', async () => {
    const { client, user } = await createUser(w.app, admin);
    const res = await admin.patch(`/api/v1/users/${user.id}`, {
      version: await versionOf(user.id),
      status: 'disabled',
    });
    expect(res.statusCode).toBe(200);
    await expectSignedOut(client, 'disabled user');
    expect((await new Client(w.app).login(String(user.email), 'Passw0rd!')).statusCode).toBe(401);
  });

  it("when the user's role changes", async () => {
    const { client, user } = await createUser(w.app, admin, { role: 'manager' });
    expect((await client.get('/api/v1/me')).json().roles).toEqual(['manager']);
    const res = await admin.patch(`/api/v1/users/${user.id}`, {
      version: await versionOf(user.id),
      role: 'readonly',
    });
    expect(res.statusCode).toBe(200);
    await expectSignedOut(client, 'role changed');
    const again = new Client(w.app);
    await again.login(String(user.email), 'Passw0rd!');
    expect((await again.get('/api/v1/me')).json().roles).toEqual(['readonly']);
  });

  it('when the user is deleted', async () => {
    const { client, user } = await createUser(w.app, admin);
    expect((await admin.del(`/api/v1/users/${user.id}`)).statusCode).toBe(204);
    await expectSignedOut(client, 'deleted user');
    expect((await new Client(w.app).login(String(user.email), 'Passw0rd!')).statusCode).toBe(401);
  });

  it('after 30 idle minutes, but not while it is in use', async () => {
    const { client } = await createUser(w.app, admin);
    advance(29);
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);
    advance(29);
    expect((await client.get('/api/v1/me')).statusCode, '58 minutes in, used 29 minutes ago').toBe(200);
    advance(31);
    await expectSignedOut(client, '31 idle minutes');
  });

  it('after 12 hours however active it is', async () => {
    const { client } = await createUser(w.app, admin);
    const start = clock.getTime();
    while (clock.getTime() + 25 * 60_000 < start + 12 * 3600_000) {
      advance(25);
      expect(
        (await client.get('/api/v1/me')).statusCode,
        `${(clock.getTime() - start) / 60_000} minutes in`,
      ).toBe(200);
    }
    advance(25);
    await expectSignedOut(client, 'past the absolute limit');
  });

  it('is issued as an httpOnly, SameSite cookie', async () => {
    const res = await new Client(w.app).post('/api/v1/auth/login', {
      email: 'admin@a.test',
      password: 'Admin12345',
    });
    const cookie = res.cookies.find((c) => c.name === 'gx_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.maxAge).toBe(12 * 3600);
  });
});

describe('sign-in throttling', () => {
  it('blocks an account from one IP after 5 failures, even with the right password, but not from another IP', async () => {
    const { user } = await createUser(w.app, admin);
    const email = String(user.email);
    const attacker = new Client(w.app);
    attacker.remoteAddress = '10.9.8.7';
    for (let i = 1; i <= 5; i++) {
      const res = await attacker.login(email, `wrong-${i}-x`);
      expect(res.statusCode, `failure ${i}`).toBe(401);
    }
    const blocked = await attacker.login(email, 'Passw0rd!');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(blocked.cookies.find((c) => c.name === 'gx_session')).toBeUndefined();

    const owner = new Client(w.app);
    owner.remoteAddress = '10.1.2.3';
    expect(
      (await owner.login(email, 'Passw0rd!')).statusCode,
      'the real user elsewhere is not locked out',
    ).toBe(200);
    const colleague = await createUser(w.app, admin);
    const sameIp = new Client(w.app);
    sameIp.remoteAddress = '10.9.8.7';
    expect(
      (await sameIp.login(String(colleague.user.email), 'Passw0rd!')).statusCode,
      'another account from the same IP',
    ).toBe(200);

    advance(retryAfter / 60 + 0.1);
    expect((await attacker.login(email, 'Passw0rd!')).statusCode, 'after Retry-After').toBe(200);
  });

  it('treats an unknown account like a known one', async () => {
    const c = new Client(w.app);
    c.remoteAddress = '10.5.5.5';
    for (let i = 0; i < 5; i++)
      expect((await c.login('nobody@nowhere.test', 'Passw0rd!')).statusCode).toBe(401);
    expect((await c.login('nobody@nowhere.test', 'Passw0rd!')).statusCode).toBe(429);
  });
});

describe('CSRF protection', () => {
  it('refuses a cookie-authenticated write without the CSRF token, and nothing changes', async () => {
    const { user } = await createUser(w.app, admin);
    const noToken = browserWith(admin.cookie);
    const wrongToken = browserWith(admin.cookie, 'forged-token');
    const before = await snapshotTables(w.database.db);
    for (const c of [noToken, wrongToken]) {
      for (const [method, url, body] of [
        [
          'POST',
          '/api/v1/users',
          { name: '伪造', email: 'csrf@test.cn', password: 'Passw0rd1', role: 'admin' },
        ],
        ['PATCH', `/api/v1/users/${user.id}`, { version: user.version, role: 'admin' }],
        ['DELETE', `/api/v1/users/${user.id}`, undefined],
        ['POST', '/api/v1/api-keys', { name: 'x', scopes: ['users:read'] }],
        ['POST', '/api/v1/me/password', { currentPassword: 'Admin12345', newPassword: 'Hijack123' }],
      ] as const) {
        const res = await c.request(method, url, body);
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json().error.code).toBe('CSRF_FAILED');
      }
    }
    expect(changedTables(before, await snapshotTables(w.database.db))).toEqual([]);
    expect((await admin.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('refuses a write from another origin even with the token, and accepts the same origin', async () => {
    const body = { name: '跨站' };
    const headers = (origin: string) => ({ host: 'crm.example.cn', origin });
    const before = await snapshotTables(w.database.db);
    for (const origin of ['https://evil.example', 'null', 'https://crm.example.cn.evil.example']) {
      const res = await admin.request('PATCH', '/api/v1/me', body, headers(origin));
      expect(res.statusCode, origin).toBe(403);
      expect(res.json().error.code).toBe('CSRF_FAILED');
    }
    const login = await new Client(w.app).request(
      'POST',
      '/api/v1/auth/login',
      { email: 'admin@a.test', password: 'Admin12345' },
      headers('https://evil.example'),
    );
    expect(login.statusCode, 'sign-in from another origin').toBe(403);
    expect(changedTables(before, await snapshotTables(w.database.db))).toEqual([]);
    expect(
      (await admin.request('PATCH', '/api/v1/me', body, headers('https://crm.example.cn'))).statusCode,
    ).toBe(200);
  });
});

describe('API keys', () => {
  it('show the token once, store only its hash, work as Bearer within their scopes, and stop when revoked', async () => {
    const created = await admin.post('/api/v1/api-keys', { name: 'ERP 同步', scopes: ['users:read'] });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json() as { id: string; token: string };
    expect(token.length).toBeGreaterThan(30);

    const listed = await admin.get('/api/v1/api-keys');
    expect(listed.body).not.toContain(token);
    expect(listed.json().items.find((k: { id: string }) => k.id === id)).toMatchObject({
      name: 'ERP 同步',
      scopes: ['users:read'],
      revokedAt: null,
    });
    const [stored] = await rows<{ token_hash: string }>(
      w.database.db,
      sql`select token_hash from api_keys where id = ${id}`,
    );
    expect(stored!.token_hash).toBe(sha256(token));
    expect(await databaseText(w.database.db)).not.toContain(token);

    const key = Client.withKey(w.app, token);
    expect((await key.get('/api/v1/users')).statusCode).toBe(200);
    const before = await snapshotTables(w.database.db);
    const denied = await key.post('/api/v1/users', {
      name: '脚本',
      email: 'script@test.cn',
      password: 'Passw0rd1',
      role: 'sales',
    });
    expect(denied.statusCode, 'users:read does not allow creating users').toBe(403);
    expect((await key.get('/api/v1/api-keys')).statusCode).toBe(403);
    expect(changedTables(before, await snapshotTables(w.database.db))).toEqual([]);

    expect((await admin.del(`/api/v1/api-keys/${id}`)).statusCode).toBe(204);
    const revoked = await key.get('/api/v1/users');
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('INVALID_API_KEY');
    expect((await Client.withKey(w.app, `${token.slice(0, -2)}xx`).get('/api/v1/users')).statusCode).toBe(
      401,
    );
  });

  it('never act beyond the role of the user they belong to', async () => {
    const { client: owner, user } = await createUser(w.app, admin, { role: 'admin' });
    const token = (
      await owner.post('/api/v1/api-keys', { name: '导入脚本', scopes: ['users:create', 'users:read'] })
    ).json().token;
    const key = Client.withKey(w.app, token);
    const body = () => ({
      name: '脚本用户',
      email: `script${Date.now()}@test.cn`,
      password: 'Passw0rd1',
      role: 'sales',
    });
    expect((await key.post('/api/v1/users', body())).statusCode).toBe(201);

    await admin.patch(`/api/v1/users/${user.id}`, { version: await versionOf(user.id), role: 'readonly' });
    expect((await key.post('/api/v1/users', body())).statusCode, 'owner demoted to read-only').toBe(403);
    expect((await key.get('/api/v1/users')).statusCode).toBe(200);

    await admin.patch(`/api/v1/users/${user.id}`, { version: await versionOf(user.id), status: 'disabled' });
    expect((await key.get('/api/v1/users')).statusCode, 'owner disabled').toBe(401);
  });
});

describe('security headers', () => {
  it('every response carries CSP (object-src none, frame-ancestors) and nosniff', async () => {
    const responses = {
      'GET /api/v1/me': await admin.get('/api/v1/me'),
      '401': await new Client(w.app).get('/api/v1/me'),
      '404': await admin.get('/api/v1/nothing-here'),
      '/health': await w.app.inject('/health'),
      '/docs': await w.app.inject('/docs/static/index.html'),
    };
    for (const [name, res] of Object.entries(responses)) {
      const csp = String(res.headers['content-security-policy'] ?? '');
      expect(csp, name).toContain("object-src 'none'");
      expect(csp, name).toMatch(/frame-ancestors '(none|self)'/);
      expect(csp, name).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options'], name).toBe('nosniff');
    }
    expect(String(responses['GET /api/v1/me'].headers['content-security-policy'])).toMatch(
      /script-src 'self'(;|$)/,
    );
    expect(responses['GET /api/v1/me'].headers['cache-control']).toBe('no-store');
  });
});
