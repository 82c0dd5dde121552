import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, setupInstance, type Client, type TestWorld } from './helpers/app.ts';
import { changedTables, snapshotTables } from './helpers/db-state.ts';

// Concurrent edits, and what the edge does with bodies it must not accept.

let w: TestWorld;
let admin: Client;

beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
});
afterAll(() => w.close());

async function unchanged<T>(fn: () => Promise<T>): Promise<T> {
  const before = await snapshotTables(w.database.db);
  const out = await fn();
  expect(changedTables(before, await snapshotTables(w.database.db))).toEqual([]);
  return out;
}

describe('two edits based on the same version', () => {
  it('exactly one wins; the other gets 409 VERSION_CONFLICT and the audit log has one update', async () => {
    const { user } = await createUser(w.app, admin, { name: '原名' });
    const names = ['甲改的名字', '乙改的名字'];
    const [a, b] = await Promise.all(
      names.map((name) => admin.patch(`/api/v1/users/${user.id}`, { version: user.version, name })),
    );
    const statuses = [a!.statusCode, b!.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a!.statusCode === 409 ? a! : b!;
    expect(loser.json().error.code).toBe('VERSION_CONFLICT');
    const winner = names[a!.statusCode === 200 ? 0 : 1];

    const now = (await admin.get(`/api/v1/users/${user.id}`)).json();
    expect(now).toMatchObject({ name: winner, version: user.version + 1 });
    const updates = (await admin.get(`/api/v1/audit-log?entityId=${user.id}&action=update`)).json();
    expect(updates.total).toBe(1);
    expect(updates.items[0].changes).toEqual([{ field: 'name', old: '原名', new: winner }]);

    // A late edit on the old version stays refused and changes nothing.
    const late = await unchanged(() =>
      admin.patch(`/api/v1/users/${user.id}`, { version: user.version, name: '迟到的' }),
    );
    expect(late.statusCode).toBe(409);
  });

  it('holds for many writers at once: one winner per version', async () => {
    const { user } = await createUser(w.app, admin);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        admin.patch(`/api/v1/users/${user.id}`, { version: user.version, name: `并发${i}` }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(5);
    expect((await admin.get(`/api/v1/audit-log?entityId=${user.id}&action=update`)).json().total).toBe(1);
  });
});

describe('request bodies', () => {
  it('an unknown field is refused with 400 UNKNOWN_FIELD naming it (no mass assignment)', async () => {
    const { user } = await createUser(w.app, admin);
    const cases: [string, string, Record<string, unknown>, string][] = [
      [
        'POST',
        '/api/v1/users',
        { name: 'x', email: 'mass@test.cn', password: 'Passw0rd1', role: 'sales', isInstanceAdmin: true },
        'isInstanceAdmin',
      ],
      [
        'PATCH',
        `/api/v1/users/${user.id}`,
        { version: user.version, orgId: '0190a0a0-0000-7000-8000-000000000000' },
        'orgId',
      ],
      ['PATCH', `/api/v1/users/${user.id}`, { version: user.version, authEpoch: 0 }, 'authEpoch'],
      ['PATCH', '/api/v1/me', { role: 'admin' }, 'role'],
      ['POST', '/api/v1/api-keys', { name: 'k', scopes: ['users:read'], userId: user.id }, 'userId'],
    ];
    await unchanged(async () => {
      for (const [method, url, body, field] of cases) {
        const res = await admin.request(method, url, body);
        expect(res.statusCode, `${method} ${url}`).toBe(400);
        const error = res.json().error;
        expect(error.code).toBe('UNKNOWN_FIELD');
        expect(error.details).toContainEqual(
          expect.objectContaining({ field, code: 'unknownField', message: expect.any(String) }),
        );
        expect(error.message).toContain(field);
      }
    });
  });

  it('validation errors list every field with a code and a message in the caller’s language', async () => {
    const bad = { name: '', email: 'not-an-email', password: 'Passw0rd1', role: 'sales', phone: 'abc' };
    const messages: Record<string, Record<string, string>> = {};
    for (const locale of ['en', 'zh-CN']) {
      const res = await unchanged(() =>
        admin.request('POST', '/api/v1/users', bad, { 'accept-language': locale }),
      );
      expect(res.statusCode).toBe(400);
      const { code, message, details } = res.json().error;
      expect(code).toBe('VALIDATION_FAILED');
      expect(details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'name', 'phone']);
      for (const d of details) {
        expect(d).toEqual({
          field: expect.any(String),
          code: expect.any(String),
          message: expect.any(String),
        });
        expect(d.message.length).toBeGreaterThan(3);
      }
      messages[locale] = Object.fromEntries([
        ['_', message],
        ...details.map((d: { field: string; message: string }) => [d.field, d.message]),
      ]);
    }
    for (const field of ['_', 'email', 'name', 'phone'])
      expect(messages['zh-CN']![field], field).not.toBe(messages.en![field]);
    expect(messages['zh-CN']!.email).toMatch(/[\u4e00-\u9fff]/);
    expect(messages.en!.email).toMatch(/email/i);
  });

  it('a malformed JSON body is a 400, not a 500', async () => {
    for (const payload of ['{"name": "x",', 'not json', '{"version": 1, "name": "x"}}', '']) {
      const res = await unchanged(() =>
        admin.app.inject({
          method: 'POST',
          url: '/api/v1/users',
          headers: {
            cookie: admin.cookie!,
            'x-csrf-token': admin.csrf!,
            'content-type': 'application/json',
            'accept-language': 'en',
          },
          payload,
        }),
      );
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toMatch(/^(BAD_REQUEST|VALIDATION_FAILED)$/);
      expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
    }
  });

  it('an oversized body is refused with 413', async () => {
    const res = await unchanged(() =>
      admin.post('/api/v1/users', {
        name: 'x'.repeat(1_100_000),
        email: 'big@test.cn',
        password: 'Passw0rd1',
        role: 'sales',
      }),
    );
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a body that is not JSON is refused: 415 for a type without a parser, 400 for plain text', async () => {
    for (const [type, status, code] of [
      ['application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['multipart/form-data; boundary=x', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['text/plain', 400, 'VALIDATION_FAILED'],
    ] as const) {
      const res = await unchanged(() =>
        admin.app.inject({
          method: 'POST',
          url: '/api/v1/users',
          headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrf!, 'content-type': type },
          payload: 'name=x&email=form@test.cn&password=Passw0rd1&role=admin',
        }),
      );
      expect(res.statusCode, type).toBe(status);
      expect(res.json().error.code, type).toBe(code);
    }
  });
});
