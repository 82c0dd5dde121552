import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { openCsv } from './csv-reader.ts';
import { openSource } from './index.ts';
import { detectDialect } from './csv-parser.ts';
import { FileRefused } from './source.ts';
import { LIMITS, readAll, tempFolder } from './test-files.ts';

const folder = tempFolder('csv');
afterAll(() => folder.remove());

const HEADER = ['客户名称', '联系人', '手机', '地址'];
const ROWS = [
  ['上海宏达机械制造有限公司', '张伟', '13800138000', '上海市浦东新区张江路88号'],
  ['广州市白云区永泰贸易商行', '李娜', '13912345678', '广东省广州市白云区永泰村'],
];
const TEXT = [HEADER, ...ROWS].map((r) => r.join(',')).join('\r\n') + '\r\n';

async function read(
  name: string,
  data: Buffer | string,
  options: { encoding?: string; delimiter?: string; maxRows?: number } = {},
) {
  const source = await openCsv(folder.file(name, data), {
    encoding: options.encoding ?? null,
    delimiter: options.delimiter ?? null,
    limits: { ...LIMITS, maxRows: options.maxRows ?? LIMITS.maxRows },
  });
  return { source, headers: source.headers, rows: await readAll(source) };
}

describe('openCsv reads Chinese text in every encoding Excel and old systems write', () => {
  it.each([
    ['UTF-8', Buffer.from(TEXT, 'utf8'), 'utf-8'],
    ['UTF-8 with a BOM', Buffer.from(`\ufeff${TEXT}`, 'utf8'), 'utf-8'],
    ['GBK', iconv.encode(TEXT, 'gbk'), 'gb18030'],
    [
      'UTF-16LE with a BOM (Excel "Unicode text")',
      iconv.encode(`\ufeff${TEXT.replace(/,/g, '\t')}`, 'utf-16le'),
      'utf-16le',
    ],
  ])('%s', async (_, bytes, encoding) => {
    const { source, headers, rows } = await read(`${encoding}.csv`, bytes);
    expect(source.encoding).toBe(encoding);
    expect(headers).toEqual(HEADER);
    expect(rows).toEqual(ROWS);
  });

  it('GB18030 with characters GBK does not have (𠀀, ㆒)', async () => {
    const text = `${TEXT}𠀀㆒实业有限公司,王𠀀,13700000000,北京市\r\n`;
    const { source, rows } = await read('gb18030.csv', iconv.encode(text, 'gb18030'));
    expect(source.encoding).toBe('gb18030');
    expect(rows[2]).toEqual(['𠀀㆒实业有限公司', '王𠀀', '13700000000', '北京市']);
  });

  it('takes the encoding the user chose over the guess', async () => {
    const { source, rows } = await read('chosen.csv', iconv.encode(TEXT, 'gbk'), { encoding: 'GBK' });
    expect(source.encoding).toBe('gbk');
    expect(rows).toEqual(ROWS);
  });

  it('refuses an encoding it cannot decode', async () => {
    await expect(read('bad-enc.csv', TEXT, { encoding: 'ebcdic-klingon' })).rejects.toMatchObject({
      reason: 'badEncoding',
    });
  });
});

describe('openCsv finds the delimiter', () => {
  it.each([
    ['semicolons (Excel in European locales)', ';'],
    ['tabs (Excel "text" export)', '\t'],
    ['pipes', '|'],
  ])('%s', async (_, delimiter) => {
    const text = [
      ['名称', '金额', '备注'],
      ['甲公司', '1,5', 'a,b'],
      ['乙公司', '2,25', 'c'],
    ]
      .map((r) => r.join(delimiter))
      .join('\n');
    const { source, headers, rows } = await read(`delim-${delimiter.charCodeAt(0)}.csv`, text);
    expect(source.delimiter).toBe(delimiter);
    expect(headers).toEqual(['名称', '金额', '备注']);
    expect(rows).toEqual([
      ['甲公司', '1,5', 'a,b'],
      ['乙公司', '2,25', 'c'],
    ]);
  });

  it("follows Excel's sep= first line and skips it", async () => {
    const { source, headers, rows } = await read('sep.csv', 'sep=;\r\nname;phone\r\nA;1\r\n');
    expect(source.delimiter).toBe(';');
    expect(headers).toEqual(['name', 'phone']);
    expect(rows).toEqual([['A', '1']]);
  });

  it('takes the delimiter the user chose', async () => {
    const { source, rows } = await read('override.csv', 'a;b,c\n1;2,3\n', { delimiter: ',' });
    expect(source.delimiter).toBe(',');
    expect(rows).toEqual([['1;2', '3']]);
  });

  it('refuses a delimiter that cannot work', async () => {
    await expect(read('bad-delim.csv', 'a,b\n1,2\n', { delimiter: '"' })).rejects.toMatchObject({
      reason: 'corrupt',
    });
    await expect(read('bad-delim2.csv', 'a,b\n1,2\n', { delimiter: ';;' })).rejects.toMatchObject({
      reason: 'corrupt',
    });
  });

  it('is not fooled by delimiters inside quotes', () => {
    expect(detectDialect('"a;b;c";"d"\n"1;2;3";"4"\n').delimiter).toBe(';');
    expect(detectDialect('name,note\n"x","a;b;c;d"\n"y","e;f;g;h"\n').delimiter).toBe(',');
  });
});

