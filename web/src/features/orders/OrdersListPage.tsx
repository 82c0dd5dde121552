import { InboxOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Input, Select, Table, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { CursorPager, PageHeader, formatDateTime, useCursorPages, useDebouncedValue } from '../../ui';
import { ExportButton } from '../exports';
import { SavedViewsBar, type SavedViewConfig } from '../saved-views';
import { UserSelect } from '../users';
import { listOrders, ordersKey, ORDER_STATUSES, type Order, type OrderFilters } from './orders.api';
import { moneyText, StatusTag } from './order-labels';

const EXPORT_COLUMNS = [
  'customerName',
  'status',
  'total',
  'currency',
  'profit',
  'onHold',
  'ownerName',
  'createdAt',
];

/** 订单列表: every order the user may see, with filters, sort and saved views. */
export function OrdersListPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const [filters, setFilters] = useState<OrderFilters>({});
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const [sort, setSort] = useState<string>('-createdAt');
  const [pageSize, setPageSize] = useState(20);
  const query = { ...filters, q: q || undefined };
  const pages = useCursorPages(JSON.stringify({ query, sort, pageSize }));
  const list = useQuery({
    queryKey: [...ordersKey, 'list', query, sort, pages.cursor, pageSize],
    queryFn: () => listOrders({ ...query, sort, cursor: pages.cursor, limit: pageSize }),
    placeholderData: keepPreviousData,
  });
  const set = (patch: Partial<OrderFilters>) => setFilters({ ...filters, ...patch });
  const sortOrder = (field: string) =>
    sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null;

  const columns: TableProps<Order>['columns'] = [
    {
      key: 'number',
      title: t('orders.fields.number'),
      sorter: true,
      sortOrder: sortOrder('number'),
      render: (_, o) => <Link to={`/orders/${o.id}`}>{o.number}</Link>,
    },
    { key: 'customerName', title: t('orders.fields.customer'), render: (_, o) => o.customerName ?? '—' },
    { key: 'status', title: t('orders.fields.status'), render: (_, o) => <StatusTag order={o} /> },
    {
      key: 'total',
      title: t('orders.fields.total'),
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('total'),
      render: (_, o) => moneyText(o.total, o.currency),
    },
    { key: 'owner', title: t('orders.fields.owner'), render: (_, o) => o.ownerName ?? '—' },
    {
      key: 'createdAt',
      title: t('orders.fields.createdAt'),
      sorter: true,
      sortOrder: sortOrder('createdAt'),
      render: (_, o) => formatDateTime(o.createdAt),
    },
    {
      key: 'updatedAt',
      title: t('orders.fields.updatedAt'),
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      render: (_, o) => formatDateTime(o.updatedAt),
    },
  ];

  const current: SavedViewConfig = {
    filters: Object.fromEntries(
      Object.entries(query).filter(([, v]) => v !== undefined && v !== ''),
    ) as Record<string, string>,
    sort,
  };

  return (
    <>
      <PageHeader
        title={t('orders.list.title')}
        extra={
          <>
            <Button icon={<InboxOutlined />} onClick={() => navigate('/orders/queue')}>
              {t('orders.queue.title')}
            </Button>
            {can(me, 'orders', 'export') ? (
              <ExportButton entity="orders" query={{ ...query, sort }} columns={EXPORT_COLUMNS} />
            ) : null}
            {can(me, 'orders', 'create') ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate('/orders/new')}
                data-testid="order-new"
              >
                {t('orders.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <SavedViewsBar
          entity="orders"
          current={current}
          onApply={(c) => {
            const { q: savedQ, ...rest } = (c.filters ?? {}) as Record<string, string>;
            setFilters(rest as OrderFilters);
            setSearch(savedQ ?? '');
            setSort(c.sort ?? '-createdAt');
          }}
        />
        <Flex gap={8} wrap style={{ margin: '12px 0' }}>
          <Input.Search
            allowClear
            style={{ width: 240 }}
            placeholder={t('orders.filters.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <Select
            allowClear
            style={{ minWidth: 140 }}
            placeholder={t('orders.fields.status')}
            value={filters.status}
            options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.status.${s}`) }))}
            onChange={(v) => set({ status: v || undefined })}
          />
          <Select
            allowClear
            style={{ minWidth: 140 }}
            placeholder={t('orders.filters.hold')}
            value={filters.onHold}
            options={[
              { value: 'true', label: t('orders.filters.onHold') },
              { value: 'false', label: t('orders.filters.notOnHold') },
            ]}
            onChange={(v) => set({ onHold: v || undefined })}
          />
          <UserSelect
            style={{ minWidth: 180 }}
            placeholder={t('orders.fields.owner')}
            value={filters.ownerId}
            onChange={(v) => set({ ownerId: v || undefined })}
          />
          <DatePicker.RangePicker
            placeholder={[t('orders.filters.createdFrom'), t('orders.filters.createdTo')]}
            value={[
              filters.createdFrom ? dayjs(filters.createdFrom) : null,
              filters.createdTo ? dayjs(filters.createdTo) : null,
            ]}
            onChange={(r) =>
              set({ createdFrom: r?.[0]?.format('YYYY-MM-DD'), createdTo: r?.[1]?.format('YYYY-MM-DD') })
            }
          />
        </Flex>
        <Table<Order>
          rowKey="id"
          data-testid="orders-table"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={false}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const field = s?.columnKey as string | undefined;
            setSort(!field || !s?.order ? '-createdAt' : s.order === 'ascend' ? field : `-${field}`);
          }}
        />
        <CursorPager
          total={list.data ? `${list.data.total}${list.data.totalCapped ? '+' : ''}` : undefined}
          page={pages.page}
          hasPrev={pages.hasPrev}
          nextCursor={list.data?.nextCursor}
          onPrev={pages.prev}
          onNext={pages.next}
          pageSize={pageSize}
          onPageSize={setPageSize}
          loading={list.isFetching}
        />
      </Card>
    </>
  );
}
