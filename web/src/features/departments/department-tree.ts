// Pure helpers: the flat department list as a tree, and which departments a node may move under.

export interface DepartmentLike {
  id: string;
  name: string;
  parentId: string | null;
  sortOrder?: number;
}

export interface DepartmentNode<T extends DepartmentLike> {
  key: string;
  value: string;
  title: string;
  department: T;
  children: DepartmentNode<T>[];
  disabled?: boolean;
}

function compare(a: DepartmentLike, b: DepartmentLike): number {
  return (a.sortOrder ?? 0) - (b.sortOrder ?? 0) || a.name.localeCompare(b.name, 'zh-CN');
}

/** Builds the tree; a department whose parent is missing (deleted, say) is shown at the top level. */
export function buildDepartmentTree<T extends DepartmentLike>(departments: T[]): DepartmentNode<T>[] {
  const ids = new Set(departments.map((d) => d.id));
  const byParent = new Map<string | null, T[]>();
  for (const d of departments) {
    const parent = d.parentId && ids.has(d.parentId) && d.parentId !== d.id ? d.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), d]);
  }
  const seen = new Set<string>();
  const build = (parent: string | null): DepartmentNode<T>[] =>
    (byParent.get(parent) ?? [])
      .slice()
      .sort(compare)
      .filter((d) => !seen.has(d.id))
      .map((d) => {
        seen.add(d.id);
        return { key: d.id, value: d.id, title: d.name, department: d, children: build(d.id) };
      });
  return build(null);
}

/** The id and every descendant id of `id`: the places a department cannot be moved under. */
export function selfAndDescendants(departments: DepartmentLike[], id: string): Set<string> {
  const out = new Set<string>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of departments) {
      if (d.parentId && out.has(d.parentId) && !out.has(d.id)) {
        out.add(d.id);
        grew = true;
      }
    }
  }
  return out;
}

/** A copy of the tree with the given ids disabled (for a "move under" picker). */
export function disableNodes<T extends DepartmentLike>(
  nodes: DepartmentNode<T>[],
  ids: Set<string>,
): DepartmentNode<T>[] {
  return nodes.map((n) => ({ ...n, disabled: ids.has(n.key), children: disableNodes(n.children, ids) }));
}

/** "总部 / 销售部 / 华东区" for a department. */
export function departmentPathLabel(departments: DepartmentLike[], id: string | null): string {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const names: string[] = [];
  const guard = new Set<string>();
  let current = id ? byId.get(id) : undefined;
  while (current && !guard.has(current.id)) {
    guard.add(current.id);
    names.unshift(current.name);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return names.join(' / ');
}
