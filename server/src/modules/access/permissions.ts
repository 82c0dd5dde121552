// Pure permission rules: what a role may do, which records it may see, which fields it sees masked.

export const ACTIONS = ['read', 'create', 'update', 'delete', 'export', 'reveal'] as const;
export type Action = (typeof ACTIONS)[number];
export const DATA_SCOPES = ['own', 'team', 'department', 'org'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];
export type PermissionSet = Record<string, Action[]>;
export type FieldRule = 'mask' | 'hide';
export type FieldRules = Record<string, FieldRule>;

/** Entities known to the permission system, with their actions and maskable fields. */
export const ENTITY_CATALOG: { key: string; actions: Action[]; fields: string[] }[] = [
  {
    key: 'users',
    actions: ['read', 'create', 'update', 'delete', 'export', 'reveal'],
    fields: ['phone', 'email'],
  },
  { key: 'departments', actions: ['read', 'create', 'update', 'delete'], fields: [] },
  { key: 'teams', actions: ['read', 'create', 'update', 'delete'], fields: [] },
  { key: 'roles', actions: ['read', 'create', 'update', 'delete'], fields: [] },
  { key: 'apiKeys', actions: ['read', 'create', 'delete'], fields: [] },
  { key: 'auditLog', actions: ['read', 'export'], fields: [] },
  { key: 'jobs', actions: ['read', 'create', 'update'], fields: [] },
  {
    key: 'customers',
    actions: ['read', 'create', 'update', 'delete', 'export', 'reveal'],
    fields: ['phones', 'emails'],
  },
  {
    key: 'contacts',
    actions: ['read', 'create', 'update', 'delete', 'export', 'reveal'],
    fields: ['phones', 'emails'],
  },
  /** The public pool (公海): read = see it and its rules, update = change the rules, create = claim, delete = release. */
  { key: 'customerPool', actions: ['read', 'update', 'create', 'delete'], fields: [] },
  /** Logged calls, visits, WeChat messages … and their attachments; visible when their customer is. */
  { key: 'interactions', actions: ['read', 'create', 'update', 'delete', 'export'], fields: [] },
  /** Tasks and reminders; the scope applies to the assignee. */
  { key: 'tasks', actions: ['read', 'create', 'update', 'delete'], fields: [] },
  /** Administrator-defined fields; everyone who writes a form reads them. */
  { key: 'customFields', actions: ['read', 'create', 'update', 'delete'], fields: [] },
  /** Configurable dictionaries (customer type, source, industry, relationship level, …). */
  { key: 'dictionaries', actions: ['read', 'create', 'update', 'delete'], fields: [] },
  /** Views shared with the organisation; private views need only read access to their list. */
  { key: 'savedViews', actions: ['read', 'create', 'update', 'delete'], fields: [] },
  /**
   * Bulk imports: create = run one (writing needs the entity's own create/update too), read = the
   * history (others' imports within the data scope), delete = undo. Mapping templates go with create.
   */
  { key: 'imports', actions: ['read', 'create', 'delete'], fields: [] },
  /** Leads; update covers qualification, status and conversion; the scope applies to the owner. */
  {
    key: 'leads',
    actions: ['read', 'create', 'update', 'delete', 'export', 'reveal'],
    fields: ['phones', 'emails'],
  },
  /** Lead assignment: the ordered rules, the first-contact deadline, bulk reassignment (update). */
  { key: 'leadAssignment', actions: ['read', 'update'], fields: [] },
  /** Public web forms that create leads without a login. */
  { key: 'leadForms', actions: ['read', 'create', 'update', 'delete'], fields: [] },
  /** Opportunities on pipelines; the scope applies to the owner. */
  { key: 'opportunities', actions: ['read', 'create', 'update', 'delete', 'export'], fields: [] },
  /** Pipelines and their stages (read by everyone who sees opportunities). */
  { key: 'pipelines', actions: ['read', 'create', 'update', 'delete'], fields: [] },
  /** Funnel and acquisition analytics, within the caller's data scope. */
  { key: 'salesAnalytics', actions: ['read', 'export'], fields: [] },
  /** Trade/customs statistics for market potential. */
  { key: 'marketStats', actions: ['read', 'create', 'update', 'delete'], fields: [] },
  /** The catalogue: products, categories, price lists; cost is a field rule away from sales. */
  { key: 'products', actions: ['read', 'create', 'update', 'delete', 'export'], fields: ['cost'] },
  /** Suppliers and trade partners (banks, insurers, couriers, forwarders). */
  { key: 'partners', actions: ['read', 'create', 'update', 'delete', 'export'], fields: [] },
  /** Quotes; update covers sending and marking accepted. */
  { key: 'quotes', actions: ['read', 'create', 'update', 'delete', 'export'], fields: [] },
  /** Approving quotes whose discount exceeds the author's authority. */
  { key: 'quoteApproval', actions: ['update'], fields: [] },
  /** Orders; moving one forward also needs the step's owning role (orders/order-flow.ts). */
  { key: 'orders', actions: ['read', 'create', 'update', 'delete', 'export'], fields: ['profit'] },
  /** Invoices, payments, allocations, statements and ageing. */
  { key: 'receivables', actions: ['read', 'create', 'update', 'delete', 'export'], fields: [] },
  /** Credit control: read = holds queue and availability, update = release holds, suspend, resume. */
  { key: 'credit', actions: ['read', 'update'], fields: [] },
  /** Dealers' monthly sell-in / sell-out / stock reports. */
  { key: 'dealerReports', actions: ['read', 'create', 'update', 'delete', 'export'], fields: [] },
];

