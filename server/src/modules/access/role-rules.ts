// Pure rules for editing roles: which field rules are allowed, and which edits change what a role's users may do.
import type { FieldError } from '../../lib/errors.ts';
import {
  ENTITY_CATALOG,
  normalisePermissions,
  type DataScope,
  type FieldRules,
  type PermissionSet,
} from './permissions.ts';

const MASKABLE = new Set(ENTITY_CATALOG.flatMap((e) => e.fields.map((f) => `${e.key}.${f}`)));
const RULES = new Set(['mask', 'hide']);

/** Field rules may only name maskable `entity.field`s of the catalog, with 'mask' or 'hide'. */
export function fieldRuleErrors(rules: Record<string, string>): FieldError[] {
  return Object.entries(rules)
    .filter(([key, rule]) => !MASKABLE.has(key) || !RULES.has(rule))
    .map(([key]) => ({ field: `fieldRules.${key}`, code: 'fieldRule', params: { key } }));
}

export interface RoleAccess {
  permissions: PermissionSet;
  dataScope: DataScope;
  fieldRules: FieldRules;
  isPortal: boolean;
}

function samePermissions(a: PermissionSet, b: PermissionSet): boolean {
  const canonical = (p: PermissionSet) =>
    JSON.stringify(Object.entries(normalisePermissions(p)).map(([k, acts]) => [k, [...acts].sort()]));
  return canonical(a) === canonical(b);
}

function sameRules(a: FieldRules, b: FieldRules): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

/** True when an edit changes what the role's users may do, so their sessions must end. */
export function accessChanged(before: RoleAccess, after: RoleAccess): boolean {
  return (
    before.dataScope !== after.dataScope ||
    before.isPortal !== after.isPortal ||
    !samePermissions(before.permissions, after.permissions) ||
    !sameRules(before.fieldRules, after.fieldRules)
  );
}
