export { insertDepartment, insertTeam } from './org-structure.repository.ts';
export { departmentPath } from './department-tree.ts';
export { inDepartmentSubtree, ownedRecordsVisibleTo, type OwnedColumns } from './owned-scope.repository.ts';
