/** Materialised path of a department: its ancestors' ids and its own, "/root/child/". */
export function departmentPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** A department cannot move under itself or one of its descendants. */
export function wouldCreateCycle(movingPath: string, newParentPath: string): boolean {
  return newParentPath.startsWith(movingPath);
}
