// Pure: which permissions an organisation's built-in roles gain when the permission catalog grows.
import { BUILTIN_ROLES, type RoleTemplate } from './builtin-roles.ts';
import { ENTITY_KEYS, type FieldRules, type PermissionSet } from './permissions.ts';

/** The organisation setting that lists the catalog entities its built-in roles already know. */
export const CATALOG_ENTITIES_SETTING = 'catalogEntities';

export interface RoleGrants {
  permissions: PermissionSet;
  fieldRules: FieldRules;
}

export interface BuiltinRoleState extends RoleGrants {
  id: string;
  key: string;
}

export interface RoleSyncPlan {
  /** Catalog entities new to the organisation: their grants are added now. */
  entities: string[];
  /** What the setting holds afterwards. */
  introduced: string[];
  /** Only the roles that change, before and after. */
  changes: { id: string; key: string; before: RoleGrants; after: RoleGrants }[];
}

/**
 * The entities an organisation's built-in roles already know: the recorded list, or — for
 * an organisation from before the list existed — every entity some built-in role grants or
 * has a field rule on (what its roles were created with, and what its administrator kept).
 */
export function introducedEntities(recorded: unknown, roles: readonly RoleGrants[]): string[] {
  if (Array.isArray(recorded)) return recorded.filter((e): e is string => typeof e === 'string');
  const known = new Set<string>();
  for (const role of roles) {
    for (const [entity, actions] of Object.entries(role.permissions)) if (actions.length) known.add(entity);
    for (const key of Object.keys(role.fieldRules)) known.add(key.split('.')[0]!);
  }
  return ENTITY_KEYS.filter((e) => known.has(e));
}

/**
 * A built-in role with its template's actions and field rules for `entities` added. What the
 * role has stays: actions are added, never removed, and an existing field rule is kept.
 */
export function grantEntities(role: RoleGrants, template: RoleTemplate, entities: readonly string[]) {
  const permissions: PermissionSet = { ...role.permissions };
  const fieldRules: FieldRules = { ...role.fieldRules };
  let changed = false;
  for (const entity of entities) {
    const has = permissions[entity] ?? [];
    const missing = (template.permissions[entity] ?? []).filter((a) => !has.includes(a));
    if (missing.length) {
      permissions[entity] = [...has, ...missing];
      changed = true;
    }
    for (const [key, rule] of Object.entries(template.fieldRules)) {
      if (!key.startsWith(`${entity}.`) || key in fieldRules) continue;
      fieldRules[key] = rule;
      changed = true;
    }
  }
  return { grants: { permissions, fieldRules }, changed };
}

/**
 * What bringing an organisation's built-in roles up to the catalog changes: for every catalog
 * entity not yet introduced, each built-in role gets its template's grants for that entity.
 * Entities already introduced are never touched, so an administrator's edits to them stay.
 */
export function planRoleSync(
  roles: readonly BuiltinRoleState[],
  recorded: unknown,
  templates: readonly RoleTemplate[] = BUILTIN_ROLES,
): RoleSyncPlan {
  const known = introducedEntities(recorded, roles);
  const entities = ENTITY_KEYS.filter((e) => !known.includes(e));
  const changes: RoleSyncPlan['changes'] = [];
  for (const role of roles) {
    const template = templates.find((t) => t.key === role.key);
    if (!template || !entities.length) continue;
    const { grants, changed } = grantEntities(role, template, entities);
    if (changed)
      changes.push({
        id: role.id,
        key: role.key,
        before: { permissions: role.permissions, fieldRules: role.fieldRules },
        after: grants,
      });
  }
  return { entities, introduced: [...known, ...entities], changes };
}
