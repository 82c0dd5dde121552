// The module menu: one entry per module, administration entries shown by permission.
import {
  AppstoreOutlined,
  ShopOutlined,
  TagsOutlined,
  ApartmentOutlined,
  ApiOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  FieldTimeOutlined,
  GiftOutlined,
  ImportOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  ClusterOutlined,
  ContactsOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  DeleteOutlined,
  FileTextOutlined,
  FileDoneOutlined,
  CheckSquareOutlined,
  FormOutlined,
  FundOutlined,
  FunnelPlotOutlined,
  GlobalOutlined,
  LineChartOutlined,
  InboxOutlined,
  MessageOutlined,
  NotificationOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SlidersOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { can, type Me } from './session';

export interface NavItem {
  key: string;
  path: string;
  labelKey: string;
  icon: ReactNode;
  comingSoon?: boolean;
  visible?: (me: Me) => boolean;
  /** A group: the menu shows it as a submenu of these entries. */
  children?: NavItem[];
}

export const MODULES: NavItem[] = [
  { key: 'dashboard', path: '/', labelKey: 'nav.dashboard', icon: <DashboardOutlined /> },
  {
    key: 'customers',
    path: '/customers',
    labelKey: 'nav.customers',
    icon: <TeamOutlined />,
    visible: (me) => can(me, 'customers', 'read'),
  },
  {
    key: 'customer-pool',
    path: '/customer-pool',
    labelKey: 'nav.customerPool',
    icon: <InboxOutlined />,
    visible: (me) => can(me, 'customerPool', 'read'),
  },
  {
    key: 'contacts',
    path: '/contacts',
    labelKey: 'nav.contacts',
    icon: <ContactsOutlined />,
    visible: (me) => can(me, 'contacts', 'read'),
  },
  {
    key: 'imports',
    path: '/imports',
    labelKey: 'imports.nav',
    icon: <ImportOutlined />,
    visible: (me) => can(me, 'imports', 'read'),
  },
  {
    key: 'interactions',
    path: '/interactions',
    labelKey: 'interactions.title',
    icon: <MessageOutlined />,
    visible: (me) => can(me, 'interactions', 'read'),
  },
  {
    key: 'tasks',
    path: '/tasks',
    labelKey: 'tasks.nav.tasks',
    icon: <CarryOutOutlined />,
    visible: (me) => can(me, 'tasks', 'read'),
  },
  {
    key: 'calendar',
    path: '/calendar',
    labelKey: 'tasks.nav.calendar',
    icon: <CalendarOutlined />,
    visible: (me) => can(me, 'tasks', 'read'),
  },
  {
    key: 'contact-frequency',
    path: '/contact-frequency',
    labelKey: 'contactFrequency.nav.page',
    icon: <FieldTimeOutlined />,
    visible: (me) => can(me, 'customers', 'read'),
  },
  {
    key: 'leads',
    path: '/leads',
    labelKey: 'nav.leads',
    icon: <RiseOutlined />,
    visible: (me) => can(me, 'leads', 'read'),
  },
  {
    key: 'opportunities',
    path: '/opportunities',
    labelKey: 'nav.opportunities',
    icon: <FundOutlined />,
    visible: (me) => can(me, 'opportunities', 'read'),
  },
  {
    key: 'products-area',
    path: '/products',
    labelKey: 'products.nav.area',
    icon: <AppstoreOutlined />,
    visible: (me) => can(me, 'products', 'read') || can(me, 'partners', 'read'),
    children: [
      {
        key: 'products',
        path: '/products',
        labelKey: 'products.nav.catalogue',
        icon: <AppstoreOutlined />,
        visible: (me) => can(me, 'products', 'read'),
      },
      {
        key: 'price-lists',
        path: '/products/price-lists',
        labelKey: 'products.nav.priceLists',
        icon: <TagsOutlined />,
        visible: (me) => can(me, 'products', 'read'),
      },
      {
        key: 'partners',
        path: '/partners',
        labelKey: 'partners.nav',
        icon: <ShopOutlined />,
        visible: (me) => can(me, 'partners', 'read'),
      },
    ],
  },
  {
    key: 'quotes',
    path: '/quotes',
    labelKey: 'quotes.nav.list',
    icon: <FileDoneOutlined />,
    visible: (me) => can(me, 'quotes', 'read'),
  },
  {
    key: 'quote-approvals',
    path: '/quotes/approvals',
    labelKey: 'quotes.nav.approvals',
    icon: <CheckSquareOutlined />,
    visible: (me) => can(me, 'quoteApproval', 'update'),
  },
  {
    key: 'dealer-reports',
    path: '/dealer-reports',
    labelKey: 'dealerReports.nav.grid',
    icon: <LineChartOutlined />,
    visible: (me) => can(me, 'dealerReports', 'read'),
  },
  {
    key: 'dealer-diagnosis',
    path: '/dealer-reports/diagnosis',
    labelKey: 'dealerReports.nav.diagnosis',
    icon: <SafetyCertificateOutlined />,
    visible: (me) => can(me, 'dealerReports', 'read'),
  },
  {
    key: 'orders',
    path: '/orders',
    labelKey: 'nav.orders',
    icon: <FileTextOutlined />,
    visible: (me) => can(me, 'orders', 'read'),
  },
  {
    key: 'receivables-area',
    path: '/receivables',
    labelKey: 'receivables.nav.receivables',
    icon: <FundOutlined />,
    visible: (me) => can(me, 'receivables', 'read') || can(me, 'credit', 'read'),
    children: [
      {
        key: 'receivables',
        path: '/receivables',
        labelKey: 'receivables.nav.receivables',
        icon: <FileDoneOutlined />,
        visible: (me) => can(me, 'receivables', 'read'),
      },
      {
        key: 'receivables-ageing',
        path: '/receivables/ageing',
        labelKey: 'receivables.nav.ageing',
        icon: <BarChartOutlined />,
        visible: (me) => can(me, 'receivables', 'read'),
      },
      {
        key: 'credit-holds',
        path: '/credit/holds',
        labelKey: 'receivables.nav.holds',
        icon: <SafetyCertificateOutlined />,
        visible: (me) => can(me, 'credit', 'read'),
      },
    ],
  },
  {
    key: 'service',
    path: '/service',
    labelKey: 'nav.service',
    icon: <CustomerServiceOutlined />,
    comingSoon: true,
  },
  {
    key: 'marketing',
    path: '/marketing',
    labelKey: 'nav.marketing',
    icon: <NotificationOutlined />,
    comingSoon: true,
  },
  {
    key: 'analytics',
    path: '/analytics',
    labelKey: 'nav.analytics',
    icon: <BarChartOutlined />,
    visible: (me) => can(me, 'salesAnalytics', 'read') || can(me, 'marketStats', 'read'),
    children: [
      {
        key: 'analytics-funnel',
        path: '/analytics/funnel',
        labelKey: 'salesAnalytics.nav.funnel',
        icon: <FunnelPlotOutlined />,
        visible: (me) => can(me, 'salesAnalytics', 'read'),
      },
      {
        key: 'analytics-acquisition',
        path: '/analytics/acquisition',
        labelKey: 'salesAnalytics.nav.acquisition',
        icon: <LineChartOutlined />,
        visible: (me) => can(me, 'salesAnalytics', 'read'),
      },
      {
        key: 'analytics-market',
        path: '/analytics/market',
        labelKey: 'salesAnalytics.nav.market',
        icon: <GlobalOutlined />,
        visible: (me) => can(me, 'marketStats', 'read'),
      },
    ],
  },
];

const anyDelete = (me: Me) =>
  ['users', 'departments', 'teams', 'roles', 'customers', 'contacts', 'interactions', 'tasks'].some((e) =>
    can(me, e, 'delete'),
  );

export const ADMIN_ITEMS: NavItem[] = [
  {
    key: 'admin-users',
    path: '/admin/users',
    labelKey: 'nav.users',
    icon: <UserOutlined />,
    visible: (me) => can(me, 'users', 'read'),
  },
  {
    key: 'admin-departments',
    path: '/admin/departments',
    labelKey: 'nav.departments',
    icon: <ClusterOutlined />,
    visible: (me) => can(me, 'departments', 'read'),
  },
  {
    key: 'admin-roles',
    path: '/admin/roles',
    labelKey: 'nav.roles',
    icon: <SafetyCertificateOutlined />,
    visible: (me) => can(me, 'roles', 'read'),
  },
  {
    key: 'admin-customer-pool',
    path: '/admin/customer-pool',
    labelKey: 'nav.poolSettings',
    icon: <SlidersOutlined />,
    visible: (me) => can(me, 'customerPool', 'update'),
  },
  {
    key: 'admin-lead-assignment',
    path: '/admin/lead-assignment',
    labelKey: 'leadAssignment.nav.title',
    icon: <ApartmentOutlined />,
    visible: (me) => can(me, 'leadAssignment', 'read'),
  },
  {
    key: 'admin-custom-fields',
    path: '/admin/custom-fields',
    labelKey: 'customization.nav.customFields',
    icon: <FormOutlined />,
    visible: (me) => can(me, 'customFields', 'update'),
  },
  {
    key: 'admin-dictionaries',
    path: '/admin/dictionaries',
    labelKey: 'customization.nav.dictionaries',
    icon: <BookOutlined />,
    visible: (me) => can(me, 'dictionaries', 'update'),
  },
  {
    key: 'admin-pipelines',
    path: '/admin/pipelines',
    labelKey: 'opportunities.nav.pipelines',
    icon: <FundOutlined />,
    visible: (me) => can(me, 'pipelines', 'update'),
  },
  {
    key: 'admin-contact-frequency',
    path: '/admin/contact-frequency',
    labelKey: 'contactFrequency.nav.settings',
    icon: <FieldTimeOutlined />,
    visible: (me) => can(me, 'customerPool', 'update'),
  },
  {
    key: 'admin-greetings',
    path: '/admin/greetings',
    labelKey: 'tasks.nav.greetings',
    icon: <GiftOutlined />,
    visible: (me) => can(me, 'roles', 'update'),
  },
  {
    key: 'admin-lead-forms',
    path: '/admin/lead-forms',
    labelKey: 'leads.nav.forms',
    icon: <FormOutlined />,
    visible: (me) => can(me, 'leadForms', 'read'),
  },
  {
    key: 'admin-api-keys',
    path: '/admin/api-keys',
    labelKey: 'nav.apiKeys',
    icon: <ApiOutlined />,
    visible: (me) => can(me, 'apiKeys', 'read'),
  },
  {
    key: 'admin-audit-log',
    path: '/admin/audit-log',
    labelKey: 'nav.auditLog',
    icon: <AuditOutlined />,
    visible: (me) => can(me, 'auditLog', 'read'),
  },
  {
    key: 'admin-recycle-bin',
    path: '/admin/recycle-bin',
    labelKey: 'nav.recycleBin',
    icon: <DeleteOutlined />,
    visible: anyDelete,
  },
  {
    key: 'admin-jobs',
    path: '/admin/jobs',
    labelKey: 'nav.jobs',
    icon: <ScheduleOutlined />,
    visible: (me) => can(me, 'jobs', 'read'),
  },
];

export const ADMIN_ICON = <SettingOutlined />;

/** The menu key of the page at `pathname` (longest matching path wins). */
export function selectedKey(pathname: string): string {
  const all = [...MODULES, ...ADMIN_ITEMS].flatMap((item) => [item, ...(item.children ?? [])]);
  let best: NavItem | undefined;
  for (const item of all) {
    const matches =
      item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.key ?? '';
}
