import { describe, expect, it } from 'vitest';
import { checkViewConfig, type ListShape } from './view-config.ts';

const SHAPE: ListShape = {
  params: {
    limit: { type: 'integer' },
    grade: { enum: ['A', 'B', 'C'] },
    tag: { type: 'string', maxLength: 30 },
    q: { type: 'string', maxLength: 200 },
  },
  sorts: ['name', 'updatedAt'],
  columns: ['name', 'grade', 'tags'],
};

describe('checkViewConfig', () => {
  it('accepts the list parameters, a sort and columns it offers, and hands back custom-field filters', () => {
    const r = checkViewConfig(SHAPE, {
      filters: { grade: 'A', q: '华强', 'cf.budget.gte': '10' },
      sort: '-updatedAt',
      columns: ['grade', 'cf.budget'],
    });
    expect(r).toEqual({ errors: [], cfFilters: { 'cf.budget.gte': '10' } });
  });

  it('names unknown filters, paging parameters, bad values, sorts and columns', () => {
    const r = checkViewConfig(SHAPE, {
      filters: { colour: 'red', limit: '5', grade: 'Z', tag: ['a', 'b'] },
      sort: 'phones',
      columns: ['secret'],
    });
    expect(r.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'config.filters.colour:unknownFilter',
      'config.filters.limit:unknownFilter',
      'config.filters.grade:invalid',
      'config.filters.tag:invalid',
      'config.sort:enum',
      'config.columns[0]:invalid',
    ]);
  });
});
