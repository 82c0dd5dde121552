import { describe, expect, it } from 'vitest';
import { formatCodeKind, isoCellText, numberText, serialToText } from './xlsx-values.ts';
import {
  columnIndex,
  decodeXmlText,
  richText,
  SharedStrings,
  SharedStringsCollector,
  SheetRowScanner,
} from './xlsx-xml.ts';

describe('numberText writes numbers the way a person reads them', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['123456789012345678', '123456789012345678'],
    ['1.2345678901234567E+17', '123456789012346000'],
    ['1e+21', '1000000000000000000000'],
    ['1.5E-7', '0.00000015'],
    ['-0.5', '-0.5'],
    ['0.30000000000000004', '0.3'],
    ['12.300000000000001', '12.3'],
    ['2.50', '2.5'],
    ['1E2', '100'],
    ['-0', '-0'],
  ])('%s → %s', (raw, text) => {
    expect(numberText(raw)).toBe(text);
  });
});

describe('serialToText turns Excel serials into dates', () => {
  it.each([
    [1, false, 'date', '1900-01-01'],
    [59, false, 'date', '1900-02-28'],
    [61, false, 'date', '1900-03-01'],
    [45_000, false, 'date', '2023-03-15'],
    [45_000.5, false, 'date', '2023-03-15T12:00:00'],
    [45_000.999_999_9, false, 'date', '2023-03-16'],
    [0, true, 'date', '1904-01-01'],
    [0.75, false, 'time', '18:00:00'],
  ] as const)('%s (1904: %s, %s) → %s', (value, date1904, kind, text) => {
    expect(serialToText(value, date1904, kind)).toBe(text);
  });

  it('reads ISO date cells', () => {
    expect(isoCellText('2024-01-02T00:00:00Z')).toBe('2024-01-02');
    expect(isoCellText('2024-01-02T03:04:05.000Z')).toBe('2024-01-02T03:04:05');
  });
});

describe('formatCodeKind', () => {
  it.each([
    ['yyyy-mm-dd', 'date'],
    ['yyyy"年"m"月"d"日"', 'date'],
    ['[$-804]aaaa yyyy/m/d', 'date'],
    ['mmm-yy', 'date'],
    ['h:mm:ss AM/PM', 'time'],
    ['[h]:mm', 'time'],
    ['#,##0.00_);[Red](#,##0.00)', 'plain'],
    ['0.00E+00', 'plain'],
    ['"Days: "0', 'plain'],
    ['[$¥-804]#,##0.00', 'plain'],
    ['General', 'plain'],
    ['@', 'plain'],
  ] as const)('%s is %s', (code, kind) => {
    expect(formatCodeKind(code)).toBe(kind);
  });
});

describe('sheet XML scanning', () => {
  it('decodes entities and OOXML escapes', () => {
    expect(decodeXmlText('a &amp; b &lt;c&gt; &#x4E2D;&#25991; _x000D_ _x005F_x000D_')).toBe(
      'a & b <c> 中文 \r _x000D_',
    );
  });

  it('joins rich text runs and leaves out phonetic guides', () => {
    expect(
      richText(
        '<r><t>东</t></r><r><rPr><b/></rPr><t xml:space="preserve">京 </t></r><rPh sb="0" eb="1"><t>トウ</t></rPh>',
      ),
    ).toBe('东京 ');
  });

  it('maps column letters', () => {
    expect([columnIndex('A1'), columnIndex('Z9'), columnIndex('AA10'), columnIndex('XFD1')]).toEqual([
      0, 25, 26, 16383,
    ]);
  });

  it('reads prefixed elements and rows split at any byte', () => {
    const xml =
      '<x:worksheet xmlns:x="main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>名</x:t></x:is></x:c><x:c r="C1" t="str"><x:f>1</x:f><x:v>v&amp;</x:v></x:c></x:row>' +
      '<x:row r="2"/><x:row r="3"><x:c r="B3"><x:v>7</x:v></x:c></x:row></x:sheetData><x:rowBreaks count="1"/></x:worksheet>';
    for (let size = 1; size <= xml.length; size += 7) {
      const scanner = new SheetRowScanner({
        sharedStrings: new SharedStrings(),
        styles: [],
        date1904: false,
      });
      const out: string[][] = [];
      for (let i = 0; i < xml.length; i += size) scanner.push(xml.slice(i, i + size), out);
      expect(out).toEqual([
        ['名', '', 'v&'],
        ['', '7'],
      ]);
    }
  });
});

describe('the shared-string table', () => {
  it('keeps every string across pages, plain, rich and empty, from chunks split anywhere', () => {
    const items = Array.from({ length: 70_000 }, (_, i) =>
      i % 1000 === 1
        ? '<si><r><t>富</t></r><r><rPr/><t>文本</t></r></si>'
        : i % 1000 === 2
          ? '<si><t/></si>'
          : `<si><t xml:space="preserve">客户&amp;${i}</t></si>`,
    );
    const xml = `<sst count="${items.length}">${items.join('')}</sst>`;
    const collector = new SharedStringsCollector();
    for (let i = 0; i < xml.length; i += 4093) collector.push(xml.slice(i, i + 4093));
    collector.finish();
    const strings = collector.strings;
    expect(strings.length).toBe(70_000);
    expect([
      strings.get(0),
      strings.get(1),
      strings.get(2),
      strings.get(65_535),
      strings.get(65_536),
      strings.get(69_999),
    ]).toEqual(['客户&0', '富文本', '', '客户&65535', '客户&65536', '客户&69999']);
    expect(strings.get(70_000)).toBeUndefined();
    expect(strings.get(-1)).toBeUndefined();
  });
});
