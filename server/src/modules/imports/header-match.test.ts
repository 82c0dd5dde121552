import { describe, expect, it } from 'vitest';
import {
  checkMapping,
  mapRow,
  mappingFromHeaders,
  normaliseHeader,
  suggestMapping,
  unneutralise,
} from './header-match.ts';
import type { ImportField } from './import-entity.ts';

const f = (
  key: string,
  zh: string,
  en: string,
  aliases: string[] = [],
  type: ImportField['type'] = 'text',
  required = false,
): ImportField => ({
  key,
  label: { 'zh-CN': zh, en },
  aliases,
  type,
  required,
});
const FIELDS = [
  f('name', '客户名称', 'Customer name', ['公司名称', 'Company'], 'text', true),
  f('phones', '电话', 'Phones', ['手机', 'Mobile', 'Phone', 'Tel'], 'list'),
  f('emails', '邮箱', 'Emails', ['Email', 'E-mail'], 'list'),
  f('province', '省份', 'Province', ['省']),
];

describe('header auto-mapping', () => {
  it('matches Chinese headers, with required markers, brackets and full-width forms', () => {
    expect(suggestMapping(['公司名称*', '手机（必填）', '省份', '备注'], FIELDS).map((m) => m.field)).toEqual(
      ['name', 'phones', 'province', null],
    );
  });

  it('matches English headers whatever their case and spacing', () => {
    expect(suggestMapping(['COMPANY', ' e-mail ', 'Tel', 'Province'], FIELDS).map((m) => m.field)).toEqual([
      'name',
      'emails',
      'phones',
      'province',
    ]);
  });

  it('gives a field one column, except list fields that gather several', () => {
    expect(suggestMapping(['客户名称', 'Company', '手机', '电话'], FIELDS).map((m) => m.field)).toEqual([
      'name',
      null,
      'phones',
      'phones',
    ]);
    expect(
      mapRow(suggestMapping(['客户名称', '手机', '电话'], FIELDS), [
        '甲公司',
        '13800138000',
        '0571-87654321',
      ]).get('phones'),
    ).toBe('13800138000;0571-87654321');
  });

  it('treats __proto__ and constructor as plain headers', () => {
    const mapping = suggestMapping(['__proto__', 'constructor', '客户名称'], FIELDS);
    expect(mapping.map((m) => m.field)).toEqual([null, null, 'name']);
    const row = mapRow(mapping, ['x', 'y', '乙公司']);
    expect([...row.keys()]).toEqual(['name']);
    expect(normaliseHeader('__proto__')).toBe('proto');
  });

  it('applies a header → field mapping and reports unknown fields and missing required ones', () => {
    const r = mappingFromHeaders(
      ['单位', '联系方式'],
      [
        { header: '单位', field: 'name' },
        { header: '联系方式', field: 'phones' },
        { header: 'x', field: 'nope' },
      ],
      FIELDS,
    );
    expect(r.mapping.map((m) => m.field)).toEqual(['name', 'phones']);
    expect(r.unknownFields).toEqual(['nope']);
    expect(
      checkMapping([{ column: 0, header: '单位', field: 'province' }], ['单位'], FIELDS).map((e) => e.code),
    ).toEqual(['requiredNotMapped']);
    expect(
      checkMapping([{ column: 5, header: '?', field: 'name' }], ['单位'], FIELDS).map((e) => e.code),
    ).toEqual(['unknownColumn']);
  });
});

describe('formula neutralisation round trip', () => {
  it('takes back the quote our exports put before a formula-like cell, and keeps any other quote', () => {
    for (const s of ['=HYPERLINK("http://x","y")', '+86 138 0013 8000', '-5', '@SUM(A1)'])
      expect(unneutralise(`'${s}`)).toBe(s);
    expect(unneutralise("'abc")).toBe("'abc");
    expect(unneutralise('=1+1')).toBe('=1+1');
  });
});
