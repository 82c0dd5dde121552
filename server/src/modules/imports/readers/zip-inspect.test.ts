import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource } from './index.ts';
import { FileRefused, type RefusalReason } from './source.ts';
import { LIMITS, tempFolder } from './test-files.ts';
import { openXlsx } from './xlsx-reader.ts';
import { writeZip, writeZipBomb } from './zip-fixture.ts';
import { inspectZip } from './zip-inspect.ts';

const folder = tempFolder('zip');
afterAll(() => folder.remove());

async function reasonOf(promise: Promise<unknown>): Promise<RefusalReason | 'accepted'> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (error instanceof FileRefused) return error.reason;
    throw error;
  }
}

describe('a zip bomb is refused from the directory, before anything inflates', () => {
  const GB = 1024 * 1024 * 1024;
  let bomb = '';
  beforeAll(async () => {
    bomb = folder.file('bomb.xlsx', '');
    await writeZipBomb(bomb, GB);
  }, 120_000);

  it('the file is small and claims a 1 GB sheet', () => {
    expect(statSync(bomb).size).toBeLessThan(5 * 1024 * 1024);
  });

  it('is refused fast and with little memory, even under a generous total limit', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const error = await inspectZip(bomb, { ...LIMITS, maxInflatedBytes: 4 * GB }).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(FileRefused);
    expect((error as FileRefused).reason).toBe('zipBomb');
    expect((error as FileRefused).params).toMatchObject({ entry: 'xl/worksheets/sheet1.xml' });
    expect(elapsed).toBeLessThan(500);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(20 * 1024 * 1024);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(50 * 1024 * 1024);
  });

  it('is refused by the total size limit too, and through openXlsx and openSource', async () => {
    expect(await reasonOf(inspectZip(bomb, LIMITS))).toBe('zipBomb');
    expect(await reasonOf(openXlsx(bomb, { limits: LIMITS }))).toBe('zipBomb');
    expect(await reasonOf(openSource(bomb, 'customers.xlsx', { limits: LIMITS }))).toBe('zipBomb');
  });
});

describe('inspectZip', () => {
  it('refuses more entries than allowed', async () => {
    const path = folder.file('many.xlsx', '');
    const entries = Array.from({ length: 60 }, (_, i) => ({ name: `xl/media/${i}.txt`, data: 'x' }));
    await writeZip(path, [{ name: 'xl/workbook.xml', data: '<workbook/>' }, ...entries]);
    expect(await reasonOf(inspectZip(path, { ...LIMITS, maxZipEntries: 50 }))).toBe('tooManyEntries');
    expect((await inspectZip(path, { ...LIMITS, maxZipEntries: 61 })).entryCount).toBe(61);
  });

  it('refuses a total uncompressed size over the limit, whatever the ratio', async () => {
    const path = folder.file('big.xlsx', '');
    await writeZip(path, [
      { name: 'xl/workbook.xml', data: '<workbook/>' },
      { name: 'xl/media/noise.bin', data: randomBytes(64 * 1024) },
    ]);
    expect(await reasonOf(inspectZip(path, { ...LIMITS, maxInflatedBytes: 32 * 1024 }))).toBe('zipBomb');
  });

  it('refuses a zip without xl/workbook.xml (a .docx renamed, say)', async () => {
    const path = folder.file('word.xlsx', '');
    await writeZip(path, [{ name: 'word/document.xml', data: '<w:document/>' }]);
    expect(await reasonOf(inspectZip(path, LIMITS))).toBe('notXlsx');
  });

  it('refuses a truncated zip as corrupt', async () => {
    const path = folder.file('whole.xlsx', '');
    await writeZip(path, [{ name: 'xl/workbook.xml', data: '<workbook/>' }]);
    const truncated = folder.file(
      'cut.xlsx',
      Buffer.from('PK\x03\x04 this is not really a zip at all', 'latin1'),
    );
    expect(await reasonOf(inspectZip(truncated, LIMITS))).toBe('corrupt');
    expect(await reasonOf(inspectZip(path, LIMITS))).toBe('accepted');
  });

  it('lets a lying directory pass, but reading the sheet then fails as corrupt', async () => {
    const path = folder.file('liar.xlsx', '');
    const rows = Array.from(
      { length: 2000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
    ).join('');
    await writeZip(path, [
      {
        name: 'xl/workbook.xml',
        data: '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
      },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: `<worksheet><sheetData>${rows}</sheetData></worksheet>`,
        declaredSize: 1000,
      },
    ]);
    expect(await reasonOf(inspectZip(path, LIMITS))).toBe('accepted');
    const reading = openXlsx(path, { limits: LIMITS }).then(async (source) => {
      for await (const _row of source.rows);
    });
    expect(await reasonOf(reading)).toBe('corrupt');
  });

  it('summarises a real workbook', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['a'], [1]]), 'S');
    const path = folder.file('real.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const summary = await inspectZip(path, LIMITS);
    expect(summary.names).toContain('xl/workbook.xml');
    expect(summary.inflatedBytes).toBeGreaterThan(0);
  });
});
