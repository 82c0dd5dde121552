import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, Select, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../app/session';
import { CursorPager, PageHeader, formatDateTime, useCursorPages } from '../../ui';
import { orderQueue, ordersKey, QUEUE_DEPARTMENTS, type Order } from './orders.api';
import { moneyText, StatusTag } from './order-labels';

/** 部门待办: orders waiting for a department's next step (default: my role's). */
export function OrderQueuePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const mine = QUEUE_DEPARTMENTS.find((d) => d === me?.role?.key);
  const [department, setDepartment] = useState<string | undefined>(mine);
  const [pageSize, setPageSize] = useState(20);
  const pages = useCursorPages(JSON.stringify({ department, pageSize }));
  const list = useQuery({
    queryKey: [...ordersKey, 'queue', department, pages.cursor, pageSize],
    queryFn: () => orderQueue({ department, sort: 'updatedAt', cursor: pages.cursor, limit: pageSize }),
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<Order>['columns'] = [
    {
      key: 'number',
      title: t('orders.fields.number'),
      render: (_, o) => <Link to={`/orders/${o.id}`}>{o.number}</Link>,
    },
    { key: 'customer', title: t('orders.fields.customer'), render: (_, o) => o.customerName ?? '—' },
    { key: 'status', title: t('orders.fields.status'), render: (_, o) => <StatusTag order={o} /> },
    {
      key: 'next',
      title: t('orders.queue.next'),
      render: (_, o) => o.nextSteps.map((s) => t(`orders.steps.${s}`)).join(' / ') || '—',
    },
    {
      key: 'total',
      title: t('orders.fields.total'),
      align: 'right',
      render: (_, o) => moneyText(o.total, o.currency),
    },
    { key: 'owner', title: t('orders.fields.owner'), render: (_, o) => o.ownerName ?? '—' },
    {
      key: 'updatedAt',
      title: t('orders.queue.waitingSince'),
      render: (_, o) => formatDateTime(o.updatedAt),
    },
  ];
  return (
    <>
      <PageHeader title={t('orders.queue.title')} />
      <Card>
        <Flex gap={8} style={{ marginBottom: 12 }}>
          <Select
            style={{ minWidth: 200 }}
            value={department}
            placeholder={t('orders.queue.department')}
            data-testid="order-queue-department"
            options={QUEUE_DEPARTMENTS.map((d) => ({ value: d, label: t(`orders.departments.${d}`) }))}
            onChange={setDepartment}
          />
        </Flex>
        <Table<Order>
          rowKey="id"
          data-testid="order-queue-table"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={false}
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
