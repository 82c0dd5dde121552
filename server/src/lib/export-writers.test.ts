import { PassThrough } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { pickColumns, prefetching } from './export-cells.ts';
import { csvLines, csvWriter } from './export-writers.ts';

async function written(encoding: 'utf-8' | 'gbk', rows: unknown[][]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const w = csvWriter(out, ['名称', '电话'], encoding);
  await w.write(rows);
  await w.end();
  return Buffer.concat(chunks);
}

describe('streaming spreadsheet writers', () => {
  it('write CSV lines with CRLF, quoting and formula neutralising', () => {
    expect(csvLines([['a,b', '=1+1', ['138', '139'], null, 'x"y']])).toBe(
      `"a,b",'=1+1,"138, 139",,"x""y"\r\n`,
    );
  });

  it('start UTF-8 CSV with a BOM and the headers', async () => {
    const buf = await written('utf-8', [['深圳鸿图', '+86 138']]);
    expect(buf.toString('utf8')).toBe("\uFEFF名称,电话\r\n深圳鸿图,'+86 138\r\n");
  });

  it('write GBK without a BOM; a character GBK lacks becomes ?', async () => {
    const buf = await written('gbk', [['𠀋字科技', '']]);
    expect(buf[0]).not.toBe(0xef);
    expect(iconv.decode(buf, 'gbk')).toBe('名称,电话\r\n?字科技,\r\n');
  });

  it('pick the asked-for columns after the fixed ones, and name unknown ones', () => {
    const all = ['name', 'phones', 'grade'].map((key) => ({ key, header: key, value: () => key }));
    expect(pickColumns(all, undefined, ['name']).columns.map((c) => c.key)).toEqual([
      'name',
      'phones',
      'grade',
    ]);
    expect(pickColumns(all, ['grade', 'name'], ['name']).columns.map((c) => c.key)).toEqual([
      'name',
      'grade',
    ]);
    expect(pickColumns(all, ['salary'], ['name']).unknown).toEqual(['salary']);
  });

  it('read chunks one ahead, each after the previous cursor, until the last', async () => {
    const asked: (number | undefined)[] = [];
    const next = prefetching(async (cursor: number | undefined) => {
      asked.push(cursor);
      const from = cursor ?? 0;
      return { rows: [from, from + 1], cursor: from + 2 < 6 ? from + 2 : null };
    });
    const got: number[] = [];
    for (let r = await next(); r; r = await next()) got.push(...r);
    expect(got).toEqual([0, 1, 2, 3, 4, 5]);
    expect(asked).toEqual([undefined, 2, 4]);
  });
});