describe('openCsv parses leniently, like Excel', () => {
  it('keeps quoted fields with delimiters, quotes and line breaks', async () => {
    const text =
      'name,address,note\n"甲, 公司","上海市\r\n浦东新区","他说""好"""\n乙,"北京\n海淀",plain "quote" inside\n';
    const { rows } = await read('quoted.csv', text);
    expect(rows).toEqual([
      ['甲, 公司', '上海市\n浦东新区', '他说"好"'],
      ['乙', '北京\n海淀', 'plain "quote" inside'],
    ]);
  });

  it('keeps text after a closing quote', async () => {
    const { rows } = await read('after-quote.csv', 'a,b\n"12"inch,x\n');
    expect(rows).toEqual([['12inch', 'x']]);
  });

  it('trims header cells, skips blank lines and rows of empty cells, pads short rows, keeps long ones', async () => {
    const text = '\n\n  名称 , 手机 ,地址\n\n甲,1\n,,\n乙,2,上海,多余\n   \n丙,3,北京,\n';
    const { headers, rows } = await read('shapes.csv', text);
    expect(headers).toEqual(['名称', '手机', '地址']);
    expect(rows).toEqual([
      ['甲', '1', ''],
      ['乙', '2', '上海', '多余'],
      ['丙', '3', '北京'],
    ]);
  });

  it('reads old Mac line breaks (CR only) and a last line without a break', async () => {
    const { rows } = await read('cr.csv', 'a,b\r1,2\r3,4');
    expect(rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('refuses a quote that never closes', async () => {
    await expect(read('unclosed.csv', 'a,b\n"open,1\n2,3\n')).rejects.toMatchObject({ reason: 'corrupt' });
  });

  it('refuses an empty file', async () => {
    await expect(read('blank.csv', '\r\n\r\n')).rejects.toMatchObject({ reason: 'empty' });
    const blanks = folder.file('blanks.csv', ' \n'.repeat(5000));
    await expect(openSource(blanks, 'blanks.csv', { limits: LIMITS })).rejects.toMatchObject({
      reason: 'empty',
    });
  });

  it('leaves __proto__ and constructor headers plain strings', async () => {
    const { headers, rows } = await read(
      'proto.csv',
      '__proto__,constructor,prototype\n{"polluted":1},x,y\n',
    );
    expect(headers).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(rows).toEqual([['{"polluted":1}', 'x', 'y']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('agrees with csv-parse on a large file whose quoted records cross chunk boundaries', async () => {
    const random = seeded(42);
    const lines: string[] = ['名称,备注,金额,地址'];
    for (let i = 0; i < 30_000; i++) {
      const note = random() < 0.3 ? `"第${i}行, 含""引号""\n和换行"` : `备注${i}`;
      const address = random() < 0.2 ? `"上海市,${i}号"` : `北京市${i}号`;
      lines.push(`客户${i},${note},${(random() * 1e6).toFixed(2)},${address}`);
    }
    const text = lines.join('\r\n') + '\r\n';
    const expected = parse(text, { relax_column_count: true }) as string[][];
    const { headers, rows } = await read('large.csv', text);
    expect(headers).toEqual(expected[0]);
    expect(rows.length).toBe(expected.length - 1);
    expect(rows.map((r) => r.map((c) => c.replace(/\r\n/g, '\n')))).toEqual(
      expected.slice(1).map((r) => r.map((c) => c.replace(/\r\n/g, '\n'))),
    );
  });
});

describe('openCsv enforces the row cap while streaming', () => {
  it('refuses the row after maxRows', async () => {
    const text = 'a\n' + Array.from({ length: 50 }, (_, i) => `${i}`).join('\n');
    const source = await openCsv(folder.file('cap.csv', text), { limits: { ...LIMITS, maxRows: 10 } });
    let seen = 0;
    const error = await (async () => {
      try {
        for await (const _row of source.rows) seen++;
      } catch (e) {
        return e;
      } finally {
        await source.close();
        await source.close();
      }
    })();
    expect(error).toBeInstanceOf(FileRefused);
    expect((error as FileRefused).reason).toBe('tooManyRows');
    expect(seen).toBe(10);
  });

  it('accepts exactly maxRows and reports progress to the end', async () => {
    const source = await openCsv(folder.file('cap-ok.csv', 'a\n1\n2\n3\n'), {
      limits: { ...LIMITS, maxRows: 3 },
    });
    expect(await readAll(source)).toEqual([['1'], ['2'], ['3']]);
    expect(source.progress?.()).toBe(1);
  });
});

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('openSource', () => {
  it('reads a .csv as csv and refuses a .csv that is really a zip', async () => {
    const source = await openSource(folder.file('客户.csv', TEXT), '客户.csv', { limits: LIMITS });
    expect(source.format).toBe('csv');
    expect(await readAll(source)).toEqual(ROWS);
    const zip = folder.file('zip.csv', Buffer.from('PK\x03\x04rest', 'latin1'));
    await expect(openSource(zip, 'customers.csv', { limits: LIMITS })).rejects.toMatchObject({
      reason: 'formatMismatch',
    });
  });
});
