import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { AppLayout } from './app/AppLayout';
import { FullPageSpin } from './app/FullPageSpin';
import { RequireAuth } from './app/RequireAuth';
import { RouteError } from './app/RouteError';

/** Pages load on demand so the sign-in page stays small. */
const page = (load: () => Promise<ComponentType>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: await load() }),
});

const COMING_SOON = ['service', 'marketing'];

const comingSoon = (module: string): RouteObject => ({
  path: module,
  lazy: async () => {
    const { ComingSoonPage } = await import('./features/coming-soon');
    return { Component: () => <ComingSoonPage module={module} /> };
  },
});

const topLevel = { errorElement: <RouteError />, hydrateFallbackElement: <FullPageSpin /> };

export const router = createBrowserRouter([
  { path: '/setup', ...topLevel, ...page(async () => (await import('./features/setup')).SetupPage) },
  { path: '/login', ...topLevel, ...page(async () => (await import('./features/auth')).LoginPage) },
  {
    path: '/',
    ...topLevel,
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, ...page(async () => (await import('./features/dashboard')).DashboardPage) },
      { path: 'profile', ...page(async () => (await import('./features/profile')).ProfilePage) },
      { path: 'customers', ...page(async () => (await import('./features/customers')).CustomersPage) },
      {
        path: 'customers/:id',
        ...page(async () => (await import('./features/customers')).CustomerDetailPage),
      },
      {
        path: 'customer-pool',
        ...page(async () => (await import('./features/customer-pool')).CustomerPoolPage),
      },
      { path: 'contacts', ...page(async () => (await import('./features/contacts')).ContactsPage) },
      {
        path: 'opportunities',
        ...page(async () => (await import('./features/opportunities')).OpportunityBoardPage),
      },
      {
        path: 'opportunities/list',
        ...page(async () => (await import('./features/opportunities')).OpportunitiesListPage),
      },
      {
        path: 'opportunities/:id',
        ...page(async () => (await import('./features/opportunities')).OpportunityDetailPage),
      },
      { path: 'quotes', ...page(async () => (await import('./features/quotes')).QuotesListPage) },
      { path: 'quotes/new', ...page(async () => (await import('./features/quotes')).QuoteEditorPage) },
      {
        path: 'quotes/approvals',
        ...page(async () => (await import('./features/quotes')).QuoteApprovalsPage),
      },
      { path: 'quotes/:id', ...page(async () => (await import('./features/quotes')).QuoteEditorPage) },
      { path: 'products', ...page(async () => (await import('./features/products')).ProductsPage) },
      {
        path: 'products/price-lists',
        ...page(async () => (await import('./features/products')).PriceListsPage),
      },
      { path: 'partners', ...page(async () => (await import('./features/partners')).PartnersPage) },
      {
        path: 'dealer-reports',
        ...page(async () => (await import('./features/dealer-reports')).DealerReportsPage),
      },
      {
        path: 'dealer-reports/diagnosis',
        ...page(async () => (await import('./features/dealer-reports')).DealerDiagnosisPage),
      },
      {
        path: 'admin/pipelines',
        ...page(async () => (await import('./features/opportunities')).PipelinesPage),
      },
      { path: 'analytics', ...page(async () => (await import('./features/sales-analytics')).FunnelPage) },
      {
        path: 'analytics/funnel',
        ...page(async () => (await import('./features/sales-analytics')).FunnelPage),
      },
      {
        path: 'analytics/acquisition',
        ...page(async () => (await import('./features/sales-analytics')).AcquisitionPage),
      },
      { path: 'analytics/market', ...page(async () => (await import('./features/market')).MarketPage) },
      { path: 'imports', ...page(async () => (await import('./features/imports')).ImportHistoryPage) },
      { path: 'imports/new', ...page(async () => (await import('./features/imports')).ImportWizardPage) },
      { path: 'tasks', ...page(async () => (await import('./features/tasks')).TasksPage) },
      { path: 'calendar', ...page(async () => (await import('./features/tasks')).CalendarPage) },
      {
        path: 'contact-frequency',
        ...page(async () => (await import('./features/contact-frequency')).ContactFrequencyPage),
      },
      {
        path: 'admin/greetings',
        ...page(async () => (await import('./features/tasks')).GreetingSettingsPage),
      },
      {
        path: 'admin/contact-frequency',
        ...page(async () => (await import('./features/contact-frequency')).FrequencySettingsPage),
      },
      {
        path: 'interactions',
        ...page(async () => (await import('./features/interactions')).InteractionsPage),
      },
      { path: 'admin/users', ...page(async () => (await import('./features/users')).UsersPage) },
      {
        path: 'admin/departments',
        ...page(async () => (await import('./features/departments')).DepartmentsPage),
      },
      { path: 'admin/roles', ...page(async () => (await import('./features/roles')).RolesPage) },
      {
        path: 'admin/customer-pool',
        ...page(async () => (await import('./features/customer-pool')).PoolSettingsPage),
      },
      {
        path: 'admin/lead-assignment',
        ...page(async () => (await import('./features/lead-assignment')).LeadAssignmentPage),
      },
      {
        path: 'admin/custom-fields',
        ...page(async () => (await import('./features/customization')).CustomFieldsPage),
      },
      {
        path: 'admin/dictionaries',
        ...page(async () => (await import('./features/customization')).DictionariesPage),
      },
      { path: 'admin/api-keys', ...page(async () => (await import('./features/api-keys')).ApiKeysPage) },
      { path: 'admin/audit-log', ...page(async () => (await import('./features/audit-log')).AuditLogPage) },
      {
        path: 'admin/recycle-bin',
        ...page(async () => (await import('./features/recycle-bin')).RecycleBinPage),
      },
      { path: 'admin/jobs', ...page(async () => (await import('./features/jobs')).JobsPage) },
      { path: 'leads', ...page(async () => (await import('./features/leads')).LeadsPage) },
      { path: 'leads/:id', ...page(async () => (await import('./features/leads')).LeadDetailPage) },
      {
        path: 'admin/lead-forms',
        ...page(async () => (await import('./features/leads')).LeadFormsPage),
      },
      { path: 'orders', ...page(async () => (await import('./features/orders')).OrdersListPage) },
      { path: 'orders/new', ...page(async () => (await import('./features/orders')).OrderNewPage) },
      { path: 'orders/queue', ...page(async () => (await import('./features/orders')).OrderQueuePage) },
      { path: 'orders/:id', ...page(async () => (await import('./features/orders')).OrderDetailPage) },
      { path: 'receivables', ...page(async () => (await import('./features/receivables')).ReceivablesPage) },
      {
        path: 'receivables/ageing',
        ...page(async () => (await import('./features/receivables')).AgeingPage),
      },
      { path: 'credit/holds', ...page(async () => (await import('./features/receivables')).CreditHoldsPage) },
      {
        path: 'customers/:id/statement',
        ...page(async () => (await import('./features/receivables')).StatementPage),
      },
      ...COMING_SOON.map(comingSoon),
      { path: '*', ...page(async () => (await import('./app/NotFoundPage')).NotFoundPage) },
    ],
  },
]);
