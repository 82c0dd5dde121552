import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('schema and migrations', () => {
  it('agree: drizzle-kit finds nothing to generate from the Drizzle schema', () => {
    // drizzle-kit wants a path relative to the project.
    fs.mkdirSync('node_modules/.cache', { recursive: true });
    const out = path.relative(process.cwd(), fs.mkdtempSync(path.join('node_modules/.cache', 'drift-')));
    fs.cpSync('server/drizzle', out, { recursive: true });
    const before = fs.readdirSync(out).filter((f) => f.endsWith('.sql'));
    const log = execFileSync('npx', ['drizzle-kit', 'generate', '--name', 'drift_check'], {
      env: { ...process.env, DRIZZLE_OUT: out },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const after = fs.readdirSync(out).filter((f) => f.endsWith('.sql'));
    fs.rmSync(out, { recursive: true, force: true });
    expect(after, `schema changed without a migration:\n${log}`).toEqual(before);
    expect(log).toMatch(/No schema changes/);
  });

  it('have meaningful names', () => {
    for (const f of fs.readdirSync('server/drizzle').filter((x) => x.endsWith('.sql')))
      expect(f).toMatch(/^\d{4}_[a-z]+(_[a-z]+)+\.sql$/);
  });
});
