// Pure rules of the permissions editor. Any action implies "read"; taking "read" away takes everything.
import type { CatalogEntity, Permissions } from './roles.api';

export function hasAction(permissions: Permissions, entity: string, action: string): boolean {
  return permissions[entity]?.includes(action) ?? false;
}

function withActions(permissions: Permissions, entity: CatalogEntity, actions: Set<string>): Permissions {
  const ordered = entity.actions.filter((a) => actions.has(a));
  const next = { ...permissions };
  if (ordered.length) next[entity.key] = ordered;
  else delete next[entity.key];
  return next;
}

export function toggleAction(
  permissions: Permissions,
  entity: CatalogEntity,
  action: string,
  on: boolean,
): Permissions {
  const actions = new Set(permissions[entity.key] ?? []);
  if (on) {
    actions.add(action);
    if (entity.actions.includes('read')) actions.add('read');
  } else if (action === 'read') {
    actions.clear();
  } else {
    actions.delete(action);
  }
  return withActions(permissions, entity, actions);
}

export function setEntityAll(permissions: Permissions, entity: CatalogEntity, on: boolean): Permissions {
  return withActions(permissions, entity, new Set(on ? entity.actions : []));
}

/** Grants or removes one action on every entity that has it. */
export function setActionAll(
  permissions: Permissions,
  catalog: CatalogEntity[],
  action: string,
  on: boolean,
): Permissions {
  return catalog.reduce(
    (acc, entity) => (entity.actions.includes(action) ? toggleAction(acc, entity, action, on) : acc),
    permissions,
  );
}

export type CheckState = 'all' | 'some' | 'none';

export function entityState(permissions: Permissions, entity: CatalogEntity): CheckState {
  const count = entity.actions.filter((a) => hasAction(permissions, entity.key, a)).length;
  return count === 0 ? 'none' : count === entity.actions.length ? 'all' : 'some';
}

export function actionState(permissions: Permissions, catalog: CatalogEntity[], action: string): CheckState {
  const relevant = catalog.filter((e) => e.actions.includes(action));
  const count = relevant.filter((e) => hasAction(permissions, e.key, action)).length;
  return count === 0 ? 'none' : count === relevant.length ? 'all' : 'some';
}

/** Every action that appears in the catalog, in a stable order. */
export function catalogActions(catalog: CatalogEntity[]): string[] {
  const known = ['read', 'create', 'update', 'delete', 'export', 'reveal'];
  const seen = new Set(catalog.flatMap((e) => e.actions));
  return [...known.filter((a) => seen.has(a)), ...[...seen].filter((a) => !known.includes(a))];
}

interface RoleAccess {
  permissions: Permissions;
  dataScope: string;
  fieldRules: Record<string, string>;
}

function canonicalPermissions(p: Permissions): string {
  return JSON.stringify(
    Object.entries(p)
      .filter(([, actions]) => actions.length > 0)
      .map(([entity, actions]) => [entity, [...actions].sort()])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
}

/** True when an edit changes what the role's users may do; the server then ends their sessions. */
export function accessChanged(before: RoleAccess, after: RoleAccess): boolean {
  const ruleKeys = new Set([...Object.keys(before.fieldRules), ...Object.keys(after.fieldRules)]);
  return (
    before.dataScope !== after.dataScope ||
    canonicalPermissions(before.permissions) !== canonicalPermissions(after.permissions) ||
    [...ruleKeys].some((key) => before.fieldRules[key] !== after.fieldRules[key])
  );
}
