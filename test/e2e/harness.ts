// Shared by the browser journeys: the real server on a temp DATA_DIR, headless Chromium, and
// steps that leave a screenshot and the last API calls behind when they fail.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const ARTIFACTS = path.join(ROOT, 'test/e2e/artifacts');

export interface Journey {
  baseUrl: string;
  page: Page;
  /** Runs one step; on failure keeps a screenshot named after it. */
  step: (name: string, run: () => Promise<void>) => Promise<void>;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Starts the server (building web/dist first only when it is missing) with `env` on top of a
 * fresh PGlite directory, and opens a zh-CN browser page on it.
 */
export async function startJourney(env: Record<string, string>): Promise<Journey> {
  if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      GUANXI_WEB_DIST: 'web/dist',
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (output += d.toString()));

  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const until = Date.now() + 90_000;
    for (;;) {
      if (server.exitCode !== null)
        throw new Error(`server exited with ${server.exitCode}:\n${output.slice(-4000)}`);
      if (Date.now() > until) throw new Error(`server did not become healthy:\n${output.slice(-4000)}`);
      try {
        if ((await fetch(`${baseUrl}/health`)).ok) break;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (error) {
    await stop();
    throw error;
  }

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const apiCalls: string[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/')) return;
    apiCalls.push(`${response.request().method()} ${url.pathname}${url.search} → ${response.status()}`);
    if (apiCalls.length > 25) apiCalls.shift();
  });

  const step = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(
        `step "${name}" failed (screenshot: ${path.relative(ROOT, file)}): ${message}\n--- last API calls ---\n${apiCalls.join('\n')}\n--- server log tail ---\n${output.slice(-3000)}`,
        { cause: error },
      );
    }
  };

  return { baseUrl, page, step, stop };
}

/**
 * Picks an item from a popup (dropdown menu, select list). Popups animate in, and under load a click
 * can land before the item takes it; so retry until `done` says the choice took effect.
 */
export async function pick(trigger: Locator, item: Locator, done: () => Promise<boolean>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (!(await item.isVisible())) await trigger.click();
    await item.waitFor({ state: 'visible' });
    await item.click();
    try {
      await expect.poll(done, { timeout: 5_000 }).toBe(true);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}
