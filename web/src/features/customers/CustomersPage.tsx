import { DownOutlined, ImportOutlined, PlusOutlined, ReloadOutlined, SwapOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Dropdown, Flex, Space, Table, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { totalText } from '../../api';
import {
  ColumnChooser,
  CursorPager,
  PageHeader,
  useApiFeedback,
  useCursorPages,
  useStoredColumns,
} from '../../ui';
import { canManageCustomers } from './customer-permissions';
import { CustomerForm } from './CustomerForm';
import {
  customersKey,
  listCustomers,
  revealCustomerField,
  type BulkAction,
  type Customer,
  type CustomerFilters,
} from './customers.api';
import { phoneFragment } from './highlight';
import { TransferModal } from './TransferModal';
import { CustomerFilterBar } from './CustomerFilterBar';
import { BulkActionModal } from './BulkActionModal';
import { customFieldText, useCustomFieldDefs, useLocalLabel } from '../customization';
import { SavedViewsBar, type SavedViewConfig } from '../saved-views';
import { ExportButton } from '../exports';
import { CHOOSABLE_COLUMNS, DEFAULT_COLUMNS, SORTABLE_COLUMNS, useCustomerColumns } from './customer-columns';

const FILTER_KEYS = [
  'q',
  'ownerId',
  'lifecycleStatus',
  'grade',
  'province',
  'city',
  'type',
  'source',
  'tag',
  'kind',
] as const;
const COLUMNS_KEY = 'guanxi.customers.columns';

export function CustomersPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const { showError } = useApiFeedback();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const f: Record<string, string> = {};
    for (const key of FILTER_KEYS) {
      const v = params.get(key);
      if (v) f[key] = v;
    }
    for (const [key, v] of params) if (key.startsWith('cf.') && v) f[key] = v;
    return f as CustomerFilters;
  }, [params]);
  const sort = params.get('sort') ?? undefined;
  const [search, setSearch] = useState(filters.q ?? '');
  const [moreFilters, setMoreFilters] = useState(
    () => !!(filters.type || filters.source || filters.tag || filters.kind),
  );
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const [transferOpen, setTransferOpen] = useState(false);
  const [selected, setSelected] = useState<Customer[]>([]);
  const [revealed, setRevealed] = useState<Record<string, string[]>>({});
  const pages = useCursorPages(JSON.stringify({ filters, sort, pageSize }));
  const cfDefs = useCustomFieldDefs('customers').data ?? [];
  const localLabel = useLocalLabel();
  const columns = useStoredColumns(
    COLUMNS_KEY,
    [...CHOOSABLE_COLUMNS, ...cfDefs.map((d) => `cf.${d.key}`)],
    DEFAULT_COLUMNS,
  );
  const [bulkAction, setBulkAction] = useState<BulkAction | null>(null);

  const customers = useQuery({
    queryKey: [...customersKey, 'list', filters, sort, pages.cursor, pageSize],
    queryFn: () => listCustomers({ ...filters, sort, cursor: pages.cursor, limit: pageSize }),
    placeholderData: keepPreviousData,
  });
  const items = customers.data?.items ?? [];
  const fragment = phoneFragment(filters.q);
  const seenTags = useMemo(
    () => [...new Set(items.flatMap((c) => c.tags))].map((value) => ({ value })),
    [items],
  );

  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  const reveal = useMutation({
    mutationFn: (customer: Customer) => revealCustomerField(customer.id, 'phones'),
    onSuccess: (result, customer) => setRevealed((old) => ({ ...old, [customer.id]: result.value })),
    onError: (error) => showError(error),
  });

  const canCreate = can(me, 'customers', 'create');
  const canExport = can(me, 'customers', 'export');
  const canReveal = can(me, 'customers', 'reveal');
  const manager = canManageCustomers(me);

  const all = useCustomerColumns({
    sort,
    fragment,
    revealed,
    canReveal,
    revealingId: reveal.isPending ? reveal.variables?.id : undefined,
    onReveal: (c) => reveal.mutate(c),
    onOpen: (c) => navigate(`/customers/${c.id}`),
  });
  // The administrator's custom fields as choosable (and sortable, except multiple choices) columns.
  for (const def of cfDefs)
    all.splice(all.length - 1, 0, {
      key: `cf.${def.key}`,
      title: localLabel(def.label),
      width: 140,
      sorter: def.type !== 'multiChoice',
      sortOrder: sort === `cf.${def.key}` ? 'ascend' : sort === `-cf.${def.key}` ? 'descend' : null,
      render: (_: unknown, c: Customer) => customFieldText(def, c.customFields?.[def.key], localLabel),
    });
  const shown = all.filter((c) => c.key === 'name' || c.key === 'actions' || columns.visible.includes(c.key));
  const scrollX = shown.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 120), 0);

  const activeFilters = Object.keys(filters).filter((k) => k !== 'q').length;
  const canTag = can(me, 'customers', 'update');
  const canRelease = can(me, 'customerPool', 'delete');
  const bulkItems = [
    ...(manager
      ? [
          { key: 'assign', label: t('customerBulk.actions.assign') },
          { key: 'transfer', label: t('customerBulk.actions.transfer') },
        ]
      : []),
    ...(canTag
      ? [
          { key: 'addTags', label: t('customerBulk.actions.addTags') },
          { key: 'removeTags', label: t('customerBulk.actions.removeTags') },
        ]
      : []),
    ...(canRelease ? [{ key: 'release', label: t('customerBulk.actions.release'), danger: true }] : []),
  ];
  const applyView = (config: SavedViewConfig) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(config.filters))
      for (const v of Array.isArray(value) ? value : [value]) next.append(key, v);
    if (config.sort) next.set('sort', config.sort);
    setSearch(typeof config.filters.q === 'string' ? config.filters.q : '');
    setParams(next, { replace: true });
    if (config.columns?.length) columns.setVisible(config.columns.filter((c) => c !== 'name'));
  };

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        description={t('customers.description')}
        extra={
          <>
            {canExport ? (
              <ExportButton
                entity="customers"
                query={{ ...filters, sort }}
                columns={columns.visible.filter((c) => c !== 'actions')}
              />
            ) : null}
            {manager ? (
              <Button
                icon={<SwapOutlined />}
                onClick={() => {
                  setSelected([]);
                  setTransferOpen(true);
                }}
                data-testid="transfer-rep"
              >
                {t('customers.transfer.fromRep')}
              </Button>
            ) : null}
            {canCreate && can(me, 'imports', 'create') ? (
              <Button
                icon={<ImportOutlined />}
                onClick={() => navigate('/imports/new?entity=customers')}
                data-testid="import-customers"
              >
                {t('imports.importButton')}
              </Button>
            ) : null}
            {canCreate ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="create-customer"
              >
                {t('customers.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <SavedViewsBar
            entity="customers"
            current={{
              filters: { ...filters } as Record<string, string>,
              sort: sort ?? null,
              columns: columns.visible,
            }}
            onApply={applyView}
          />
        </Flex>
        <CustomerFilterBar
          filters={filters}
          search={search}
          onSearchChange={setSearch}
          update={update}
          moreFilters={moreFilters}
          onToggleMore={() => setMoreFilters((v) => !v)}
          tagOptions={seenTags}
        />
        <Flex justify="space-between" align="center" style={{ marginBottom: 12, minHeight: 32 }}>
          <Space size={12}>
            {selected.length ? (
              <>
                <Typography.Text>{t('customers.selected', { count: selected.length })}</Typography.Text>
                {bulkItems.length ? (
                  <Dropdown
                    trigger={['click']}
                    menu={{ items: bulkItems, onClick: ({ key }) => setBulkAction(key as BulkAction) }}
                  >
                    <Button size="small" data-testid="bulk-actions">
                      {t('customerBulk.menu')} <DownOutlined />
                    </Button>
                  </Dropdown>
                ) : null}
                <Button size="small" type="link" onClick={() => setSelected([])}>
                  {t('customers.clearSelection')}
                </Button>
              </>
            ) : (
              <Typography.Text type="secondary" data-testid="customers-summary">
                {filters.q
                  ? t('customers.searchResult', { q: filters.q, total: totalText(customers.data) ?? 0 })
                  : activeFilters
                    ? t('customers.filtered', { count: activeFilters })
                    : t('customers.searchHint')}
                {filters.q || activeFilters ? (
                  <Button
                    type="link"
                    size="small"
                    icon={<ReloadOutlined />}
                    onClick={() => {
                      setSearch('');
                      setParams(new URLSearchParams(), { replace: true });
                    }}
                    data-testid="customers-reset"
                  >
                    {t('customers.clearFilters')}
                  </Button>
                ) : null}
              </Typography.Text>
            )}
          </Space>
          <ColumnChooser
            columns={all
              .filter((c) => c.key !== 'actions')
              .map((c) => ({ key: c.key, title: c.title as string, fixed: c.key === 'name' }))}
            visible={columns.visible}
            onChange={columns.setVisible}
            onReset={columns.reset}
          />
        </Flex>
        <Table<Customer>
          rowKey="id"
          data-testid="customers-table"
          loading={customers.isFetching}
          dataSource={items}
          pagination={false}
          scroll={{ x: scrollX }}
          size="middle"
          columns={shown}
          rowSelection={
            bulkItems.length
              ? {
                  selectedRowKeys: selected.map((c) => c.id),
                  preserveSelectedRowKeys: true,
                  onChange: (_keys, rows) =>
                    setSelected((old) => {
                      const byId = new Map(old.map((c) => [c.id, c]));
                      const onPage = new Set(items.map((c) => c.id));
                      // Keep picks from other pages; this page's picks are what the table says.
                      for (const id of onPage) byId.delete(id);
                      for (const row of rows) if (row) byId.set(row.id, row);
                      return [...byId.values()];
                    }),
                }
              : undefined
          }
          onChange={(_p, _f, sorter) => {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Customer> | undefined;
            const field = typeof s?.columnKey === 'string' ? s.columnKey : undefined;
            update({
              sort:
                field && (SORTABLE_COLUMNS.has(field) || field.startsWith('cf.')) && s?.order
                  ? `${s.order === 'descend' ? '-' : ''}${field}`
                  : undefined,
            });
          }}
          locale={{
            emptyText: filters.q ? t('customers.noMatch', { q: filters.q }) : t('customers.empty'),
          }}
        />
        <CursorPager
          total={totalText(customers.data)}
          page={pages.page}
          hasPrev={pages.hasPrev}
          nextCursor={customers.data?.nextCursor}
          onPrev={pages.prev}
          onNext={pages.next}
          pageSize={pageSize}
          onPageSize={setPageSize}
          loading={customers.isFetching}
        />
      </Card>
      <CustomerForm
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(saved) => navigate(`/customers/${saved.id}`)}
      />
      <BulkActionModal
        action={bulkAction}
        selected={selected}
        onClose={() => setBulkAction(null)}
        onDone={() => setSelected([])}
      />
      <TransferModal
        open={transferOpen}
        selected={selected}
        onClose={() => setTransferOpen(false)}
        onDone={() => {
          setTransferOpen(false);
          setSelected([]);
        }}
      />
    </>
  );
}
