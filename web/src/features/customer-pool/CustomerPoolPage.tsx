import { InboxOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { CursorPager, Highlight, PageHeader, formatDateTime, useApiFeedback, useCursorPages } from '../../ui';
import { GradeTag, LifecycleTag, regionText } from '../customers/customer-cells';
import { customersKey } from '../customers/customers.api';
import { claimCustomer, listPool, poolKey, type PoolCustomer } from './pool.api';

const empty = <span style={{ color: '#bfbfbf' }}>—</span>;

/** 公海: customers nobody owns, for anyone allowed to take one. */
export function CustomerPoolPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? undefined;
  const [search, setSearch] = useState(q ?? '');
  const [pageSize, setPageSize] = useState(20);
  const pages = useCursorPages(JSON.stringify({ q, pageSize }));

  const pool = useQuery({
    queryKey: [...poolKey, 'list', q, pages.cursor, pageSize],
    queryFn: () => listPool({ q, cursor: pages.cursor, limit: pageSize }),
    placeholderData: keepPreviousData,
  });
  const items = pool.data?.items ?? [];

  const claim = useMutation({
    mutationFn: (c: PoolCustomer) => claimCustomer(c.id),
    onSuccess: (_claimed, c) => {
      showSuccess(t('pool.claimed', { name: c.name }));
      void queryClient.invalidateQueries({ queryKey: poolKey });
      void queryClient.invalidateQueries({ queryKey: customersKey });
    },
    // Refusals (cap reached, cooling down…) come with the server's own translated message.
    onError: (error) => {
      showError(error);
      void queryClient.invalidateQueries({ queryKey: poolKey });
    },
  });

  const setQ = (value: string | undefined) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        if (value) next.set('q', value);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );

  const canClaim = can(me, 'customerPool', 'create');
  const showLastOwner = items.some((c) => c.lastOwnerName);
  const showReleased = items.some((c) => c.releasedAt || c.reclaimedAt);

  const columns: TableColumnsType<PoolCustomer> = [
    {
      key: 'name',
      title: t('customers.fields.name'),
      width: 260,
      render: (_, c) => (
        <Link to={`/customers/${c.id}`} style={{ fontWeight: 500 }} data-testid={`pool-link-${c.id}`}>
          <Highlight segments={c.highlight} fallback={c.name} testId="customer-name" />
        </Link>
      ),
    },
    { key: 'region', title: t('customers.fields.region'), width: 180, render: (_, c) => regionText(c) },
    {
      key: 'grade',
      title: t('customers.fields.grade'),
      width: 90,
      render: (_, c) => <GradeTag grade={c.grade} />,
    },
    {
      key: 'lifecycleStatus',
      title: t('customers.fields.lifecycleStatus'),
      width: 110,
      render: (_, c) => <LifecycleTag status={c.lifecycleStatus} />,
    },
    ...(showLastOwner
      ? [
          {
            key: 'lastOwner',
            title: t('pool.lastOwner'),
            width: 120,
            render: (_: unknown, c: PoolCustomer) => c.lastOwnerName ?? empty,
          },
        ]
      : []),
    ...(showReleased
      ? [
          {
            key: 'releasedAt',
            title: t('pool.releasedAt'),
            width: 170,
            render: (_: unknown, c: PoolCustomer) => {
              const at = c.releasedAt ?? c.reclaimedAt;
              return at ? formatDateTime(at) : empty;
            },
          },
        ]
      : []),
    ...(canClaim
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 100,
            fixed: 'right' as const,
            render: (_: unknown, c: PoolCustomer) => (
              <Button
                type="link"
                size="small"
                loading={claim.isPending && claim.variables?.id === c.id}
                disabled={claim.isPending && claim.variables?.id !== c.id}
                onClick={() => claim.mutate(c)}
                data-testid={`pool-claim-${c.id}`}
              >
                {t('pool.claim')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader title={t('pool.title')} description={t('pool.description')} />
      <Card>
        <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            enterButton
            placeholder={t('customers.searchPlaceholder')}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              if (!e.target.value) setQ(undefined);
            }}
            onSearch={(value) => setQ(value.trim() || undefined)}
            style={{ width: 320 }}
            data-testid="pool-search"
          />
          <Typography.Text type="secondary" data-testid="pool-summary">
            {q
              ? t('customers.searchResult', { q, total: pool.data?.total ?? 0 })
              : t('pool.total', { total: pool.data?.total ?? 0 })}
          </Typography.Text>
        </Flex>
        <Table<PoolCustomer>
          rowKey="id"
          data-testid="pool-table"
          loading={pool.isFetching}
          dataSource={items}
          pagination={false}
          size="middle"
          scroll={{ x: 760 }}
          columns={columns}
          locale={{
            emptyText: (
              <Flex vertical align="center" gap={8} style={{ padding: 24, color: '#8c8c8c' }}>
                <InboxOutlined style={{ fontSize: 28 }} />
                {q ? t('customers.noMatch', { q }) : t('pool.empty')}
              </Flex>
            ),
          }}
        />
        <CursorPager
          total={pool.data?.total}
          page={pages.page}
          hasPrev={pages.hasPrev}
          nextCursor={pool.data?.nextCursor}
          onPrev={pages.prev}
          onNext={pages.next}
          pageSize={pageSize}
          onPageSize={setPageSize}
          loading={pool.isFetching}
        />
      </Card>
    </>
  );
}
