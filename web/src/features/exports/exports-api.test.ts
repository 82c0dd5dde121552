import { describe, expect, it } from 'vitest';
import { exportBody, percentOf } from './exports.api';

describe('export requests', () => {
  it('turn a menu choice into format and encoding, dropping empty filters', () => {
    expect(
      exportBody({
        entity: 'customers',
        choice: 'csv-gbk',
        query: { grade: 'A', q: '', sort: '-name' },
        columns: ['phones'],
      }),
    ).toEqual({
      entity: 'customers',
      format: 'csv',
      encoding: 'gbk',
      columns: ['phones'],
      query: { grade: 'A', sort: '-name' },
    });
    expect(exportBody({ entity: 'contacts', choice: 'xlsx', query: { isKeyPerson: true } })).toEqual({
      entity: 'contacts',
      format: 'xlsx',
      query: { isKeyPerson: true },
    });
  });

  it('show progress as a percentage once the rows are counted', () => {
    expect(percentOf({ processed: 5, total: null })).toBe(0);
    expect(percentOf({ processed: 250_000, total: 1_000_000 })).toBe(25);
    expect(percentOf({ processed: 10, total: 10 })).toBe(100);
  });
});
