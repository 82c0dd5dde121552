export * from './permissions.ts';
export { BUILTIN_ROLES } from './builtin-roles.ts';
export { insertRoles } from './roles.repository.ts';
