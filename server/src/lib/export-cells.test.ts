import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv } from './export-cells.ts';

describe('spreadsheet export cells', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+86 138', `'+86 138`],
    ['-1', `'-1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['深圳某某科技有限公司', '深圳某某科技有限公司'],
    [null, ''],
  ])('neutralises %j', (input, expected) => expect(neutraliseCell(input)).toBe(expected));

  it('writes CSV with a BOM, quoting commas, quotes and line breaks', () => {
    const csv = toCsv([{ header: '名称', value: (r: { n: string }) => r.n }], [{ n: 'a,"b"\nc' }]);
    expect(csv).toBe('\uFEFF名称\r\n"a,""b""\nc"\r\n');
  });
});
