export * from './permissions.ts';
export { BUILTIN_ROLES } from './builtin-roles.ts';
export { CATALOG_ENTITIES_SETTING } from './role-sync.ts';
export { insertRoles } from './roles.repository.ts';
