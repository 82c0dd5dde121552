import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { openSource } from './index.ts';
import { FileRefused } from './source.ts';
import { LIMITS, readAll, tempFolder } from './test-files.ts';
import { openXlsx } from './xlsx-reader.ts';

const folder = tempFolder('xlsx');
afterAll(() => folder.remove());

const DAY = 86_400_000;
const serial = (utc: number) => (utc - Date.UTC(1899, 11, 30)) / DAY;

/** A workbook written by SheetJS, a different library than the reader. */
function sheetJsWorkbook(sharedStrings: boolean): Buffer {
  const rows: XLSX.CellObject[][] = [
    [
      '客户名称',
      '手机',
      '信用代码',
      '金额',
      '成立日期',
      '最后联系',
      '是否VIP',
      '合计',
      '__proto__',
      'constructor',
    ].map((v) => ({ t: 's', v })),
    [
      { t: 's', v: '上海宏达机械制造有限公司' },
      { t: 'n', v: 13800138000 },
      { t: 's', v: '91310000MA1FL8XQ30' },
      { t: 'n', v: 0.1 + 0.2 },
      { t: 'n', v: serial(Date.UTC(2001, 1, 3)), z: 'yyyy-mm-dd' },
      { t: 'n', v: serial(Date.UTC(2024, 4, 6, 7, 8, 9)), z: 'yyyy-mm-dd hh:mm:ss' },
      { t: 'b', v: true },
      { t: 'n', v: 3, f: '1+2' },
      { t: 's', v: 'x' },
      { t: 's', v: 'y' },
    ],
    [
      { t: 's', v: '北京有限公司' },
      { t: 'n', v: 123456789012345680 },
      { t: 'n', v: 1e21 },
      { t: 'n', v: -1.5e-7 },
      { t: 'n', v: serial(Date.UTC(1999, 11, 31)), z: 'yyyy"年"m"月"d"日"' },
      { t: 'n', v: 0.5, z: 'hh:mm' },
      { t: 'b', v: false },
      { t: 's', v: '甲乙', f: 'CONCATENATE("甲","乙")' },
      { t: 'e', v: 0x2a },
      { t: 'z' },
    ],
  ];
  const ws = XLSX.utils.aoa_to_sheet([]);
  rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell.t !== 'z') ws[XLSX.utils.encode_cell({ r: r === 0 ? 0 : r + 1, c })] = cell;
    }),
  );
  // Row 2 (index 1) stays empty, and a lone cell far to the right sits in row 5.
  ws[XLSX.utils.encode_cell({ r: 4, c: 0 })] = { t: 's', v: '稀疏' };
  ws[XLSX.utils.encode_cell({ r: 4, c: 4 })] = { t: 'n', v: 42 };
  ws['!ref'] = 'A1:J5';
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '客户');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['other sheet']]), 'Other');
  return XLSX.write(wb, {
    type: 'buffer',
    bookType: 'xlsx',
    bookSST: sharedStrings,
    compression: true,
  }) as Buffer;
}

describe('openXlsx reads a SheetJS workbook cell by cell as text', () => {
  it.each([
    ['with shared strings', true],
    ['with inline strings', false],
  ])('%s', async (_, sst) => {
    const source = await openXlsx(folder.file(`sheetjs-${sst}.xlsx`, sheetJsWorkbook(sst)), {
      limits: LIMITS,
    });
    expect(source.format).toBe('xlsx');
    expect(source.encoding).toBeNull();
    expect(source.headers).toEqual([
      '客户名称',
      '手机',
      '信用代码',
      '金额',
      '成立日期',
      '最后联系',
      '是否VIP',
      '合计',
      '__proto__',
      'constructor',
    ]);
    const rows = await readAll(source);
    expect(rows).toEqual([
      [
        '上海宏达机械制造有限公司',
        '13800138000',
        '91310000MA1FL8XQ30',
        '0.3',
        '2001-02-03',
        '2024-05-06T07:08:09',
        'TRUE',
        '3',
        'x',
        'y',
      ],
      [
        '北京有限公司',
        '123456789012345680',
        '1000000000000000000000',
        '-0.00000015',
        '1999-12-31',
        '12:00:00',
        'FALSE',
        '甲乙',
        '#N/A',
        '',
      ],
      ['稀疏', '', '', '', '42', '', '', '', '', ''],
    ]);
    expect(source.progress?.()).toBe(1);
  });
});

describe('openXlsx reads what ExcelJS writes', () => {
  it('rich text joined, hyperlinks as their text, formulas as their cached result, dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('联系人');
    ws.addRow(['姓名', '备注', '网站', '数量', '翻倍', '生日', '在职']);
    ws.addRow([
      '张三',
      { richText: [{ text: '红色' }, { font: { bold: true }, text: '加粗' }, { text: ' & <b>' }] },
      { text: '官网', hyperlink: 'https://example.com' },
      42,
      { formula: 'D2*2', result: 84 },
      new Date(Date.UTC(1990, 6, 15)),
      false,
    ]);
    ws.addRow(['李四', 'line1\nline2', '', 7, { formula: 'D3*2', result: 14 }, null, true]);
    ws.getCell('F2').numFmt = 'yyyy-mm-dd';
    wb.addWorksheet('第二页').addRow(['不读']);
    const path = folder.file('exceljs.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const source = await openSource(path, '联系人.xlsx', { limits: LIMITS });
    expect(source.headers).toEqual(['姓名', '备注', '网站', '数量', '翻倍', '生日', '在职']);
    expect(await readAll(source)).toEqual([
      ['张三', '红色加粗 & <b>', '官网', '42', '84', '1990-07-15', 'FALSE'],
      ['李四', 'line1\nline2', '', '7', '14', '', 'TRUE'],
    ]);
  });
});

describe('openXlsx limits', () => {
  it('refuses the row after maxRows', async () => {
    const ws = XLSX.utils.aoa_to_sheet([['n'], ...Array.from({ length: 30 }, (_, i) => [i])]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const path = folder.file('cap.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const source = await openXlsx(path, { limits: { ...LIMITS, maxRows: 20 } });
    await expect(readAll(source)).rejects.toMatchObject({ reason: 'tooManyRows' });
  });

  it('refuses a workbook whose sheet is missing', async () => {
    const { writeZip } = await import('./zip-fixture.ts');
    const path = folder.file('nosheet.xlsx', '');
    await writeZip(path, [{ name: 'xl/workbook.xml', data: '<workbook><sheets/></workbook>' }]);
    await expect(openXlsx(path, { limits: LIMITS })).rejects.toBeInstanceOf(FileRefused);
  });
});
