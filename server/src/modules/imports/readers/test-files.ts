import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadLimits, SheetSource } from './source.ts';

// Test helper: fixture files in a temporary folder, and reading a source to the end.

export const LIMITS: ReadLimits = {
  maxRows: 100_000,
  maxInflatedBytes: 200 * 1024 * 1024,
  maxZipEntries: 1000,
};

export function tempFolder(prefix: string): {
  dir: string;
  file(name: string, data: Buffer | string): string;
  remove(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), `guanxi-${prefix}-`));
  return {
    dir,
    file(name, data) {
      const path = join(dir, name);
      writeFileSync(path, data);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function readAll(source: SheetSource): Promise<string[][]> {
  const rows: string[][] = [];
  try {
    for await (const row of source.rows) rows.push(row);
  } finally {
    await source.close();
  }
  return rows;
}
