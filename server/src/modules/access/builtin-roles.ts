import {
  ENTITY_CATALOG,
  type Action,
  type DataScope,
  type FieldRules,
  type PermissionSet,
} from './permissions.ts';

export interface RoleTemplate {
  key: string;
  name: { 'zh-CN': string; en: string };
  permissions: PermissionSet;
  dataScope: DataScope;
  fieldRules: FieldRules;
  isPortal?: boolean;
}

const all = (): PermissionSet => Object.fromEntries(ENTITY_CATALOG.map((e) => [e.key, [...e.actions]]));
const readOnly = (...keys: string[]): PermissionSet =>
  Object.fromEntries(keys.map((k) => [k, ['read' as const]]));
const maskContacts: FieldRules = { 'users.phone': 'mask' };
/** The customer archive (customers and their contacts) with the same actions on both. */
const archive = (...actions: Action[]): PermissionSet => ({
  customers: [...actions],
  contacts: [...actions],
  interactions: [...actions],
});
/** Everyone reads the form definitions and dictionaries and their shared views. */
const forms = (): PermissionSet => readOnly('customFields', 'dictionaries', 'savedViews');

/** The built-in roles of api.md, created with every organisation; administrators may edit them. */
export const BUILTIN_ROLES: RoleTemplate[] = [
  {
    key: 'admin',
    name: { 'zh-CN': '系统管理员', en: 'Administrator' },
    permissions: all(),
    dataScope: 'org',
    fieldRules: {},
  },
  {
    key: 'manager',
    name: { 'zh-CN': '销售经理', en: 'Sales manager' },
    permissions: {
      ...readOnly('departments', 'teams', 'roles', 'jobs'),
      users: ['read', 'export', 'reveal'],
      auditLog: ['read'],
      ...archive('read', 'create', 'update', 'export', 'reveal'),
      customerPool: ['read', 'update', 'create', 'delete'],
      tasks: ['read', 'create', 'update', 'delete'],
      ...forms(),
      savedViews: ['read', 'create', 'update', 'delete'],
      imports: ['read', 'create', 'delete'],
      leads: ['read', 'create', 'update', 'delete', 'export', 'reveal'],
      leadAssignment: ['read', 'update'],
      leadForms: ['read', 'create', 'update', 'delete'],
      opportunities: ['read', 'create', 'update', 'delete', 'export'],
      pipelines: ['read'],
      salesAnalytics: ['read', 'export'],
      marketStats: ['read', 'create', 'update', 'delete'],
      products: ['read', 'export'],
      partners: ['read', 'create', 'update', 'export'],
      quotes: ['read', 'create', 'update', 'delete', 'export'],
      quoteApproval: ['update'],
      orders: ['read', 'create', 'update', 'delete', 'export'],
      receivables: ['read', 'export'],
      credit: ['read'],
      dealerReports: ['read', 'create', 'update', 'delete', 'export'],
    },
    dataScope: 'department',
    fieldRules: {},
  },
  {
    key: 'sales',
    name: { 'zh-CN': '业务员', en: 'Sales rep' },
    // Own data scope: a rep sees their own customers' phones in clear.
    permissions: {
      ...readOnly('users', 'departments', 'teams', 'jobs'),
      ...archive('read', 'create', 'update'),
      customerPool: ['read', 'create', 'delete'],
      tasks: ['read', 'create', 'update'],
      ...forms(),
      // A rep imports their own trade-fair cards, sees and undoes their own imports.
      imports: ['read', 'create', 'delete'],
      leads: ['read', 'create', 'update'],
      opportunities: ['read', 'create', 'update'],
      ...readOnly(
        'pipelines',
        'salesAnalytics',
        'marketStats',
        'products',
        'partners',
        'receivables',
        'credit',
      ),
      quotes: ['read', 'create', 'update'],
      orders: ['read', 'create', 'update'],
      dealerReports: ['read', 'create', 'update'],
    },
    dataScope: 'own',
    fieldRules: { ...maskContacts, 'products.cost': 'hide' },
  },
  {
    key: 'service',
    name: { 'zh-CN': '客服', en: 'Customer service' },
    permissions: {
      ...readOnly('users', 'departments', 'teams', 'jobs'),
      ...archive('read'),
      interactions: ['read', 'create'],
      tasks: ['read', 'create', 'update'],
      ...readOnly('customerPool'),
      ...forms(),
    },
    dataScope: 'team',
    fieldRules: maskContacts,
  },
  {
    key: 'marketing',
    name: { 'zh-CN': '市场', en: 'Marketing' },
    permissions: {
      ...readOnly('users', 'departments', 'teams', 'jobs'),
      ...archive('read', 'export'),
      tasks: ['read', 'create', 'update'],
      ...readOnly('customerPool'),
      ...forms(),
      // Marketing runs the fairs and the web forms: it brings leads in and reads the funnel.
      leads: ['read', 'create', 'update', 'export'],
      leadForms: ['read', 'create', 'update', 'delete'],
      ...readOnly('leadAssignment', 'opportunities', 'pipelines'),
      salesAnalytics: ['read', 'export'],
      marketStats: ['read', 'create', 'update', 'delete'],
    },
    dataScope: 'org',
    fieldRules: maskContacts,
  },
  {
    key: 'finance',
    name: { 'zh-CN': '财务', en: 'Finance' },
    permissions: {
      ...readOnly('users', 'departments', 'teams', 'jobs'),
      ...archive('read'),
      tasks: ['read', 'create', 'update'],
      ...readOnly('customerPool', 'products', 'partners', 'quotes', 'dealerReports'),
      ...forms(),
      orders: ['read', 'update', 'export'],
      receivables: ['read', 'create', 'update', 'delete', 'export'],
      credit: ['read', 'update'],
    },
    dataScope: 'org',
    fieldRules: maskContacts,
  },
  {
    key: 'logistics',
    name: { 'zh-CN': '物流', en: 'Logistics' },
    permissions: {
      ...readOnly('users', 'departments', 'teams', 'jobs'),
      ...archive('read'),
      tasks: ['read', 'create', 'update'],
      ...readOnly('customerPool', 'products', 'partners'),
      ...forms(),
      orders: ['read', 'update'],
    },
    dataScope: 'org',
    fieldRules: maskContacts,
  },
  {
    key: 'readonly',
    name: { 'zh-CN': '只读', en: 'Read-only' },
    permissions: {
      ...readOnly('users', 'departments', 'teams', 'roles', 'jobs'),
      ...archive('read'),
      ...readOnly('customerPool', 'tasks'),
      ...readOnly('leads', 'opportunities', 'pipelines', 'salesAnalytics', 'marketStats'),
      ...readOnly('products', 'partners', 'quotes', 'orders', 'receivables', 'dealerReports'),
      ...forms(),
    },
    dataScope: 'org',
    fieldRules: {
      'users.phone': 'mask',
      'users.email': 'mask',
      'customers.phones': 'mask',
      'contacts.phones': 'mask',
      'leads.phones': 'mask',
      'products.cost': 'hide',
      'orders.profit': 'hide',
    },
  },
  {
    key: 'portal',
    name: { 'zh-CN': '客户门户用户', en: 'Portal user' },
    permissions: {},
    dataScope: 'own',
    fieldRules: {},
    isPortal: true,
  },
];
