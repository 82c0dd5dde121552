import { describe, expect, it } from 'vitest';
import {
  applyTemplate,
  canonicalEncoding,
  delimiterName,
  encodingLabel,
  encodingOptions,
  formatDuration,
  formatRate,
  historyPollInterval,
  importPercent,
  missingRequired,
  pollEverySecond,
  previewTally,
  repeatedFields,
  sampleValues,
  toTemplate,
} from './import-wizard';
import type { ColumnMapping, ImportField, PreviewRow } from './imports.api';

const FIELDS: ImportField[] = [
  { key: 'name', label: '客户名称', required: true, type: 'text' },
  { key: 'phones', label: '电话', required: false, type: 'list' },
  { key: 'province', label: '省份', required: false, type: 'text' },
  { key: 'kind', label: '类型', required: true, type: 'choice' },
];

const col = (column: number, header: string, field: string | null): ColumnMapping => ({
  column,
  header,
  field,
});

const row = (rowNo: number, cells: string[], extra: Partial<PreviewRow> = {}): PreviewRow => ({
  rowNo,
  cells,
  values: {},
  outcome: 'created',
  errors: [],
  duplicate: null,
  ...extra,
});

describe('the mapping step', () => {
  it('a required field no column feeds blocks the step', () => {
    const mapping = [col(0, '客户名称', 'name'), col(1, '手机', 'phones')];
    expect(missingRequired(FIELDS, mapping).map((f) => f.key)).toEqual(['kind']);
    expect(missingRequired(FIELDS, [...mapping, col(2, '类型', 'kind')])).toEqual([]);
  });

  it('an ignored column feeds nothing', () => {
    expect(missingRequired(FIELDS, [col(0, '客户名称', null)]).map((f) => f.key)).toEqual(['name', 'kind']);
  });

  it('a field fed by two columns is flagged, unless it is a list the server joins', () => {
    const mapping = [
      col(0, '手机', 'phones'),
      col(1, '电话', 'phones'),
      col(2, 'A', 'name'),
      col(3, 'B', 'province'),
      col(4, 'C', 'province'),
    ];
    expect(repeatedFields(FIELDS, mapping).map((f) => f.key)).toEqual(['province']);
  });
});

describe('mapping templates', () => {
  const known = new Set(FIELDS.map((f) => f.key));

  it('a template maps the columns whose headers it knows, ignoring case and spaces, and leaves the rest', () => {
    const mapping = [col(0, 'Company ', null), col(1, '手机', 'phones'), col(2, '备注', null)];
    const result = applyTemplate(
      mapping,
      [
        { header: 'company', field: 'name' },
        { header: '备注', field: null },
      ],
      known,
    );
    expect(result.matched).toBe(2);
    expect(result.mapping).toEqual([
      col(0, 'Company ', 'name'),
      col(1, '手机', 'phones'),
      col(2, '备注', null),
    ]);
  });

  it('repeated headers take the template entries in order', () => {
    const mapping = [col(0, '电话', null), col(1, '电话', null)];
    const result = applyTemplate(
      mapping,
      [
        { header: '电话', field: 'phones' },
        { header: '电话', field: null },
      ],
      known,
    );
    expect(result.mapping.map((m) => m.field)).toEqual(['phones', null]);
  });

  it('a field the entity no longer has is not applied', () => {
    const result = applyTemplate([col(0, 'X', 'province')], [{ header: 'X', field: 'gone' }], known);
    expect(result).toEqual({ mapping: [col(0, 'X', 'province')], matched: 0 });
  });

  it('a template is stored by header', () => {
    expect(toTemplate([col(3, '省份', 'province'), col(4, '备注', null)])).toEqual([
      { header: '省份', field: 'province' },
      { header: '备注', field: null },
    ]);
  });
});

describe('samples and the preview tally', () => {
  it('samples are the first non-empty cells of a column', () => {
    const rows = [row(2, ['a', '']), row(3, ['b', ' x ']), row(4, ['c', 'y']), row(5, ['d', 'z'])];
    expect(sampleValues(rows, 1)).toEqual(['x', 'y', 'z']);
    expect(sampleValues(rows, 0, 2)).toEqual(['a', 'b']);
    expect(sampleValues(rows, 7)).toEqual([]);
  });

  it('a row with errors counts as failing, not also as a duplicate', () => {
    const duplicate = { existingId: 'x', ownerName: null, matchedOn: ['name'] };
    const rows = [
      row(2, [], { outcome: 'failed', errors: [{ field: 'phones', message: 'bad' }], duplicate }),
      row(3, [], { outcome: 'skipped', duplicate }),
      row(4, []),
    ];
    expect(previewTally(rows)).toEqual({ errors: 1, duplicates: 1 });
  });
});

describe('progress', () => {
  it('polls every second while queued or running, and stops when settled', () => {
    expect(pollEverySecond('queued')).toBe(1000);
    expect(pollEverySecond('running')).toBe(1000);
    expect(pollEverySecond('done')).toBe(false);
    expect(pollEverySecond(undefined)).toBe(false);
  });

  it('the history keeps polling while an import is being undone', () => {
    expect(historyPollInterval([{ status: 'done' }, { status: 'undoing' }])).toBe(2000);
    expect(historyPollInterval([{ status: 'done' }, { status: 'undone' }, { status: 'failed' }])).toBe(false);
  });

  it('shows processed over total as a whole percentage, full when done', () => {
    expect(importPercent({ status: 'running', progress: { processed: 1, total: 3 } })).toBe(33);
    expect(importPercent({ status: 'running', progress: { processed: 10, total: null } })).toBe(0);
    expect(importPercent({ status: 'done', progress: { processed: 0, total: null } })).toBe(100);
  });

  it('time left reads as m:ss or h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65.4)).toBe('1:05');
    expect(formatDuration(3725)).toBe('1:02:05');
  });

  it('rates are rounded to what matters', () => {
    expect(formatRate(51234.7)).toBe('51,235');
    expect(formatRate(12.54)).toBe('12.5');
  });
});

describe('encoding and delimiter choices', () => {
  it("offers the four encodings by the server's lowercase names, plus an unusual detected one", () => {
    expect(encodingOptions('GBK')).toEqual(['utf-8', 'gbk', 'gb18030', 'big5']);
    expect(encodingOptions('windows-1252')).toEqual(['utf-8', 'gbk', 'gb18030', 'big5', 'windows-1252']);
    expect(canonicalEncoding('GB18030')).toBe('gb18030');
    expect(canonicalEncoding('utf8')).toBe('utf-8');
    expect(canonicalEncoding(null)).toBeNull();
  });

  it('names GB18030 together with GBK, which it also reads', () => {
    expect(encodingLabel('gb18030')).toBe('GB18030 (GBK)');
    expect(encodingLabel('utf-8')).toBe('UTF-8');
    expect(encodingLabel('shift_jis')).toBe('SHIFT_JIS');
  });

  it('names the delimiters', () => {
    expect(delimiterName('\t')).toBe('tab');
    expect(delimiterName(';')).toBe('semicolon');
    expect(delimiterName('#')).toBeNull();
  });
});
