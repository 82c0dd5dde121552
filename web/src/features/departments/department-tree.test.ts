import { describe, expect, it } from 'vitest';
import { buildDepartmentTree, departmentPathLabel, selfAndDescendants } from './department-tree';

const departments = [
  { id: 'hq', name: '总部', parentId: null, sortOrder: 0 },
  { id: 'sales', name: '销售部', parentId: 'hq', sortOrder: 2 },
  { id: 'service', name: '客服部', parentId: 'hq', sortOrder: 1 },
  { id: 'east', name: '华东区', parentId: 'sales', sortOrder: 0 },
  { id: 'orphan', name: '遗留部门', parentId: 'deleted-parent', sortOrder: 0 },
];

describe('department tree', () => {
  it('nests departments under their parents in sort order', () => {
    const tree = buildDepartmentTree(departments);
    const hq = tree.find((n) => n.key === 'hq');
    expect(hq?.children.map((n) => n.key)).toEqual(['service', 'sales']);
    expect(hq?.children[1]?.children.map((n) => n.key)).toEqual(['east']);
  });

  it('shows a department whose parent is gone at the top level', () => {
    expect(buildDepartmentTree(departments).map((n) => n.key)).toContain('orphan');
  });

  it('survives a parent cycle without looping', () => {
    const cyclic = [
      { id: 'a', name: 'A', parentId: 'b' },
      { id: 'b', name: 'B', parentId: 'a' },
    ];
    expect(() => buildDepartmentTree(cyclic)).not.toThrow();
  });

  it('forbids moving a department under itself or its descendants', () => {
    expect([...selfAndDescendants(departments, 'sales')].sort()).toEqual(['east', 'sales']);
  });

  it('labels a department with its full path', () => {
    expect(departmentPathLabel(departments, 'east')).toBe('总部 / 销售部 / 华东区');
    expect(departmentPathLabel(departments, null)).toBe('');
  });
});
