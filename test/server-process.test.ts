import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// These tests start the real server process on PGlite, as `npm start` does.
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: { ...process.env, GUANXI_WEB_DIST: '/nonexistent', LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitHealthy(port: number, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become healthy');
}

describe('the server process on PGlite', () => {
  it('creates the first organisation from the environment, keeps data across restarts, locks its data directory and shuts down cleanly', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-data-'));
    const port = await freePort();
    const env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      GUANXI_ADMIN_EMAIL: 'boss@example.cn',
      GUANXI_ADMIN_PASSWORD: 'Boss12345',
      GUANXI_ORG_NAME: '上海示例贸易有限公司',
    };
    const first = start(env);
    await waitHealthy(port);
    expect(await (await fetch(`http://127.0.0.1:${port}/health`)).json()).toEqual({
      status: 'ok',
      database: 'pglite',
    });
    expect(fs.existsSync(path.join(dataDir, 'guanxi.lock'))).toBe(true);

    // A second process on the same directory fails fast with a clear message.
    const second = start({ ...env, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/in use by another Guanxi process/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'guanxi.lock'))).toBe(false);

    // Restart without the first-run variables: the organisation is still there.
    const again = start({ DATA_DIR: dataDir, PORT: String(port) });
    await waitHealthy(port);
    expect(await (await fetch(`http://127.0.0.1:${port}/api/v1/setup`)).json()).toEqual({
      needsSetup: false,
    });
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'boss@example.cn', password: 'Boss12345' }),
    });
    expect(login.status).toBe(200);
    expect((await login.json()).user.orgName).toBe('上海示例贸易有限公司');
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 180_000);
});
