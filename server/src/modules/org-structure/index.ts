export { insertDepartment, insertTeam } from './org-structure.repository.ts';
export { departmentPath } from './department-tree.ts';
