/** Materialised path of a department: its ancestors' ids and its own, "/root/child/". */
export function departmentPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** A department cannot move under itself or one of its descendants. */
export function wouldCreateCycle(movingPath: string, newParentPath: string): boolean {
  return newParentPath.startsWith(movingPath);
}

export interface TreeNode {
  id: string;
  parentId: string | null;
  sortOrder: number;
  name: string;
}

const collator = new Intl.Collator('zh-CN');

function bySiblingOrder(a: TreeNode, b: TreeNode): number {
  return (
    a.sortOrder - b.sortOrder || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * The flat list in tree order: every department right after its parent, siblings
 * by sortOrder then name. A row whose parent is not in the list (filtered out)
 * counts as a root, so a partial list still comes out complete.
 */
export function inTreeOrder<T extends TreeNode>(rows: readonly T[]): T[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, T[]>();
  for (const r of rows) {
    const parent = r.parentId !== null && ids.has(r.parentId) && r.parentId !== r.id ? r.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(r);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort(bySiblingOrder);
  const out: T[] = [];
  const seen = new Set<string>();
  const stack = [...(children.get(null) ?? [])].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    out.push(node);
    stack.push(...[...(children.get(node.id) ?? [])].reverse());
  }
  // Rows caught in a cycle (corrupt data) are still returned rather than lost.
  for (const r of rows) if (!seen.has(r.id)) out.push(r);
  return out;
}
