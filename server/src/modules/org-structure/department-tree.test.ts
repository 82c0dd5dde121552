import { describe, expect, it } from 'vitest';
import { departmentPath, inTreeOrder, wouldCreateCycle } from './department-tree.ts';

const node = (id: string, parentId: string | null, sortOrder = 0, name = id) => ({
  id,
  parentId,
  sortOrder,
  name,
});

describe('department paths', () => {
  it('builds a root path and a child path from the parent path', () => {
    expect(departmentPath(null, 'a')).toBe('/a/');
    expect(departmentPath('/a/', 'b')).toBe('/a/b/');
  });

  it.each([
    ['under itself', '/a/', '/a/', true],
    ['under its child', '/a/', '/a/b/', true],
    ['under a deep descendant', '/a/', '/a/b/c/', true],
    ['under its sibling', '/a/b/', '/a/c/', false],
    ['under its own parent', '/a/b/', '/a/', false],
    ['under a root whose id starts like its own', '/ab/', '/a/', false],
  ])('moving %s is a cycle: %s', (_label, moving, target, expected) => {
    expect(wouldCreateCycle(moving as string, target as string)).toBe(expected);
  });
});

describe('departments in tree order', () => {
  it('puts every department right after its parent, siblings by sortOrder then name (pinyin order)', () => {
    const rows = [
      node('c2', 'r1', 1, '市场部'),
      node('r2', null, 2, '华南大区'),
      node('c1', 'r1', 0, '销售部'),
      node('g1', 'c1', 0, '一组'),
      node('r1', null, 1, '总部'),
      node('c3', 'r1', 1, '采购部'),
    ];
    expect(inTreeOrder(rows).map((r) => r.id)).toEqual(['r1', 'c1', 'g1', 'c3', 'c2', 'r2']);
  });

  it('treats a department whose parent is not in the list as a root', () => {
    const rows = [node('b', 'missing', 0, 'b'), node('a', null, 0, 'a'), node('c', 'b', 0, 'c')];
    expect(inTreeOrder(rows).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('still returns every row when the data contains a cycle', () => {
    const rows = [node('x', 'y'), node('y', 'x'), node('z', null)];
    expect(
      inTreeOrder(rows)
        .map((r) => r.id)
        .sort(),
    ).toEqual(['x', 'y', 'z']);
  });

  it('returns an empty list for no departments', () => {
    expect(inTreeOrder([])).toEqual([]);
  });
});
