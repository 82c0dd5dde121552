import { describe, expect, it } from 'vitest';
import { cfSortValue, parseCfFilters, parseCfSort } from './custom-field-filters.ts';
import type { FieldDef } from './custom-field-rules.ts';

const l = { 'zh-CN': 'x', en: 'x' };
const DEFS: FieldDef[] = [
  { key: 'budget', label: l, type: 'number', required: false, options: [] },
  { key: 'openedOn', label: l, type: 'date', required: false, options: [] },
  { key: 'note', label: l, type: 'text', required: false, options: [] },
  { key: 'tags2', label: l, type: 'multiChoice', required: false, options: [{ key: 'a', label: l }] },
];

describe('parseCfFilters', () => {
  it('turns cf parameters into typed conditions and ignores the others', () => {
    const r = parseCfFilters(DEFS, {
      grade: 'A',
      'cf.budget.gte': '100',
      'cf.openedOn.lte': '2024-01-31',
      'cf.note': '地铁',
      'cf.tags2': 'a',
    });
    expect(r.errors).toEqual([]);
    expect(r.conditions).toEqual([
      { key: 'budget', kind: 'number', op: 'gte', value: 100 },
      { key: 'openedOn', kind: 'text', op: 'lte', value: '2024-01-31' },
      { key: 'note', kind: 'text', op: 'eq', value: '地铁' },
      { key: 'tags2', kind: 'list', op: 'contains', value: 'a' },
    ]);
  });

  it('names unknown fields, ranges on text and values of the wrong type', () => {
    const r = parseCfFilters(DEFS, {
      'cf.colour': 'red',
      'cf.note.gte': 'a',
      'cf.budget': 'many',
      'cf.openedOn': '31/01/2024',
    });
    expect(r.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'cf.colour:unknownFilter',
      'cf.note.gte:unknownFilter',
      'cf.budget:number',
      'cf.openedOn:date',
    ]);
  });
});

describe('parseCfSort', () => {
  it('sorts numbers numerically and the rest as text, in either direction', () => {
    expect(parseCfSort(DEFS, '-cf.budget').sort).toEqual({ key: 'budget', kind: 'number', desc: true });
    expect(parseCfSort(DEFS, 'cf.openedOn').sort).toEqual({ key: 'openedOn', kind: 'text', desc: false });
    expect(parseCfSort(DEFS, 'name')).toEqual({});
    expect(parseCfSort(DEFS, 'cf.colour').error).toEqual({ field: 'sort', code: 'unknownFilter' });
    expect(parseCfSort(DEFS, 'cf.tags2').error).toBeDefined();
  });

  it('reads the sort value as SQL computes it', () => {
    const s = { key: 'budget', kind: 'number' as const, desc: false };
    expect(cfSortValue(s, { budget: 3 })).toBe(3);
    expect(cfSortValue(s, { budget: '3' })).toBeNull();
    expect(cfSortValue({ ...s, kind: 'text' }, { budget: '3' })).toBe('3');
  });
});