export const ENTITY_KEYS = ENTITY_CATALOG.map((e) => e.key);

/** API key scopes: one per entity and action, e.g. "users:read". */
export const API_SCOPES = ENTITY_CATALOG.flatMap((e) => e.actions.map((a) => `${e.key}:${a}`));

export interface Actor {
  orgId: string;
  userId: string;
  roleKey: string;
  permissions: PermissionSet;
  dataScope: DataScope;
  fieldRules: FieldRules;
  teamId: string | null;
  departmentId: string | null;
  isPortal: boolean;
  customerId: string | null;
  isInstanceAdmin: boolean;
  /** Set when the caller is an API key: the key's scopes narrow the role further. */
  apiKey: { id: string; scopes: string[] } | null;
}

export function can(actor: Actor, entity: string, action: Action): boolean {
  const allowed = actor.permissions[entity]?.includes(action) ?? false;
  if (!allowed) return false;
  return actor.apiKey === null || actor.apiKey.scopes.includes(`${entity}:${action}`);
}

/** Which records of an owned entity the actor sees; turned into SQL by repositories. */
export type RecordScope =
  | { kind: 'org' }
  | { kind: 'department'; departmentId: string }
  | { kind: 'team'; teamId: string }
  | { kind: 'own'; userId: string };

export function recordScope(actor: Actor): RecordScope {
  if (actor.dataScope === 'org') return { kind: 'org' };
  if (actor.dataScope === 'department' && actor.departmentId)
    return { kind: 'department', departmentId: actor.departmentId };
  if ((actor.dataScope === 'department' || actor.dataScope === 'team') && actor.teamId)
    return { kind: 'team', teamId: actor.teamId };
  // A team or department scope without a team or department falls back to the narrowest one.
  return { kind: 'own', userId: actor.userId };
}

/** "13812341234" → "138****1234"; short values keep only their last character. */
export function maskValue(value: string): string {
  if (value.includes('@')) {
    const [local = '', domain] = value.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  }
  const digits = value.replace(/\s+/g, '');
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(digits.length - 1, 1))}${digits.slice(-1)}`;
}

/** One stored value under a field rule: masked (a list element by element) or hidden (null, or an empty list). */
export function maskFieldValue(rule: FieldRule | undefined, value: unknown): unknown {
  if (!rule || value === null || value === undefined) return value;
  if (Array.isArray(value))
    return rule === 'hide'
      ? []
      : value.map((v) => (v === null || v === undefined ? v : maskValue(String(v))));
  return rule === 'hide' ? null : maskValue(String(value));
}

export function fieldRule(actor: Actor, entity: string, field: string): FieldRule | undefined {
  return actor.fieldRules[`${entity}.${field}`];
}

/** Applies the actor's field rules to one record (a copy): masked values, hidden ones null. */
export function applyFieldRules<T extends Record<string, unknown>>(
  actor: Actor,
  entity: string,
  record: T,
): T {
  let out: T | undefined;
  for (const [key, rule] of Object.entries(actor.fieldRules)) {
    const [ruleEntity, field] = key.split('.');
    if (ruleEntity !== entity || field === undefined || !(field in record)) continue;
    out ??= { ...record };
    (out as Record<string, unknown>)[field] = maskFieldValue(rule, record[field]);
  }
  return out ?? record;
}

/** Permission sets that can only grant what exists in the catalog. */
export function normalisePermissions(input: PermissionSet): PermissionSet {
  const out: PermissionSet = {};
  for (const entry of ENTITY_CATALOG) {
    const actions = (input[entry.key] ?? []).filter((a) => entry.actions.includes(a));
    if (actions.length) out[entry.key] = [...new Set(actions)];
  }
  return out;
}
